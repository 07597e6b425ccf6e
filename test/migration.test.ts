import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { discoverSources } from '../src/discover/discover-sources.js';
import { readGuard } from '../src/discover/read-guard.js';
import { loadEntry, type LoadContext } from '../src/load/load-entry.js';
import { createMarkdownProcessor } from '../src/render/markdown/create-processor.js';
import type { Entry } from '../src/types.js';
import { configJson, listTree, remove, tempDir, writeFiles } from './helpers/site-fixture.js';

/** Posts written for Hexo, Jekyll and Hugo, copied into content/posts/ unchanged. */
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const POSTS = ['from-hexo/hexo-post.md', 'from-hexo/unpublished.md', 'from-jekyll/2024-03-18-hello.md', 'from-hugo/hugo-post.md'];
const NOW = new Date('2026-11-23T00:00:00Z');

const processor = createMarkdownProcessor({ remarkPlugins: [], rehypePlugins: [], footnoteLabel: 'x', footnoteBackLabel: 'y' });
const ctx: LoadContext = { timezone: 'Asia/Shanghai', displayRoot: fixtures, parseMarkdown: (markdown) => processor.parse(markdown) };

function load(rel: string): Entry {
  const file = path.join(fixtures, rel);
  const result = loadEntry({ kind: 'post', path: file, rel: path.basename(rel), assets: [] }, readFileSync(file), ctx);
  expect(result.diagnostics).toEqual([]);
  return result.entry!;
}

describe('front matter as Hexo, Jekyll and Hugo write it', () => {
  it('Hexo: YAML lists of categories and tags, zone-less dates in the site zone, updated, published: false', () => {
    const post = load('from-hexo/hexo-post.md');
    expect(post).toMatchObject({ title: '从 Hexo 搬过来的文章', slug: 'hexo-post', categories: ['工程', '笔记'], tags: ['hexo', '迁移'], draft: false });
    expect(post.date!.iso).toBe('2024-03-10T09:30:00.000+08:00');
    expect(post.updated!.iso).toBe('2024-03-12T20:15:00.000+08:00');
    // Hexo's `toc: true` is quire's own field now; `comments` stays for templates
    expect(post.extra).toEqual({ comments: true });
    expect(post.toc).toBe(true);
    const unpublished = load('from-hexo/unpublished.md');
    expect(unpublished).toMatchObject({ draft: true, tags: ['hexo'] });
  });

  it('Jekyll: the date and slug of YYYY-MM-DD-slug.md, a date with a +0800 offset, an inline list and a single-string tag', () => {
    const post = load('from-jekyll/2024-03-18-hello.md');
    expect(post).toMatchObject({ title: 'Hello from Jekyll', slug: 'hello', categories: ['a', 'b'], tags: ['foo'] });
    expect(post.date!.iso).toBe('2024-03-18T10:00:00.000+08:00');
    // `layout` means nothing to quire; it is kept for templates, not an error
    expect(post.extra).toEqual({ layout: 'post' });
  });

  it('Hugo: TOML between +++, TOML dates, lastmod as updated, draft = false, slug', () => {
    const post = load('from-hugo/hugo-post.md');
    expect(post).toMatchObject({ title: 'Hello from Hugo', slug: 'hello-hugo', categories: ['迁移'], tags: ['hugo', 'toml'], draft: false });
    expect(post.date!.iso).toBe('2024-03-20T08:00:00.000+08:00');
    expect(post.updated!.iso).toBe('2024-03-21T00:00:00.000+08:00');
    expect(post.extra).toEqual({ weight: 10 });
    expect(post.aliases).toEqual(['/old/hello/']);
  });
});

describe('a site of posts copied from Hexo, Jekyll and Hugo', () => {
  let root: string;
  let result: BuildResult;
  const out = (rel: string) => readFileSync(path.join(root, 'dist', rel), 'utf8');

  beforeAll(async () => {
    root = tempDir('quire-migrate-');
    writeFiles(root, { 'quire.config.json': configJson() });
    for (const rel of POSTS) cpSync(path.join(fixtures, rel), path.join(root, 'content/posts', path.basename(rel)));
    result = await build({ root, now: NOW });
  });
  afterAll(() => remove(root));

  it('builds unchanged, without a warning, leaving out the unpublished post', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.posts).toBe(3);
    const files = listTree(path.join(root, 'dist'));
    for (const page of ['posts/hexo-post/index.html', 'posts/hello/index.html', 'posts/hello-hugo/index.html', 'tags/foo/index.html', 'tags/迁移/index.html']) {
      expect(files, page).toContain(page);
    }
    expect(files.some((f) => f.includes('unpublished'))).toBe(false);
  });

  it('cuts summaries at Hexo’s <!-- more --> and Hugo’s <!--more-->', () => {
    const home = out('index.html');
    expect(home).toContain('是首页上的摘要');
    expect(home).not.toContain('只在文章页出现');
    expect(home).toContain('The summary, before Hugo');
    expect(home).not.toContain('The rest of the post');
  });

  it('shows updated dates from Hexo’s updated and Hugo’s lastmod', () => {
    expect(out('posts/hexo-post/index.html')).toMatch(/class="post-updated"[^\n]*datetime="2024-03-12T20:15:00.000\+08:00"/);
    expect(out('posts/hello-hugo/index.html')).toMatch(/class="post-updated"[^\n]*datetime="2024-03-21T00:00:00.000\+08:00"/);
  });
});

describe('a content/_posts folder copied from Jekyll', () => {
  it('is skipped with a warning that says to rename it, not silently', () => {
    const root = tempDir('quire-jekyll-');
    try {
      writeFiles(root, { 'content/_posts/2024-03-18-hello.md': '# Hi\n', 'content/_drafts/idea.md': '# Idea\n', 'content/_partials/x.md': '# X\n' });
      const { sources, diagnostics } = discoverSources(path.join(root, 'content'), readGuard({ root }));
      expect(sources).toEqual([]);
      expect(diagnostics.map((d) => [d.severity, d.file, d.hint])).toEqual([
        ['warning', path.join('content', '_drafts'), expect.stringContaining('draft: true')],
        ['warning', path.join('content', '_posts'), expect.stringContaining('rename it to posts/')],
      ]);
    } finally {
      remove(root);
    }
  });
});
