import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { CopiedFile, Entry, FeedFormat, FeedRoute, ListPage, Placed, Route, Site, Term } from '../types.js';
import { slugify } from '../load/slug.js';
import { paginate } from './paginate.js';
import { FEED_FORMAT_NAMES, feedRoute } from './feed-routes.js';
import { createCollectMemo, place, positionOfUrlField, type CollectMemo } from './place-entry.js';
import { publishClock } from './publish-clock.js';
import { placeWeekly } from './weekly/place-weekly.js';
import { notesStream } from './weekly/notes-stream.js';
import { SEARCH_INDEX, SEARCH_PAGE } from './search-route.js';
import { OUTPUT_MARKER } from './output-marker.js';
import { claimKey, folderClashes, type Claim, type Place } from './output-claims.js';
import { duplicateIds } from './duplicate-ids.js';
import { aliasPlace, aliasRoutes } from './alias-routes.js';
import { fieldPlace } from './field-place.js';
import { CATEGORIES_URL, collectCategories } from './collect-categories.js';
import { collectSeries } from './collect-series.js';
import { pageTree } from './page-tree.js';
import type { PackedText } from '../packed-text.js';

export interface CollectInput {
  readonly entries: readonly Entry[];
  /** Files of the public folder, relative to it with `/` separators. */
  readonly publicFiles: readonly string[];
  /** Static files of the templates folders (`templates/static/`), relative to the output root; public/ wins over them. */
  readonly themeFiles: readonly CopiedFile[];
}

const FEED_CLASH_HINT = 'feeds are written as feed.xml, atom.xml and feed.json in the site root and in each tag folder: give your file another name or URL';
const RESERVED_HINT = 'give it another `slug` or `permalink`; to replace a file quire writes, put your own in public/';
/** Files quire writes unless public/ has its own: no entry may take their place. */
const SITEMAP_FILES = /^sitemap(-\d+)?\.xml$/;
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

  // Who claims each output file, to catch two sources on one URL (compared case-insensitively,
  // because macOS and Windows file systems are).
  const claims = new Map<string, Claim>();
  const feedFiles = new Set<string>();
  // Files quire writes that public/ may replace but nothing else may: robots.txt, the sitemap and the theme's files.
  const reserved = new Map<string, string>([
    ['robots.txt', 'the robots.txt quire writes'],
    ['sitemap.xml', 'the sitemap quire writes'],
  ]);
  for (const file of input.themeFiles) if (!reserved.has(claimKey(file.outputPath))) reserved.set(claimKey(file.outputPath), `the theme file ${file.outputPath}`);
  // `place` may be a function: what an error would point at is worked out only for an error.
  const claim = (outputPath: string, owner: string, place: Place | (() => Place), isFeed = false, fromPublic = false) => {
    const key = claimKey(outputPath);
    const previous = claims.get(key);
    const where = () => (typeof place === 'function' ? place() : place);
    if (previous !== undefined) {
      const hint = isFeed || feedFiles.has(key) ? FEED_CLASH_HINT : 'give one of them another `slug` or `permalink`';
      diagnostics.push(diagnostic('DuplicateUrl', `${owner} and ${previous.owner} both produce ${outputPath}`, where(), hint));
      return false;
    }
    const generated = reserved.get(key) ?? (SITEMAP_FILES.test(key) ? 'the sitemap quire writes' : undefined);
    if (!fromPublic && generated !== undefined) {
      diagnostics.push(diagnostic('DuplicateUrl', `${owner} would replace ${generated} (${outputPath})`, where(), RESERVED_HINT));
      return false;
    }
    claims.set(key, { owner, outputPath, place });
    if (isFeed) feedFiles.add(key);
    return true;
  };

  // The site feed's files are claimed first, so a post on /feed.xml is the one reported, at its line.
  const claimFeed = (feed: FeedRoute, owner: string) =>
    (Object.keys(feed.files) as FeedFormat[]).every((format) => claim(feed.files[format].outputPath, `the ${FEED_FORMAT_NAMES[format]} feed of ${owner}`, {}, true));
  const siteFeedClaimed = claimFeed(feedRoute('site', '/', []), 'the site');
  // So are the other files of fixed names, and the marker of the output folder.
  const fixedPages = [
    ['tags', '/tags/', 'tags/index.html'],
    ['archive', '/archive/', 'archive/index.html'],
    ['404', '/404.html', '404.html'],
    ['search', SEARCH_PAGE.url, SEARCH_PAGE.outputPath],
  ] as const;
  const fixedClaimed = fixedPages.filter(([type, , outputPath]) => claim(outputPath, `the ${type} page`, {}));
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
    if (!claim(placed.outputPath, entry.displayPath, () => ({ file: entry.displayPath, line: 1, column: 1, source: entry.text, ...positionOfUrlField(entry) }))) continue;
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

  // A page at / (pages/index.md or `permalink: /`) is the home page: the posts are then listed in the archive only.
  const pageHome = pages.some((key) => entries[key]!.url === '/');
  for (const list of pageHome ? [] : paginate(posts, '/', config.paginate)) {
    routes.push({ type: 'home', url: list.url, outputPath: list.outputPath, list });
    claim(list.outputPath, list.page === 1 ? 'the home page' : `home page ${list.page}`, {});
  }

  // The site feed carries posts and weekly issues; the weekly feed, issues only.
  const feeds: FeedRoute[] = siteFeedClaimed ? [feedRoute('site', '/', [...posts, ...issueKeys].sort(byNewest))] : [];
  if (issueKeys.length > 0) {
    const weeklyFeed = feedRoute('weekly', '/weekly/', [...issueKeys].sort(byNewest));
    if (claimFeed(weeklyFeed, 'the weekly digest')) feeds.push(weeklyFeed);
  }
  // The notes stream: /notes/ and its feeds (unless `notes.page` is false).
  const stream = notesStream(weekly.notes, config);
  const noteStream: string[] = [];
  if (stream && claimFeed(stream.feed, 'the notes stream')) {
    feeds.push(stream.feed);
    noteStream.push(...stream.keys);
    for (const list of stream.pages) {
      if (claim(list.outputPath, list.page === 1 ? 'the notes page' : `notes page ${list.page}`, {})) routes.push({ type: 'notes', url: list.url, outputPath: list.outputPath, list });
    }
  }
  const tags = collectTerms([...posts, ...issueKeys].sort(byNewest), entries, Object.keys(weekly.notes), input.entries, known.tagSlugs, diagnostics);
  for (const term of tags) {
    // A tag of notes only has a page (listing them) but no feed: its items live in the weekly feed.
    const feed = term.posts.length > 0 ? feedRoute('tag', term.url, term.posts, term.slug) : undefined;
    if (feed && claimFeed(feed, `tag "${term.name}"`)) feeds.push(feed);
    for (const list of paginate(term.posts, term.url, config.paginate)) {
      if (claim(list.outputPath, `the page of tag "${term.name}"`, {})) routes.push({ type: 'tag', url: list.url, outputPath: list.outputPath, term: term.slug, list });
    }
  }
  const listed = [...posts, ...issueKeys].sort(byNewest);
  const categories = collectCategories(listed, (key) => entryOf.get(key)!, config, diagnostics);
  for (const term of categories) {
    const feed = feedRoute('category', term.url, term.posts, term.slug);
    if (claimFeed(feed, `category "${term.path.join(' / ')}"`)) feeds.push(feed);
    for (const list of paginate(term.posts, term.url, config.paginate)) {
      if (claim(list.outputPath, `the page of category "${term.path.join(' / ')}"`, {})) routes.push({ type: 'category', url: list.url, outputPath: list.outputPath, term: term.slug, list });
    }
  }
  if (categories.length > 0 && claim(`${CATEGORIES_URL.slice(1)}index.html`, 'the categories page', {})) routes.push({ type: 'categories', url: CATEGORIES_URL, outputPath: `${CATEGORIES_URL.slice(1)}index.html` });
  const series = collectSeries(posts, (key) => entryOf.get(key)!, diagnostics);
  for (const one of series) {
    if (claim(`${one.url.slice(1)}index.html`, `the page of series "${one.name}"`, {})) routes.push({ type: 'series', url: one.url, outputPath: `${one.url.slice(1)}index.html`, term: one.slug });
  }
  for (const [type, url, outputPath] of fixedClaimed) routes.push({ type, url, outputPath });

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
    pageTree: pageTree(pages.map((key) => ({ key, entry: entryOf.get(key)! })), config.language),
    weeklyIssues,
    notes: weekly.notes,
    noteStream,
    tags,
    categories,
    series,
    routes,
    feeds,
    copies,
    redirectsFile,
    unpublished,
    clock: clock.window(),
  };
  return { site, diagnostics };
}

