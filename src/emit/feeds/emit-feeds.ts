import { hrefOf } from '../../collect/url-path.js';
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import { feedTitle } from '../../render/feed-links.js';
import { uiStrings } from '../../render/ui-strings.js';
import type { FeedFormat, FeedRoute, Site } from '../../types.js';
import type { ResolvedConfig } from '../../config/resolve-config.js';
import type { OutputFile } from '../write-site.js';
import { buildFeed, newest } from './build-feed.js';
import { feedItemsOf, shownEntries, type FeedSource } from './feed-items.js';
import { noteFeedItemsOf } from './note-items.js';
import type { FeedChannel, FeedItem } from './feed-types.js';

/** The browser stylesheet of the RSS and Atom files: a theme file, `templates/static/feed.xsl`. */
export const FEED_STYLESHEET = '/feed.xsl';

/** What a feed is made from: `buildFeed(channel, items)` gives the same files for the same inputs. */
export interface FeedInputs {
  readonly channel: FeedChannel;
  readonly items: readonly FeedItem[];
}

/**
 * Every feed of the site (`site.feeds`) in its three formats, as UTF-8 files for the emit stage.
 * `keep(route, inputs)` may say that the previous build's files of a feed made from the same
 * inputs are kept (the caller takes care of them): that feed is then not built.
 */
export function emitFeeds(source: FeedSource, keep?: (route: FeedRoute, inputs: FeedInputs) => boolean): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const route of source.site.feeds) {
    try {
      const items = itemsOf(route, source);
      const channel = feedChannelOf(route, items, source);
      if (keep?.(route, { channel, items })) continue;
      const built = buildFeed(channel, items);
      for (const format of Object.keys(route.files) as FeedFormat[]) {
        files.push({ outputPath: route.files[format].outputPath, contents: Buffer.from(built[format], 'utf8') });
      }
    } catch (error) {
      diagnostics.push(diagnostic('FeedError', `cannot write the feed ${route.files.rss.url}: ${(error as Error).message}`, {}, 'this is a bug in quire: please report it, with the entries of this feed'));
    }
  }
  return { files, diagnostics };
}

/**
 * True when a feed shows the time of the build: an empty feed is dated by it, and so is an item
 * with neither `date` nor `updated` (see `feedChannelOf`, `feedItemOf`). Such feeds change with
 * every build, so the output folder is never current.
 */
export function feedsShowBuildTime(site: Site, config: ResolvedConfig): boolean {
  return site.feeds.some(
    (route) =>
      route.entries.length === 0 ||
      (route.kind !== 'notes' &&
        shownEntries(route.entries, config).some((key) => {
        const entry = site.entries[key]?.entry;
          return entry?.date === undefined && entry?.updated === undefined;
        })),
  );
}

/** One feed in its three formats, as `emitFeeds` writes it (throws what `emitFeeds` reports as FeedError). */
export function emitFeed(route: FeedRoute, source: FeedSource): OutputFile[] {
  const items = itemsOf(route, source);
  const built = buildFeed(feedChannelOf(route, items, source), items);
  return (Object.keys(route.files) as FeedFormat[]).map((format) => ({ outputPath: route.files[format].outputPath, contents: Buffer.from(built[format], 'utf8') }));
}

/** A feed's items: the notes stream's are notes, every other feed's are entries. */
function itemsOf(route: FeedRoute, source: FeedSource): FeedItem[] {
  return route.kind === 'notes' ? noteFeedItemsOf(route.entries, source) : feedItemsOf(route.entries, source);
}

/** Title, links, language and author of a feed: the site's, or a tag page's. */
export function feedChannelOf(route: FeedRoute, items: readonly FeedItem[], { site, config }: FeedSource): FeedChannel {
  const absolute = (url: string) => new URL(hrefOf(url, config.basePath), config.url).href;
  // A feed of another language's section speaks that language, under that section's title.
  const section = site.languages.find((l) => l.lang === route.lang) ?? { lang: config.language, title: config.title, description: config.description, tags: site.tags };
  const about = section.description !== '' ? section.description : section.title;
  const tag = route.kind === 'tag' ? section.tags.find((term) => term.slug === route.term) : undefined;
  const weekly = site.feeds.find((f) => f.kind === 'weekly');
  const t = uiStrings(section.lang);
  return {
    title: feedTitle(route, site, config),
    description: tag
      ? `${t.postsTagged.replace('{tag}', tag.name)} — ${about}${tag.notes.length > 0 && weekly ? ` (${t.notesInWeekly}: ${absolute(weekly.files.rss.url)})` : ''}`
      : route.kind === 'weekly'
        ? `${t.weekly} — ${about}`
        : route.kind === 'notes'
          ? `${t.notes} — ${about}`
          : about,
    homePageUrl: absolute(route.pageUrl),
    feedUrls: { rss: absolute(route.files.rss.url), atom: absolute(route.files.atom.url), json: absolute(route.files.json.url) },
    language: section.lang,
    timezone: config.timezone,
    author: config.author,
    iconUrl: absolute('/favicon.svg'),
    stylesheetHref: hrefOf(FEED_STYLESHEET, config.basePath),
    generator: 'quire',
    updated: newest(items) ?? config.now,
  };
}
