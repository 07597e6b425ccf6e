import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import { select, selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { jsonFeedErrors, parseLikeFluentReader, parseWithFeedparser } from './helpers/feed-readers.js';
import { configJson, remove, tempDir, writeFiles } from './helpers/site-fixture.js';

const note = (title: string, date: string, body: string, extra = '') => `---\ntitle: '${title}'\ndate: ${date}\nlink: https://www.example.com/${encodeURIComponent(title)}?utm_source=x\nsection: 工具\n${extra}---\n${body}\n`;

const NOTES = {
  'content/weekly/0051.md': '---\ntitle: 远程办公\ndate: 2025-12-21 20:00:00\n---\n本期导语。\n',
  'content/notes/first.md': note('第一条', '2025-12-15 09:00:00', '第一条的评论[^1]。\n\n[^1]: 脚注。', 'tags: [go]\n'),
  'content/notes/second.md': note('第二条 <b>&amp;', '2025-12-17 10:00:00', '```js\nconst a = 1 < 2;\n```\n\n第二条的评论。'),
  'content/notes/third.md': note('第三条', '2025-12-23 11:00:00', '第三条的评论。', 'issue: 52\n'),
  'content/notes/fourth.md': note('第四条', '2025-12-30 12:00:00', '第四条的评论。', 'issue: 53\nid: tag:example.org,2025:fourth\n'),
};
const NOW = new Date('2026-01-13T00:00:00Z');

describe('the notes stream', () => {
  let root: string;
  const read = (rel: string) => readFileSync(path.join(root, 'dist', rel), 'utf8');
  const page = (rel: string) => fromHtml(read(rel));
  const texts = (rel: string, selector: string) => selectAll(selector, page(rel)).map((n) => hastToString(n).trim());

  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, { 'quire.config.json': configJson({ url: 'https://example.org/blog/', paginate: 3 }), ...NOTES });
    await build({ root, outDir: path.join(root, 'dist'), now: NOW });
  });
  afterAll(() => remove(root));

  it('is in the top navigation when nav.menu names it (not by default), marked current on its pages', async () => {
    expect(selectAll('header.site-header nav a', page('index.html')).map((a) => a.properties['href'])).not.toContain('/blog/notes/');
    const other = tempDir();
    try {
      writeFiles(other, { 'quire.config.json': configJson({ url: 'https://example.org/blog/', paginate: 3, nav: { menu: ['weekly', 'notes'] } }), ...NOTES });
      await build({ root: other, outDir: path.join(other, 'dist'), now: NOW });
      const nav = (rel: string) => selectAll('header.site-header nav a', fromHtml(readFileSync(path.join(other, 'dist', rel), 'utf8'))).map((a) => [hastToString(a), a.properties['href'], a.properties['ariaCurrent']]);
      expect(nav('index.html')).toEqual([
        ['周报', '/blog/weekly/', undefined],
        ['短评', '/blog/notes/', undefined],
      ]);
      expect(nav('notes/page/2/index.html')[1]).toEqual(['短评', '/blog/notes/', 'true']);
    } finally {
      remove(other);
    }
  });

  it('lists notes newest first with date, link, domain and commentary, three to a page', () => {
    expect(texts('notes/index.html', '.note-title a')).toEqual(['第四条', '第三条', '第二条 <b>&amp;']);
    expect(texts('notes/page/2/index.html', '.note-title a')).toEqual(['第一条']);
    expect(existsSync(path.join(root, 'dist/notes/page/3'))).toBe(false);
    expect(selectAll('.note-title a', page('notes/index.html')).map((a) => a.properties['href'])).toEqual([
      'https://www.example.com/%E7%AC%AC%E5%9B%9B%E6%9D%A1',
      'https://www.example.com/%E7%AC%AC%E4%B8%89%E6%9D%A1',
      'https://www.example.com/%E7%AC%AC%E4%BA%8C%E6%9D%A1%20%3Cb%3E%26amp%3B',
    ]);
    expect(texts('notes/index.html', '.note-title .domain')).toEqual(['example.com', 'example.com', 'example.com']);
    expect(selectAll('.note time', page('notes/index.html')).map((t) => t.properties['dateTime'])).toEqual(['2025-12-30T12:00:00.000+08:00', '2025-12-23T11:00:00.000+08:00', '2025-12-17T10:00:00.000+08:00']);
    const contents = texts('notes/index.html', '.note .content');
    expect(contents.slice(0, 2)).toEqual(['第四条的评论。', '第三条的评论。']);
    expect(contents[2]).toContain('const a = 1 < 2;');
    expect(contents[2]).toContain('第二条的评论。');
    expect(texts('notes/page/2/index.html', '.note .content p')[0]).toBe('第一条的评论1。');
    expect(select('a[rel="next"]', page('notes/index.html'))?.properties['href']).toBe('/blog/notes/page/2/');
  });

  it('links each note to its place in the issue that gathered it, an id that exists there', () => {
    const links = selectAll('a.note-issue', page('notes/index.html')).map((a) => String(a.properties['href']));
    expect(links).toEqual(['/blog/weekly/53/#note-fourth', '/blog/weekly/52/#note-third', '/blog/weekly/51/#note-second']);
    expect(texts('notes/index.html', 'a.note-issue')[2]).toBe('收录于 周报 51 —— 远程办公');
    expect(select('#note-second', page('weekly/51/index.html'))).toBeTruthy();
    // A footnote reference leads to the issue page (the notes page has no footnotes of its own); no id is repeated.
    const ref = select('.note .content sup a', page('notes/page/2/index.html'));
    expect(String(ref?.properties['href'])).toMatch(/^\/blog\/weekly\/51\/#/);
    const ids = selectAll('[id]', page('notes/index.html')).map((n) => String(n.properties['id']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('announces its feeds with visible links on the page and in the head of the weekly pages', () => {
    expect(selectAll('.notes-feeds a', page('notes/index.html')).map((a) => [hastToString(a), a.properties['href']])).toEqual([
      ['RSS', '/blog/notes/feed.xml'],
      ['Atom', '/blog/notes/atom.xml'],
      ['JSON Feed', '/blog/notes/feed.json'],
    ]);
    for (const rel of ['weekly/index.html', 'weekly/51/index.html', 'notes/index.html']) {
      const alternates = selectAll('link[rel="alternate"]', page(rel)).map((l) => String(l.properties['href']));
      expect(alternates).toEqual(expect.arrayContaining(['/blog/notes/feed.xml', '/blog/notes/atom.xml', '/blog/notes/feed.json']));
    }
    // In the sitemap once (page 1), dated by the newest note.
    expect(read('sitemap.xml')).toMatch(/<loc>https:\/\/example\.org\/blog\/notes\/<\/loc>\s*<lastmod>2025-12-30T12:00:00\+08:00<\/lastmod>/);
    expect(read('sitemap.xml')).not.toContain('notes/page/2/');
    // Not on posts' or the home page's head: the notes are the weekly's.
    expect(read('index.html')).not.toContain('notes/feed.xml');
  });

  it('writes RSS, Atom and JSON Feed that feedparser reads without complaint, ids being the notes’ places in their issues', async () => {
    // feedparser reads the XML formats; the JSON Feed is checked against the JSON Feed 1.1 schema below.
    const files = ['feed.xml', 'atom.xml'].map((f) => path.join(root, 'dist/notes', f));
    const parsed = parseWithFeedparser(files);
    for (const feed of parsed) {
      expect(feed.bozo, `${feed.file}: ${feed.bozoException}`).toBe(0);
      expect(feed.feed.title).toBe('短评 · Fixture');
      expect(feed.entries.map((e) => e.title)).toEqual(['第四条', '第三条', '第二条 <b>&amp;', '第一条']);
      expect(feed.entries.map((e) => e.id)).toEqual(['tag:example.org,2025:fourth', 'https://example.org/blog/weekly/52/#note-third', 'https://example.org/blog/weekly/51/#note-second', 'https://example.org/blog/weekly/51/#note-first']);
    }
    const rss = parsed[0]!;
    const content = rss.entries[2]!.content ?? '';
    // The link without its tracking parameter, the commentary with its code, the issue.
    expect(content).toContain('href="https://www.example.com/%E7%AC%AC%E4%BA%8C%E6%9D%A1%20%3Cb%3E%26amp%3B"');
    expect(content).toContain('<code class="language-js">');
    expect(content).toContain('&#x3c; ');
    expect(content).toContain('第二条的评论。');
    expect(content).toContain('href="https://example.org/blog/weekly/51/"');
    expect(rss.entries[3]!.tags).toEqual(['go']);
    const fluent = await parseLikeFluentReader(read('notes/feed.xml'));
    expect(fluent.items.map((i) => i.title)).toEqual(['第四条', '第三条', '第二条 <b>&amp;', '第一条']);
    const json = JSON.parse(read('notes/feed.json')) as { items: Array<{ id: string; title: string }> };
    expect(jsonFeedErrors(json)).toEqual([]);
    expect(json.items.map((i) => [i.title, i.id])).toEqual(parsed[0]!.entries.map((e) => [e.title, e.id]));
  });

  it('keeps every item id when other notes are added before and after it', async () => {
    const again = tempDir();
    try {
      writeFiles(again, {
        'quire.config.json': configJson({ url: 'https://example.org/blog/', paginate: 3 }),
        ...NOTES,
        'content/notes/earlier.md': note('更早', '2025-12-15 08:00:00', '更早的评论。'),
        'content/notes/between.md': note('之间', '2025-12-16 08:00:00', '之间的评论。', 'issue: 51\n'),
        'content/notes/newest.md': note('最新', '2026-01-05 08:00:00', '最新的评论。'),
      });
      await build({ root: again, outDir: path.join(again, 'dist'), now: NOW });
      const [feed] = parseWithFeedparser([path.join(again, 'dist/notes/feed.xml')]);
      const ids = Object.fromEntries(feed!.entries.map((e) => [e.title, e.id]));
      expect(ids).toMatchObject({
        第四条: 'tag:example.org,2025:fourth',
        第三条: 'https://example.org/blog/weekly/52/#note-third',
        '第二条 <b>&amp;': 'https://example.org/blog/weekly/51/#note-second',
        第一条: 'https://example.org/blog/weekly/51/#note-first',
      });
    } finally {
      remove(again);
    }
  });
});

describe('notes.page: false', () => {
  it('writes no notes pages or feeds, and the weekly pages announce none', async () => {
    const root = tempDir();
    try {
      writeFiles(root, { 'quire.config.json': configJson({ notes: { page: false } }), ...NOTES });
      await build({ root, outDir: path.join(root, 'dist'), now: NOW });
      expect(existsSync(path.join(root, 'dist/notes'))).toBe(false);
      expect(readFileSync(path.join(root, 'dist/weekly/51/index.html'), 'utf8')).not.toContain('notes/');
      expect(existsSync(path.join(root, 'dist/weekly/feed.xml'))).toBe(true);
    } finally {
      remove(root);
    }
  });
});
