import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import { selectAll } from 'hast-util-select';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { parseWithFeedparser, parseLikeFluentReader } from './helpers/feed-readers.js';
import { configJson, remove, tempDir, writeFiles } from './helpers/site-fixture.js';

/** The page without the links each heading has to itself (`#`, shown on hover): the text a reader reads. */
const withoutHeadingAnchors = (tree: Root): Root => {
  visit(tree, 'element', (node: Element) => {
    node.children = node.children.filter((c) => !(c.type === 'element' && Array.isArray(c.properties['className']) && c.properties['className'].includes('heading-anchor')));
  });
  return tree;
};

const note = (title: string, date: string, section: string, extra = '') =>
  `---\ntitle: ${title}\ndate: ${date}\nlink: https://www.example.com/${encodeURIComponent(title)}\nsection: ${section}\n${extra}---\n${title} 的评论。\n`;

describe('a weekly digest in Asia/Shanghai', () => {
  let root: string;
  let result: BuildResult;
  const read = (rel: string) => readFileSync(path.join(root, 'dist', rel), 'utf8');
  const text = (rel: string, selector: string) => selectAll(selector, withoutHeadingAnchors(fromHtml(read(rel)))).map((n) => hastToString(n).trim());

  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson({ weekly: { sections: ['技术', '工具'] }, url: 'https://example.org/blog/' }),
      'content/posts/hello.md': '---\ntitle: Hello\ndate: 2025-12-01\n---\nA post.\n',
      'content/weekly/0051.md': '---\ntitle: 远程办公\ndate: 2025-12-21 20:00:00\ntags: [周报]\n---\n本期导语。\n\n## 工具\n\n- [mise](https://mise.jdx.dev/)\n\n  好用。\n',
      'content/weekly/0052.md': '---\ndate: 2025-12-28 20:00:00\n---\n没有标题的一期。\n',
      // 2025-12-22 04:43 Shanghai is Sunday 20:43 UTC of W51: it belongs to W52.
      'content/notes/early-monday.md': note('周一清晨', '2025-12-22 04:43:00', '技术', 'tags: [go]\n'),
      'content/notes/sunday-night.md': note('周日深夜', '2025-12-21 23:59:00', '工具'),
      // 2025-12-29 is in 2026-W01, which has no issue file: the note pins its number, 53.
      'content/notes/new-year.md': note('新年第一条', '2025-12-29', '阅读', 'tags: [go]\nissue: 53\n'),
      'content/notes/new-year-2.md': note('新年第二条', '2025-12-31 10:15:00', '阅读'),
      'content/notes/later.md': note('一月', '2026-01-12 00:30:00', '技术'),
    });
    result = await build({ root, outDir: path.join(root, 'dist'), now: new Date('2026-01-13T00:00:00Z') });
  });
  afterAll(() => remove(root));

  it('puts each note in the issue of its week and numbers notes-only weeks after the highest', () => {
    // notes have `note-` ids (the author's own items are h3.weekly-item too)
    expect(text('weekly/51/index.html', 'h3[id^="note-"] a')).toEqual(['周日深夜']);
    expect(text('weekly/52/index.html', 'h3[id^="note-"] a')).toEqual(['周一清晨']);
    expect(text('weekly/53/index.html', 'h3[id^="note-"] a')).toEqual(['新年第一条', '新年第二条']);
    // 2026-01-12 00:30 is Monday of 2026-W03: its week is not over at "now" (2026-01-13), so not yet published
    expect(() => read('weekly/54/index.html')).toThrow();
  });

  it('formats titles, with and without the author’s title', () => {
    expect(text('weekly/51/index.html', 'h1')).toEqual(['周报 51 —— 远程办公']);
    expect(text('weekly/52/index.html', 'h1')).toEqual(['周报 52']);
  });

  it('orders sections as configured and merges notes into the body section of the same name', () => {
    expect(text('weekly/51/index.html', '.content h2')).toEqual(['工具']);
    const h2 = text('weekly/52/index.html', '.content h2');
    expect(h2).toEqual(['技术']);
    expect(read('weekly/51/index.html')).toMatch(/mise[\s\S]*周日深夜/);
    expect(text('weekly/51/index.html', '.domain')).toEqual(['mise.jdx.dev', 'example.com']);
    expect(text('weekly/51/index.html', '.week-range')[0]).toBe('2025-12-15 – 12-21');
  });

  it('gives the author’s link items and the merged notes one look: linked title, domain, commentary', () => {
    const page = withoutHeadingAnchors(fromHtml(read('weekly/51/index.html')));
    const items = selectAll('.content h3', page);
    expect(items.map((h) => hastToString(h))).toEqual(['mise mise.jdx.dev', '周日深夜 example.com']);
    const shape = (h: (typeof items)[number]) => ({
      className: h.properties['className'],
      children: h.children.map((c) => (c.type === 'element' ? `${c.tagName}.${String(c.properties['className'] ?? '')}` : c.type === 'text' ? JSON.stringify(c.value) : c.type)),
      next: selectAll('h3 + p', page).some((p) => p.position?.start.line === (h.position?.end.line ?? -1) + 1),
    });
    expect(shape(items[0]!)).toEqual(shape(items[1]!));
    expect(shape(items[0]!).children).toEqual(['a.', '" "', 'small.domain']);
    expect(selectAll('.content ul', page)).toEqual([]);
    expect(text('weekly/51/index.html', '.content h3 + p')).toEqual(['好用。', '周日深夜 的评论。']);
  });

  it('lists every section and every item in the issue TOC, each linking to its heading', () => {
    const page = fromHtml(read('weekly/51/index.html'));
    const toc = selectAll('nav.toc a', page).map((a) => [hastToString(a), String(a.properties['href'])]);
    expect(toc.map(([label]) => label)).toEqual(['工具', 'mise', '周日深夜']);
    const ids = selectAll('.content h2, .content h3', page).map((h) => `#${String(h.properties['id'])}`);
    expect(toc.map(([, href]) => decodeURIComponent(href!))).toEqual(ids);
  });

  it('links the previous (older) issue as rel="prev" and the next (newer) one as rel="next", labelled so', () => {
    const nav = selectAll('nav.post-nav a', fromHtml(read('weekly/52/index.html'))).map((a) => [String(a.properties['rel']), String(a.properties['href']), hastToString(a)]);
    expect(nav).toEqual([
      ['prev', '/blog/weekly/51/', '上一期周报 51 —— 远程办公'],
      ['next', '/blog/weekly/53/', '下一期周报 53'],
    ]);
  });

  it('shows every date of the site in one form, and each week range in the same form', () => {
    expect(text('weekly/51/index.html', '.post-meta time')).toEqual(['2025-12-21']);
    expect(text('posts/hello/index.html', '.post-meta time')).toEqual(['2025-12-01']);
    expect(text('weekly/index.html', '.week-range')).toEqual(['2025-12-29 – 2026-01-04', '2025-12-29 – 2026-01-04', '2025-12-22 – 12-28', '2025-12-15 – 12-21']);
  });

  it('lists issues on /weekly/, newest first, with week range and item count, latest pinned', () => {
    expect(text('weekly/index.html', '.weekly-latest h2')).toEqual(['周报 53']);
    expect(text('weekly/index.html', '.weekly-year h2')).toEqual(['2026', '2025']);
    expect(text('weekly/index.html', '.weekly-year li a')).toEqual(['周报 53', '周报 52', '周报 51 —— 远程办公']);
    expect(read('weekly/index.html')).toContain('2 条');
  });

  it('gives the weekly feeds their own title, in the feeds and in the discovery links', async () => {
    const out = path.join(root, 'dist');
    const [rss, atom] = parseWithFeedparser([path.join(out, 'weekly/feed.xml'), path.join(out, 'weekly/atom.xml')]);
    expect(rss!.feed.title).toBe('周报 · Fixture');
    expect(atom!.feed.title).toBe('周报 · Fixture');
    expect((JSON.parse(read('weekly/feed.json')) as { title: string }).title).toBe('周报 · Fixture');
    expect(parseWithFeedparser([path.join(out, 'feed.xml')])[0]!.feed.title).toBe('Fixture');
    const titles = selectAll('link[rel=alternate]', fromHtml(read('weekly/index.html'))).map((l) => l.properties['title']);
    expect(titles).toEqual(['Fixture (RSS)', 'Fixture (Atom)', 'Fixture (JSON Feed)', '周报 · Fixture (RSS)', '周报 · Fixture (Atom)', '周报 · Fixture (JSON Feed)', '短评 · Fixture (RSS)', '短评 · Fixture (Atom)', '短评 · Fixture (JSON Feed)']);
  });

  it('dates a notes-only issue by its last note, not the end of its week', async () => {
    const site = await parseLikeFluentReader(read('weekly/feed.xml'));
    expect(site.items[0]!.title).toBe('周报 53');
    // 2025-12-31 10:15 in Shanghai
    expect(new Date(site.items[0]!.date!).toISOString()).toBe('2025-12-31T02:15:00.000Z');
  });

  it('writes a weekly feed that feedparser and rss-parser read, and puts issues in the site feed', async () => {
    const out = path.join(root, 'dist');
    const [rss, atom] = parseWithFeedparser([path.join(out, 'weekly/feed.xml'), path.join(out, 'weekly/atom.xml')]);
    for (const feed of [rss!, atom!]) {
      expect(feed.bozo, feed.bozoException ?? '').toBe(0);
      expect(feed.entries.map((e) => e.title)).toEqual(['周报 53', '周报 52', '周报 51 —— 远程办公']);
      expect(feed.entries[2]!.content ?? feed.entries[2]!.summary).toContain('周日深夜');
    }
    const site = await parseLikeFluentReader(read('feed.xml'));
    expect(site.items.map((i) => i.title)).toEqual(['周报 53', '周报 52', '周报 51 —— 远程办公', 'Hello']);
    expect(site.items[0]!.link).toBe('https://example.org/blog/weekly/53/');
    // every issue's feed id is its URL, whose number never moves
    expect(site.items[0]!.id).toBe('https://example.org/blog/weekly/53/');
  });

  it('links the weekly feed and the notes stream’s from the head of /weekly/ and of each issue, beside the site feed', () => {
    for (const page of ['weekly/index.html', 'weekly/51/index.html']) {
      const hrefs = selectAll('link[rel=alternate]', fromHtml(read(page))).map((l) => l.properties['href']);
      expect(hrefs, page).toEqual(['/blog/feed.xml', '/blog/atom.xml', '/blog/feed.json', '/blog/weekly/feed.xml', '/blog/weekly/atom.xml', '/blog/weekly/feed.json', '/blog/notes/feed.xml', '/blog/notes/atom.xml', '/blog/notes/feed.json']);
    }
  });

  it('shows notes on their tag pages, linking to their place in the issue', () => {
    const links = selectAll('.tag-notes li a', fromHtml(read('tags/go/index.html'))).map((a) => a.properties['href']);
    expect(links).toEqual(['/blog/weekly/53/#note-new-year', '/blog/weekly/52/#note-early-monday']);
    expect(selectAll('#note-early-monday', fromHtml(read('weekly/52/index.html')))).toHaveLength(1);
    expect(text('tags/周报/index.html', '.post-summary h2')).toEqual(['周报 51 —— 远程办公']);
  });

  it('says on a tag page, and in its feed, that its notes go out with the weekly feed', async () => {
    const why = selectAll('.tag-notes-feed', fromHtml(read('tags/go/index.html')));
    expect(why.map((n) => hastToString(n).trim())).toEqual(['短评随周报发出，不在本标签的订阅里 · 订阅周报']);
    expect(selectAll('.tag-notes-feed a', fromHtml(read('tags/go/index.html'))).map((a) => a.properties['href'])).toEqual(['/blog/weekly/feed.xml']);
    // a tag of notes only has no feed of its own: its page links the weekly feed instead
    expect(() => read('tags/go/feed.xml')).toThrow();
  });

  it('warns about nothing but the numbers it had to infer', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('an issue with nothing in it', () => {
  it('is a warning that names the file, unlike a diary-style issue of prose alone', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.json': configJson(),
        'content/weekly/0001.md': '---\ndate: 2025-12-21 20:00:00\n---\n这周只写了几段话。\n\n## 生活\n\n搬家了。\n',
        'content/weekly/0002.md': '---\ndate: 2025-12-28 20:00:00\n---\n\n',
      });
      const result = await build({ root, outDir: path.join(root, 'dist'), now: new Date('2026-01-13T00:00:00Z') });
      const empty = result.diagnostics.filter((d) => d.code === 'EmptyIssue');
      expect(empty.map((d) => [d.severity, d.file, d.message])).toEqual([['warning', 'content/weekly/0002.md', 'weekly issue 2 has no items and no text: it is published empty']]);
    } finally {
      remove(root);
    }
  });
});

