import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { runDigest } from '../../../src/emit/digest/run-digest.js';
import { parseWithFeedparser, type FeedparserResult } from '../../helpers/feed-readers.js';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

/**
 * CJK emphasis and line breaks, callouts, figures, heading anchors and footnotes, and the
 * language of Latin emphasis: on the page, in the feeds as feedparser sanitizes them, in the
 * e-mail, text and Markdown digest, and in the search index; in Chinese and in English.
 */
const ZH_POST = `---
title: 中文写作
date: 2025-11-01
---
这是**加粗，**后面的文字，~~删除。~~后面。
第一句在这里，
第二句接着写。
中文
Latin 混排。

> [!NOTE]
> 这是一条注意事项。
> 第二行。

> [!WARNING]
> 小心 *English emphasis* 和 *中文强调* 和 *混合 mixed text*。

![一张图](/img/a.png "图一：示意图")

## 第一节

脚注在这里[^1]。

## 第二节

### 小节

正文。

[^1]: 脚注内容。
`;

const EN_POST = `---
title: Writing in English
date: 2025-11-02
lang: en
---
Some *emphasis* here,
on two lines.

> [!CAUTION]
> Mind the gap.

![A plot](/img/plot.png "Throughput by week")

## First part

A remark[^n].

## Second part

Text.

[^n]: The footnote.
`;

const ISSUE = `---
title: 第一期
date: 2025-11-16 20:00
---
导语**加粗，**后面。
一句一行，
第二句。

> [!TIP]
> 一个提示。
> 第二行。

![图](/img/b.png "图注文字")

## 其他

正文[^1]。

[^1]: 注释。
`;

const page = (out: string, rel: string): Root => fromHtml(readFileSync(path.join(out, rel), 'utf8'));
const content = (tree: Root): Element => select('.post .content, article .content', tree)!;
const text = (node: Root | Element) => toText(node).replace(/\s+/g, ' ');

