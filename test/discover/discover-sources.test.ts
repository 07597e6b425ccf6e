import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverSources } from '../../src/discover/discover-sources.js';
import { readGuard } from '../../src/discover/read-guard.js';
import { remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

describe('discoverSources', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir();
  });
  afterEach(() => remove(root));

  it('finds posts, bundles with their files, pages, weekly issues and notes, sorted', () => {
    writeFiles(root, {
      'content/posts/b.md': 'b',
      'content/posts/a.markdown': 'a',
      'content/posts/bundle/index.md': 'x',
      'content/posts/bundle/img/cover.png': 'png',
      'content/posts/bundle/extra.md': 'not a page',
      'content/posts/2024/nested.md': 'n',
      'content/pages/about.md': 'p',
      'content/weekly/0001.md': 'w',
      'content/notes/n.md': 'n',
      'content/posts/.hidden.md': 'h',
    });
    const { sources, diagnostics } = discoverSources(path.join(root, 'content'), readGuard({ root }));
    expect(diagnostics).toEqual([]);
    expect(sources.map((s) => [s.kind, s.rel, s.assets])).toEqual([
      ['note', 'notes/n.md', []],
      ['page', 'pages/about.md', []],
      ['post', 'posts/2024/nested.md', []],
      ['post', 'posts/a.markdown', []],
      ['post', 'posts/b.md', []],
      ['post', 'posts/bundle/index.md', ['extra.md', 'img/cover.png']],
      ['weekly', 'weekly/0001.md', []],
    ]);
  });

  it('ignores Hugo _index.md and unknown folders with a hint, and never reads Object.prototype as a kind', () => {
    writeFiles(root, { 'content/posts/_index.md': 'hugo', 'content/post/x.md': 'x', 'content/constructor/y.md': 'y', 'content/posts/ok.md': 'ok' });
    const { sources, diagnostics } = discoverSources(path.join(root, 'content'), readGuard({ root }));
    expect(sources.map((s) => s.rel)).toEqual(['posts/ok.md']);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(diagnostics.find((d) => d.message.includes('_index.md'))).toBeDefined();
    expect(diagnostics.find((d) => d.file === 'content/post')?.hint).toBe('rename it to posts/');
    expect(diagnostics.find((d) => d.file === 'content/constructor')).toBeDefined();
  });

  it('survives a symlink loop and reports a missing content folder as an error', () => {
    writeFiles(root, { 'content/posts/a.md': 'a' });
    mkdirSync(path.join(root, 'content/posts/loop'));
    symlinkSync(path.join(root, 'content/posts'), path.join(root, 'content/posts/loop/back'));
    const { sources, diagnostics } = discoverSources(path.join(root, 'content'), readGuard({ root }));
    expect(sources.map((s) => s.rel)).toEqual(['posts/a.md']);
    expect(diagnostics.some((d) => d.message.includes('symlink loop'))).toBe(true);
    const missing = discoverSources(path.join(root, 'nope'), readGuard({ root }));
    expect(missing.diagnostics[0]).toMatchObject({ code: 'ContentDirMissing', severity: 'error' });
  });

  it('run from a folder inside a site, names the site folder to run from instead of suggesting quire init', () => {
    writeFiles(root, { 'quire.config.yaml': 'title: x\n', 'content/posts/a.md': 'a' });
    const inside = path.join(root, 'content/posts');
    const { diagnostics } = discoverSources(path.join(inside, 'content'), readGuard({ root: inside }));
    expect(diagnostics[0]).toMatchObject({ code: 'ContentDirMissing' });
    expect(diagnostics[0]!.message).toBe(`the content folder content/ does not exist or cannot be read (looked in ${path.join(inside, 'content')})`);
    expect(diagnostics[0]!.hint).toBe(`${root} holds a quire config: run quire there (cd ${root}), or pass --root ${root}`);
    const alone = discoverSources(path.join(root, 'nope'), readGuard({ root }));
    expect(alone.diagnostics[0]!.hint).toContain('quire init');
  });

  it('reports a Markdown file that is a broken symbolic link instead of leaving the post out silently', () => {
    writeFiles(root, { 'content/posts/a.md': 'a' });
    symlinkSync(path.join(root, 'nowhere.md'), path.join(root, 'content/posts/gone.md'));
    const { sources, diagnostics } = discoverSources(path.join(root, 'content'), readGuard({ root }));
    expect(sources.map((s) => s.rel)).toEqual(['posts/a.md']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'ReadError', severity: 'error', file: path.join('content', 'posts', 'gone.md') })]);
    expect(diagnostics[0]!.message).toContain('nowhere.md');
  });
});
