import { lookup } from 'mime-types';
import path from 'node:path';
import { CATEGORIES_URL } from '../../collect/collect-categories.js';
import { hrefOf } from '../../collect/url-path.js';
import type { ResolvedConfig } from '../../config/resolve-config.js';
import type { RenderedEntry } from '../../render/render-entry.js';
import { uiStrings } from '../../render/ui-strings.js';
import { unpackText } from '../../packed-text.js';
import { withSiteOrigin } from '../../render/feed-origin.js';
import { escapeHtml, imageHref } from '../../render/views.js';
import type { Site } from '../../types.js';
import { feedId } from './feed-id.js';
import type { FeedEnclosure, FeedItem } from './feed-types.js';

export interface FeedSource {
  readonly site: Site;
  readonly rendered: Readonly<Record<string, RenderedEntry>>;
  readonly config: ResolvedConfig;
}



/** The entries a feed of these (source keys, newest first) shows: the first `feed.limit`, or all when it is 0. */
export function shownEntries(keys: readonly string[], config: ResolvedConfig): readonly string[] {
  const { limit } = config.feed;
  return limit > 0 ? keys.slice(0, limit) : keys;
}

/** The feed items of some entries (source keys, newest first), cut to the configured limit. */
export function feedItemsOf(keys: readonly string[], source: FeedSource): FeedItem[] {
  return shownEntries(keys, source.config).map((key) => feedItemOf(key, source));
}

/**
 * One published entry as a feed item: the render stage's feed HTML (absolute URLs, no scripts,
 * plain code blocks), plain-text title, dates of the site zone as instants, a stable id.
 */
export function feedItemOf(key: string, { site, rendered, config }: FeedSource): FeedItem {
  const placed = site.entries[key];
  const html = rendered[key];
  if (!placed || !html) throw new Error(`no rendered entry ${key} for a feed`);
  const { entry } = placed;
  const absolute = (href: string) => new URL(href, config.url).href;
  const url = absolute(hrefOf(placed.url, config.basePath));
  // A post without a date is dated by its update, else by the build.
  const published = new Date((entry.date ?? entry.updated)?.epochMs ?? config.now.getTime());
  const updated = entry.updated && entry.updated.epochMs !== published.getTime() ? new Date(entry.updated.epochMs) : undefined;
  const language = entry.lang ?? config.language;

  let summaryHtml = entry.summary !== undefined ? `<p>${escapeHtml(entry.summary)}</p>` : withSiteOrigin(html.feedExcerptHtml, config.url);
  const full = config.feed.content === 'full';
  if (!full && (html.hasMore || entry.summary !== undefined)) summaryHtml += `\n<p><a href="${escapeHtml(url)}">${escapeHtml(uiStrings(language).readMore)}</a></p>`;

  return {
    id: feedId(entry.id, url),
    url,
    title: entry.title,
    published,
    updated,
    contentHtml: full ? withSiteOrigin(unpackText(html.feedHtml), config.url) : undefined,
    summaryHtml,
    summaryText: html.descriptionText,
    tags: entry.tags,
    categories: (config.categories.nested ? entry.categoryPaths : entry.categories.map((name) => [name])).map((names) => ({ path: names.join('/'), scheme: absolute(hrefOf(CATEGORIES_URL, config.basePath)) })),
    image: entry.image !== undefined ? enclosureOf(absolute(imageHref(entry.image, placed, config)), entry.title) : undefined,
    language: language !== config.language ? language : undefined,
  };
}

function enclosureOf(url: string, title: string): FeedEnclosure | undefined {
  // Only images are enclosures; the type comes from mime-db (not guessed from the extension).
  const type = lookup(path.posix.basename(new URL(url).pathname));
  return type && type.startsWith('image/') ? { url, type, title } : undefined;
}
