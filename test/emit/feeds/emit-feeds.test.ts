import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { QuireError, type Diagnostic } from '../../../src/diagnostics.js';
import { jsonFeedErrors, parseLikeFluentReader, parseWithFeedparser, parseWithFeedsmith } from '../../helpers/feed-readers.js';
import { pageLinks } from '../../helpers/html-links.js';
import { configJson, listTree, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

const NOW = new Date('2026-11-23T00:00:00Z');
const HOSTILE_TITLE = 'Tom & Jerry <script>alert(1)</script> ]]> "q" 周报';
const SITE = 'https://example.org/blog/';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const hostile = (title: string) => `---
title: '${title}'
date: 2025-07-09 06:48:00
tags: [周报, go]
image: cover.png
---
第一段：数据里有 ]]> 这个序列，还有一次 ]]> 在这里。见[下面](#细节)和脚注[^1]，还有[另一篇](../plain.md)。

<!-- more -->

![封面](cover.png)

## 细节

\`\`\`js
const end = ']]>';
\`\`\`

<script>alert(2)</script>

Raw HTML too: <a href="../plain/">the plain post</a>, <a href="#细节">details</a> and <img src="cover.png" alt="cover">.

<figure><img src="/images/wide.png" srcset="/images/wide.png 1x, wide@2x.png 2x" alt=""><figcaption><a href="https://example.com/x">source</a></figcaption></figure>

[^1]: 脚注内容。
`;

function files(extra: Record<string, unknown> = {}, title = HOSTILE_TITLE): Record<string, string | Uint8Array> {
  return {
    'quire.config.json': configJson({ url: SITE, author: { name: '林小满' }, ...extra }),
    'content/posts/hostile/index.md': hostile(title),
    'content/posts/hostile/cover.png': PNG,
    'content/posts/plain.md': '---\ntitle: Plain & simple\ndate: 2025-07-01 12:00\ntags: [go]\nlang: en\n---\nPlain text, [a link](https://example.com/?a=1&b=2).\n',
    'content/posts/older.md': '---\ntitle: 更早的一篇\ndate: 2024-01-01\n---\n更早。\n',
  };
}

async function buildErrors(root: string): Promise<Diagnostic[]> {
  try {
    await build({ root, outDir: path.join(root, 'dist'), now: NOW });
  } catch (error) {
    if (error instanceof QuireError) return error.diagnostics.filter((d) => d.severity === 'error');
    throw error;
  }
  throw new Error('the build was expected to fail');
}

/** Every href/src of an HTML fragment, and the names of its elements. */
function htmlOf(fragment: string): { urls: string[]; tags: Set<string>; pres: Element[] } {
  const tags = new Set<string>();
  const pres: Element[] = [];
  visit(fromHtml(fragment, { fragment: true }), 'element', (node: Element) => {
    tags.add(node.tagName);
    if (node.tagName === 'pre') pres.push(node);
  });
  return { urls: pageLinks(fragment).urls, tags, pres };
}

describe('the feeds of a site', () => {
  let root: string;
  let out: string;
  const read = (rel: string) => readFileSync(path.join(out, rel), 'utf8');
  const json = (rel = 'feed.json') => JSON.parse(read(rel)) as { items: Array<Record<string, unknown>> } & Record<string, unknown>;

  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, files());
    await build({ root, outDir: out, now: NOW });
  });
  afterAll(() => remove(root));

  it('writes the site feed and one per tag, in three formats, as UTF-8', () => {
    const written = listTree(out);
    for (const dir of ['', 'tags/go/', 'tags/周报/']) {
      for (const name of ['feed.xml', 'atom.xml', 'feed.json']) expect(written, dir + name).toContain(dir + name);
    }
    expect(written).toContain('feed.xsl');
    expect(read('feed.xml').startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="/blog/feed.xsl"?>')).toBe(true);
    expect(read('tags/周报/atom.xml')).toContain('<?xml-stylesheet type="text/xsl" href="/blog/feed.xsl"?>');
    expect(readFileSync(path.join(out, 'feed.xml')).subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('lists posts newest first, a tag feed only its posts', () => {
    expect(json().items.map((i) => i['title'])).toEqual([HOSTILE_TITLE, 'Plain & simple', '更早的一篇']);
    expect(json('tags/go/feed.json').items.map((i) => i['title'])).toEqual([HOSTILE_TITLE, 'Plain & simple']);
    expect(json('tags/go/feed.json')['title']).toBe('标签：go · Fixture');
    expect(json('tags/go/feed.json')['home_page_url']).toBe(`${SITE}tags/go/`);
    expect(json('tags/周报/feed.json')['feed_url']).toBe(`${SITE}tags/${encodeURIComponent('周报')}/feed.json`);
  });

  it('is read by feedparser (bozo 0), rss-parser as Fluent Reader sets it up, and feedsmith, with every title exactly the source title', async () => {
    const xmlFiles = ['feed.xml', 'atom.xml', 'tags/go/feed.xml', 'tags/go/atom.xml', 'tags/周报/feed.xml', 'tags/周报/atom.xml'];
    const parsed = parseWithFeedparser(xmlFiles.map((f) => path.join(out, f)));
    for (const result of parsed) {
      expect(result.bozo, `${result.file}: ${result.bozoException}`).toBe(0);
      expect(result.encoding).toBe('utf-8');
      expect(result.entries[0]!.title).toBe(HOSTILE_TITLE);
    }
    expect(parsed.map((r) => r.version)).toEqual(['rss20', 'atom10', 'rss20', 'atom10', 'rss20', 'atom10']);
    expect(parsed[0]!.entries.map((e) => e.title)).toEqual([HOSTILE_TITLE, 'Plain & simple', '更早的一篇']);
    for (const file of xmlFiles.filter((f) => f.endsWith('feed.xml'))) {
      expect((await parseLikeFluentReader(read(file))).items[0]!.title).toBe(HOSTILE_TITLE);
    }
    const rss = parseWithFeedsmith(read('feed.xml'));
    expect(rss.format === 'rss' && rss.feed.items?.map((i) => i.title)).toEqual([HOSTILE_TITLE, 'Plain & simple', '更早的一篇']);
    const atom = parseWithFeedsmith(read('atom.xml'));
    expect(atom.format === 'atom' && atom.feed.entries?.map((e) => e.title?.value)).toEqual([HOSTILE_TITLE, 'Plain & simple', '更早的一篇']);
    for (const file of ['feed.json', 'tags/go/feed.json', 'tags/周报/feed.json']) expect(jsonFeedErrors(json(file)), file).toEqual([]);
  });

  it('carries the full HTML intact, ]]> twice included, the same in RSS, Atom and JSON', async () => {
    const html = json().items[0]!['content_html'] as string;
    expect(html.match(/]]>|]]&gt;/g)?.length).toBeGreaterThanOrEqual(3); // twice in the text, once in the code
    expect(html).toContain('第一段：数据里有 ]]> 这个序列，还有一次 ]]> 在这里');
    expect((await parseLikeFluentReader(read('feed.xml'))).items[0]!.content).toBe(html);
    const atom = parseWithFeedsmith(read('atom.xml'));
    expect(atom.format === 'atom' && atom.feed.entries?.[0]?.content?.value).toBe(html);
  });

  it('makes every href and src absolute (fragments, footnote back-references, bundle images), and has no scripts', () => {
    const html = json().items[0]!['content_html'] as string;
    const { urls, tags, pres } = htmlOf(html);
    expect(urls.length).toBeGreaterThan(4);
    for (const url of urls) expect(url, url).toMatch(/^https:\/\//);
    const page = `${SITE}posts/hostile/`;
    expect(urls).toContain(`${page}cover.png`);
    expect(urls).toContain(`${page}#${encodeURIComponent('细节')}`);
    expect(urls).toContain(`${SITE}posts/plain/`);
    // written in raw HTML: resolved against the page as a browser would there
    expect(urls).toContain(`${SITE}posts/plain/`);
    expect(urls.filter((u) => u === `${page}cover.png`).length).toBeGreaterThanOrEqual(2);
    expect(urls).toContain('https://example.org/images/wide.png');
    expect(html).toContain(`srcset="https://example.org/images/wide.png 1x, ${page}wide@2x.png 2x"`);
    expect(urls).toContain('https://example.com/x');
    expect(html).toContain('>the plain post</a>');
    // the page itself keeps the raw HTML as written
    expect(read('posts/hostile/index.html')).toContain('<a href="../plain/">the plain post</a>');
    expect(urls.some((u) => u.startsWith(`${page}#user-content-fn-`))).toBe(true);
    expect(urls.some((u) => u.startsWith(`${page}#user-content-fnref-`))).toBe(true);
    expect(tags.has('script')).toBe(false);
    expect(tags.has('button')).toBe(false);
    // the code block is one <pre><code> with inline colours only
    expect(pres).toHaveLength(1);
    expect(pres[0]!.children.filter((c) => c.type === 'element').map((c) => (c as Element).tagName)).toEqual(['code']);
    expect(html).not.toMatch(/class="[^"]*shiki|--shiki/);
    // the image is also the item's image / enclosure
    expect(json().items[0]!['image']).toBe(`${page}cover.png`);
    expect(read('feed.xml')).toContain(`<enclosure length="0" type="image/png" url="${page}cover.png"/>`);
  });

  it('dates items in the site zone: 2025-07-09 06:48 in Shanghai is 2025-07-08T22:48:00Z everywhere', async () => {
    const instant = Date.UTC(2025, 6, 8, 22, 48);
    const [rss, atom] = parseWithFeedparser([path.join(out, 'feed.xml'), path.join(out, 'atom.xml')]);
    expect(rss!.entries[0]!.published).toBe(instant);
    expect(atom!.entries[0]!.published).toBe(instant);
    expect((await parseLikeFluentReader(read('feed.xml'))).items[0]!.date).toBe(instant);
    expect(Date.parse(json().items[0]!['date_published'] as string)).toBe(instant);
    expect(read('feed.xml')).toContain('<pubDate>Wed, 09 Jul 2025 06:48:00 +0800</pubDate>');
    expect(read('atom.xml')).toContain('<published>2025-07-09T06:48:00+08:00</published>');
  });

  it('names the author (dc:creator without an e-mail), the language, the icon and the generator', () => {
    const [rss] = parseWithFeedparser([path.join(out, 'feed.xml')]);
    expect(rss!.entries[0]!.author).toBe('林小满');
    expect(rss!.feed.language).toBe('zh-CN');
    expect(read('feed.xml')).toContain('<dc:creator>林小满</dc:creator>');
    expect(read('feed.xml')).toContain('<generator>quire</generator>');
    expect(read('atom.xml')).toContain(`<icon>${SITE}favicon.svg</icon>`);
    expect(read('atom.xml')).toContain('<entry xml:lang="en">');
    const feed = json();
    expect(feed['language']).toBe('zh-CN');
    expect(feed['authors']).toEqual([{ name: '林小满' }]);
    expect(feed.items[1]!['language']).toBe('en');
  });

  it('links the feeds from every page head, and a tag page to its own feeds too', () => {
    const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]*)" href="([^"]+)">/g)].map((m) => [m[1], m[3]]);
    const siteFeeds = [
      ['application/rss+xml', '/blog/feed.xml'],
      ['application/atom+xml', '/blog/atom.xml'],
      ['application/feed+json', '/blog/feed.json'],
    ];
    for (const page of listTree(out).filter((f) => f.endsWith('.html'))) expect(alternates(read(page)).slice(0, 3), page).toEqual(siteFeeds);
    const tag = `/blog/tags/${encodeURIComponent('周报')}/`;
    expect(alternates(read('tags/周报/index.html')).slice(3)).toEqual([
      ['application/rss+xml', `${tag}feed.xml`],
      ['application/atom+xml', `${tag}atom.xml`],
      ['application/feed+json', `${tag}feed.json`],
    ]);
    expect(read('tags/周报/index.html')).toContain('title="标签：周报 · Fixture (RSS)"');
  });
});