describe('writing features', () => {
  let root: string;
  let out: string;
  let feeds: FeedparserResult[];
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/' }),
      'content/posts/zh.md': ZH_POST,
      'content/posts/en.md': EN_POST,
      'content/weekly/0001.md': ISSUE,
    });
    await build({ root, outDir: out, now: new Date('2026-01-01T00:00:00Z'), cache: false });
    feeds = parseWithFeedparser(['feed.xml', 'atom.xml'].map((f) => path.join(out, f)));
    for (const format of ['text', 'markdown', 'email']) digests[format] = (await runDigest({ number: '1', format, out: undefined, cwd: root }, { root, now: new Date('2026-01-01T00:00:00Z'), cache: false })).text;
  }, 120_000);
  afterAll(() => remove(root));

  describe('on the page', () => {
    it('reads bold and strikethrough next to full-width punctuation, and joins lines between CJK characters only', () => {
      const body = content(page(out, 'posts/zh/index.html'));
      expect(selectAll('strong', body).map(text)).toContain('加粗，');
      expect(selectAll('del', body).map(text)).toContain('删除。');
      const first = text(select('p', body)!);
      expect(first).toContain('后面。第一句在这里，第二句接着写。中文 Latin 混排。');
      expect(first).not.toContain('*');
      expect(text(select('p', content(page(out, 'posts/en/index.html')))!)).toBe('Some emphasis here, on two lines.');
    });

    it('makes a callout of a GitHub alert: localized bold title, an icon, no marker', () => {
      const zh = content(page(out, 'posts/zh/index.html'));
      const callouts = selectAll('blockquote.callout', zh);
      expect(callouts.map((c) => [c.properties['dataCallout'], text(select('.callout-title', c)!).trim()])).toEqual([['note', '注意'], ['warning', '警告']]);
      for (const c of callouts) expect(select('.callout-title > svg.callout-icon[aria-hidden="true"]', c)).toBeDefined();
      expect(text(callouts[0]!)).toContain('这是一条注意事项。第二行。');
      expect(text(zh)).not.toContain('[!');
      const en = content(page(out, 'posts/en/index.html'));
      expect(text(select('blockquote.callout-caution .callout-title', en)!).trim()).toBe('Caution');
    });

    it('makes a figure of an image with a title, linked to the file, the title as caption', () => {
      const figure = select('figure.figure', content(page(out, 'posts/zh/index.html')))!;
      expect(select('a[href="/blog/img/a.png"] > img[src="/blog/img/a.png"][alt="一张图"]', figure)).toBeDefined();
      expect(select('img[title]', figure)).toBeUndefined();
      expect(text(select('figcaption', figure)!)).toBe('图一：示意图');
      expect(text(select('figure figcaption', content(page(out, 'posts/en/index.html')))!)).toBe('Throughput by week');
    });

    it('gives every heading a link to itself, keeps the TOC text clean and the footnotes out of it', () => {
      const tree = page(out, 'posts/zh/index.html');
      const headings = selectAll('h2, h3', content(tree)).filter((h) => !select('.sr-only', { type: 'root', children: [h] }) && h.properties['id'] !== 'footnote-label');
      expect(headings.length).toBe(3);
      for (const h of headings) expect(select(`a.heading-anchor[href="#${String(h.properties['id'])}"][aria-label="本节链接"]`, h)).toBeDefined();
      expect(select('section[data-footnotes] a.heading-anchor', tree)).toBeUndefined();
      const toc = selectAll('nav.toc a', tree).map(text);
      expect(toc).toEqual(['第一节', '第二节', '小节']);
      const en = page(out, 'posts/en/index.html');
      expect(selectAll('nav.toc a', en).map(text)).toEqual(['First part', 'Second part']);
      expect(select('h2 a.heading-anchor[aria-label="Link to this section"]', en)).toBeDefined();
    });

    it('marks Latin emphasis lang="en" on a Chinese page, not on an English one', () => {
      const zh = content(page(out, 'posts/zh/index.html'));
      const ems = selectAll('em', zh);
      expect(ems.map((em) => [text(em), em.properties['lang'] ?? null])).toEqual([['English emphasis', 'en'], ['中文强调', null], ['混合 mixed text', null]]);
      expect(selectAll('span[lang="en"]', ems[2]!).map(text)).toEqual(['mixed text']);
      expect(select('em[lang]', content(page(out, 'posts/en/index.html')))).toBeUndefined();
    });
  });

  describe('in the feeds (as feedparser sanitizes them)', () => {
    const item = (title: string) => {
      const found = feeds.map((f) => f.entries.find((e) => e.title === title)!);
      expect(found.every(Boolean)).toBe(true);
      return found.map((e) => fromHtml(e.content ?? '', { fragment: true }));
    };

    it('keeps CJK emphasis and joined lines', () => {
      for (const tree of item('中文写作')) {
        expect(selectAll('strong', tree).map(text)).toContain('加粗，');
        expect(text(tree)).toContain('第一句在这里，第二句接着写。中文 Latin 混排。');
      }
    });

    it('shows callouts as a block quote with a bold title, without icon, and keeps figure captions as text', () => {
      for (const tree of item('中文写作')) {
        expect(selectAll('blockquote', tree).map((b) => text(select('strong', b)!))).toEqual(['注意', '警告']);
        expect(select('svg', tree)).toBeUndefined();
        expect(text(tree)).toContain('图一：示意图');
        expect(select('img[src="https://example.org/blog/img/a.png"]', tree)).toBeDefined();
      }
      for (const tree of item('Writing in English')) {
        expect(text(select('blockquote strong', tree)!)).toBe('Caution');
        expect(text(tree)).toContain('Throughput by week');
      }
    });

    it('has no heading anchors, and a rule instead of the footnotes heading', () => {
      for (const tree of [...item('中文写作'), ...item('Writing in English')]) {
        expect(selectAll('h2', tree).map(text)).not.toContainEqual(expect.stringMatching(/#|脚注|Footnotes/));
        expect(selectAll('a', tree).map(text)).not.toContain('#');
        expect(select('hr', tree)).toBeDefined();
        expect(text(tree)).not.toMatch(/脚注\s|Footnotes/);
      }
    });

    it('keeps lang="en" on Latin emphasis', () => {
      for (const tree of item('中文写作')) expect(select('em[lang="en"]', tree)).toBeDefined();
    });
  });

  describe('in the digest', () => {
    it('e-mail: CJK bold, callout as a block quote with a bold title, the caption as text, no anchors or footnote heading', () => {
      const tree = fromHtml(digests['email']!);
      const body = text(tree);
      expect(selectAll('strong', tree).map(text)).toContain('加粗，');
      expect(body).toContain('导语加粗，后面。一句一行，第二句。');
      expect(text(select('blockquote strong', tree)!)).toBe('提示');
      expect(body).toContain('图注文字');
      // The figure without the browser's 40 px indent, its caption centred under the image (inline: mail keeps no stylesheet).
      expect(String(select('figure', tree)!.properties['style'])).toContain('margin: 12px 0');
      expect(String(select('figcaption', tree)!.properties['style'])).toContain('text-align: center');
      expect(select('svg', tree)).toBeUndefined();
      expect(select('a.heading-anchor', tree)).toBeUndefined();
      expect(body).not.toContain('[!TIP]');
      expect(body).not.toMatch(/脚注/);
    });

    it('text: joined lines, a readable callout, one reference for a figure, its caption', () => {
      const digest = digests['text']!;
      expect(digest).toContain('导语加粗，后面。一句一行，第二句。');
      expect(digest).toContain('> 提示\n>\n> 一个提示。第二行。');
      expect(digest).toContain('[图] [1]\n\n图注文字');
      expect(digest).not.toContain('[1] [1]');
      expect(digest).not.toContain('脚注');
      expect(digest).not.toContain('[!TIP]');
    });

    it('Markdown: the alert syntax as written, CJK bold that standard Markdown reads back as bold', () => {
      const digest = digests['markdown']!;
      expect(digest).toContain('\n> [!TIP]\n> 一个提示。第二行。\n');
      expect(digest).not.toContain('\\[!TIP]');
      expect(digest).toContain('导语**加粗**，后面。一句一行，第二句。');
      expect(digest).toContain('图注文字');
      expect(digest).not.toContain('脚注');
    });
  });

  describe('in the search index', () => {
    const index = () => JSON.parse(readFileSync(path.join(out, 'search/index.json'), 'utf8')) as { docs: Array<{ t: string; e: string }>; terms: Array<[number[], string]> };
    const terms = () => new Set(index().terms.flatMap(([, words]) => words.split(' ')));

    it('has joined CJK lines, callout text without its marker, figure captions, no anchor signs', () => {
      const zh = index().docs.find((d) => d.t === '中文写作')!;
      expect(zh.e).toContain('第一句在这里，第二句接着写。中文 Latin 混排。');
      const all = terms();
      expect(all.has('note')).toBe(false);
      expect(all.has('caution')).toBe(false);
      expect(all.has('gap')).toBe(true);
      expect(all.has('throughput')).toBe(true);
      expect([...all].some((term) => term.startsWith('示意'))).toBe(true);
      expect(all.has('#')).toBe(false);
    });
  });
});