describe('a weekly digest in English, with a diary-style issue', () => {
  let root: string;
  const read = (rel: string) => readFileSync(path.join(root, 'dist', rel), 'utf8');
  const text = (rel: string, selector: string) => selectAll(selector, withoutHeadingAnchors(fromHtml(read(rel)))).map((n) => hastToString(n).trim());

  beforeAll(async () => {
    root = tempDir();
    const prose = 'A week of walking and thinking, written out at length. '.repeat(60);
    writeFiles(root, {
      'quire.config.json': configJson({ language: 'en', timezone: 'Europe/London', url: 'https://example.org/' }),
      'content/posts/hello.md': '---\ntitle: Hello\ndate: 2025-12-01 09:00\n---\nA post.\n',
      'content/weekly/0001.md': `---\ntitle: Diary\ndate: 2025-12-21 20:00\n---\nIntro.\n\n## Monday\n\n${prose}\n\n## Tuesday\n\n${prose}\n`,
      'content/weekly/0002.md': '---\ntitle: Links\ndate: 2025-12-28 20:00\n---\n## Tools\n\n- [mise](https://mise.jdx.dev/) — version manager.\n',
    });
    await build({ root, outDir: path.join(root, 'dist'), now: new Date('2026-01-13T00:00:00Z') });
  });
  afterAll(() => remove(root));

  it('shows a diary’s reading time on the weekly index, not "0 items"', () => {
    const html = read('weekly/index.html');
    expect(html).not.toContain('0 items');
    const rows = selectAll('.weekly-year li', fromHtml(html)).map((li) => hastToString(li).replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(['22 – 28 Dec 2025 Weekly #2: Links 1 item', expect.stringMatching(/^15 – 21 Dec 2025 Weekly #1: Diary \d+ min read$/)]);
    expect(text('weekly/1/index.html', '.post-meta .reading-time')).toHaveLength(1);
  });

  it('writes dates and week ranges the English way on every page', () => {
    expect(text('weekly/1/index.html', '.post-meta time')).toEqual(['21 Dec 2025']);
    expect(text('weekly/1/index.html', '.week-range')).toEqual(['15 – 21 Dec 2025']);
    expect(text('posts/hello/index.html', '.post-meta time')).toEqual(['1 Dec 2025']);
    expect(text('archive/index.html', '.archive-year time')).toEqual(['1 Dec']);
  });
});
