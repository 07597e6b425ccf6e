import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

// The compiled CLI, as `npx quire` runs it (npm test compiles src/ to lib/ first).
const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));
const version = (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;

function quire(args: string[], cwd: string, locale?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  if (locale !== undefined) {
    for (const key of Object.keys(env)) if (key === 'LANGUAGE' || key.startsWith('LC_')) delete env[key];
    env['LANG'] = locale;
  }
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('quire init', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = tempDir('quire-init-cli-');
  });
  afterAll(() => remove(cwd));

  it('is listed by --help', () => {
    const help = quire(['--help'], cwd);
    expect(help.stdout).toMatch(/init \[dir\]/);
  });

  it('creates a site in a new folder, prints what it wrote and the next steps', () => {
    const run = quire(['init', 'my-blog', '--lang', 'en', '--timezone', 'Asia/Shanghai'], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('created a quire site in my-blog/ (English, time zone Asia/Shanghai):\n  created   quire.config.ts\n');
    for (const file of ['content/posts/hello-world.md', 'package.json', '.gitignore', '.github/workflows/deploy.yml']) expect(run.stdout).toContain(`created   ${file}\n`);
    expect(run.stdout).toContain('  cd my-blog\n  npm install');
    expect(run.stdout).toContain(`(npm cannot find quire-ssg@^${version}? put its tarball in vendor/ and run: npm install --save-dev ./vendor/quire-ssg-${version}.tgz)`);
    expect(run.stdout).toContain('Source: GitHub Actions');
    const pkg = JSON.parse(readFileSync(path.join(cwd, 'my-blog/package.json'), 'utf8'));
    expect(pkg.devDependencies).toEqual({ 'quire-ssg': `^${version}` });
  });

  it('dates the first post now, in the chosen zone', () => {
    const before = Date.now();
    quire(['init', 'dated', '--timezone', 'Pacific/Kiritimati'], cwd);
    const date = /^date: (.+)$/m.exec(readFileSync(path.join(cwd, 'dated/content/posts/hello-world.md'), 'utf8'))![1]!;
    // UTC+14: the wall clock there is 14 hours ahead of UTC
    const asUtc = Date.parse(`${date.replace(' ', 'T')}Z`) - 14 * 3600_000;
    expect(asUtc).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(asUtc).toBeLessThanOrEqual(Date.now());
  });

  it('picks the language from the machine locale when --lang is not given', () => {
    quire(['init', 'zh'], cwd, 'zh_CN.UTF-8');
    expect(readFileSync(path.join(cwd, 'zh/quire.config.ts'), 'utf8')).toContain("language: 'zh-CN'");
    quire(['init', 'en'], cwd, 'en_GB.UTF-8');
    expect(readFileSync(path.join(cwd, 'en/quire.config.ts'), 'utf8')).toContain("language: 'en'");
  });

  it('writes an English site on a machine with no locale at all, and with LANG=C (as the docs say)', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    for (const key of Object.keys(env)) if (key === 'LANG' || key === 'LANGUAGE' || key.startsWith('LC_')) delete env[key];
    const bare = spawnSync(process.execPath, [bin, 'init', 'no-locale'], { cwd, encoding: 'utf8', env });
    expect(bare.stderr).toBe('');
    expect(readFileSync(path.join(cwd, 'no-locale/quire.config.ts'), 'utf8')).toContain("language: 'en'");
    quire(['init', 'c-locale'], cwd, 'C');
    expect(readFileSync(path.join(cwd, 'c-locale/quire.config.ts'), 'utf8')).toContain("language: 'en'");
  });

  it('refuses a folder that is not empty: exit 1, a code, a hint, no stack trace, nothing written', () => {
    writeFiles(cwd, { 'busy/notes.txt': 'mine' });
    const run = quire(['init', 'busy'], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error[InitFolderNotEmpty] busy is not empty (notes.txt)');
    expect(run.stderr).toContain('hint:');
    expect(run.stderr).toContain('init failed: nothing was written');
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(existsSync(path.join(cwd, 'busy/quire.config.ts'))).toBe(false);
  });

  it('writes beside other files with --force and says which it overwrote', () => {
    writeFiles(cwd, { 'forced/notes.txt': 'mine', 'forced/content/pages/about.md': 'old' });
    const run = quire(['init', 'forced', '--force', '--lang', 'zh-CN'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('overwrote content/pages/about.md\n');
    expect(readFileSync(path.join(cwd, 'forced/notes.txt'), 'utf8')).toBe('mine');
  });

  it('rejects an unknown --lang with exit 1', () => {
    const run = quire(['init', 'fr', '--lang', 'fr'], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error[InitInvalidOption] --lang "fr"');
    expect(run.stderr).toContain('hint: use one of zh-CN, en');
    expect(existsSync(path.join(cwd, 'fr'))).toBe(false);
  });

  it('reports a mistyped or incomplete option as the user’s mistake, not an internal error', () => {
    const typo = quire(['init', 'typo', '--langg', 'en'], cwd);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe('error[InvalidOption] unknown option --langg for `quire init`\n  hint: did you mean --lang? `quire init --help` lists the options\n');
    const missing = quire(['init', 'typo', '--lang'], cwd);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error[InvalidOption] option --lang <lang> value is missing\n  hint: `quire init --help` lists the options');
    expect(existsSync(path.join(cwd, 'typo'))).toBe(false);
  });
});