describe('writing features turned off', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/', markdown: { cjk: { emphasis: false, lineBreaks: false } } }),
      'content/posts/zh.md': ZH_POST,
    });
    await build({ root, outDir: out, now: new Date('2026-01-01T00:00:00Z'), cache: false });
  }, 120_000);
  afterAll(() => remove(root));

  it('reads CommonMark emphasis and keeps every line break a space', () => {
    const body = content(page(out, 'posts/zh/index.html'));
    const first = text(select('p', body)!);
    expect(first).toContain('**加粗，**后面');
    expect(first).toContain('第一句在这里， 第二句接着写。');
  });
});

describe('markdown.breaks', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/', markdown: { breaks: true } }),
      'content/posts/zh.md': ZH_POST,
    });
    await build({ root, outDir: out, now: new Date('2026-01-01T00:00:00Z'), cache: false });
  }, 120_000);
  afterAll(() => remove(root));

  it('makes every line break in a paragraph a <br>, as Hexo does', () => {
    const body = content(page(out, 'posts/zh/index.html'));
    expect(selectAll('p', body)[0]!.children.filter((c) => c.type === 'element' && c.tagName === 'br').length).toBe(4);
    expect(text(select('blockquote.callout-note', body)!)).toContain('这是一条注意事项。');
  });
});
