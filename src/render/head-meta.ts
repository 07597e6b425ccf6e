import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { EntryDate, Route } from '../types.js';
import { scriptSafeJson } from './script-json.js';
import { imageHref, type ViewContext } from './views.js';
import { siteDateParts } from '../load/parse-date.js';

/** What `partials/head-meta.liquid` writes into `<head>`: OpenGraph, Twitter card, JSON-LD. */
export interface HeadMeta {
  /** `og:type`. */
  readonly type: 'article' | 'website';
  /** The page's own title, without the site title. */
  readonly title: string;
  readonly description: string;
  /** Absolute canonical URL. */
  readonly url: string;
  readonly siteName: string;
  /** `og:locale`, e.g. `zh_CN`. */
  readonly locale: string;
  readonly image: { readonly url: string; readonly width: number | undefined; readonly height: number | undefined; readonly alt: string } | undefined;
  /** RFC 3339 with the site zone's offset. */
  readonly publishedTime: string | undefined;
  readonly modifiedTime: string | undefined;
  readonly tags: readonly string[];
  readonly author: string | undefined;
  readonly twitterCard: 'summary' | 'summary_large_image';
  /** JSON-LD, already safe inside `<script type="application/ld+json">` (write it with `| raw`). */
  readonly jsonLd: string | undefined;
  /** `noindex` for pages search engines should not list (404). */
  readonly robots: string | undefined;
}

interface PageInfo {
  readonly title: string;
  readonly description: string;
  readonly canonical: string;
}

/** Head metadata of one route. Entries (posts, pages, weekly issues) are articles; lists are websites. */
export function headMeta(route: Route, page: PageInfo, ctx: ViewContext): HeadMeta {
  const { config, site } = ctx;
  const author = config.author?.name;
  const key = 'key' in route ? route.key : undefined;
  const placed = key !== undefined ? site.entries[key] : undefined;
  if (!placed) {
    const isHome = route.type === 'home';
    return {
      type: 'website',
      title: isHome ? config.title : page.title,
      description: page.description,
      url: page.canonical,
      siteName: config.title,
      // A list of another language's section (`/en/`) is in that language.
      locale: ogLocale(('lang' in route ? route.lang : undefined) ?? config.language),
      image: undefined,
      publishedTime: undefined,
      modifiedTime: undefined,
      tags: [],
      author,
      twitterCard: 'summary',
      jsonLd: isHome ? scriptSafeJson(homeJsonLd(config, page.canonical)) : undefined,
      robots: route.type === '404' ? 'noindex' : undefined,
    };
  }

  const { entry } = placed;
  const lang = entry.lang ?? config.language;
  // RFC 3339 with the site zone's offset and no milliseconds: 2025-07-09T06:48:00+08:00.
  const date = (d: EntryDate | undefined) => (d ? siteDateParts(d, config.timezone).rfc3339 : undefined);
  const imagePath = entry.image !== undefined ? imageHref(entry.image, placed, config) : undefined;
  const size = imagePath !== undefined ? ctx.imageSize?.(imagePath) : undefined;
  const image = imagePath !== undefined ? { url: new URL(imagePath, config.url).href, width: size?.width, height: size?.height, alt: entry.title } : undefined;
  const isArticle = route.type !== 'page';
  const meta = {
    type: isArticle ? ('article' as const) : ('website' as const),
    title: entry.title,
    description: page.description,
    url: page.canonical,
    siteName: config.title,
    locale: ogLocale(lang),
    image,
    publishedTime: isArticle ? date(entry.date) : undefined,
    modifiedTime: isArticle ? date(entry.updated) : undefined,
    tags: isArticle ? entry.tags : [],
    author,
    twitterCard: image ? ('summary_large_image' as const) : ('summary' as const),
    robots: route.type === 'redirect' ? 'noindex' : undefined,
  };
  const jsonLd = isArticle ? blogPostingJsonLd(meta, lang, config) : webPageJsonLd(meta, lang, config);
  return { ...meta, jsonLd: scriptSafeJson(jsonLd) };
}

type ArticleMeta = Omit<HeadMeta, 'jsonLd'>;

function blogPostingJsonLd(meta: ArticleMeta, lang: string, config: ResolvedConfig): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: meta.title,
    description: meta.description || undefined,
    url: meta.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': meta.url },
    datePublished: meta.publishedTime,
    dateModified: meta.modifiedTime ?? meta.publishedTime,
    author: personOf(config),
    image: meta.image ? [meta.image.url] : undefined,
    keywords: meta.tags.length > 0 ? meta.tags.join(', ') : undefined,
    inLanguage: lang,
    isPartOf: { '@type': 'Blog', name: config.title, url: siteHome(config) },
  };
}

function webPageJsonLd(meta: ArticleMeta, lang: string, config: ResolvedConfig): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    name: meta.title,
    description: meta.description || undefined,
    url: meta.url,
    image: meta.image ? [meta.image.url] : undefined,
    inLanguage: lang,
    isPartOf: { '@type': 'WebSite', name: config.title, url: siteHome(config) },
  };
}

function homeJsonLd(config: ResolvedConfig, url: string): Record<string, unknown> {
  const home = siteHome(config);
  const common = { name: config.title, url: home, description: config.description || undefined, inLanguage: config.language };
  return {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', '@id': `${home}#website`, ...common, author: personOf(config) },
      { '@type': 'Blog', '@id': `${home}#blog`, ...common, mainEntityOfPage: url, author: personOf(config) },
    ],
  };
}

function personOf(config: ResolvedConfig): Record<string, unknown> | undefined {
  if (!config.author) return undefined;
  return { '@type': 'Person', name: config.author.name, url: config.author.url };
}

function siteHome(config: ResolvedConfig): string {
  return new URL(hrefOf('/', config.basePath), config.url).href;
}

/** BCP 47 → OpenGraph's `language_TERRITORY`: `zh-CN` → `zh_CN`, `en` → `en_US`, `zh-Hant-TW` → `zh_TW`. */
export function ogLocale(language: string): string {
  const parts = language.split(/[-_]/);
  const lang = (parts[0] ?? '').toLowerCase();
  const region = parts.slice(1).find((p) => /^[a-z]{2}$/i.test(p))?.toUpperCase();
  if (region) return `${lang}_${region}`;
  if (lang === 'zh' && parts.some((p) => p.toLowerCase() === 'hant')) return 'zh_TW';
  const usual: Record<string, string> = { zh: 'zh_CN', en: 'en_US', ja: 'ja_JP', ko: 'ko_KR', de: 'de_DE', fr: 'fr_FR' };
  return usual[lang] ?? lang;
}
