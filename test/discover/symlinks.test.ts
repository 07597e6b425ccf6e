/**
 * Symbolic links that lead out of the project (or into .git/, the cache or the output), FIFOs,
 * through the real build: each attack is dropped into a copy of a site built once; a refused link
 * is an UnsafeSymlink error naming the link, the previous dist/ stays byte-identical, the secret
 * behind the link appears nowhere in dist/, and nothing outside the project changes.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { discoverSources } from '../../src/discover/discover-sources.js';
import { readGuard } from '../../src/discover/read-guard.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { buildOutcome, snapshot } from '../helpers/hostile-site.js';
import { configJson, hashTree, listTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const SECRET = 'SECRET-7f3a9c-do-not-publish';
const TOKEN = 'AUTHORIZATION: basic ZmFrZS10b2tlbi0xMjM0NQ==';

describe('symbolic links and special files in a site', () => {
  let scratch: string;
  let baseline: string;
  let outside: string;
  let cases = 0;

  beforeAll(async () => {
    scratch = tempDir('quire-symlinks-');
    outside = path.join(scratch, 'outside');
    writeFiles(outside, { 'shadow': `root:${SECRET}:19000:0:99999:7:::\n`, 'secret.txt': `${SECRET}\n`, 'shared/ok.txt': 'shared on purpose\n' });
    chmodSync(path.join(outside, 'shadow'), 0o640);
    baseline = path.join(scratch, 'baseline');
    writeFiles(baseline, {
      'quire.config.json': configJson(),
      'content/posts/hello.md': '---\ntitle: Hello\ndate: 2025-01-02\n---\n\nHello.\n',
      'content/pages/about.md': '---\ntitle: About\n---\n\nAbout.\n',
      'public/robots-extra.txt': 'ok\n',
      // A checkout's settings with the CI token, as actions/checkout leaves them.
      '.git/config': `[http "https://github.com/"]\n\textraheader = ${TOKEN}\n`,
    });
    await build({ root: baseline, now: NOW, threads: 1 });
  });
  afterAll(() => remove(scratch));

  /** A copy of the built site with `attack` applied. */
  const siteWith = (attack: (site: string) => void): string => {
    const site = path.join(scratch, `case-${++cases}`);
    cpSync(baseline, site, { recursive: true, verbatimSymlinks: true });
    attack(site);
    return site;
  };

  /** Build the attacked site: it must fail with these UnsafeSymlink errors, and change nothing. */
  const expectRefused = async (site: string, links: readonly { file: string; message: RegExp }[]) => {
    const dist = path.join(site, 'dist');
    const before = hashTree(dist);
    const around = { outside: snapshot(outside), baseline: snapshot(baseline) };
    const projectBefore = snapshot(site, ['dist', '.quire-cache']);
    const outcome = await buildOutcome({ root: site, now: NOW, threads: 1 });
    expect(outcome.ok).toBe(false);
    const errors = outcome.ok ? [] : outcome.diagnostics.filter((d) => d.severity === 'error');
    for (const link of links) {
      const found = errors.find((d) => d.code === 'UnsafeSymlink' && d.file === link.file);
      expect(found, `an UnsafeSymlink error for ${link.file} in ${JSON.stringify(errors)}`).toBeDefined();
      expect(found!.message).toContain(`${link.file} is a symbolic link to `);
      expect(found!.message).toMatch(link.message);
      expect(found!.hint).toMatch(/allowSymlinksTo/);
    }
    expect(errors.filter((d) => d.code !== 'UnsafeSymlink')).toEqual([]);
    expect(hashTree(dist)).toEqual(before);
    for (const rel of listTree(dist)) {
      const text = readFileSync(path.join(dist, rel), 'latin1');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('ZmFrZS10b2tlbi0xMjM0NQ');
      expect(text).not.toMatch(/root:x:0:0/);
    }
    expect({ outside: snapshot(outside), baseline: snapshot(baseline) }).toEqual(around);
    expect(snapshot(site, ['dist', '.quire-cache'])).toEqual(projectBefore);
    return errors;
  };

  it('refuses content/posts/passwd.md -> /etc/passwd', async () => {
    const site = siteWith((s) => symlinkSync('/etc/passwd', path.join(s, 'content/posts/passwd.md')));
    const [error] = await expectRefused(site, [{ file: 'content/posts/passwd.md', message: /to \/etc\/passwd, which is outside the project/ }]);
    expect(error!.message).toBe('content/posts/passwd.md is a symbolic link to /etc/passwd, which is outside the project; quire does not read it');
  });

  it('refuses content/posts/gitcfg.md -> ../../.git/config (the CI token)', async () => {
    const site = siteWith((s) => symlinkSync('../../.git/config', path.join(s, 'content/posts/gitcfg.md')));
    await expectRefused(site, [{ file: 'content/posts/gitcfg.md', message: /to \.\.\/\.\.\/\.git\/config \(\.git\/config\), which is inside a \.git folder/ }]);
  });

  it('refuses public/shadow.txt -> a 0640 file outside the project, and public/parent -> .. (the project itself)', async () => {
    const site = siteWith((s) => {
      symlinkSync(path.join(outside, 'shadow'), path.join(s, 'public/shadow.txt'));
      symlinkSync('..', path.join(s, 'public/parent'));
    });
    await expectRefused(site, [
      { file: 'public/shadow.txt', message: /outside the project/ },
      { file: 'public/parent', message: /to \.\. \(the project folder\), which is the project folder itself/ },
    ]);
  });

  it('refuses a bundle file linked outside, and links into the output folder and the build cache', async () => {
    const site = siteWith((s) => {
      writeFiles(s, { 'content/posts/trip/index.md': '---\ntitle: Trip\ndate: 2025-02-02\n---\n\n![x](data.txt)\n' });
      symlinkSync(path.join(outside, 'secret.txt'), path.join(s, 'content/posts/trip/data.txt'));
      symlinkSync('../../dist/index.html', path.join(s, 'content/pages/copy.md'));
      symlinkSync('../.quire-cache', path.join(s, 'public/cache'));
    });
    await expectRefused(site, [
      { file: 'content/posts/trip/data.txt', message: /outside the project/ },
      { file: 'content/pages/copy.md', message: /which is inside the output folder/ },
      { file: 'public/cache', message: /which is inside the build cache/ },
    ]);
  });

  it('does not walk into content/posts/rootfs -> / (one error, at once)', { timeout: 20_000 }, async () => {
    const site = siteWith((s) => symlinkSync('/', path.join(s, 'content/posts/rootfs')));
    await expectRefused(site, [{ file: 'content/posts/rootfs', message: /to \/, which contains the project folder/ }]);
  });

  it('reports every refused link of content/, public/ and templates/ in one run', async () => {
    const site = siteWith((s) => {
      symlinkSync('/etc/passwd', path.join(s, 'content/posts/passwd.md'));
      symlinkSync(path.join(outside, 'secret.txt'), path.join(s, 'public/secret.txt'));
      mkdirSync(path.join(s, 'templates/static'), { recursive: true });
      symlinkSync(path.join(outside, 'secret.txt'), path.join(s, 'templates/post.liquid'));
      symlinkSync(outside, path.join(s, 'templates/static/out'));
    });
    const errors = await expectRefused(site, [
      { file: 'content/posts/passwd.md', message: /outside the project/ },
      { file: 'public/secret.txt', message: /outside the project/ },
      { file: 'templates/post.liquid', message: /outside the project/ },
      { file: 'templates/static/out', message: /outside the project/ },
    ]);
    expect(errors).toHaveLength(4);
  });

  it('keeps links inside the project, and links to a folder allowed by `allowSymlinksTo`; copies lose special modes', async () => {
    const site = siteWith((s) => {
      writeFiles(s, { 'shared/note.md': '---\ntitle: Shared note\ndate: 2025-03-03\n---\n\nShared text.\n', 'assets/logo.txt': 'logo\n', 'quire.config.json': configJson({ allowSymlinksTo: ['../outside/shared'] }) });
      symlinkSync('../../shared/note.md', path.join(s, 'content/posts/shared-note.md'));
      symlinkSync('../assets', path.join(s, 'public/assets'));
      symlinkSync(path.join(outside, 'shared/ok.txt'), path.join(s, 'public/ok.txt'));
      writeFileSync(path.join(s, 'public/private.txt'), 'mine\n', { mode: 0o600 });
      chmodSync(path.join(s, 'public/private.txt'), 0o600);
    });
    const result = await build({ root: site, now: NOW, threads: 1 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const dist = path.join(site, 'dist');
    expect(readFileSync(path.join(dist, 'posts/shared-note/index.html'), 'utf8')).toContain('Shared text.');
    expect(readFileSync(path.join(dist, 'assets/logo.txt'), 'utf8')).toBe('logo\n');
    expect(readFileSync(path.join(dist, 'ok.txt'), 'utf8')).toBe('shared on purpose\n');
    expect(statSync(path.join(dist, 'private.txt')).mode & 0o777).toBe(0o644);
  });

  it('refuses an outside folder that is not the one allowed', async () => {
    const site = siteWith((s) => {
      writeFiles(s, { 'quire.config.json': configJson({ allowSymlinksTo: ['../outside/shared'] }) });
      symlinkSync(path.join(outside, 'secret.txt'), path.join(s, 'public/secret.txt'));
    });
    await expectRefused(site, [{ file: 'public/secret.txt', message: /outside the project/ }]);
  });

  it('skips a FIFO in content/, public/ and templates/ with a warning, without hanging', { timeout: 30_000 }, async () => {
    const site = siteWith((s) => {
      mkdirSync(path.join(s, 'templates'), { recursive: true });
      for (const rel of ['content/posts/pipe.md', 'public/pipe.txt', 'templates/post.liquid']) execFileSync('mkfifo', [path.join(s, rel)]);
    });
    const result = await build({ root: site, now: NOW, threads: 1 });
    const warnings = result.diagnostics.filter((d: Diagnostic) => d.severity === 'warning' && /named pipe/.test(d.message)).map((d) => d.file);
    expect(warnings.sort()).toEqual(['content/posts/pipe.md', 'public/pipe.txt', 'templates/post.liquid']);
    expect(readFileSync(path.join(site, 'dist/posts/hello/index.html'), 'utf8')).toContain('Hello.');
    expect(listTree(path.join(site, 'dist'))).not.toContain('pipe.txt');
  });
});

describe('discoverSources with a guard', () => {
  it('reports a refused link without following it, and a loop as a warning', () => {
    const root = tempDir();
    try {
      writeFiles(root, { 'content/posts/a.md': '---\ntitle: A\n---\n' });
      symlinkSync('/', path.join(root, 'content/posts/rootfs'));
      symlinkSync('.', path.join(root, 'content/posts/loop'));
      const { sources, diagnostics } = discoverSources(path.join(root, 'content'), readGuard({ root }));
      expect(sources.map((s) => s.rel)).toEqual(['posts/a.md']);
      expect(diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}`)).toEqual(['warning ReadError content/posts/loop', 'error UnsafeSymlink content/posts/rootfs']);
    } finally {
      remove(root);
    }
  });
});
