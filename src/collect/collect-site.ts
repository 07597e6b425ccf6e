import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { CopiedFile, Entry, FeedFormat, FeedRoute, LanguageSection, ListPage, Placed, Route, Site } from '../types.js';
import { paginate } from './paginate.js';
import { FEED_FORMAT_NAMES, feedRoute } from './feed-routes.js';
import { createCollectMemo, place, positionOfUrlField, type CollectMemo } from './place-entry.js';
import { publishClock } from './publish-clock.js';
import { placeWeekly } from './weekly/place-weekly.js';
import { notesStream } from './weekly/notes-stream.js';
import { SEARCH_INDEX, SEARCH_PAGE } from './search-route.js';
import { OUTPUT_MARKER } from './output-marker.js';
import { claimKey, folderClashes, outputClaims } from './output-claims.js';
import { duplicateIds } from './duplicate-ids.js';
import { aliasPlace, aliasRoutes } from './alias-routes.js';
import { CATEGORIES_URL, collectCategories } from './collect-categories.js';
import { collectSeries } from './collect-series.js';
import { pageTree } from './page-tree.js';
import { prefixed, sectionLang } from './entry-language.js';
import { collectTranslations, translationFileNames } from './collect-translations.js';
import { alternatesOf } from './alternate-urls.js';
import { collectTags } from './collect-tags.js';

export interface CollectInput {
  readonly entries: readonly Entry[];
  /** Files of the public folder, relative to it with `/` separators. */
  readonly publicFiles: readonly string[];
  /** Static files of the templates folders (`templates/static/`), relative to the output root; public/ wins over them. */
  readonly themeFiles: readonly CopiedFile[];
}

/** The redirect list quire writes when entries have `aliases:`. */
export const REDIRECTS_FILE = '_redirects';

/**
 * Decide what is published and where: URLs, lists, tags, and a check that no two things share a
 * file. `memo` (made for this config) lets a collect after an edit take the places of unchanged
 * entries from the one before; the site and diagnostics are the same with or without it.
 */
