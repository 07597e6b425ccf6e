import path from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { Feed } from 'feed';
import { describe, expect, it } from 'vitest';
import { buildFeed, type FeedChannel, type FeedItem } from '../../../src/emit/feeds/build-feed.js';
import { jsonFeedErrors, parseLikeFluentReader, parseWithFeedparser, parseWithFeedsmith } from '../../helpers/feed-readers.js';
import { remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

const HOSTILE_TITLE = 'Tom & Jerry <script>alert(1)</script> ]]> "q" 周报';

function channel(extra: Partial<FeedChannel> = {}): FeedChannel {
  return {
    title: '半瓶水 · Half Full',
    description: '中英文技术博客',
    homePageUrl: 'https://example.org/blog/',
    feedUrls: { rss: 'https://example.org/blog/feed.xml', atom: 'https://example.org/blog/atom.xml', json: 'https://example.org/blog/feed.json' },
    language: 'zh-CN',
    author: { name: '林小满', email: 'me@example.org', url: 'https://example.org/blog/about/' },
    iconUrl: 'https://example.org/blog/favicon.svg',
    stylesheetHref: '/blog/feed.xsl',
    generator: 'quire',
    timezone: 'Asia/Shanghai',
    ...extra,
  };
}

function item(extra: Partial<FeedItem> = {}): FeedItem {
  return {
    id: 'https://example.org/blog/posts/a/',
    url: 'https://example.org/blog/posts/a/',
    title: 'A post',
    published: new Date('2025-07-08T22:48:00Z'),
    contentHtml: '<p>Full text.</p>',
    summaryHtml: '<p>Summary.</p>',
    summaryText: 'Summary.',
    tags: ['go'],
    ...extra,
  };
}

/** A strict XML parse: any parser warning or error fails the test. */
function xml(text: string) {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
}

const all = (doc: ReturnType<typeof xml>, name: string) => Array.from(doc.getElementsByTagName(name)) as Element[];
const first = (doc: ReturnType<typeof xml>, name: string) => all(doc, name)[0]!;

describe('the feed package alone: the defects buildFeed exists for', () => {
  const raw = () => {
    const feed = new Feed({ title: 'T', id: 'https://example.org/', link: 'https://example.org/', copyright: '' });
    feed.addItem({ title: 'a &amp; b', link: 'https://example.org/a/', date: new Date(0), content: 'x ]]> y ]]> z', category: [{ name: 'C&D <x>', term: 'C&D <x>' }] });
    return feed;
  };

  it('splits only the first ]]> of a field out of CDATA, and writes < unescaped into attributes', () => {
    const dir = tempDir();
    try {
      writeFiles(dir, { 'raw.xml': raw().rss2(), 'raw-atom.xml': raw().atom1(), 'ours.xml': buildFeed(channel(), [item({ contentHtml: 'x ]]> y ]]> z', tags: ['C&D <x>'] })]).rss });
      const [rss, atom, ours] = parseWithFeedparser(['raw.xml', 'raw-atom.xml', 'ours.xml'].map((f) => path.join(dir, f)));
      expect(rss!.bozo).toBe(1); // "]]>" left in character data
      expect(atom!.bozo).toBe(1); // `<` inside an attribute value
      expect(() => xml(raw().atom1())).toThrow();
      expect(ours!.bozo).toBe(0);
    } finally {
      remove(dir);
    }
  });

  it('writes JSON Feed 1.0 and throws on relative links', () => {
    expect(JSON.parse(raw().json1()).version).toBe('https://jsonfeed.org/version/1');
    const relative = new Feed({ title: 'T', id: 'x', link: '/blog/', copyright: '' });
    expect(() => relative.rss2()).toThrow(/Invalid URL/);
  });
});

describe('buildFeed', () => {
  it('splits every ]]> out of CDATA, in content, summary and title alike', async () => {
    const content = '<p>one ]]> two ]]> three</p><pre><code>a]]>b</code></pre>';
    const built = buildFeed(channel({ description: 'd ]]> e ]]> f' }), [item({ title: HOSTILE_TITLE, contentHtml: content, summaryHtml: '<p>s ]]> t ]]> u</p>' })]);
    const rss = xml(built.rss);
    const atom = xml(built.atom);
    expect(first(rss, 'content:encoded').textContent).toBe(content);
    expect(first(rss, 'description').textContent).toBe('d ]]> e ]]> f');
    expect(all(rss, 'description')[1]!.textContent).toBe('<p>s ]]> t ]]> u</p>');
    expect(first(atom, 'content').textContent).toBe(content);
    expect(first(atom, 'summary').textContent).toBe('<p>s ]]> t ]]> u</p>');
    expect(JSON.parse(built.json).items[0].content_html).toBe(content);
    expect((await parseLikeFluentReader(built.rss)).items[0]!.content).toBe(content);
  });

  it('escapes < and & in attributes: Atom category term and label, enclosure title', () => {
    const built = buildFeed(channel(), [item({ tags: ['C&D <x>', '"q"'], image: { url: 'https://example.org/blog/posts/a/cover.png', type: 'image/png', title: 'T <&> "x"' } })]);
    const atom = xml(built.atom);
    const categories = all(atom, 'category');
    expect(categories.map((c) => [c.getAttribute('term'), c.getAttribute('label')])).toEqual([
      ['C&D <x>', 'C&D <x>'],
      ['"q"', '"q"'],
    ]);
    const enclosure = all(atom, 'link').find((l) => l.getAttribute('rel') === 'enclosure')!;
    expect(enclosure.getAttribute('title')).toBe('T <&> "x"');
    expect(enclosure.getAttribute('type')).toBe('image/png');
    expect(built.atom).toContain('term="C&amp;D &lt;x&gt;"');
    expect(all(xml(built.rss), 'category').map((c) => c.textContent)).toEqual(['C&D <x>', '"q"']);
  });

  it('gives every Atom category a term (and a label)', () => {
    const atom = xml(buildFeed(channel(), [item({ tags: ['go', '工具'] })]).atom);
    expect(all(atom, 'category').map((c) => c.getAttribute('term'))).toEqual(['go', '工具']);
    expect(all(atom, 'category').every((c) => c.getAttribute('label') === c.getAttribute('term'))).toBe(true);
  });

  it('writes JSON Feed 1.1: version 1.1, authors arrays, language, favicon, valid against the 1.1 schema', () => {
    const json = JSON.parse(buildFeed(channel(), [item({ language: 'en', authors: [{ name: 'Guest', url: '/guest/' }] }), item({ id: 'https://example.org/blog/posts/b/', url: 'https://example.org/blog/posts/b/' })]).json);
    expect(Object.keys(json)[0]).toBe('version');
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.author).toBeUndefined();
    expect(json.authors).toEqual([{ name: '林小满', url: 'https://example.org/blog/about/' }]);
    expect(json.language).toBe('zh-CN');
    expect(json.favicon).toBe('https://example.org/blog/favicon.svg');
    expect(json.feed_url).toBe('https://example.org/blog/feed.json');
    expect(json.items[0].author).toBeUndefined();
    expect(json.items[0].authors).toEqual([{ name: 'Guest', url: 'https://example.org/guest/' }]);
    expect(json.items[0].language).toBe('en');
    expect(json.items[1].authors).toBeUndefined(); // the feed's authors apply
    expect(json.items[0].summary).toBe('Summary.');
    expect(jsonFeedErrors(json)).toEqual([]);
  });

  it('writes an RSS author without an e-mail as dc:creator, and one with an e-mail as `email (Name)`', () => {
    const without = xml(buildFeed(channel({ author: { name: 'A & B' } }), [item()]).rss);
    expect(all(without, 'author')).toEqual([]);
    expect(first(without, 'dc:creator').textContent).toBe('A & B');
    expect(without.documentElement!.getAttribute('xmlns:dc')).toBe('http://purl.org/dc/elements/1.1/');
    // also when no content:encoded made `feed` declare the namespace
    const summaryOnly = xml(buildFeed(channel({ author: { name: 'A' } }), [item({ contentHtml: undefined })]).rss);
    expect(summaryOnly.documentElement!.getAttribute('xmlns:dc')).toBe('http://purl.org/dc/elements/1.1/');
    const withEmail = xml(buildFeed(channel(), [item()]).rss);
    expect(first(withEmail, 'author').textContent).toBe('me@example.org (林小满)');
    expect(all(withEmail, 'dc:creator')).toEqual([]);
  });

  it('writes titles as plain text escaped exactly once (Atom type="text", not html)', async () => {
    const built = buildFeed(channel({ title: 'Site & <Co>' }), [item({ title: HOSTILE_TITLE })]);
    expect(built.rss).toContain('<title>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; "q" 周报</title>');
    const atom = xml(built.atom);
    const entryTitle = first(atom, 'entry').getElementsByTagName('title')[0]!;
    expect(entryTitle.getAttribute('type')).toBe('text');
    expect(entryTitle.textContent).toBe(HOSTILE_TITLE);
    expect(first(atom, 'title').textContent).toBe('Site & <Co>');
    expect(JSON.parse(built.json).items[0].title).toBe(HOSTILE_TITLE);
    expect((await parseLikeFluentReader(built.rss)).items[0]!.title).toBe(HOSTILE_TITLE);
    const fromAtom = parseWithFeedsmith(built.atom);
    expect(fromAtom.format === 'atom' && fromAtom.feed.entries?.[0]?.title).toEqual({ value: HOSTILE_TITLE, type: 'text' });
  });

  it('keeps a literal &amp; in a plain-text title and description (the feed package unescapes it once)', () => {
    const built = buildFeed(channel({ title: 'R&amp;D', description: 'a &amp; b' }), [item({ title: 'Use &amp; in HTML', tags: ['&amp;'] })]);
    const rss = xml(built.rss);
    expect(first(rss, 'title').textContent).toBe('R&amp;D');
    expect(first(rss, 'description').textContent).toBe('a &amp; b');
    expect(first(rss, 'item').getElementsByTagName('title')[0]!.textContent).toBe('Use &amp; in HTML');
    expect(first(rss, 'category').textContent).toBe('&amp;');
    expect(first(xml(built.atom), 'entry').getElementsByTagName('title')[0]!.textContent).toBe('Use &amp; in HTML');
  });

  it('resolves relative links against the home page instead of throwing Invalid URL', () => {
    const built = buildFeed(channel({ feedUrls: { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' }, iconUrl: '/blog/favicon.svg' }), [
      item({ id: '/blog/posts/a/', url: '/blog/posts/a/', image: { url: 'posts/a/cover.png', type: 'image/png' } }),
    ]);
    const rss = xml(built.rss);
    expect(first(rss, 'link').textContent).toBe('https://example.org/blog/');
    expect(first(rss, 'item').getElementsByTagName('link')[0]!.textContent).toBe('https://example.org/blog/posts/a/');
    expect(first(rss, 'enclosure').getAttribute('url')).toBe('https://example.org/blog/posts/a/cover.png');
    expect(first(xml(built.atom), 'icon').textContent).toBe('https://example.org/blog/favicon.svg');
    expect(JSON.parse(built.json).feed_url).toBe('https://example.org/blog/feed.json');
    expect(() => buildFeed(channel({ homePageUrl: '/blog/' }), [item()])).toThrow(/absolute home page URL/);
  });

  it('links each file to itself: RSS atom:link rel=self and Atom link rel=self', () => {
    const built = buildFeed(channel(), [item()]);
    const self = all(xml(built.rss), 'atom:link').find((l) => l.getAttribute('rel') === 'self')!;
    expect(self.getAttribute('href')).toBe('https://example.org/blog/feed.xml');
    expect(self.getAttribute('type')).toBe('application/rss+xml');
    const atomLinks = all(xml(built.atom), 'link').filter((l) => (l.parentNode as Element).nodeName === 'feed');
    expect(atomLinks.map((l) => [l.getAttribute('rel'), l.getAttribute('href')])).toEqual([
      ['alternate', 'https://example.org/blog/'],
      ['self', 'https://example.org/blog/atom.xml'],
    ]);
  });

  it('declares UTF-8, links the browser stylesheet, and keeps CJK as characters', () => {
    const built = buildFeed(channel({ stylesheetHref: '/a&b/feed.xsl' }), [item({ title: '远程办公三年' })]);
    for (const text of [built.rss, built.atom]) {
      expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="/a&amp;b/feed.xsl"?>\n')).toBe(true);
      expect(text).toContain('远程办公三年');
    }
    expect(built.json).toContain('远程办公三年');
    expect(buildFeed(channel({ stylesheetHref: undefined }), [item()]).rss).not.toContain('xml-stylesheet');
  });

  it('drops characters XML cannot carry instead of writing a broken file', () => {
    const built = buildFeed(channel(), [item({ title: 'bell\u0007 and nul\u0000 and \uFFFE', contentHtml: '<p>x\u001By</p>' })]);
    const rss = xml(built.rss);
    expect(first(rss, 'item').getElementsByTagName('title')[0]!.textContent).toBe('bell and nul and ');
    expect(first(rss, 'content:encoded').textContent).toBe('<p>xy</p>');
  });

  it('writes the instants of the site zone with its offset: 06:48 in Shanghai is 22:48Z the day before', async () => {
    const built = buildFeed(channel(), [item({ published: new Date('2025-07-08T22:48:00Z'), updated: new Date('2025-07-12T13:10:00Z') })]);
    const rss = xml(built.rss);
    expect(first(rss, 'pubDate').textContent).toBe('Wed, 09 Jul 2025 06:48:00 +0800');
    expect(first(rss, 'lastBuildDate').textContent).toBe('Sat, 12 Jul 2025 21:10:00 +0800');
    const atom = xml(built.atom);
    expect(first(atom, 'published').textContent).toBe('2025-07-09T06:48:00+08:00');
    expect(first(atom, 'entry').getElementsByTagName('updated')[0]!.textContent).toBe('2025-07-12T21:10:00+08:00');
    const json = JSON.parse(built.json);
    expect(Date.parse(json.items[0].date_published)).toBe(Date.UTC(2025, 6, 8, 22, 48));
    expect(json.items[0].date_modified).toBe('2025-07-12T21:10:00+08:00');
    expect((await parseLikeFluentReader(built.rss)).items[0]!.date).toBe(Date.UTC(2025, 6, 8, 22, 48));
    // an item never updated has no date_modified, and its Atom <updated> is its publication
    const plain = buildFeed(channel(), [item()]);
    expect(JSON.parse(plain.json).items[0].date_modified).toBeUndefined();
    expect(first(xml(plain.atom), 'entry').getElementsByTagName('updated')[0]!.textContent).toBe('2025-07-09T06:48:00+08:00');
  });

  it('uses the id as the RSS guid (isPermaLink="false") unless it is the link itself', () => {
    const pinned = xml(buildFeed(channel(), [item({ id: 'tag:example.org,2024:x' })]).rss);
    expect(first(pinned, 'guid').textContent).toBe('tag:example.org,2024:x');
    expect(first(pinned, 'guid').getAttribute('isPermaLink')).toBe('false');
    const plain = xml(buildFeed(channel(), [item()]).rss);
    expect(first(plain, 'guid').textContent).toBe('https://example.org/blog/posts/a/');
    expect(first(plain, 'guid').getAttribute('isPermaLink')).toBe('true');
    expect(first(xml(buildFeed(channel(), [item({ id: 'tag:example.org,2024:x' })]).atom), 'entry').getElementsByTagName('id')[0]!.textContent).toBe('tag:example.org,2024:x');
  });

  it('writes RSS enclosures with url, length and type only, and Atom ones with the real type', () => {
    const built = buildFeed(channel(), [item({ image: { url: 'https://example.org/blog/a.svg', type: 'image/svg+xml', title: 'x', length: 120 } })]);
    const enclosure = first(xml(built.rss), 'enclosure');
    expect([enclosure.getAttribute('url'), enclosure.getAttribute('length'), enclosure.getAttribute('type'), enclosure.hasAttribute('title')]).toEqual(['https://example.org/blog/a.svg', '120', 'image/svg+xml', false]);
    const link = all(xml(built.atom), 'link').find((l) => l.getAttribute('rel') === 'enclosure')!;
    expect(link.getAttribute('type')).toBe('image/svg+xml'); // `feed` guesses image/svg
    expect(JSON.parse(built.json).items[0].image).toBe('https://example.org/blog/a.svg');
  });

  it('carries only the summary when an item has no content', () => {
    const built = buildFeed(channel(), [item({ contentHtml: undefined })]);
    expect(all(xml(built.rss), 'content:encoded')).toEqual([]);
    expect(all(xml(built.atom), 'content')).toEqual([]);
    expect(first(xml(built.atom), 'summary').textContent).toBe('<p>Summary.</p>');
    const json = JSON.parse(built.json);
    expect(json.items[0].content_html).toBe('<p>Summary.</p>');
    expect(jsonFeedErrors(json)).toEqual([]);
  });

  it('gives Atom an author even when the site has none, and the language as xml:lang', () => {
    const atom = xml(buildFeed(channel({ author: undefined }), [item({ language: 'en' })]).atom);
    expect(first(atom, 'author').getElementsByTagName('name')[0]!.textContent).toBe('半瓶水 · Half Full');
    expect(atom.documentElement!.getAttribute('xml:lang')).toBe('zh-CN');
    expect(first(atom, 'entry').getAttribute('xml:lang')).toBe('en');
    const json = JSON.parse(buildFeed(channel({ author: undefined }), [item()]).json);
    expect(json.authors).toBeUndefined();
    expect(jsonFeedErrors(json)).toEqual([]);
  });

  it('writes an empty feed that is still valid', () => {
    const built = buildFeed(channel({ updated: new Date('2025-01-01T00:00:00Z') }), []);
    expect(all(xml(built.rss), 'item')).toEqual([]);
    expect(first(xml(built.atom), 'updated').textContent).toBe('2025-01-01T08:00:00+08:00');
    expect(jsonFeedErrors(JSON.parse(built.json))).toEqual([]);
  });
});