describe('feed ids, limit and summaries', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
  });
  afterAll(() => remove(root));

  const idsOf = (out: string) => {
    const rss = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    const atom = readFileSync(path.join(out, 'atom.xml'), 'utf8');
    const json = JSON.parse(readFileSync(path.join(out, 'feed.json'), 'utf8')) as { items: Array<{ id: string }> };
    return { rss: [...rss.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1]), atom: [...atom.matchAll(/<id>([^<]+)<\/id>/g)].slice(1).map((m) => m[1]), json: json.items.map((i) => i.id) };
  };

  it('keeps every id when a title changes, and uses a pinned front-matter id', async () => {
    const site = path.join(root, 'ids');
    writeFiles(site, { ...files(), 'content/posts/older.md': '---\ntitle: 更早的一篇\ndate: 2024-01-01\nid: https://old.example.org/2024/older.html\n---\n更早。\n' });
    await build({ root: site, outDir: path.join(site, 'dist'), now: NOW });
    const before = idsOf(path.join(site, 'dist'));
    expect(before.json).toEqual([`${SITE}posts/hostile/`, `${SITE}posts/plain/`, 'https://old.example.org/2024/older.html']);
    expect(before.rss).toEqual(before.json);
    expect(before.atom).toEqual(before.json);

    writeFiles(site, { 'content/posts/hostile/index.md': hostile('A better title') });
    await build({ root: site, outDir: path.join(site, 'dist'), now: NOW });
    expect(readFileSync(path.join(site, 'dist/feed.json'), 'utf8')).toContain('A better title');
    expect(idsOf(path.join(site, 'dist'))).toEqual(before);
  });

  it('cuts each feed to `feed.limit` items, and writes summaries with `feed.content: summary`', async () => {
    const site = path.join(root, 'limit');
    writeFiles(site, files({ feed: { limit: 2, content: 'summary' } }));
    await build({ root: site, outDir: path.join(site, 'dist'), now: NOW });
    const read = (rel: string) => readFileSync(path.join(site, 'dist', rel), 'utf8');
    const json = JSON.parse(read('feed.json')) as { items: Array<Record<string, string>> };
    expect(json.items.map((i) => i['title'])).toEqual([HOSTILE_TITLE, 'Plain & simple']);
    expect(read('feed.xml')).not.toContain('content:encoded');
    expect(read('atom.xml')).not.toContain('<content');
    // the excerpt before <!-- more -->, feed-safe, then a link to the whole post
    const summary = json.items[0]!['content_html']!;
    expect(summary).toContain('第一段');
    expect(summary).not.toContain('细节');
    expect(summary).toContain(`<a href="${SITE}posts/hostile/">阅读全文</a>`);
    for (const url of htmlOf(summary).urls) expect(url).toMatch(/^https:\/\//);
    const [rss] = parseWithFeedparser([path.join(site, 'dist/feed.xml')]);
    expect(rss!.bozo).toBe(0);
    expect(rss!.entries).toHaveLength(2);
    expect(rss!.entries[0]!.summary).toContain('第一段');
    expect(jsonFeedErrors(json)).toEqual([]);
  });

  it('writes every item with `feed.limit: 0`', async () => {
    const site = path.join(root, 'all');
    writeFiles(site, { ...files({ feed: { limit: 0 } }), ...Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`content/posts/n${i}.md`, `---\ntitle: N${i}\ndate: 2023-01-${String(i + 1).padStart(2, '0')}\n---\nn\n`])) });
    await build({ root: site, outDir: path.join(site, 'dist'), now: NOW });
    expect((JSON.parse(readFileSync(path.join(site, 'dist/feed.json'), 'utf8')) as { items: unknown[] }).items).toHaveLength(25);
    writeFiles(site, { 'quire.config.json': configJson({ url: SITE }) });
    await build({ root: site, outDir: path.join(site, 'dist'), now: NOW });
    expect((JSON.parse(readFileSync(path.join(site, 'dist/feed.json'), 'utf8')) as { items: unknown[] }).items).toHaveLength(20);
  });
});

