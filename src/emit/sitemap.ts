import { DOMImplementation } from '@xmldom/xmldom';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Route, Site } from '../types.js';
import { rfc3339 } from './feeds/feed-dates.js';
import { writeXml } from './feeds/write-xml.js';
import { robotsTxt } from './robots.js';
import type { OutputFile } from './write-site.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
/** Google's way of listing a page's versions in other languages in a sitemap: `<xhtml:link rel="alternate" hreflang>`. */
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** The sitemaps protocol's limit per file; a larger site gets an index of several files. */
export const MAX_SITEMAP_URLS = 50_000;

export interface SitemapUrl {
  /** Absolute URL. */
  readonly loc: string;
  /** W3C datetime with the site zone's offset. */
  readonly lastmod: string | undefined;
  /** The page's versions in the site's languages (itself included; `x-default` last): absolute URLs. */
  readonly alternates?: ReadonlyArray<{ readonly hreflang: string; readonly href: string }>;
}

/**
 * `sitemap.xml` and `robots.txt` pointing at it. A file of the same name in public/ (or the
 * theme's static files, or a page on that URL) wins: quire then writes none of its own.
 */
export function emitSitemap(site: Site, config: ResolvedConfig, maxPerFile = MAX_SITEMAP_URLS): OutputFile[] {
  const taken = new Set([...site.routes.map((r) => r.outputPath), ...site.copies.map((c) => c.outputPath)].map((p) => p.normalize('NFC').toLowerCase()));
  const absolute = (url: string) => new URL(hrefOf(url, config.basePath), config.url).href;
  const files: OutputFile[] = [];
  if (!taken.has('sitemap.xml')) {
    const urls = sitemapUrls(site, config);
    if (urls.length <= maxPerFile) {
      files.push(xmlFile('sitemap.xml', urlset(urls)));
    } else {
      const parts: SitemapUrl[] = [];
      for (let i = 0; i * maxPerFile < urls.length; i++) {
        const name = `sitemap-${i + 1}.xml`;
        files.push(xmlFile(name, urlset(urls.slice(i * maxPerFile, (i + 1) * maxPerFile))));
        parts.push({ loc: absolute(`/${name}`), lastmod: undefined });
      }
      files.unshift(xmlFile('sitemap.xml', sitemapIndex(parts)));
    }
  }
  if (!taken.has('robots.txt')) files.push({ outputPath: 'robots.txt', contents: Buffer.from(robotsTxt(absolute('/sitemap.xml')), 'utf8') });
  return files;
}

/**
 * Every page worth listing, as Hugo lists them: home, posts, pages, tag pages, the tag index,
 * the archive and the weekly digest — not the 404 page, and not page 2… of a paginated list
 * (they repeat the first page's place). Drafts and future posts are here only when built.
 * `lastmod` is an entry's `updated`, else its `date`; for a list, that of its newest entry.
 */
export function sitemapUrls(site: Site, config: ResolvedConfig): SitemapUrl[] {
  const changedAt = (key: string): number | undefined => {
    const entry = site.entries[key]?.entry;
    return (entry?.updated ?? entry?.date)?.epochMs;
  };
  const newestOf = (keys: readonly string[]): number | undefined => {
    let newest: number | undefined;
    for (const key of keys) {
      const at = changedAt(key);
      if (at !== undefined && (newest === undefined || at > newest)) newest = at;
    }
    return newest;
  };
  const allPosts = newestOf(site.posts);
  const allIssues = newestOf(site.weeklyIssues.map((i) => i.key));
  const lastmodOf = (route: Route): number | undefined => {
    switch (route.type) {
      case 'post':
      case 'page':
      case 'weekly-issue':
        return changedAt(route.key);
      case 'home':
      case 'tag':
      case 'category':
        return newestOf(route.list.posts);
      case 'tags':
      case 'categories':
      case 'archive':
        return allPosts;
      case 'weekly-index':
        return allIssues;
      case 'notes':
        // The newest note of the stream (notes are not entries of their own).
        return site.noteStream.reduce<number | undefined>((newest, key) => {
          const at = site.notes[key]?.date?.epochMs;
          return at !== undefined && (newest === undefined || at > newest) ? at : newest;
        }, undefined);
      default:
        return undefined;
    }
  };
  const urls: SitemapUrl[] = [];
  for (const route of site.routes) {
    if (route.type === '404' || route.type === 'redirect') continue;
    if ('list' in route && route.list.page > 1) continue;
    const at = lastmodOf(route);
    const absolute = (url: string) => new URL(hrefOf(url, config.basePath), config.url).href;
    const versions = site.alternates[route.url];
    const original = versions?.find((a) => a.lang === config.language);
    const alternates = versions && [...versions.map((a) => ({ hreflang: a.lang, href: absolute(a.url) })), ...(original ? [{ hreflang: 'x-default', href: absolute(original.url) }] : [])];
    urls.push({ loc: absolute(route.url), lastmod: at !== undefined ? rfc3339(new Date(at), config.timezone) : undefined, ...(alternates && { alternates }) });
  }
  return urls;
}

function urlset(urls: readonly SitemapUrl[]) {
  return listDocument('urlset', 'url', urls);
}

function sitemapIndex(parts: readonly SitemapUrl[]) {
  return listDocument('sitemapindex', 'sitemap', parts);
}

function listDocument(rootName: string, itemName: string, items: readonly SitemapUrl[]) {
  const doc = new DOMImplementation().createDocument(SITEMAP_NS, rootName, null);
  const root = doc.documentElement!;
  if (items.some((item) => item.alternates)) root.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns:xhtml', XHTML_NS);
  const child = (parent: typeof root, name: string, text?: string) => {
    const element = doc.createElementNS(SITEMAP_NS, name);
    if (text !== undefined) element.appendChild(doc.createTextNode(text));
    parent.appendChild(doc.createTextNode(parent === root ? '\n  ' : '\n    '));
    parent.appendChild(element);
    return element;
  };
  for (const item of items) {
    const element = child(root, itemName);
    child(element, 'loc', item.loc);
    if (item.lastmod !== undefined) child(element, 'lastmod', item.lastmod);
    for (const alternate of item.alternates ?? []) {
      const link = doc.createElementNS(XHTML_NS, 'xhtml:link');
      link.setAttribute('rel', 'alternate');
      link.setAttribute('hreflang', alternate.hreflang);
      link.setAttribute('href', alternate.href);
      element.appendChild(doc.createTextNode('\n    '));
      element.appendChild(link);
    }
    element.appendChild(doc.createTextNode('\n  '));
  }
  root.appendChild(doc.createTextNode('\n'));
  return doc;
}

function xmlFile(outputPath: string, doc: ReturnType<typeof listDocument>): OutputFile {
  return { outputPath, contents: Buffer.from(writeXml(doc, undefined), 'utf8') };
}
