import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configJson, remove, tempDir, writeFiles } from './helpers/site-fixture.js';

// The compiled CLI, as `npx quire` runs it (npm test compiles src/ to lib/ first).
const bin = fileURLToPath(new URL('../bin/quire.js', import.meta.url));

function quire(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('quire CLI', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson(),
      'content/posts/hello.md': '---\ntitle: 你好\ndate: 2025-07-09 06:48:00\ntags: [随笔]\n---\n正文。\n',
      'content/pages/about.md': '# About\n\nMe.\n',
    });
  });
  afterAll(() => remove(root));

  it('prints help and version and exits 0', () => {
    const help = quire(['--help'], root);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('build');
    const version = quire(['--version'], root);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/\d+\.\d+\.\d+/);
  });

  it('builds a site, prints a one-line summary and exits 0', () => {
    const run = quire(['build', '--base-url', 'https://example.org/sub/'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^built \d+ pages \(1 post\) and \d+ files into dist\/ in (\d+ ms|\d+\.\d s)\n$/);
    const html = readFileSync(path.join(root, 'dist/posts/hello/index.html'), 'utf8');
    expect(html).toContain('>2025-07-09</time>');
    expect(html).toContain('href="/sub/tags/%E9%9A%8F%E7%AC%94/"');
  });

  it('says when the next post dated in the future is due, in the site zone, and again when the site is up to date', () => {
    writeFiles(root, { 'content/posts/later.md': '---\ntitle: Later\ndate: 2099-03-04 05:06:00\n---\nx\n' });
    try {
      for (let i = 0; i < 2; i++) {
        const run = quire(['build'], root);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('\n  next scheduled: 2099-03-04 05:06 (Asia/Shanghai): an entry dated then appears at the first build after it\n');
      }
    } finally {
      remove(path.join(root, 'content/posts/later.md'));
    }
  });

  it('honours --out, --drafts and --config', () => {
    writeFiles(root, {
      'other.yaml': 'title: Other\ntimezone: Asia/Shanghai\nurl: https://example.org/\n',
      'content/posts/wip.md': '---\ntitle: WIP\ndraft: true\ndate: 2025-01-01\n---\nx\n',
    });
    const run = quire(['build', '--config', 'other.yaml', '--out', 'out2', '--drafts'], root);
    expect(run.code).toBe(0);
    expect(existsSync(path.join(root, 'out2/posts/wip/index.html'))).toBe(true);
    expect(readFileSync(path.join(root, 'out2/index.html'), 'utf8')).toContain('<title>Other</title>');
  });

  it('builds with --no-cache and --threads, says with --verbose what the cache saved, and rejects a bad thread count', () => {
    const fresh = tempDir();
    try {
      writeFiles(fresh, { 'quire.config.json': configJson(), 'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\nText.\n' });
      const uncached = quire(['build', '--no-cache', '--threads', '1', '--verbose'], fresh);
      expect(uncached.code).toBe(0);
      expect(uncached.stdout).toMatch(/cache: 0 of 1 sources not parsed again, 0 of 1 entries not rendered again, 0 of \d+ pages kept; main thread only;/);
      expect(existsSync(path.join(fresh, '.quire-cache'))).toBe(false);
      quire(['build'], fresh);
      // --force: past the "up to date" check (start-build.test.ts), into the caches.
      const warm = quire(['build', '--verbose', '--force'], fresh);
      expect(warm.stdout).toMatch(/cache: 1 of 1 sources not parsed again, 1 of 1 entries not rendered again, (\d+) of \1 pages kept; main thread only; 0 files written, \d+ unchanged\n/);
      const bad = quire(['build', '--threads', '0'], fresh);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--threads must be a whole number from 1 to 256, not 0');
    } finally {
      remove(fresh);
    }
  });

  it('fails with exit 1, file:line:column, a hint and no stack trace', () => {
    const broken = tempDir();
    try {
      writeFiles(broken, {
        'quire.config.json': configJson(),
        'content/posts/bad.md': '---\ntitle: Bad\ndate: 2025-13-45\n---\nx\n',
      });
      const run = quire(['build'], broken);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error[InvalidDate] content/posts/bad.md:3:7:');
      expect(run.stderr).toContain('hint:');
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(existsSync(path.join(broken, 'dist'))).toBe(false);
    } finally {
      remove(broken);
    }
  });

  it('suggests the closest config key for a typo', () => {
    const typo = tempDir();
    try {
      writeFiles(typo, { 'quire.config.yaml': 'title: T\ntimezone: UTC\npaginte: 5\n', 'content/posts/a.md': '# A\n' });
      const run = quire(['build'], typo);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('quire.config.yaml:3');
      expect(run.stderr).toContain('did you mean `paginate`?');
    } finally {
      remove(typo);
    }
  });

  it('prints a weekly issue as text or e-mail with `quire digest`, and exits 1 for a missing one', () => {
    writeFiles(root, {
      'content/weekly/0003.md': '---\ntitle: 工具箱\ndate: 2025-07-13 20:00\n---\n导语 [链接](https://example.com/a)。\n',
    });
    const text = quire(['digest', '3', '--format', 'text'], root);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('周报 3 —— 工具箱');
    expect(text.stdout).toContain('[1] https://example.com/a');
    const email = quire(['digest', '3'], root);
    expect(email.stdout).toMatch(/^<!doctype html>/i);
    expect(email.stdout).not.toContain('<style');
    const missing = quire(['digest', '4'], root);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('published issues: 3');
  });

  it('stops quietly when the reader of its output goes away (EPIPE), without a stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'digest', '3', '--format', 'text'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(code).toBe(0);
  });

  it('names a --root that does not exist', () => {
    const missing = path.join(root, 'no-such-site');
    const run = quire(['build', '--root', missing], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error[InvalidOption] --root ${missing}: there is no folder ${missing}`);
  });

  it('rejects an unknown command with a code and the command that was meant', () => {
    const run = quire(['bild'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error[UnknownCommand] unknown command "bild"\n  hint: did you mean `quire build`? the commands are build, dev, new, check, digest, init; `quire --help` describes them\n');
    expect(quire(['serve'], root).stderr).toContain('did you mean `quire dev`?');
    expect(quire(['xyzzy'], root).stderr).not.toContain('did you mean');
  });

  it('rejects an unknown option with the one that was meant', () => {
    const run = quire(['build', '--draft'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error[InvalidOption] unknown option --draft for `quire build`\n  hint: did you mean --drafts? `quire build --help` lists the options\n');
  });

  it('says what a command without its arguments needs, with a code and an example', () => {
    const run = quire(['new'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error[InvalidOption] `quire new` needs its arguments: quire new <kind> [...title]\n  hint: e.g. quire new post "标题"; the kinds are post, page, note and weekly\n');
    expect(quire(['digest'], root).stderr).toContain('error[InvalidOption] `quire digest` needs its arguments: quire digest <number>');
  });

  it('describes --no-cache without a misleading "(default: true)"', () => {
    const help = quire(['build', '--help'], root).stdout;
    expect(help).toMatch(/--no-cache +Neither read nor write the build cache \(\.quire-cache\/; used unless this is given\)\s*\n/);
    expect(help).not.toContain('(default: true)');
  });
});
