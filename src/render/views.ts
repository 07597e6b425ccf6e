import path from 'node:path';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { ListPage, Placed, Site } from '../types.js';
import { PACKED_FORM, unpackText, type PackedText } from '../packed-text.js';
import type { RenderedEntry } from './render-entry.js';
import { feedLinks } from './feed-links.js';
import { shownImage, type ImageSizeLookup } from './markdown/size-images.js';
import { uiStrings } from './ui-strings.js';
import { siteDateParts } from '../load/parse-date.js';
import { slugify } from '../load/slug.js';
import { sectionLang } from '../collect/entry-language.js';
import type { SideNavNode } from './nav-views.js';
import { tocToDepth } from './toc-depth.js';

/** What templates see of an entry. Every URL is an href under the base path. */
export interface EntryView {
  readonly kind: string;
  readonly title: string;
  readonly url: string;
  readonly absoluteUrl: string;
  readonly date: string | undefined;
  readonly updated: string | undefined;
  readonly year: string | undefined;
  readonly tags: ReadonlyArray<{ name: string; url: string }>;
  readonly categories: readonly string[];
  /** Each category of the entry with its page: `编程 / Go`. */
  readonly categoryLinks: ReadonlyArray<{ name: string; url: string }>;
  readonly description: string;
  readonly image: string | undefined;
  /** The front-matter image to show above the text, with its size; none when the text already shows it. */
  readonly cover: { readonly url: string; readonly width: number | undefined; readonly height: number | undefined } | undefined;
  readonly lang: string;
  readonly content: string;
  readonly excerpt: string;
  readonly hasMore: boolean;
  readonly toc: RenderedEntry['toc'];
  readonly wordCount: number;
  readonly readingMinutes: number;
  readonly extra: Readonly<Record<string, unknown>>;
  readonly source: string;
}

export interface ViewContext {
  readonly site: Site;
  readonly rendered: Readonly<Record<string, RenderedEntry>>;
  readonly config: ResolvedConfig;
  /** Tags by lower-cased name, made once per build (every listed entry looks its tags up). */
  readonly tagsByName: ReadonlyMap<string, Site['tags'][number]>;
  /** Categories by slug path. */
  readonly categoriesBySlug: ReadonlyMap<string, Site['categories'][number]>;
  /** The same two of each language's section, by language (the entries of a section link to its tag and category pages). */
  readonly sectionTerms: ReadonlyMap<string, { readonly tagsByName: ReadonlyMap<string, Site['tags'][number]>; readonly categoriesBySlug: ReadonlyMap<string, Site['categories'][number]> }>;
  /** Dimensions of local images by href. */
  readonly imageSize: ImageSizeLookup | undefined;
  /** Entry views made so far: one object per entry, whatever page lists it (templates never change them). */
  readonly entryViews: Map<string, EntryView>;
  /** Side navigation of each top-level folder of pages (by index in `site.pageTree.roots`), made once. */
  readonly sideNavs: Map<number, SideNavNode>;
  /**
   * The page HTML inflated last, and what it was inflated from: a page's template reads
   * `post.content` several times (for the text, and to look for code, formulas or diagrams in
   * it), and pages are rendered one at a time, so one slot inflates each entry once per page.
   */
  readonly lastContent: { packed?: PackedText; html?: string };
}

export function viewContext(site: Site, rendered: Readonly<Record<string, RenderedEntry>>, config: ResolvedConfig, imageSize?: ImageSizeLookup): ViewContext {
  const sectionTerms = new Map(
    site.languages.map((section) => [section.lang, { tagsByName: new Map(section.tags.map((t) => [t.name.toLowerCase(), t])), categoriesBySlug: new Map(section.categories.map((c) => [c.slug, c])) }]),
  );
  const own = sectionTerms.get(config.language) ?? { tagsByName: new Map(site.tags.map((t) => [t.name.toLowerCase(), t])), categoriesBySlug: new Map(site.categories.map((c) => [c.slug, c])) };
  return { site, rendered, config, ...own, sectionTerms, imageSize, entryViews: new Map(), sideNavs: new Map(), lastContent: {} };
}

export function entryView(key: string, ctx: ViewContext): EntryView {
  let view = ctx.entryViews.get(key);
  if (!view) ctx.entryViews.set(key, (view = makeEntryView(key, ctx)));
  return view;
}

