import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';
import { initSite, packageName, type InitOptions, type InitResult } from '../../src/init/init-site.js';
import { listTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// 23:30 in Shanghai is still the 22nd in UTC and in the test machine's zone (Los Angeles).
const NOW = new Date('2026-11-22T15:30:05Z');
const LATER = new Date('2026-11-23T00:00:00Z');

function options(dir: string, extra: Partial<InitOptions> = {}): InitOptions {
  return { dir, displayDir: path.basename(dir), language: 'en', timezone: 'Asia/Shanghai', now: NOW, force: false, quireVersion: '1.2.3', ...extra };
}

function initErrors(opts: InitOptions): Diagnostic[] {
  try {
    initSite(opts);
  } catch (error) {
    if (error instanceof QuireError) return [...error.diagnostics];
    throw error;
  }
  throw new Error('quire init was expected to fail');
}

/** `import ... from 'quire-ssg'` in the new config resolves as it would once quire is installed. */
function linkQuire(dir: string): void {
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(repo, path.join(dir, 'node_modules', 'quire-ssg'), 'dir');
}

let tmp: string;
beforeAll(() => {
  tmp = tempDir('quire-init-');
});
afterAll(() => remove(tmp));

const SCAFFOLD_TREE = [
  '.github/workflows/deploy.yml',
  '.gitignore',
  'content/notes/shiki.md',
  'content/pages/about.md',
  'content/posts/hello-world.md',
  'content/weekly/0001.md',
  'package.json',
  'quire.config.ts',
];

describe.each([
  { language: 'en' as const, title: 'Hello, quire', about: 'About', home: 'My Blog' },
  { language: 'zh-CN' as const, title: '你好，quire', about: '关于', home: '我的博客' },
])('a new $language site', ({ language, title, about, home }) => {
  let dir: string;
  let result: InitResult;
  const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');

  beforeAll(() => {
    dir = path.join(tmp, `new-${language}`, 'My Blog');
    result = initSite(options(dir, { language }));
  });

  it('writes the scaffold into a new folder and lists every file, config first', () => {
    expect(listTree(dir)).toEqual(SCAFFOLD_TREE);
    expect(result.files.map((f) => f.action)).toEqual(SCAFFOLD_TREE.map(() => 'created'));
    expect(result.files[0]!.path).toBe('quire.config.ts');
    expect([...result.files.map((f) => f.path)].sort()).toEqual(SCAFFOLD_TREE);
  });

  it('fills in every placeholder: language, zone, and now in that zone', () => {
    for (const rel of SCAFFOLD_TREE) expect(read(rel), rel).not.toMatch(/%%\w+%%/);
    const config = read('quire.config.ts');
    expect(config).toContain("import { defineConfig } from 'quire-ssg';");
    expect(config).toContain(`language: '${language}'`);
    expect(config).toContain("timezone: 'Asia/Shanghai'");
    expect(config).toMatch(/title: '.+'/);
    expect(config).toMatch(/url: 'https:\/\/.+\/'/);
    const post = read('content/posts/hello-world.md');
    expect(post).toContain('date: 2026-11-22 23:30:05\n');
    expect(post).toContain('<!-- more -->');
    const issue = read('content/weekly/0001.md');
    expect(issue).toMatch(/^---\nissue: 1\n/);
    expect(issue).toContain('week: 2026-W47\n');
    const note = read('content/notes/shiki.md');
    for (const field of ['title: ', 'date: 2026-11-22 23:30:05', 'link: https://', 'section: ']) expect(note).toContain(field);
  });

  it('writes package.json with build and dev scripts and the running quire as a dev dependency', () => {
    expect(JSON.parse(read('package.json'))).toEqual({
      name: 'my-blog',
      version: '0.0.0',
      private: true,
      type: 'module',
      scripts: { build: 'quire build', dev: 'quire dev --drafts --future' },
      devDependencies: { 'quire-ssg': '^1.2.3' },
    });
    expect(read('.gitignore').split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'dist/', '.quire-cache/']));
  });

  it('builds at once, without a warning, the relative link resolved', async () => {
    linkQuire(dir);
    const built = await build({ root: dir, now: LATER });
    expect(built.diagnostics).toEqual([]);
    expect(built.posts).toBe(1);
    const out = (rel: string) => readFileSync(path.join(dir, 'dist', rel), 'utf8');
    const post = out('posts/hello-world/index.html');
    expect(post).toContain(title);
    expect(post).toContain('<time datetime="2026-11-22T23:30:05.000+08:00">');
    expect(post).toContain('href="/about/"');
    expect(post).toMatch(/<pre class="shiki/);
    expect(out('about/index.html')).toContain(about);
    expect(out('index.html')).toContain(home);
    expect(out('index.html')).toContain(`lang="${language}"`);
  });
});

