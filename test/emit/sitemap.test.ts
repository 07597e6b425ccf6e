import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, prepareSite } from '../../src/build.js';
import { emitSitemap } from '../../src/emit/sitemap.js';
import { configJson, listTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const W3C_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

/** Parse with a real XML parser that fails on any well-formedness error. */
function parseXml(text: string) {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`sitemap is not well-formed XML: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
  return doc.documentElement!;
}

function entries(root: Element, item: 'url' | 'sitemap'): Array<{ loc: string; lastmod: string | undefined }> {
  return Array.from(root.getElementsByTagNameNS(NS, item)).map((el) => ({
    loc: el.getElementsByTagNameNS(NS, 'loc')[0]?.textContent ?? '',
    lastmod: el.getElementsByTagNameNS(NS, 'lastmod')[0]?.textContent ?? undefined,
  }));
}

/** The file an absolute URL of the site is served from. */
function fileOf(out: string, base: string, loc: string): string {
  expect(loc.startsWith(base), loc).toBe(true);
  const rel = decodeURI(loc.slice(base.length));
  return path.join(out, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel);
}

describe('sitemap.xml and robots.txt of the sample site under a sub-path', () => {
  const base = 'https://example.org/blog/';
  let tmp: string;
  let out: string;
  let urls: Array<{ loc: string; lastmod: string | undefined }>;

  beforeAll(async () => {
    tmp = tempDir();
    out = path.join(tmp, 'site');
    await build({ root: repo, outDir: out, baseUrl: base, now: NOW });
    const root = parseXml(readFileSync(path.join(out, 'sitemap.xml'), 'utf8'));
    expect(root.namespaceURI).toBe(NS);
    expect(root.localName).toBe('urlset');
    urls = entries(root, 'url');
  });
  afterAll(() => remove(tmp));

  it('lists every indexable page once, as an absolute URL under the base path that exists in the output', () => {
    const locs = urls.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    for (const loc of locs) expect(existsSync(fileOf(out, base, loc)), loc).toBe(true);
    // Every HTML page but the 404 page, page 2… of paginated lists and the redirect page of an old URL.
    const expected = listTree(out)
      .filter((f) => f.endsWith('.html') && f !== '404.html' && f !== '2024/03/remote-tools.html' && !/(^|\/)page\/\d+\/index\.html$/.test(f))
      .map((f) => path.join(out, f))
      .sort();
    expect(locs.map((loc) => fileOf(out, base, loc)).sort()).toEqual(expected);
    expect(locs).toContain(`${base}posts/%E8%BF%9C%E7%A8%8B%E5%8A%9E%E5%85%AC%E4%B8%89%E5%B9%B4/`);
    expect(locs).toContain(base);
    expect(locs.some((loc) => /draft-idea|from-the-future|404/.test(loc))).toBe(false);
  });

  it('dates each page by updated, else date, with the site zone offset; lists by their newest entry', () => {
    const lastmod = (loc: string) => urls.find((u) => u.loc === loc)?.lastmod;
    expect(lastmod(`${base}posts/go-loader/`)).toBe('2025-07-12T21:10:00+08:00'); // updated
    expect(lastmod(`${base}posts/docker-multi-stage/`)).toBe('2024-06-08T22:30:00+08:00'); // date only
    for (const { loc, lastmod } of urls) if (lastmod !== undefined) expect(lastmod, loc).toMatch(W3C_DATETIME);
    const postTimes = urls.filter((u) => u.loc.startsWith(`${base}posts/`)).map((u) => Date.parse(u.lastmod!));
    expect(Date.parse(lastmod(base)!)).toBe(Math.max(...postTimes));
    expect(lastmod(`${base}archive/`)).toBe(lastmod(base));
  });

  it('writes robots.txt that points at the sitemap by its absolute URL', () => {
    expect(readFileSync(path.join(out, 'robots.txt'), 'utf8')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${base}sitemap.xml\n`);
  });
});

describe('sitemap and robots.txt of a small site', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson({ paginate: 1 }),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n',
      'content/posts/b.md': '---\ntitle: B\ndate: 2025-02-01\ntags: [x]\n---\nB.\n',
      'content/posts/c.md': '---\ntitle: C\ndate: 2025-03-01\ntags: [x]\n---\nC.\n',
      'content/posts/draft.md': '---\ntitle: D\ndate: 2025-04-01\ndraft: true\n---\nD.\n',
    });
  });
  afterAll(() => remove(root));

  it('lists drafts only when they are built, and no page 2 of a list', async () => {
    const locsOf = async (drafts: boolean) => {
      const out = path.join(root, drafts ? 'with-drafts' : 'dist');
      await build({ root, outDir: out, now: NOW, drafts });
      return entries(parseXml(readFileSync(path.join(out, 'sitemap.xml'), 'utf8')), 'url').map((u) => u.loc);
    };
    const plain = await locsOf(false);
    expect(plain).not.toContain('https://example.org/posts/draft/');
    expect(plain.filter((loc) => loc.includes('/page/'))).toEqual([]);
    expect(plain).toContain('https://example.org/tags/x/');
    expect(await locsOf(true)).toContain('https://example.org/posts/draft/');
  });

  it("keeps the site's own public/robots.txt and public/sitemap.xml, without a duplicate-URL error", async () => {
    const own = tempDir();
    try {
      writeFiles(own, {
        'quire.config.json': configJson(),
        'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n',
        'public/robots.txt': 'User-agent: *\nDisallow: /private/\n',
        'public/sitemap.xml': '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n',
      });
      const out = path.join(own, 'dist');
      const result = await build({ root: own, outDir: out, now: NOW });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(readFileSync(path.join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /private/\n');
      expect(readFileSync(path.join(out, 'sitemap.xml'), 'utf8')).toBe('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n');
    } finally {
      remove(own);
    }
  });

  it('splits a sitemap over the per-file limit into files listed by a sitemap index', async () => {
    const prepared = await prepareSite({ root, now: NOW });
    const whole = entries(parseXml(emitSitemap(prepared.site, prepared.config).find((f) => f.outputPath === 'sitemap.xml')!.contents.toString()), 'url');
    const files = emitSitemap(prepared.site, prepared.config, 2);
    const byPath = new Map(files.map((f) => [f.outputPath, f.contents.toString()]));
    const index = parseXml(byPath.get('sitemap.xml')!);
    expect(index.localName).toBe('sitemapindex');
    const parts = entries(index, 'sitemap').map((s) => s.loc);
    expect(parts).toEqual(Array.from({ length: Math.ceil(whole.length / 2) }, (_, i) => `https://example.org/sitemap-${i + 1}.xml`));
    const listed = parts.flatMap((loc) => {
      const part = entries(parseXml(byPath.get(loc.slice('https://example.org/'.length))!), 'url');
      expect(part.length).toBeLessThanOrEqual(2);
      return part;
    });
    expect(listed).toEqual(whole);
  });
});
