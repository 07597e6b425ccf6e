import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../src/build.js';
import { lockText } from '../src/emit/output-lock.js';
import { configJson, fileIdentities, hashTree, remove, tempDir, writeFiles } from './helpers/site-fixture.js';

// A second build with nothing changed stops after looking at its inputs and the output folder;
// any change to either makes it build, and the result is what a build without cache writes.
const bin = fileURLToPath(new URL('../bin/quire.js', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');
const SCHEDULED = '2026-12-01T08:00:00+08:00';

/** Inputs changed within the last 100 ms are not trusted to be recorded (see input-state.ts): wait them out. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));


describe('a build whose output is already current', () => {
  let root: string;
  let out: string;
  let first: BuildResult;
  const run = (flags: Partial<BuildOptions> = {}) => build({ root, now: NOW, ...flags });
  /** The same site built from scratch without cache, into another folder. */
  const fresh = async (flags: Partial<BuildOptions> = {}) => {
    const dir = path.join(root, `fresh-${Math.random().toString(36).slice(2)}`);
    await build({ root, outDir: dir, now: NOW, cache: false, ...flags });
    const tree = hashTree(dir);
    remove(dir);
    return tree;
  };

  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson(),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-02\ntags: [x]\n---\n\nSee [B](./b.md).\n\n```klingon\nqapla\n```\n',
      'content/posts/b.md': '---\ntitle: B\ndate: 2025-01-01\n---\n\nB itself.\n',
      [`content/posts/later.md`]: `---\ntitle: Later\ndate: ${SCHEDULED}\n---\n\nNot yet.\n`,
      'content/pages/about.md': '---\ntitle: About\n---\n\nMe.\n',
      'public/robots-note.txt': 'public file\n',
    });
    await settle();
    first = await run();
  });
  afterAll(() => remove(root));

  it('does nothing the second time, and reports the same pages and warnings', async () => {
    expect(first.upToDate).toBe(false);
    // The unknown fence language is a warning; it is reported again from the record.
    expect(first.diagnostics).toContainEqual(expect.objectContaining({ code: 'UnknownLanguage', file: path.join('content', 'posts', 'a.md') }));
    const before = fileIdentities(out);
    const again = await run();
    expect(again.upToDate).toBe(true);
    expect({ pages: again.pages, posts: again.posts, files: again.files }).toEqual({ pages: first.pages, posts: first.posts, files: first.files });
    expect(again.diagnostics).toEqual(first.diagnostics);
    expect(again.stats.output.written).toBe(0);
    expect(fileIdentities(out)).toEqual(before);
    expect(hashTree(out)).toEqual(await fresh());
  });

  it('builds with --force, and when the cache is off', async () => {
    expect((await run({ force: true })).upToDate).toBe(false);
    expect((await run({ cache: false })).upToDate).toBe(false);
  });

  const changes: Array<[string, () => void, (html: (rel: string) => string) => void]> = [
    ['a post rewritten with the same size', () => writeFileSync(path.join(root, 'content/posts/b.md'), '---\ntitle: B\ndate: 2025-01-01\n---\n\nB edited.\n'), (html) => expect(html('posts/b/index.html')).toContain('B edited.')],
    ['a post touched', () => utimesSync(path.join(root, 'content/posts/a.md'), new Date(), new Date()), () => undefined],
    ['a file of public/ touched', () => utimesSync(path.join(root, 'public/robots-note.txt'), new Date(), new Date()), () => undefined],
    ['a new post', () => writeFiles(root, { 'content/posts/c.md': '---\ntitle: C\ndate: 2025-01-03\n---\n\nC.\n' }), (html) => expect(html('posts/c/index.html')).toContain('C.')],
    ['a template of the site', () => writeFiles(root, { 'templates/404.liquid': '<!DOCTYPE html><title>404</title><p>own 404 page</p>\n' }), (html) => expect(html('404.html')).toContain('own 404 page')],
    ['the config', () => writeFiles(root, { 'quire.config.json': configJson({ title: 'Renamed' }) }), (html) => expect(html('index.html')).toContain('Renamed')],
    ['a page of the output edited by hand', () => writeFileSync(path.join(out, 'posts/a/index.html'), 'edited'), (html) => expect(html('posts/a/index.html')).toContain('See')],
    ['a page of the output deleted', () => remove(path.join(out, 'tags/index.html')), (html) => expect(html('tags/index.html')).toContain('<html')],
    ['a stray file in the output', () => writeFiles(out, { 'posts/a/stray.txt': 'x' }), () => expect(() => statSync(path.join(out, 'posts/a/stray.txt'))).toThrow()],
  ];
  it.each(changes)('builds after %s, and writes what a build without cache writes', async (_name, change, check) => {
    change();
    await settle();
    const result = await run();
    expect(result.upToDate).toBe(false);
    check((rel) => readFileSync(path.join(out, rel), 'utf8'));
    expect(hashTree(out)).toEqual(await fresh());
    expect((await run()).upToDate).toBe(true);
  });

  it('builds with other flags (drafts, future) and again without them', async () => {
    const withFuture = await run({ future: true });
    expect(withFuture.upToDate).toBe(false);
    expect(readFileSync(path.join(out, 'posts/later/index.html'), 'utf8')).toContain('Not yet.');
    expect((await run({ future: true })).upToDate).toBe(true);
    expect((await run()).upToDate).toBe(false);
    expect(() => statSync(path.join(out, 'posts/later/index.html'))).toThrow();
  });

  it('stays current while the clock has not reached a scheduled post, and builds once it has', async () => {
    await run();
    expect((await run({ now: new Date('2026-11-30T00:00:00Z') })).upToDate).toBe(true);
    // Earlier than the newest published date: another set of posts would be published.
    expect((await run({ now: new Date('2025-01-02T12:00:00Z') })).upToDate).toBe(false);
    await run();
    const due = await run({ now: new Date('2026-12-01T00:00:01Z') });
    expect(due.upToDate).toBe(false);
    expect(readFileSync(path.join(out, 'posts/later/index.html'), 'utf8')).toContain('Not yet.');
  });

  it('builds when another build holds the output lock (and so reports it)', async () => {
    await run();
    writeFileSync(path.join(root, '.dist.quire-lock'), lockText(process.pid));
    try {
      await expect(run()).rejects.toMatchObject({ diagnostics: [expect.objectContaining({ code: 'WriteError' })] });
    } finally {
      remove(path.join(root, '.dist.quire-lock'));
    }
  });
});