describe('a folder that is not empty', () => {
  it('is refused, naming what is there, and nothing is written', () => {
    const dir = path.join(tmp, 'busy');
    writeFiles(dir, { 'notes.txt': 'mine', 'content/posts/old.md': '# Old\n' });
    const errors = initErrors(options(dir));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'InitFolderNotEmpty', message: expect.stringContaining('content, notes.txt') });
    expect(errors[0]!.hint).toContain('or add --force (after `--` with npm create: `-- --force`)');
    expect(listTree(dir)).toEqual(['content/posts/old.md', 'notes.txt']);
  });

  it('counts as empty when it holds only what a new repository or `npm install -D quire-ssg` leaves', () => {
    const dir = path.join(tmp, 'repo');
    const pkg = { name: 'blog', version: '1.0.0', scripts: { test: 'echo ok' }, devDependencies: { 'quire-ssg': 'file:vendor/quire-ssg-0.1.0.tgz' } };
    writeFiles(dir, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'README.md': '# blog\n',
      LICENSE: 'MIT\n',
      '.gitignore': '/node_modules\n*.log',
      'package.json': `${JSON.stringify(pkg, null, 4)}\n`,
      'package-lock.json': '{}\n',
      'node_modules/.package-lock.json': '{}\n',
      'vendor/quire-ssg-0.1.0.tgz': 'tarball',
    });
    const result = initSite(options(dir));
    const byPath = Object.fromEntries(result.files.map((f) => [f.path, f]));
    expect(byPath['package.json']).toMatchObject({ action: 'updated', added: ['scripts.build', 'scripts.dev'] });
    expect(byPath['.gitignore']).toMatchObject({ action: 'updated', added: ['dist/', '.quire-cache/', '.*.quire-new-*', '.*.quire-old-*', '.*.quire-lock'] });
    const merged = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    // the spec npm wrote is kept, and so is everything else
    expect(merged).toEqual({ ...pkg, scripts: { test: 'echo ok', build: 'quire build', dev: 'quire dev --drafts --future' } });
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toMatch(/^\{\n {4}"name"/);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('/node_modules\n*.log\n\n# quire\ndist/\n.quire-cache/\n.*.quire-new-*\n.*.quire-old-*\n.*.quire-lock\n');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# blog\n');
  });

  it('with --force, overwrites only the scaffold’s own files and keeps the others', () => {
    const dir = path.join(tmp, 'forced');
    writeFiles(dir, {
      'notes.txt': 'mine',
      'content/posts/old.md': '# Old\n',
      'content/pages/about.md': 'my about page',
      'package.json': '{ "name": "x", "scripts": { "build": "make" } }',
    });
    const result = initSite(options(dir, { force: true }));
    const byPath = Object.fromEntries(result.files.map((f) => [f.path, f]));
    expect(byPath['content/pages/about.md']!.action).toBe('overwrote');
    expect(byPath['content/posts/hello-world.md']!.action).toBe('created');
    expect(byPath['package.json']).toMatchObject({ action: 'updated', added: ['scripts.dev', 'devDependencies.quire-ssg'], kept: ['scripts.build'] });
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(path.join(dir, 'content/posts/old.md'), 'utf8')).toBe('# Old\n');
    expect(readFileSync(path.join(dir, 'content/pages/about.md'), 'utf8')).toContain('title: About');
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.build).toBe('make');
    // a second run changes nothing in the files it completes
    const again = initSite(options(dir, { force: true }));
    expect(again.files.find((f) => f.path === 'package.json')!.action).toBe('unchanged');
    expect(again.files.find((f) => f.path === '.gitignore')!.action).toBe('unchanged');
  });

  it('reports an existing package.json that is not valid JSON and writes nothing', () => {
    const dir = path.join(tmp, 'bad-json');
    writeFiles(dir, { 'package.json': '{ "name": ' });
    const errors = initErrors(options(dir));
    expect(errors[0]).toMatchObject({ code: 'ReadError', file: 'bad-json/package.json' });
    expect(errors[0]!.hint).toContain('JSON object');
    expect(listTree(dir)).toEqual(['package.json']);
  });

  it('refuses a file in place of the folder', () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const errors = initErrors(options(file));
    expect(errors[0]).toMatchObject({ code: 'WriteError', message: expect.stringContaining('is a file') });
    expect(existsSync(path.join(tmp, 'a-file', 'quire.config.ts'))).toBe(false);
  });
});

describe('a vendor/ folder with quire’s tarball', () => {
  it('makes the new site depend on the tarball by a path inside the site', () => {
    const dir = path.join(tmp, 'vendored');
    writeFiles(dir, { 'vendor/quire-ssg-1.2.0.tgz': 'older', 'vendor/quire-ssg-1.2.3.tgz': 'this one', 'vendor/other-1.0.0.tgz': 'not quire' });
    const result = initSite(options(dir));
    expect(result.dependency).toBe('file:vendor/quire-ssg-1.2.3.tgz');
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies).toEqual({ 'quire-ssg': 'file:vendor/quire-ssg-1.2.3.tgz' });
  });

  it('takes the only quire tarball there, whatever its version', () => {
    const dir = path.join(tmp, 'vendored-other');
    writeFiles(dir, { 'vendor/quire-ssg-0.9.0.tgz': 'x' });
    expect(initSite(options(dir)).dependency).toBe('file:vendor/quire-ssg-0.9.0.tgz');
  });

  it('refuses to guess between several tarballs of other versions, and writes nothing', () => {
    const dir = path.join(tmp, 'vendored-several');
    writeFiles(dir, { 'vendor/quire-ssg-0.9.0.tgz': 'x', 'vendor/quire-ssg-1.0.0.tgz': 'y' });
    const errors = initErrors(options(dir));
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'InitInvalidOption',
        file: 'vendored-several/vendor',
        message: 'vendor/ holds 2 quire tarballs (quire-ssg-0.9.0.tgz, quire-ssg-1.0.0.tgz) and none is this quire\'s (quire-ssg-1.2.3.tgz)',
      }),
    ]);
    expect(listTree(dir)).toEqual(['vendor/quire-ssg-0.9.0.tgz', 'vendor/quire-ssg-1.0.0.tgz']);
  });
});

describe('packageName', () => {
  it('makes an npm package name of the folder name', () => {
    expect(packageName('/x/My Blog')).toBe('my-blog');
    expect(packageName('/x/blog.example.org')).toBe('blog.example.org');
    expect(packageName('/x/我的博客')).toBe('my-blog');
    expect(packageName('/x/_notes_')).toBe('notes');
  });
});