describe('feed files that clash, and feed config errors', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
  });
  afterAll(() => remove(root));

  it('refuses a post on /feed.xml, at the line of its permalink', async () => {
    const site = path.join(root, 'post');
    writeFiles(site, { 'quire.config.json': configJson(), 'content/posts/x.md': '---\ntitle: X\ndate: 2025-01-01\npermalink: /feed.xml\n---\nX.\n' });
    const errors = await buildErrors(site);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'DuplicateUrl', file: 'content/posts/x.md', line: 4 });
    expect(errors[0]!.message).toContain('the RSS feed of the site');
    expect(errors[0]!.hint).toContain('feed.xml, atom.xml and feed.json');
  });

  it('refuses public/feed.xml and a post on a tag feed’s URL', async () => {
    const site = path.join(root, 'public');
    writeFiles(site, {
      'quire.config.json': configJson(),
      'public/feed.xml': '<rss/>',
      'content/posts/x.md': '---\ntitle: X\ndate: 2025-01-01\ntags: [go]\npermalink: /tags/go/atom.xml\n---\nX.\n',
    });
    const errors = await buildErrors(site);
    // At the post's `permalink:` line: the feed's URL is not the one to change.
    expect(errors.map((e) => [e.code, e.file, e.line])).toEqual([
      ['DuplicateUrl', path.join('content', 'posts', 'x.md'), 5],
      ['DuplicateUrl', 'public/feed.xml', undefined],
    ]);
    expect(errors[0]!.message).toBe('content/posts/x.md and the Atom feed of tag "go" both produce tags/go/atom.xml');
    expect(errors[1]!.message).toBe('public/feed.xml and the RSS feed of the site both produce feed.xml');
  });

  it('lets the site replace the feed stylesheet', async () => {
    const site = path.join(root, 'xsl');
    writeFiles(site, { 'quire.config.json': configJson(), 'templates/static/feed.xsl': '<mine/>', 'content/posts/x.md': '---\ntitle: X\ndate: 2025-01-01\n---\nX.\n' });
    await build({ root: site, outDir: path.join(site, 'dist'), now: NOW });
    expect(readFileSync(path.join(site, 'dist/feed.xsl'), 'utf8')).toBe('<mine/>');
  });

  it('reports an unknown or wrong `feed` key with its line', async () => {
    const site = path.join(root, 'config');
    writeFiles(site, { 'quire.config.yaml': 'title: T\nfeed:\n  limt: 5\n  content: excerpt\n', 'content/posts/x.md': '# X\n' });
    const errors = await buildErrors(site);
    expect(errors.map((e) => [e.code, e.line]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['ConfigUnknownKey', 3],
      ['ConfigInvalid', 4],
    ]);
    expect(errors.find((e) => e.code === 'ConfigUnknownKey')!.hint).toBe('did you mean `feed.limit`?');
  });
});
