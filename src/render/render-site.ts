import { SEARCH_INDEX, SEARCH_PAGE } from '../collect/search-route.js';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Route, Site } from '../types.js';
import type { RenderedEntry } from './render-entry.js';
import type { TemplateEngine } from './template-engine.js';
import { feedLinks, feedTitle } from './feed-links.js';
import { headMeta } from './head-meta.js';
import { integrationsView } from './integrations/integrations-view.js';
import { navView } from './nav-views.js';
import type { ImageSizeLookup } from './markdown/size-images.js';
import { templateDiagnostic } from './template-error.js';
import { uiStrings } from './ui-strings.js';
import { categoryView, seriesBox } from './taxonomy-views.js';
import { entryView, languageOf, paginationView, siteView, viewContext, type ViewContext } from './views.js';
import { issueNeighbours, issueView, noteView, streamNoteView, weeklyIndexView } from './weekly-views.js';
import { siteDateParts } from '../load/parse-date.js';
import { alternatesView, sectionOfRoute, sectionSiteView } from './language-views.js';

export interface OutputPage {
  readonly outputPath: string;
  readonly contents: string;
}

/** A page about to be rendered: the template and what it is given. */
export interface PlannedPage {
  readonly outputPath: string;
  readonly template: string;
  readonly context: Readonly<Record<string, unknown>>;
}

/** Where rendered pages go. */
export interface PageSink {
  write(page: OutputPage): Promise<void>;
  /**
   * Offered every page before any is rendered (`shared`: the part of the context all pages
   * have), one at a time (a page's context is made for this and dropped after, so the contexts of
   * thousands of pages are never held together): the output paths whose previous file is kept as
   * it is. Those are not rendered.
   */
  reuse?(pages: Iterable<PlannedPage>, shared: Readonly<Record<string, unknown>>): Promise<ReadonlySet<string>>;
}

/**
 * Every route through its template, given the HTML of every published entry. Each page is handed
 * to the sink as soon as it is rendered (the writer takes it from there), so the rendered pages
 * of a big site are never all in memory at once.
 */
export async function renderSite(
  site: Site,
  rendered: Readonly<Record<string, RenderedEntry>>,
  config: ResolvedConfig,
  templates: TemplateEngine,
  sink: PageSink,
  imageSize?: ImageSizeLookup,
): Promise<{ pages: number; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const ctx: ViewContext = viewContext(site, rendered, config, imageSize);
  const base = { site: siteView(config, site), ...languageOf(config.language) };
  const planned = function* (): Generator<PlannedPage> {
    for (const route of site.routes) yield { outputPath: route.outputPath, ...pageOf(route, ctx, base) };
  };
  const kept = (await sink.reuse?.(planned(), base)) ?? new Set<string>();
  // One broken template fails every page that uses it: report each problem once, at its line.
  const reported = new Set<string>();
  let pages = kept.size;
  for (const route of site.routes) {
    if (kept.has(route.outputPath)) continue;
    const { template, context } = pageOf(route, ctx, base);
    let contents: string;
    try {
      contents = await templates.render(template, context);
    } catch (error) {
      const found = templateDiagnostic(error, template, route.url, config.root);
      const key = `${found.file}:${found.line}:${found.column}:${found.message.replace(/^.*?: /, '')}`;
      if (!reported.has(key)) diagnostics.push(found);
      reported.add(key);
      continue;
    }
    await sink.write({ outputPath: route.outputPath, contents });
    pages++;
  }
  return { pages, diagnostics };
}

/**
 * One route at a time, as `renderSite` renders it (same views, same context): for `quire dev`,
 * which renders the page asked for instead of every page. Views are made once per renderer.
 */
export function createRouteRenderer(
  site: Site,
  rendered: Readonly<Record<string, RenderedEntry>>,
  config: ResolvedConfig,
  templates: TemplateEngine,
  imageSize?: ImageSizeLookup,
): (route: Route) => Promise<{ contents: string } | { diagnostic: Diagnostic }> {
  const ctx: ViewContext = viewContext(site, rendered, config, imageSize);
  const base = { site: siteView(config, site), ...languageOf(config.language) };
  return async (route) => {
    const { template, context } = pageOf(route, ctx, base);
    try {
      return { contents: await templates.render(template, context) };
    } catch (error) {
      return { diagnostic: templateDiagnostic(error, template, route.url, config.root) };
    }
  };
}

