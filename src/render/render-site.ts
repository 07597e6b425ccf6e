import { DateTime } from 'luxon';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Route, Site } from '../types.js';
import type { CodeHighlighter } from './highlight.js';
import { fenceLanguages, type MarkdownProcessor } from './markdown/create-processor.js';
import { renderEntry, type RenderedEntry } from './render-entry.js';
import type { TemplateEngine } from './template-engine.js';
import { feedLinks, feedTitle } from './feed-links.js';
import { templateDiagnostic } from './template-error.js';
import { uiStrings } from './ui-strings.js';
import { entryView, languageOf, paginationView, siteView, viewContext, type ViewContext } from './views.js';
import { issueNeighbours, issueView, noteView, weeklyIndexView } from './weekly-views.js';

export interface OutputPage {
  readonly outputPath: string;
  readonly contents: string;
}

export interface RenderTools {
  readonly processorFor: (language: string) => MarkdownProcessor;
  readonly highlighter: CodeHighlighter;
  readonly templates: TemplateEngine;
}

/** Markdown of every published entry → HTML, then every route through its template. */
export async function renderSite(site: Site, config: ResolvedConfig, tools: RenderTools): Promise<{ pages: OutputPage[]; rendered: Record<string, RenderedEntry>; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const keys = Object.keys(site.entries);
  const langs = new Set<string>();
  for (const key of keys) for (const lang of fenceLanguages(site.entries[key]!.entry.mdast)) langs.add(lang);
  await tools.highlighter.load(langs);

  const rendered: Record<string, RenderedEntry> = {};
  const links = { site, basePath: config.basePath };
  for (const key of keys) {
    const placed = site.entries[key]!;
    const processor = tools.processorFor(placed.entry.lang ?? config.language);
    try {
      const result = await renderEntry(placed, { processor, highlighter: tools.highlighter, links, summaryLength: config.summaryLength, siteUrl: config.url, basePath: config.basePath });
      rendered[key] = result.rendered;
      diagnostics.push(...result.diagnostics);
    } catch (error) {
      diagnostics.push(diagnostic('MarkdownError', `cannot render: ${(error as Error).message}`, { file: placed.entry.displayPath }, 'a remark/rehype plugin may have failed on this file'));
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { pages: [], rendered, diagnostics };

  const ctx: ViewContext = viewContext(site, rendered, config);
  const base = { site: siteView(config, site), ...languageOf(config.language) };
  const pages: OutputPage[] = [];
  // One broken template fails every page that uses it: report each problem once, at its line.
  const reported = new Set<string>();
  for (const route of site.routes) {
    const { template, context } = routeContext(route, ctx, base);
    try {
      pages.push({ outputPath: route.outputPath, contents: await tools.templates.render(template, context) });
    } catch (error) {
      const found = templateDiagnostic(error, template, route.url, config.root);
      const key = `${found.file}:${found.line}:${found.column}:${found.message.replace(/^.*?: /, '')}`;
      if (!reported.has(key)) diagnostics.push(found);
      reported.add(key);
    }
  }
  return { pages, rendered, diagnostics };
}

function routeContext(route: Route, ctx: ViewContext, base: Record<string, unknown>): { template: string; context: Record<string, unknown> } {
  const { config, site } = ctx;
  const href = (url: string) => hrefOf(url, config.basePath);
  const pageMeta = (title: string, url: string, description = config.description) => ({ title, url: href(url), canonical: new URL(href(url), config.url).href, description, type: route.type });
  const t = uiStrings(config.language);
  switch (route.type) {
    case 'post':
    case 'page': {
      const view = entryView(route.key, ctx);
      const index = site.posts.indexOf(route.key);
      const neighbour = (i: number) => (i >= 0 && i < site.posts.length ? { title: site.entries[site.posts[i]!]!.entry.title, url: href(site.entries[site.posts[i]!]!.url) } : undefined);
      return {
        template: route.type,
        context: {
          ...base,
          ...languageOf(view.lang),
          page: { ...pageMeta(view.title, route.url, view.description), date: view.date, image: view.image },
          post: view,
          newer: route.type === 'post' ? neighbour(index - 1) : undefined,
          older: route.type === 'post' ? neighbour(index + 1) : undefined,
        },
      };
    }
    case 'home': {
      const title = route.list.page === 1 ? config.title : `${t.pageOf.replace('{page}', String(route.list.page)).replace('{total}', String(route.list.totalPages))} · ${config.title}`;
      return {
        template: 'home',
        context: { ...base, page: pageMeta(title, route.url), posts: route.list.posts.map((k) => entryView(k, ctx)), pagination: paginationView(route.list, config.basePath) },
      };
    }
    case 'tag': {
      const term = site.tags.find((x) => x.slug === route.term)!;
      const feed = site.feeds.find((f) => f.kind === 'tag' && f.term === term.slug);
      const feeds = feed ? feedLinks(feed, feedTitle(feed, site, config.title, config.language), config.basePath) : [];
      return {
        template: 'tag',
        context: {
          ...base,
          page: pageMeta(t.postsTagged.replace('{tag}', term.name), route.url),
          tag: { name: term.name, url: href(term.url), count: term.posts.length, feeds },
          posts: route.list.posts.map((k) => entryView(k, ctx)),
          notes: route.list.page === 1 ? term.notes.map((k) => noteView(site.notes[k]!, config.basePath)) : [],
          pagination: paginationView(route.list, config.basePath),
        },
      };
    }
    case 'weekly-issue': {
      const info = site.weeklyIssues.find((i) => i.key === route.key)!;
      const view = issueView(info, ctx);
      const feed = site.feeds.find((f) => f.kind === 'weekly');
      const feeds = feed ? feedLinks(feed, feedTitle(feed, site, config.title, config.language), config.basePath) : [];
      return {
        template: 'weekly-issue',
        context: {
          ...base,
          ...languageOf(view.lang),
          page: { ...pageMeta(view.title, route.url, view.description), date: view.date, image: view.image, feeds },
          issue: view,
          ...issueNeighbours(info, ctx),
        },
      };
    }
    case 'weekly-index': {
      const feed = site.feeds.find((f) => f.kind === 'weekly');
      const feeds = feed ? feedLinks(feed, feedTitle(feed, site, config.title, config.language), config.basePath) : [];
      return { template: 'weekly-index', context: { ...base, page: { ...pageMeta(t.weekly, route.url), feeds }, ...weeklyIndexView(ctx) } };
    }
    case 'tags':
      return {
        template: 'tags',
        context: { ...base, page: pageMeta(t.tags, route.url), tags: site.tags.map((term) => ({ name: term.name, url: href(term.url), count: term.posts.length })) },
      };
    case 'archive': {
      const years: Array<{ year: string; posts: unknown[] }> = [];
      for (const key of site.posts) {
        const entry = site.entries[key]!.entry;
        const year = entry.date ? DateTime.fromMillis(entry.date.epochMs, { zone: config.timezone }).toFormat('yyyy') : '—';
        let group = years.at(-1);
        if (!group || group.year !== year) years.push((group = { year, posts: [] }));
        group.posts.push(entryView(key, ctx));
      }
      return { template: 'archive', context: { ...base, page: pageMeta(t.archive, route.url), years, total: site.posts.length } };
    }
    case '404':
      return { template: '404', context: { ...base, page: pageMeta(t.notFoundTitle, route.url) } };
  }
}
