import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPageCache } from '../../src/cache/page-cache.js';
import { readGuard } from '../../src/discover/read-guard.js';
import { PACKED_FORM, packText } from '../../src/packed-text.js';

/** An object shaped as an entry view: its `content` is a getter that inflates, counted here. */
function viewOf(title: string, html: string, reads: { count: number }) {
  const fields = { title, tags: [{ name: 'go', url: '/tags/go/' }] };
  const packed = packText(html);
  const view = {
    ...fields,
    get content() {
      reads.count++;
      return html;
    },
  };
  return Object.defineProperty(view, PACKED_FORM, { value: () => ({ ...fields, content: packed }) });
}

function pageCache() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'quire-page-cache-'));
  const templates = path.join(root, 'templates');
  mkdirSync(templates);
  writeFileSync(path.join(templates, 'post.liquid'), '{{ post.content | raw }}');
  const cache = openPageCache(path.join(root, '.quire-cache'), path.join(root, 'dist'), [templates], 'stamp', readGuard({ root }));
  if (!cache) throw new Error('no page cache');
  return cache;
}

describe('page cache keys', () => {
  it("key a page by its entry's packed text, never reading the text itself", () => {
    const cache = pageCache();
    const reads = { count: 0 };
    const a = viewOf('A', '<p>one</p>', reads);
    const list = [viewOf('B', '<p>two</p>', reads), viewOf('C', '<p>three</p>', reads)];
    const key = cache.keyOf('post', { post: a, page: { posts: list }, posts: list }, {});
    expect(reads.count).toBe(0);
    // The same data gives the same key; other text in the page's entry gives another.
    expect(cache.keyOf('post', { post: viewOf('A', '<p>one</p>', reads), page: { posts: list }, posts: list }, {})).toBe(key);
    expect(cache.keyOf('post', { post: viewOf('A', '<p>one!</p>', reads), page: { posts: list }, posts: list }, {})).not.toBe(key);
    // …and so does other text in an entry the page lists.
    const other = [viewOf('B', '<p>two</p>', reads), viewOf('C', '<p>3</p>', reads)];
    expect(cache.keyOf('post', { post: a, page: { posts: other }, posts: other }, {})).not.toBe(key);
    expect(reads.count).toBe(0);
  });
});