export function collectSite(input: CollectInput, config: ResolvedConfig, memo?: CollectMemo): { site: Site; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const known = memo?.config === config ? memo : createCollectMemo(config);
  const clock = publishClock(config);
  const unpublished: Record<string, 'draft' | 'future'> = {};
  const published = input.entries.filter((entry) => {
    if (entry.draft && !config.drafts) unpublished[entry.source.rel] = 'draft';
    else if (entry.date && entry.kind !== 'page' && clock.isFuture(entry.date.epochMs)) unpublished[entry.source.rel] = 'future';
    else return true;
    return false;
  });

  diagnostics.push(...duplicateIds(published));
  diagnostics.push(...translationFileNames(input.entries, config));
  // The languages of the site: the default one at the root, then those of `languages`, each listing its own entries.
  const sections = [{ lang: config.language, prefix: '/', title: config.title, description: config.description }, ...config.languages];
  const langOf = (i: number) => (i === 0 ? {} : { lang: sections[i]!.lang });

  // Files quire writes that public/ may replace but nothing else may: robots.txt, the sitemap and the theme's files.
  const reserved = new Map<string, string>([
    ['robots.txt', 'the robots.txt quire writes'],
    ['sitemap.xml', 'the sitemap quire writes'],
  ]);
  for (const file of input.themeFiles) if (!reserved.has(claimKey(file.outputPath))) reserved.set(claimKey(file.outputPath), `the theme file ${file.outputPath}`);
  const { claims, claim } = outputClaims(reserved, diagnostics);

  // The site feed's files are claimed first, so a post on /feed.xml is the one reported, at its line.
  const claimFeed = (feed: FeedRoute, owner: string) =>
    (Object.keys(feed.files) as FeedFormat[]).every((format) => claim(feed.files[format].outputPath, `the ${FEED_FORMAT_NAMES[format]} feed of ${owner}`, {}, true));
  const siteFeedClaimed = sections.map((section, i) => claimFeed(feedRoute('site', section.prefix, []), i === 0 ? 'the site' : `the ${section.lang} home page`));
  // So are the other files of fixed names, and the marker of the output folder.
  const fixedPages = [
    ...sections.flatMap((section, i) => [
      ['tags', prefixed('/tags/', section.prefix), prefixed('/tags/index.html', section.prefix).slice(1), i],
      ['archive', prefixed('/archive/', section.prefix), prefixed('/archive/index.html', section.prefix).slice(1), i],
    ] as const),
    ['404', '/404.html', '404.html', 0],
    ['search', SEARCH_PAGE.url, SEARCH_PAGE.outputPath, 0],
  ] as const;
  const fixedClaimed = fixedPages.filter(([type, , outputPath, i]) => claim(outputPath, `the ${type} page${i === 0 ? '' : ` (${sections[i]!.lang})`}`, {}));
  claim(SEARCH_INDEX.outputPath, 'the search index', {});
  claim(OUTPUT_MARKER, 'the marker of the output folder', {});

  const entries: Record<string, Placed> = {};
  // Kept beside `entries` so that lists and sorting need no lookups in it.
  const entryOf = new Map<string, Entry>();
  const postKeys: string[] = [];
  const pageKeys: string[] = [];
  const routes: Route[] = [];
  const copies: CopiedFile[] = [];
  for (const entry of published) {
    if (entry.kind !== 'post' && entry.kind !== 'page') continue;
    let outcome = known.places.get(entry);
    if (!outcome) known.places.set(entry, (outcome = place(entry, config, known.permalink)));
    diagnostics.push(...outcome.diagnostics);
    const { placed } = outcome;
    if (!placed) continue;
    // A URL taken from the file name has no line of its own: point at the top, where `slug:` would go.
    const urlField = positionOfUrlField(entry);
    if (!claim(placed.outputPath, entry.displayPath, () => ({ file: entry.displayPath, line: 1, column: 1, source: entry.text, ...urlField }), false, false, urlField.line !== undefined)) continue;
    entries[entry.source.rel] = placed;
    entryOf.set(entry.source.rel, entry);
    (entry.kind === 'post' ? postKeys : pageKeys).push(entry.source.rel);
    routes.push({ type: entry.kind, url: placed.url, outputPath: placed.outputPath, key: entry.source.rel });
    const pageDir = placed.outputPath.slice(0, placed.outputPath.lastIndexOf('/') + 1);
    for (const asset of entry.source.assets) {
      const outputPath = pageDir + asset;
      if (claim(outputPath, `${entry.displayPath} (bundle file ${asset})`, { file: entry.displayPath })) {
        copies.push({ from: path.join(path.dirname(entry.source.path), ...asset.split('/')), outputPath });
      }
    }
  }

  // Weekly issues: numbered over every source, placed at /weekly/<n>/ with their notes inside.
  const isPublished = (entry: Entry) => !Object.hasOwn(unpublished, entry.source.rel);
  const weekly = placeWeekly(input.entries, isPublished, clock.isFuture, config);
  diagnostics.push(...weekly.diagnostics);
  const issueKeys: string[] = [];
  for (const placed of weekly.entries) {
    if (!claim(placed.outputPath, `weekly issue ${placed.entry.issue} (${placed.entry.displayPath})`, { file: placed.entry.displayPath })) continue;
    entries[placed.entry.source.rel] = placed;
    entryOf.set(placed.entry.source.rel, placed.entry);
    issueKeys.push(placed.entry.source.rel);
    routes.push({ type: 'weekly-issue', url: placed.url, outputPath: placed.outputPath, key: placed.entry.source.rel });
  }
  const weeklyIssues = weekly.issues.filter((i) => issueKeys.includes(i.key));
  if (weeklyIssues.length > 0 && claim('weekly/index.html', 'the weekly index page', {})) {
    routes.push({ type: 'weekly-index', url: '/weekly/', outputPath: 'weekly/index.html' });
  }

  const byNewest = (a: string, b: string) => {
    const ea = entryOf.get(a)!;
    const eb = entryOf.get(b)!;
    const da = ea.date?.epochMs ?? -Infinity;
    const db = eb.date?.epochMs ?? -Infinity;
    return db - da || ea.title.localeCompare(eb.title) || (a < b ? -1 : a > b ? 1 : 0);
  };
  const posts = postKeys.sort(byNewest);
  const pages = pageKeys.sort();

  const translations = collectTranslations(entries, config, diagnostics);
  const postsOf = sections.map((): string[] => []);
  for (const key of posts) postsOf[sections.findIndex((s) => s.lang === sectionLang(entryOf.get(key)!, config))]!.push(key);

  // Each language's lists: home, feeds, tags, categories, series (weekly issues and notes are the default language's).
  const feeds: FeedRoute[] = [];
  const noteStream: string[] = [];
  const languages: LanguageSection[] = [];
  for (const [i, section] of sections.entries()) {
    const lang = langOf(i);
    const prefix = section.prefix;
    const own = postsOf[i]!;
    const listed = i === 0 ? [...own, ...issueKeys].sort(byNewest) : own;
    const which = i === 0 ? '' : ` (${section.lang})`;
    // A page at / (pages/index.md or `permalink: /`) is the home page: the posts are then listed in the archive only.
    // Another language without posts (pages only) has no home, feed or archive of its own.
    const pageHome = pages.some((key) => entries[key]!.url === prefix) || (i > 0 && own.length === 0);
    for (const list of pageHome ? [] : paginate(own, prefix, config.paginate)) {
      routes.push({ type: 'home', url: list.url, outputPath: list.outputPath, list, ...lang });
      claim(list.outputPath, list.page === 1 ? `the home page${which}` : `home page ${list.page}${which}`, {});
    }
    // The site feed carries posts and weekly issues; the weekly feed, issues only.
    if (siteFeedClaimed[i] && (i === 0 || own.length > 0)) feeds.push({ ...feedRoute('site', prefix, listed), ...lang });
    if (i === 0 && issueKeys.length > 0) {
      const weeklyFeed = feedRoute('weekly', '/weekly/', [...issueKeys].sort(byNewest));
      if (claimFeed(weeklyFeed, 'the weekly digest')) feeds.push(weeklyFeed);
    }
    // The notes stream: /notes/ and its feeds (unless `notes.page` is false), the default language's.
    const stream = i === 0 ? notesStream(weekly.notes, config) : undefined;
    if (stream && claimFeed(stream.feed, 'the notes stream')) {
      feeds.push(stream.feed);
      noteStream.push(...stream.keys);
      for (const list of stream.pages) {
        if (claim(list.outputPath, list.page === 1 ? 'the notes page' : `notes page ${list.page}`, {})) routes.push({ type: 'notes', url: list.url, outputPath: list.outputPath, list });
      }
    }
    const tags = collectTags(listed, entries, i === 0 ? Object.keys(weekly.notes) : [], input.entries, known.tagSlugs, diagnostics).map((term) => ({ ...term, url: prefixed(term.url, prefix) }));
    for (const term of tags) {
      // A tag of notes only has a page (listing them) but no feed: its items live in the weekly feed.
      const feed = term.posts.length > 0 ? { ...feedRoute('tag', term.url, term.posts, term.slug), ...lang } : undefined;
      if (feed && claimFeed(feed, `tag "${term.name}"${which}`)) feeds.push(feed);
      for (const list of paginate(term.posts, term.url, config.paginate)) {
        if (claim(list.outputPath, `the page of tag "${term.name}"${which}`, {})) routes.push({ type: 'tag', url: list.url, outputPath: list.outputPath, term: term.slug, list, ...lang });
      }
    }
    const categories = collectCategories(listed, (key) => entryOf.get(key)!, config, diagnostics).map((term) => ({ ...term, url: prefixed(term.url, prefix) }));
    for (const term of categories) {
      const feed = { ...feedRoute('category', term.url, term.posts, term.slug), ...lang };
      if (claimFeed(feed, `category "${term.path.join(' / ')}"${which}`)) feeds.push(feed);
      for (const list of paginate(term.posts, term.url, config.paginate)) {
        if (claim(list.outputPath, `the page of category "${term.path.join(' / ')}"${which}`, {})) routes.push({ type: 'category', url: list.url, outputPath: list.outputPath, term: term.slug, list, ...lang });
      }
    }
    const categoriesUrl = prefixed(CATEGORIES_URL, prefix);
    if (categories.length > 0 && claim(`${categoriesUrl.slice(1)}index.html`, `the categories page${which}`, {})) routes.push({ type: 'categories', url: categoriesUrl, outputPath: `${categoriesUrl.slice(1)}index.html`, ...lang });
    const series = collectSeries(own, (key) => entryOf.get(key)!, diagnostics).map((one) => ({ ...one, url: prefixed(one.url, prefix) }));
    for (const one of series) {
      if (claim(`${one.url.slice(1)}index.html`, `the page of series "${one.name}"${which}`, {})) routes.push({ type: 'series', url: one.url, outputPath: `${one.url.slice(1)}index.html`, term: one.slug, ...lang });
    }
    languages.push({ ...section, posts: own, tags, categories, series });
  }
  for (const [type, url, outputPath, i] of fixedClaimed) {
    if (type === '404' || type === 'search') routes.push({ type, url, outputPath });
    else if (i === 0 || languages[i]!.posts.length > 0) routes.push({ type, url, outputPath, ...langOf(i) });
  }

  for (const file of input.publicFiles) {
    if (claim(file, `public/${file}`, { file: path.relative(config.root, path.join(config.publicDir, file)) }, false, true)) {
      copies.push({ from: path.join(config.publicDir, ...file.split('/')), outputPath: file });
    }
  }

  for (const file of input.themeFiles) {
    const key = claimKey(file.outputPath);
    if (claims.has(key)) continue;
    claims.set(key, { owner: `the theme file ${file.outputPath}`, outputPath: file.outputPath, place: {} });
    copies.push(file);
  }
  // Old URLs (`aliases:`) last: a clash with anything else is reported at the alias.
  let redirectsFile = false;
  for (const placed of Object.values(entries)) {
    if (placed.entry.aliases.length === 0) continue;
    const aliases = aliasRoutes(placed, config);
    diagnostics.push(...aliases.diagnostics);
    for (const alias of aliases.routes) {
      const { url, outputPath, key } = alias;
      if (claim(outputPath, `the alias ${url} of ${placed.entry.displayPath}`, aliasPlace(placed.entry, alias.index))) routes.push({ type: 'redirect', url, outputPath, key });
      redirectsFile = true;
    }
  }
  // `_redirects` (Netlify, Cloudflare Pages) lists the same moves, unless public/ has its own.
  if (redirectsFile && claims.has(claimKey(REDIRECTS_FILE))) redirectsFile = false;
  else if (redirectsFile) claim(REDIRECTS_FILE, 'the _redirects file quire writes', {});
  // The files written after the pages (unless public/ has its own), for the check below.
  for (const [outputPath, owner] of [
    ['robots.txt', 'the robots.txt quire writes'],
    ['sitemap.xml', 'the sitemap quire writes'],
  ] as const) {
    if (!claims.has(outputPath)) claims.set(outputPath, { owner, outputPath, place: {} });
  }
  diagnostics.push(...folderClashes(claims));

  const site: Site = {
    entries,
    posts,
    pages,
    // The page tree (side navigation, the nav's pages) is the default language's; translations link to their originals' places.
    pageTree: pageTree(pages.filter((key) => sectionLang(entryOf.get(key)!, config) === config.language).map((key) => ({ key, entry: entryOf.get(key)! })), config.language),
    weeklyIssues,
    notes: weekly.notes,
    noteStream,
    tags: languages[0]!.tags,
    categories: languages[0]!.categories,
    series: languages[0]!.series,
    routes,
    feeds,
    copies,
    languages,
    translations,
    alternates: alternatesOf(routes, translations, entries, languages, config),
    redirectsFile,
    unpublished,
    clock: clock.window(),
  };
  return { site, diagnostics };
}

export type { ListPage };