describe('a site whose feed shows the time of the build', () => {
  it('is built every time (an empty feed is dated by the build)', async () => {
    const root = tempDir();
    try {
      writeFiles(root, { 'quire.config.json': configJson(), 'content/pages/about.md': '---\ntitle: About\n---\n\nOnly a page.\n' });
      await settle();
      expect((await build({ root })).upToDate).toBe(false);
      expect((await build({ root })).upToDate).toBe(false);
    } finally {
      remove(root);
    }
  });
});

describe('quire build on an up-to-date site', () => {
  it('says so, prints the warnings again and exits 0', async () => {
    const root = tempDir();
    try {
      writeFiles(root, { 'quire.config.json': configJson(), 'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-02\n---\n\n```klingon\nqapla\n```\n' });
      await settle();
      const cli = (...args: string[]) => spawnSync(process.execPath, [bin, 'build', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
      const built = cli();
      expect(built.status).toBe(0);
      expect(built.stdout).toMatch(/^built \d+ pages \(1 post\)/m);
      const again = cli('--verbose');
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/^up to date: dist\/ already holds the \d+ pages \(1 post\)/m);
      expect(again.stdout).toContain('nothing read or written');
      expect(again.stderr).toContain('UnknownLanguage');
      // Either may also have printed its progress line (after a second).
      const warnings = (text: string) => text.replace(/^building….*\n/m, '');
      expect(warnings(again.stderr)).toBe(warnings(built.stderr));
      expect(cli('--force').stdout).toMatch(/^built /m);
    } finally {
      remove(root);
    }
  });
});