/** A route's template and context, the head (OpenGraph, JSON-LD) included: part of the context, so the page cache sees it too. */
function pageOf(route: Route, ctx: ViewContext, base: Record<string, unknown>): { template: string; context: Record<string, unknown> } {
  const { template, context } = routeContext(route, ctx, base);
  const head = headMeta(route, context['page'] as Parameters<typeof headMeta>[1], ctx);
  // A page of another language's section: that language's chrome (words, site title, home, feeds).
  const section = sectionOfRoute(route, ctx.site, ctx.config);
  const inSection = section !== ctx.site.languages[0] ? { ...languageOf(section.lang), site: sectionSiteView(base['site'] as Record<string, unknown>, section, ctx.site, ctx.config) } : {};
  return { template, context: { ...context, ...inSection, head, nav: navView(route, ctx), integrations: integrationsView(route, ctx.site, ctx.config), alternates: alternatesView(route.url, ctx.site, ctx.config) } };
}

function routeContext(route: Route, ctx: ViewContext, base: Record<string, unknown>): { template: string; context: Record<string, unknown> } {
  const { config, site } = ctx;
  const href = (url: string) => hrefOf(url, config.basePath);
  const pageMeta = (title: string, url: string, description = config.description) => ({ title, url: href(url), canonical: new URL(href(url), config.url).href, description, type: route.type });
  const section = sectionOfRoute(route, site, config);
  const t = uiStrings(section.lang);
  switch (route.type) {
    case 'post':
    case 'page': {
      const view = entryView(route.key, ctx);
      const posts = section.posts;
      const index = posts.indexOf(route.key);
      const neighbour = (i: number) => (i >= 0 && i < posts.length ? { title: site.entries[posts[i]!]!.entry.title, url: href(site.entries[posts[i]!]!.url) } : undefined);
      return {
        template: route.type,
        context: {
          // The chrome (html lang, labels, dates) in the site's language; the templates mark the
          // title and the text with the entry's own lang.
          ...base,
          page: { ...pageMeta(view.title, route.url, view.description), date: view.date, image: view.image },
          post: view,
          series: route.type === 'post' ? seriesBox(route.key, site, config.basePath, section.series) : undefined,
          newer: route.type === 'post' ? neighbour(index - 1) : undefined,
          older: route.type === 'post' ? neighbour(index + 1) : undefined,
        },
      };
    }
    case 'home': {
      const title = route.list.page === 1 ? section.title : `${t.pageOf.replace('{page}', String(route.list.page)).replace('{total}', String(route.list.totalPages))} · ${section.title}`;
      return {
        template: 'home',
        context: { ...base, page: pageMeta(title, route.url), posts: route.list.posts.map((k) => entryView(k, ctx)), pagination: paginationView(route.list, config.basePath) },
      };
    }
    case 'tag': {
      const term = section.tags.find((x) => x.slug === route.term)!;
      const feed = site.feeds.find((f) => f.kind === 'tag' && f.term === term.slug && f.lang === route.lang);
      const feeds = feed ? feedLinks(feed, feedTitle(feed, site, config), config.basePath) : [];
      return {
        template: 'tag',
        context: {
          ...base,
          page: pageMeta(t.postsTagged.replace('{tag}', term.name), route.url),
          tag: { name: term.name, url: href(term.url), count: term.posts.length, feeds },
          posts: route.list.posts.map((k) => entryView(k, ctx)),
          notes: route.list.page === 1 ? term.notes.map((k) => noteView(site.notes[k]!, config.basePath)) : [],
          // Notes are items of weekly issues: the weekly feed carries them, the tag's feed does not.
          weeklyFeed: term.notes.length > 0 ? weeklyFeedHref(site, config.basePath) : undefined,
          pagination: paginationView(route.list, config.basePath),
        },
      };
    }
    case 'category': {
      const term = section.categories.find((x) => x.slug === route.term)!;
      const feed = site.feeds.find((f) => f.kind === 'category' && f.term === term.slug && f.lang === route.lang);
      const feeds = feed ? feedLinks(feed, feedTitle(feed, site, config), config.basePath) : [];
      return {
        template: 'category',
        context: {
          ...base,
          page: { ...pageMeta(t.postsInCategory.replace('{category}', term.path.join(' / ')), route.url), feeds },
          category: categoryView(term, section.categories, config.basePath),
          posts: route.list.posts.map((k) => entryView(k, ctx)),
          pagination: paginationView(route.list, config.basePath),
        },
      };
    }
    case 'categories':
      return { template: 'categories', context: { ...base, page: pageMeta(t.categories, route.url), categories: section.categories.filter((c) => c.parent === undefined).map((c) => categoryView(c, section.categories, config.basePath)) } };
    case 'series': {
      const series = section.series.find((x) => x.slug === route.term)!;
      return { template: 'series', context: { ...base, page: pageMeta(t.seriesTitle.replace('{series}', series.name), route.url), series: { name: series.name, url: href(series.url) }, posts: series.posts.map((k) => entryView(k, ctx)) } };
    }
    case 'weekly-issue': {
      const info = site.weeklyIssues.find((i) => i.key === route.key)!;
      const view = issueView(info, ctx);
      const feeds = [...kindFeedLinks('weekly', ctx), ...kindFeedLinks('notes', ctx)];
      return {
        template: 'weekly-issue',
        context: {
          ...base,
          page: { ...pageMeta(view.title, route.url, view.description), date: view.date, image: view.image, feeds },
          issue: view,
          ...issueNeighbours(info, ctx, view.lang),
        },
      };
    }
    case 'weekly-index': {
      const feeds = [...kindFeedLinks('weekly', ctx), ...kindFeedLinks('notes', ctx)];
      return { template: 'weekly-index', context: { ...base, page: { ...pageMeta(t.weekly, route.url), feeds }, ...weeklyIndexView(ctx) } };
    }
    case 'notes': {
      const feeds = kindFeedLinks('notes', ctx);
      const title = route.list.page === 1 ? t.notes : `${t.notes} · ${t.pageOf.replace('{page}', String(route.list.page)).replace('{total}', String(route.list.totalPages))}`;
      return {
        template: 'notes',
        context: {
          ...base,
          page: { ...pageMeta(title, route.url, t.notesIntro), feeds },
          notes: route.list.posts.map((key) => streamNoteView(key, ctx)),
          weeklyUrl: site.weeklyIssues.length > 0 ? href('/weekly/') : undefined,
          // The visible subscribe links: one per format, by its name (RSS, Atom, JSON Feed).
          subscribe: feeds,
          pagination: paginationView(route.list, config.basePath),
        },
      };
    }
    case 'tags':
      return {
        template: 'tags',
        context: { ...base, page: pageMeta(t.tags, route.url), tags: section.tags.map((term) => ({ name: term.name, url: href(term.url), count: term.posts.length })) },
      };
    case 'archive': {
      const years: Array<{ year: string; posts: unknown[] }> = [];
      for (const key of section.posts) {
        const entry = site.entries[key]!.entry;
        const year = entry.date ? siteDateParts(entry.date, config.timezone).year : '—';
        let group = years.at(-1);
        if (!group || group.year !== year) years.push((group = { year, posts: [] }));
        group.posts.push(entryView(key, ctx));
      }
      return { template: 'archive', context: { ...base, page: pageMeta(t.archive, route.url), years, total: section.posts.length } };
    }
    case 'redirect': {
      const target = site.entries[route.key]!;
      const url = href(target.url);
      // The old URL's canonical is the new one, so that search engines move their index there.
      return { template: 'redirect', context: { ...base, page: { ...pageMeta(target.entry.title, route.url), canonical: new URL(url, config.url).href }, target: { title: target.entry.title, url } } };
    }
    case '404':
      // A way on from a dead link: the search page's form, and the latest posts.
      return { template: '404', context: { ...base, page: pageMeta(t.notFoundTitle, route.url), search: { url: href(SEARCH_PAGE.url) }, posts: site.posts.slice(0, 5).map((k) => entryView(k, ctx)) } };
    case 'search':
      return { template: 'search', context: { ...base, page: pageMeta(t.search, route.url), search: { index: href(SEARCH_INDEX.url) } } };
  }
}

/** `<link rel="alternate">` data of the site's feed of this kind (`weekly`, `notes`), if it has one. */
function kindFeedLinks(kind: 'weekly' | 'notes', { site, config }: ViewContext): ReturnType<typeof feedLinks> {
  const feed = site.feeds.find((f) => f.kind === kind);
  return feed ? feedLinks(feed, feedTitle(feed, site, config), config.basePath) : [];
}

/** The weekly digest's RSS feed, as an href, if the site has one. */
function weeklyFeedHref(site: Site, basePath: string): string | undefined {
  const feed = site.feeds.find((f) => f.kind === 'weekly');
  return feed && hrefOf(feed.files.rss.url, basePath);
}
