import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { compilePermalink, expandPermalink } from '../../src/collect/permalink.js';
import { loadEntry } from '../../src/load/load-entry.js';
import type { Entry } from '../../src/types.js';

// remark-parse + remark-gfm, what the build's parseMarkdown is; cheaper to import than the full processor.
const processor = unified().use(remarkParse).use(remarkGfm);

function entry(rel: string, text: string): Entry {
  const result = loadEntry(
    { kind: 'post', path: path.join(path.sep, 'site', 'content', ...rel.split('/')), rel, assets: [] },
    new TextEncoder().encode(text),
    { timezone: 'Asia/Shanghai', displayRoot: path.join(path.sep, 'site'), parseMarkdown: (md) => processor.parse(md) },
  );
  if (!result.entry) throw new Error(JSON.stringify(result.diagnostics));
  return result.entry;
}

describe('expandPermalink', () => {
  const post = entry('posts/a.md', '---\ntitle: Hello World\ndate: 2025-07-09 06:48:00\nslug: hi\n---\n');

  it('fills the date tokens in the given zone', () => {
    expect(expandPermalink('/:year/:month/:day/:slug/', post, 'Asia/Shanghai')).toEqual({ ok: true, path: '/2025/07/09/hi/' });
    // The same instant is still July 8 in Los Angeles.
    expect(expandPermalink('/:year/:month/:day/:slug/', post, 'America/Los_Angeles')).toEqual({ ok: true, path: '/2025/07/08/hi/' });
  });

  it('fills :title with a slug of the title and :section with the content folder', () => {
    expect(expandPermalink('/:section/:title/', post, 'Asia/Shanghai')).toEqual({ ok: true, path: '/posts/hello-world/' });
  });

  it('fills :path with the folders under the section, slugified, and leaves no empty segment for a post at the top', () => {
    const nested = entry('posts/Go Lang/并发/x.md', '---\ntitle: X\n---\n');
    expect(expandPermalink('/:path/:slug/', nested, 'Asia/Shanghai')).toEqual({ ok: true, path: '/go-lang/并发/x/' });
    // A bundle's own folder is its slug, not part of the path.
    const bundle = entry('posts/go/y/index.md', '---\ntitle: Y\n---\n');
    expect(expandPermalink('/:path/:slug/', bundle, 'Asia/Shanghai')).toEqual({ ok: true, path: '/go/y/' });
    // posts/a.md has no folder, and no empty segment is left for it.
    expect(expandPermalink('/:path/:slug/', post, 'Asia/Shanghai')).toEqual({ ok: true, path: '/hi/' });
  });

  it('adds a leading slash', () => {
    expect(expandPermalink('blog/:slug/', post, 'Asia/Shanghai')).toEqual({ ok: true, path: '/blog/hi/' });
  });

  it('refuses a token it does not know instead of writing it literally (Jekyll :categories)', () => {
    expect(expandPermalink('/:slugs/:slug/', post, 'Asia/Shanghai')).toEqual({ ok: false, reason: expect.stringContaining(':slugs') });
    expect(expandPermalink('/:categories/:year/:title.html', post, 'Asia/Shanghai')).toEqual({ ok: false, reason: expect.stringContaining(':categories, which quire does not know') });
  });

  it('fails when the pattern needs a date the entry does not have', () => {
    const undated = entry('posts/b.md', 'x');
    const result = expandPermalink('/:year/:slug/', undated, 'Asia/Shanghai');
    expect(result.ok).toBe(false);
    expect(expandPermalink('/posts/:slug/', undated, 'Asia/Shanghai')).toEqual({ ok: true, path: '/posts/b/' });
  });

  it('reads a pattern once and fills it for each entry, tokens repeated or next to text', () => {
    const pattern = compilePermalink('/:year/:year-:month:day/x:slug/:section/:title.html');
    const other = entry('posts/2024-12-31-b.md', '---\ntitle: 远程办公 第四年\n---\n');
    expect(pattern.expand(post, 'Asia/Shanghai')).toEqual({ ok: true, path: '/2025/2025-0709/xhi/posts/hello-world.html' });
    expect(pattern.expand(other, 'Asia/Shanghai')).toEqual({ ok: true, path: '/2024/2024-1231/xb/posts/远程办公-第四年.html' });
  });

  it('does not read a known token inside a longer name', () => {
    expect(expandPermalink('/:yearly/:slug/', post, 'Asia/Shanghai')).toEqual({ ok: false, reason: expect.stringContaining(':yearly, which quire does not know') });
    expect(expandPermalink('/:slug_x/', post, 'Asia/Shanghai')).toEqual({ ok: false, reason: expect.stringContaining(':slug_x') });
  });
});