function makeEntryView(key: string, ctx: ViewContext): EntryView {
  const placed = ctx.site.entries[key]!;
  const rendered = ctx.rendered[key]!;
  const { entry } = placed;
  const { config } = ctx;
  const href = hrefOf(placed.url, config.basePath);
  const image = entry.image !== undefined ? imageHref(entry.image, placed, config) : undefined;
  const terms = ctx.sectionTerms.get(sectionLang(entry, config)) ?? ctx;
  const fields = {
    kind: entry.kind,
    title: entry.title,
    url: href,
    absoluteUrl: new URL(href, config.url).href,
    date: entry.date?.iso,
    updated: entry.updated?.iso,
    year: entry.date ? siteDateParts(entry.date, config.timezone).year : undefined,
    tags: entry.tags.flatMap((name) => {
      const term = terms.tagsByName.get(name.toLowerCase());
      return term ? [{ name, url: hrefOf(term.url, config.basePath) }] : [];
    }),
    categories: entry.categories,
    categoryLinks: (config.categories.nested ? entry.categoryPaths : entry.categories.map((name) => [name])).flatMap((names) => {
      const term = terms.categoriesBySlug.get(names.map(slugify).join('/'));
      return term ? [{ name: term.path.join(' / '), url: hrefOf(term.url, config.basePath) }] : [];
    }),
    description: rendered.descriptionText,
    image,
    // The page HTML is inflated only for an entry with an image to look for in it.
    cover: image === undefined ? undefined : coverOf(image, unpackText(rendered.html), ctx),
    lang: entry.lang ?? config.language,
    excerpt: entry.summary !== undefined ? `<p>${escapeHtml(entry.summary)}</p>` : rendered.excerptHtml,
    hasMore: entry.summary !== undefined || rendered.hasMore,
    toc: tocToDepth(rendered.toc, entry.toc, config.toc.depth),
    wordCount: rendered.wordCount,
    readingMinutes: rendered.readingMinutes,
    extra: entry.extra,
    source: entry.source.rel,
  };
  const view = {
    ...fields,
    // Inflated when a template reads it, not kept: the views of every entry live through the
    // whole templates stage. The page cache hashes the packed form instead.
    get content() {
      const last = ctx.lastContent;
      if (last.packed !== rendered.html || last.html === undefined) {
        last.html = unpackText(rendered.html);
        last.packed = rendered.html;
      }
      return last.html;
    },
  };
  return Object.defineProperty(view, PACKED_FORM, { value: () => ({ ...fields, content: rendered.html }) });
}

/** The front-matter image above the post (its smaller copy when there is one), unless the text already shows it. */
function coverOf(image: string, html: string, ctx: ViewContext): { url: string; width: number | undefined; height: number | undefined } | undefined {
  const shown = shownImage(image, ctx.imageSize);
  return html.includes(`src="${image}"`) || html.includes(`src="${shown.url}"`) ? undefined : shown;
}

/** `image:` may be absolute, site-root (`/img/a.png`) or relative to a bundle (`cover.png`). */
export function imageHref(image: string, placed: Placed, config: ResolvedConfig): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(image) || image.startsWith('//')) return image;
  if (image.startsWith('/')) return hrefOf(image, config.basePath);
  const dir = placed.url.endsWith('/') ? placed.url : placed.url.replace(/[^/]*$/, '');
  return hrefOf(path.posix.normalize(dir + image), config.basePath);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function siteView(config: ResolvedConfig, site: Site) {
  return {
    hasWeekly: site.weeklyIssues.length > 0,
    title: config.title,
    description: config.description,
    url: config.url,
    basePath: config.basePath,
    /** The home page's href (another language's section: its own). */
    home: hrefOf('/', config.basePath),
    language: config.language,
    timezone: config.timezone,
    author: config.author,
    params: config.params,
    pages: site.pages.map((key) => ({ title: site.entries[key]!.entry.title, url: hrefOf(site.entries[key]!.url, config.basePath) })),
    /** The site feed in each format, for `<link rel="alternate">`: `type`, `title`, `url`. */
    feeds: feedLinks(site.feeds.find((f) => f.kind === 'site'), config.title, config.basePath),
  };
}

export function paginationView(list: ListPage, basePath: string) {
  return {
    page: list.page,
    totalPages: list.totalPages,
    prevUrl: list.prevUrl !== undefined ? hrefOf(list.prevUrl, basePath) : undefined,
    nextUrl: list.nextUrl !== undefined ? hrefOf(list.nextUrl, basePath) : undefined,
  };
}

export function languageOf(lang: string) {
  return { lang, t: uiStrings(lang) };
}
