import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { ogLocale } from '../../src/render/head-meta.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const HOSTILE = '</script><script>alert(1)</script> --> <!-- & "q" \u2028 \u2029 end';
const fixtureImage = readFileSync(new URL('../fixtures/images/tall.png', import.meta.url)); // 30 × 90

function parse(html: string): Root {
  return fromHtml(html);
}

function meta(tree: Root, key: string): string[] {
  return selectAll(`meta[property="${key}"], meta[name="${key}"]`, tree).map((m) => String(m.properties['content']));
}

/** Every JSON-LD block of a page, parsed back with JSON.parse from the text the HTML parser sees. */
function jsonLd(tree: Root): Array<Record<string, unknown>> {
  return selectAll('script[type="application/ld+json"]', tree).map((s) => JSON.parse(toString(s)) as Record<string, unknown>);
}

describe('head metadata of built pages: OpenGraph, Twitter card, JSON-LD', () => {
  let root: string;
  let out: string;
  const page = (rel: string) => readFileSync(path.join(out, rel), 'utf8');

  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/', description: 'Site <about> & things', author: { name: 'Lin & Co', url: 'https://example.org/me' } }),
      'content/posts/evil.md': `---\ntitle: ${JSON.stringify(HOSTILE)}\ndate: 2025-07-09 06:48\nupdated: 2025-07-12 21:10\ntags: [go, 性能]\ndescription: ${JSON.stringify(`desc ${HOSTILE}`)}\n---\n\nBody.\n`,
      'content/posts/cover/index.md': '---\ntitle: With cover\ndate: 2025-01-02\nimage: tall.png\n---\n\nText only.\n',
      'content/posts/cover/tall.png': fixtureImage,
      'content/posts/plain.md': '---\ntitle: Plain\ndate: 2024-01-01\n---\n\nNo image.\n',
      'content/pages/cv.md': '---\ntitle: CV\nlang: en\n---\n\nAbout me.\n',
    });
    await build({ root, outDir: out, now: new Date('2026-01-01T00:00:00Z') });
  });
  afterAll(() => remove(root));

  it('escapes JSON-LD for its <script> element: the hostile title ends nothing and parses back exactly', () => {
    const html = page('posts/evil/index.html');
    // The only </script> after the JSON-LD opens is its own end tag.
    const start = html.indexOf('<script type="application/ld+json">');
    const end = html.indexOf('</script>', start);
    const block = html.slice(start, end);
    expect(block).not.toMatch(/<\/script|<!--|-->|\u2028|\u2029/i);
    const tree = parse(html);
    expect(selectAll('script', tree).filter((s) => toString(s).includes('alert(1)') && s.properties['type'] !== 'application/ld+json')).toEqual([]);
    const [data] = jsonLd(tree);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: HOSTILE,
      description: `desc ${HOSTILE}`,
      url: 'https://example.org/blog/posts/evil/',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://example.org/blog/posts/evil/' },
      datePublished: '2025-07-09T06:48:00+08:00',
      dateModified: '2025-07-12T21:10:00+08:00',
      author: { '@type': 'Person', name: 'Lin & Co', url: 'https://example.org/me' },
      keywords: 'go, 性能',
      inLanguage: 'zh-CN',
    });
    // The title in <title> and og:title is HTML-escaped text, read back the same.
    expect(toString(select('title', tree)!)).toBe(`${HOSTILE} · Fixture`);
    expect(meta(tree, 'og:title')).toEqual([HOSTILE]);
  });

  it('writes OpenGraph article tags with zone offsets, tags, locale and a summary card without an image', () => {
    const tree = parse(page('posts/evil/index.html'));
    expect(meta(tree, 'og:type')).toEqual(['article']);
    expect(meta(tree, 'og:url')).toEqual(['https://example.org/blog/posts/evil/']);
    expect(meta(tree, 'og:site_name')).toEqual(['Fixture']);
    expect(meta(tree, 'og:locale')).toEqual(['zh_CN']);
    expect(meta(tree, 'og:description')).toEqual([`desc ${HOSTILE}`]);
    expect(meta(tree, 'article:published_time')).toEqual(['2025-07-09T06:48:00+08:00']);
    expect(meta(tree, 'article:modified_time')).toEqual(['2025-07-12T21:10:00+08:00']);
    expect(meta(tree, 'article:tag')).toEqual(['go', '性能']);
    expect(meta(tree, 'twitter:card')).toEqual(['summary']);
    expect(meta(tree, 'og:image')).toEqual([]);
    expect(select('link[rel="canonical"]', tree)?.properties['href']).toBe('https://example.org/blog/posts/evil/');
  });

  it('gives a post with a cover image an absolute og:image with its size and a large card', () => {
    const tree = parse(page('posts/cover/index.html'));
    expect(meta(tree, 'og:image')).toEqual(['https://example.org/blog/posts/cover/tall.png']);
    expect(meta(tree, 'og:image:width')).toEqual(['30']);
    expect(meta(tree, 'og:image:height')).toEqual(['90']);
    expect(meta(tree, 'twitter:card')).toEqual(['summary_large_image']);
    expect(jsonLd(tree)[0]?.['image']).toEqual(['https://example.org/blog/posts/cover/tall.png']);
  });

  it('describes the home page as a WebSite and a Blog', () => {
    const tree = parse(page('index.html'));
    expect(meta(tree, 'og:type')).toEqual(['website']);
    expect(meta(tree, 'og:title')).toEqual(['Fixture']);
    expect(meta(tree, 'og:description')).toEqual(['Site <about> & things']);
    const [data] = jsonLd(tree);
    const graph = data?.['@graph'] as Array<Record<string, unknown>>;
    expect(graph.map((node) => node['@type'])).toEqual(['WebSite', 'Blog']);
    expect(graph[0]).toMatchObject({ name: 'Fixture', url: 'https://example.org/blog/', description: 'Site <about> & things', inLanguage: 'zh-CN' });
  });

  it('takes locale and JSON-LD type of a page from its own lang (the chrome stays in the site language)', () => {
    const tree = parse(page('cv/index.html'));
    expect(select('html', tree)?.properties['lang']).toBe('zh-CN');
    expect(select('h1', tree)?.properties['lang']).toBe('en');
    expect(select('div.content', tree)?.properties['lang']).toBe('en');
    expect(meta(tree, 'og:locale')).toEqual(['en_US']);
    expect(meta(tree, 'og:type')).toEqual(['website']);
    expect(jsonLd(tree)[0]).toMatchObject({ '@type': 'WebPage', name: 'CV', inLanguage: 'en', url: 'https://example.org/blog/cv/' });
    expect(meta(tree, 'article:published_time')).toEqual([]);
  });

  it('keeps list pages free of JSON-LD and the 404 page out of search engines', () => {
    const tags = parse(page('tags/index.html'));
    expect(jsonLd(tags)).toEqual([]);
    expect(meta(tags, 'og:type')).toEqual(['website']);
    expect(meta(tags, 'robots')).toEqual([]);
    expect(meta(parse(page('404.html')), 'robots')).toEqual(['noindex']);
  });
});

describe('ogLocale', () => {
  it.each([
    ['zh-CN', 'zh_CN'],
    ['zh', 'zh_CN'],
    ['zh-Hant', 'zh_TW'],
    ['zh-Hant-HK', 'zh_HK'],
    ['en', 'en_US'],
    ['en-gb', 'en_GB'],
    ['pt-BR', 'pt_BR'],
    ['eo', 'eo'],
  ])('%s → %s', (language, locale) => {
    expect(ogLocale(language)).toBe(locale);
  });
});

