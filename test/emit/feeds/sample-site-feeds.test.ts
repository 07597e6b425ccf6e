import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { select } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { jsonFeedErrors, parseLikeFluentReader, parseWithFeedparser, parseWithFeedsmith } from '../../helpers/feed-readers.js';
import { pageLinks } from '../../helpers/html-links.js';
import { listTree, remove, tempDir } from '../../helpers/site-fixture.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const SITE = 'https://example.org/blog/';

interface JsonItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  date_published: string;
  tags?: string[];
}

/** Every feed of this repository's sample site, read with every reader's parser we have. */
describe('the feeds of the sample site', () => {
  let tmp: string;
  let out: string;
  let feeds: { rss: string[]; atom: string[]; json: string[] };
  const read = (rel: string) => readFileSync(path.join(out, rel), 'utf8');
  const jsonFeed = (rel: string) => JSON.parse(read(rel)) as { items: JsonItem[] } & Record<string, unknown>;
  /** The title of the post at an absolute URL, from its HTML page (not from any feed). */
  const sourceTitle = (url: string) => {
    const rel = decodeURIComponent(new URL(url).pathname.slice('/blog/'.length));
    const tree = fromHtml(read(`${rel}index.html`));
    // A note (notes stream): the linked title of its heading in the issue page.
    const hash = decodeURIComponent(new URL(url).hash.slice(1));
    if (hash !== '') return toString(select(`[id="${hash}"] a`, tree)!).trim();
    let h1: Element | undefined;
    const find = (node: { children?: unknown[] }) => {
      for (const child of (node.children ?? []) as Array<Element & { children?: unknown[] }>) {
        if (h1) return;
        if (child.type === 'element' && child.tagName === 'h1') h1 = child;
        else find(child);
      }
    };
    find(tree);
    return toString(h1!).trim();
  };

  beforeAll(async () => {
    tmp = tempDir();
    out = path.join(tmp, 'site');
    await build({ root: repo, outDir: out, baseUrl: SITE, now: new Date('2026-11-23T00:00:00Z') });
    const files = listTree(out);
    feeds = {
      rss: files.filter((f) => f.endsWith('feed.xml')),
      atom: files.filter((f) => f.endsWith('atom.xml')),
      json: files.filter((f) => f.endsWith('feed.json')),
    };
  });
  afterAll(() => remove(tmp));

  it('has a site feed, a weekly feed, one per tag of posts or issues and one per category, in each format', () => {
    const tagPages = listTree(path.join(out, 'tags')).filter((f) => f.endsWith('/index.html') && !f.includes('/page/'));
    // tags used only by weekly notes have a page (listing the notes) but no feed
    const withPosts = tagPages.filter((f) => readFileSync(path.join(out, 'tags', f), 'utf8').includes('<article class="post-summary"')).length;
    expect(withPosts).toBeGreaterThan(10);
    // 工程, 工程/Go and 生活
    const categoryPages = listTree(path.join(out, 'categories')).filter((f) => f.endsWith('/index.html') && !f.includes('/page/'));
    expect(categoryPages.sort()).toEqual(['工程/go/index.html', '工程/index.html', '生活/index.html']);
    // + the site feed, the weekly feed and the notes stream's
    for (const list of [feeds.rss, feeds.atom, feeds.json]) expect(list.length).toBe(withPosts + categoryPages.length + 3);
    // 10 posts and 2 weekly issues
    expect(jsonFeed("feed.json").items).toHaveLength(12);
    expect(jsonFeed('weekly/feed.json').items).toHaveLength(2);
  });

  it('parses every XML feed with feedparser with bozo 0, as RSS 2.0 or Atom 1.0 in UTF-8', () => {
    const results = parseWithFeedparser([...feeds.rss, ...feeds.atom].map((f) => path.join(out, f)));
    expect(results).toHaveLength(feeds.rss.length + feeds.atom.length);
    for (const result of results) {
      expect(result.bozo, `${result.file}: ${result.bozoException}`).toBe(0);
      expect(result.version).toBe(result.file.endsWith('atom.xml') ? 'atom10' : 'rss20');
      expect(result.encoding).toBe('utf-8');
      expect(result.feed.language).toBe('zh-CN');
      for (const entry of result.entries) {
        expect(entry.title, entry.link).toBe(sourceTitle(entry.link));
        expect(entry.link.startsWith(SITE)).toBe(true);
        expect(entry.published).toBeTypeOf('number');
      }
    }
  });

  it('parses every RSS and Atom feed as Fluent Reader does, titles and content intact', async () => {
    for (const file of [...feeds.rss, ...feeds.atom]) {
      const feed = await parseLikeFluentReader(read(file));
      expect(feed.items.length, file).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(item.title, file).toBe(sourceTitle(item.link!));
        expect(item.content.length, `${file} ${item.link}`).toBeGreaterThan(50);
        expect(item.date).toBeTypeOf('number');
      }
    }
    const site = await parseLikeFluentReader(read('feed.xml'));
    const json = jsonFeed('feed.json');
    expect(site.items.map((i) => i.content)).toEqual(json.items.map((i) => i.content_html));
    for (const item of site.items) expect(item.creator).toContain('林小满');
  });

  it('parses every feed with feedsmith, and validates every JSON Feed against the 1.1 schema', () => {
    for (const file of [...feeds.rss, ...feeds.atom, ...feeds.json]) {
      const parsed = parseWithFeedsmith(read(file));
      expect(parsed.format, file).toBe(file.endsWith('feed.json') ? 'json' : file.endsWith('atom.xml') ? 'atom' : 'rss');
    }
    for (const file of feeds.json) {
      const feed = jsonFeed(file);
      expect(jsonFeedErrors(feed), file).toEqual([]);
      expect(feed['version']).toBe('https://jsonfeed.org/version/1.1');
      expect(feed['author']).toBeUndefined();
      for (const item of feed.items) expect(item.title).toBe(sourceTitle(item.url));
    }
  });

  it('has only absolute links and images in item content, each pointing at a file of the site', () => {
    let checked = 0;
    for (const item of jsonFeed('feed.json').items) {
      for (const url of pageLinks(item.content_html).urls) {
        expect(url, `${item.url}: ${url}`).toMatch(/^(https?:|mailto:)/);
        if (!url.startsWith(SITE)) continue;
        checked++;
        const rel = decodeURIComponent(new URL(url).pathname.slice('/blog/'.length));
        const file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
        expect(existsSync(path.join(out, file)), `${item.url}: ${url}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(10);
    const bundle = jsonFeed('feed.json').items.find((i) => i.url === `${SITE}posts/shiki-bundle/`)!;
    expect(bundle.content_html).toContain(`src="${SITE}posts/shiki-bundle/cover.png"`);
    expect(bundle.content_html).not.toMatch(/<(script|button)\b/);
  });

  it('keeps Chinese intact and dates the Shanghai post on its instant', () => {
    const item = jsonFeed('feed.json').items.find((i) => i.url === `${SITE}posts/go-loader/`)!;
    expect(item.title).toBe('用 Go 重写博客的内容加载器');
    expect(item.content_html).toContain('为什么旧的 Loader 很慢？');
    expect(Date.parse(item.date_published)).toBe(Date.parse('2025-07-08T22:48:00Z'));
    expect(read('feed.xml')).toContain('<title>远程办公三年</title>');
    expect(read('atom.xml')).toContain(`<link href="${SITE}posts/${encodeURIComponent('远程办公三年')}/"/>`);
  });

  it('lists in each tag feed exactly the posts carrying that tag, and pins the id given in front matter', () => {
    const all = jsonFeed('feed.json').items;
    for (const file of feeds.json.filter((f) => f.startsWith('tags/'))) {
      const feed = jsonFeed(file);
      const name = decodeURIComponent(String(feed['home_page_url']).slice(`${SITE}tags/`.length, -1));
      const expected = all.filter((i) => (i.tags ?? []).some((t) => t.toLowerCase() === name.toLowerCase())).map((i) => i.id);
      expect(feed.items.map((i) => i.id), file).toEqual(expected);
    }
    expect(all.find((i) => i.url === `${SITE}posts/remote-work-tools/`)!.id).toBe('tag:example.org,2024:some-stable-id');
  });
});