/**
 * Tags of posts and issues (listed and paginated) and of notes (listed beside them, linking to
 * their place in the issue). Two spellings that differ only in case are one tag; two different
 * tags on one URL (`C#` and `C`) are an error.
 */
function collectTerms(
  listed: readonly string[],
  entries: Readonly<Record<string, Placed>>,
  noteKeys: readonly string[],
  all: readonly Entry[],
  slugs: Map<string, string>,
  diagnostics: Diagnostic[],
): Term[] {
  const bySlug = new Map<string, { name: string; firstFile: string; posts: string[]; notes: string[] }>();
  const notes = new Map(all.filter((e) => e.kind === 'note').map((e) => [e.source.rel, e]));
  const add = (entry: Entry, key: string, into: 'posts' | 'notes') => {
    for (const name of entry.tags) {
      let slug = slugs.get(name);
      if (slug === undefined) slugs.set(name, (slug = slugify(name)));
      if (slug === '') {
        diagnostics.push(diagnostic('UnsafePath', `the tag "${name}" has no characters usable in a URL`, fieldPlace(entry, 'tags'), 'rename the tag'));
        continue;
      }
      let term = bySlug.get(slug);
      if (!term) bySlug.set(slug, (term = { name, firstFile: entry.displayPath, posts: [], notes: [] }));
      else if (term.name !== name && term.name.toLowerCase() !== name.toLowerCase()) {
        diagnostics.push(
          diagnostic(
            'DuplicateUrl',
            `the tags "${name}" and "${term.name}" (in ${term.firstFile}) would share the URL /tags/${slug}/`,
            fieldPlace(entry, 'tags'),
            'use one spelling for both, or rename one of them',
          ),
        );
        continue;
      }
      // An entry's tags are added one after the other: naming the tag twice (or in two cases) adds it once.
      const list = term[into];
      if (list[list.length - 1] !== key) list.push(key);
    }
  };
  for (const key of listed) add(entries[key]!.entry, key, 'posts');
  const newestNotes = [...noteKeys].sort((a, b) => (notes.get(b)?.date?.epochMs ?? 0) - (notes.get(a)?.date?.epochMs ?? 0));
  for (const key of newestNotes) add(notes.get(key)!, key, 'notes');
  return [...bySlug.entries()]
    .map(([slug, t]) => ({ name: t.name, slug, url: `/tags/${slug}/`, posts: t.posts, notes: t.notes }))
    .sort((a, b) => b.posts.length + b.notes.length - (a.posts.length + a.notes.length) || a.name.localeCompare(b.name));
}

export type { ListPage };
