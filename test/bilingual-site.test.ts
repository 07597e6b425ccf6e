import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element } from 'hast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { jsonFeedErrors, parseLikeFluentReader, parseWithFeedparser } from './helpers/feed-readers.js';
import { vnuErrors } from './helpers/nu-checker.js';
import { attribute, elementsOf, parseHtmlStrict, parseXmlStrict, textOf } from './helpers/strict-parsers.js';
import { listTree, remove, tempDir } from './helpers/site-fixture.js';

/** A blog moved from Hexo: zh-CN by default, English translations linked by `translationKey`, a category, a series, an alias. */
const FIXTURE = fileURLToPath(new URL('./fixtures/bilingual/', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');
const SITE = 'https://example.org/blog/';

describe('a bilingual site (zh-CN default, en under /en/)', () => {
  let root: string;
  let out: string;
  let result: BuildResult;
  let pages: string[];
  const html = (rel: string) => parseHtmlStrict(readFileSync(path.join(out, rel), 'utf8'));
  const tree = (rel: string) => html(rel).tree;
  /** The output file of an absolute URL of the site. */
  const fileOf = (url: string) => {
    expect(url.startsWith(SITE), url).toBe(true);
    const rel = decodeURI(url.slice(SITE.length));
    return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
  };
  const hreflangs = (rel: string) =>
    Object.fromEntries(
      elementsOf(tree(rel))
        .filter((e) => e.tagName === 'link' && attribute(e, 'rel') === 'alternate' && attribute(e, 'hrefLang') !== undefined)
        .map((e) => [attribute(e, 'hrefLang')!, attribute(e, 'href')!]),
    );
  const switcher = (rel: string) => elementsOf(tree(rel)).find((e) => e.tagName === 'nav' && ((e.properties['className'] as string[] | undefined) ?? []).includes('language-switcher'));
  const navTexts = (rel: string) => {
    const nav = elementsOf(tree(rel)).find((e) => e.tagName === 'nav' && e.properties['ariaLabel'] !== undefined && !((e.properties['className'] as string[] | undefined) ?? []).length)!;
    return elementsOf(nav).filter((e) => e.tagName === 'a').map((a) => [textOf(a), attribute(a, 'href')]);
  };

  beforeAll(async () => {
    root = tempDir('quire-bilingual-');
    cpSync(FIXTURE, root, { recursive: true });
    out = path.join(root, 'dist');
    result = await build({ root, now: NOW });
    pages = listTree(out).filter((f) => f.endsWith('.html'));
  }, 120_000);
  afterAll(() => remove(root));

  it('builds without an error or a warning, the English versions under /en/', () => {
    expect(result.diagnostics).toEqual([]);
    for (const page of ['2024/03/go-intro/index.html', 'en/2024/03/go-intro/index.html', 'en/2024/05/london/index.html', 'about/index.html', 'en/about/index.html', 'en/index.html', 'en/archive/index.html', 'en/tags/go/index.html', 'en/categories/programming/go/index.html', 'en/series/getting-started-with-go/index.html']) {
      expect(pages, page).toContain(page);
    }
  });

  it('every page’s hreflang links are answered both ways, with x-default on the zh-CN version', () => {
    let linked = 0;
    for (const page of pages) {
      expect(html(page).errors, page).toEqual([]);
      const links = hreflangs(page);
      if (Object.keys(links).length === 0) continue;
      linked++;
      // A page names itself and each other version; x-default is the default language's.
      const self = Object.entries(links).find(([lang, url]) => lang !== 'x-default' && fileOf(url) === page);
      expect(self, `${page} lists itself`).toBeDefined();
      expect(links['x-default'], page).toBe(links['zh-CN']);
      for (const [lang, url] of Object.entries(links)) {
        if (lang === 'x-default') continue;
        const other = fileOf(url);
        expect(pages, `${page} → ${url}`).toContain(other);
        const back = hreflangs(other);
        expect(back[self![0]], `${other} links back to ${page}`).toBe(self![1]);
        // And the other version's own html lang is the hreflang that names it.
        const htmlLang = attribute(elementsOf(tree(other)).find((e) => e.tagName === 'html')!, 'lang');
        expect(htmlLang, other).toBe(lang);
      }
    }
    // Two posts, the about page, home, archive, tag index and category index, in two languages each.
    expect(linked).toBe(14);
    expect(hreflangs('2024/03/go-intro/index.html')).toEqual({ 'zh-CN': `${SITE}2024/03/go-intro/`, en: `${SITE}en/2024/03/go-intro/`, 'x-default': `${SITE}2024/03/go-intro/` });
    expect(hreflangs('en/index.html')).toEqual({ 'zh-CN': SITE, en: `${SITE}en/`, 'x-default': SITE });
  });

  it('a language switcher on each translated page, naming each language in itself; none on an untranslated one', () => {
    const nav = switcher('2024/03/go-intro/index.html')!;
    expect(attribute(nav, 'ariaLabel')).toBe('语言');
    const link = elementsOf(nav).find((e) => e.tagName === 'a')!;
    expect([textOf(link), attribute(link, 'href'), attribute(link, 'hrefLang'), attribute(link, 'lang')]).toEqual(['English', '/blog/en/2024/03/go-intro/', 'en', 'en']);
    const current = elementsOf(nav).find((e) => e.properties['ariaCurrent'] === 'page')!;
    expect(textOf(current)).toBe('中文（中国）');
    const back = switcher('en/2024/03/go-intro/index.html')!;
    expect(attribute(back, 'ariaLabel')).toBe('Languages');
    expect(elementsOf(back).filter((e) => e.tagName === 'a').map((a) => attribute(a, 'href'))).toEqual(['/blog/2024/03/go-intro/']);
    expect(switcher('2024/05/tea/index.html')).toBeUndefined();
    expect(switcher('en/2024/05/london/index.html')).toBeUndefined();
    expect(hreflangs('en/2024/05/london/index.html')).toEqual({});
  });

  it('the chrome speaks the language of the section: zh-CN at the root, English under /en/', () => {
    expect(navTexts('2024/05/tea/index.html')).toEqual([
      ['归档', '/blog/archive/'],
      ['标签', '/blog/tags/'],
      ['关于', '/blog/about/'],
      ['搜索', '/blog/search/'],
    ]);
    expect(navTexts('en/2024/05/london/index.html')).toEqual([
      ['Archive', '/blog/en/archive/'],
      ['Tags', '/blog/en/tags/'],
      ['About', '/blog/en/about/'],
      ['Search', '/blog/search/'],
    ]);
    const title = (rel: string) => elementsOf(tree(rel)).find((e) => ((e.properties['className'] as string[] | undefined) ?? []).includes('site-title'))!;
    expect([textOf(title('en/index.html')), attribute(title('en/index.html'), 'href')]).toEqual(['Bilingual Notes', '/blog/en/']);
    expect([textOf(title('index.html')), attribute(title('index.html'), 'href')]).toEqual(['双语笔记', '/blog/']);
    const skip = (rel: string) => textOf(elementsOf(tree(rel)).find((e) => ((e.properties['className'] as string[] | undefined) ?? []).includes('skip'))!);
    expect([skip('en/tags/go/index.html'), skip('tags/go/index.html')]).toEqual(['Skip to content', '跳到正文']);
    const locale = (rel: string) => attribute(elementsOf(tree(rel)).find((e) => e.tagName === 'meta' && attribute(e, 'property') === 'og:locale')!, 'content');
    expect([locale('en/index.html'), locale('en/2024/05/london/index.html'), locale('index.html')]).toEqual(['en_US', 'en_US', 'zh_CN']);
  });

  it('each language’s home, archive, tag, category and series pages list its own posts only', () => {
    const titles = (rel: string) => elementsOf(tree(rel)).filter((e) => e.tagName === 'h2').map(textOf);
    expect(titles('index.html')).toEqual(['喝茶', 'Go 入门（二）：模块', 'Go 入门（一）：安装']);
    expect(titles('en/index.html')).toEqual(['A week in London', 'Getting started with Go (2): modules', 'Getting started with Go (1): installing']);
    const listed = (rel: string) => elementsOf(tree(rel)).filter((e) => e.tagName === 'a' && /\/20\d\d\//.test(attribute(e, 'href') ?? '')).map((a) => attribute(a, 'href'));
    expect(new Set(listed('en/archive/index.html'))).toEqual(new Set(['/blog/en/2024/05/london/', '/blog/en/2024/04/go-modules/', '/blog/en/2024/03/go-intro/']));
    expect(new Set(listed('en/tags/go/index.html'))).toEqual(new Set(['/blog/en/2024/04/go-modules/', '/blog/en/2024/03/go-intro/']));
    expect(new Set(listed('tags/go/index.html'))).toEqual(new Set(['/blog/2024/04/go-modules/', '/blog/2024/03/go-intro/']));
    expect(new Set(listed('en/categories/programming/go/index.html'))).toEqual(new Set(['/blog/en/2024/04/go-modules/', '/blog/en/2024/03/go-intro/']));
    // The series box of an English part links to the English parts and the English series page.
    const box = textOf(elementsOf(tree('en/2024/04/go-modules/index.html')).find((e) => e.tagName === 'aside' || attribute(e, 'ariaLabelledby') === 'series-box-title')!);
    expect(box).toContain('Part 2 of 2');
    expect(box).toContain('Getting started with Go (1): installing');
    expect(box).not.toContain('Go 入门');
  });

  it('writes a feed per language, read by feedparser and rss-parser, in that language', async () => {
    const files = ['feed.xml', 'atom.xml', 'en/feed.xml', 'en/atom.xml', 'en/tags/go/feed.xml', 'en/categories/programming/feed.xml'].map((f) => path.join(out, f));
    const parsed = parseWithFeedparser(files);
    for (const feed of parsed) expect([feed.file, feed.bozo, feed.bozoException]).toEqual([feed.file, 0, null]);
    const [zhRss, , enRss, enAtom, enTag, enCategory] = parsed;
    expect(zhRss!.feed).toMatchObject({ title: '双语笔记', language: 'zh-CN', link: SITE });
    expect(zhRss!.entries.map((e) => e.title)).toEqual(['喝茶', 'Go 入门（二）：模块', 'Go 入门（一）：安装']);
    expect(enRss!.feed).toMatchObject({ title: 'Bilingual Notes', language: 'en', link: `${SITE}en/` });
    expect(enRss!.entries.map((e) => e.link)).toEqual([`${SITE}en/2024/05/london/`, `${SITE}en/2024/04/go-modules/`, `${SITE}en/2024/03/go-intro/`]);
    expect(enAtom!.entries.map((e) => e.title)).toEqual(enRss!.entries.map((e) => e.title));
    expect(enTag!.feed.title).toBe('Tagged “go” · Bilingual Notes');
    expect(enTag!.entries.map((e) => e.title)).toEqual(['Getting started with Go (2): modules', 'Getting started with Go (1): installing']);
    expect(enCategory!.feed.title).toBe('Posts in Programming · Bilingual Notes');
    const fluent = await parseLikeFluentReader(readFileSync(path.join(out, 'en/feed.xml'), 'utf8'));
    expect(fluent.items.map((i) => i.title)).toEqual(enRss!.entries.map((e) => e.title));
    const json = JSON.parse(readFileSync(path.join(out, 'en/feed.json'), 'utf8')) as { language: string; home_page_url: string };
    expect(jsonFeedErrors(json)).toEqual([]);
    expect([json.language, json.home_page_url]).toEqual(['en', `${SITE}en/`]);
  });

  it('lists each version’s alternates in the sitemap (xhtml:link), and the alias still redirects', () => {
    const doc = parseXmlStrict(readFileSync(path.join(out, 'sitemap.xml'), 'utf8'));
    const XHTML = 'http://www.w3.org/1999/xhtml';
    const urls = Array.from(doc.getElementsByTagNameNS('http://www.sitemaps.org/schemas/sitemap/0.9', 'url'));
    const alternatesOf = (loc: string) => {
      const url = urls.find((u) => u.getElementsByTagNameNS('http://www.sitemaps.org/schemas/sitemap/0.9', 'loc')[0]!.textContent === loc)!;
      return Array.from(url.getElementsByTagNameNS(XHTML, 'link')).map((l) => [l.getAttribute('rel'), l.getAttribute('hreflang'), l.getAttribute('href')]);
    };
    const both = [
      ['alternate', 'zh-CN', `${SITE}2024/03/go-intro/`],
      ['alternate', 'en', `${SITE}en/2024/03/go-intro/`],
      ['alternate', 'x-default', `${SITE}2024/03/go-intro/`],
    ];
    expect(alternatesOf(`${SITE}2024/03/go-intro/`)).toEqual(both);
    expect(alternatesOf(`${SITE}en/2024/03/go-intro/`)).toEqual(both);
    expect(alternatesOf(`${SITE}2024/05/tea/`)).toEqual([]);
    const redirect = tree('2019/05/go-install.html');
    const refresh = elementsOf(redirect).find((e) => e.tagName === 'meta' && attribute(e, 'httpEquiv') === 'refresh')!;
    expect(attribute(refresh, 'content')).toContain('/blog/2024/03/go-intro/');
    expect(readFileSync(path.join(out, '_redirects'), 'utf8')).toContain('/blog/2019/05/go-install.html /blog/2024/03/go-intro/ 301');
  });

  it('passes the Nu HTML Checker on translated pages, their lists and an alias page', async () => {
    const checked = ['2024/03/go-intro/index.html', 'en/2024/03/go-intro/index.html', 'en/index.html', 'en/about/index.html', 'en/tags/go/index.html', '2019/05/go-install.html'].map((f) => path.join(out, f));
    expect(await vnuErrors(checked)).toEqual([]);
  }, 120_000);
});
