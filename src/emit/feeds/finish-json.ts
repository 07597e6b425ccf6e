import { rfc3339 } from './feed-dates.js';
import type { FeedChannel, FeedItem, FeedPerson } from './feed-types.js';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

type JsonObject = Record<string, unknown>;

/**
 * `feed` writes JSON Feed 1.0: `version/1`, a singular `author`, no `language`, an HTML
 * `summary` and a `date_modified` on every item. This turns its output (slots already filled)
 * into JSON Feed 1.1 (https://jsonfeed.org/version/1.1): `authors` arrays, `language`,
 * `favicon`, a plain-text `summary`, `date_modified` only for items that were updated, dates
 * with the site zone's offset.
 */
export function finishJson(written: JsonObject, channel: FeedChannel, items: readonly FeedItem[], authorsOf: (item: FeedItem) => readonly FeedPerson[]): JsonObject {
  const { version: _version, author: _author, items: writtenItems, ...rest } = written;
  const list = writtenItems as JsonObject[];
  if (list.length !== items.length) throw new Error(`feed wrote ${list.length} JSON items for ${items.length}`);
  return {
    version: JSON_FEED_VERSION,
    ...rest,
    ...(channel.iconUrl !== undefined && { favicon: channel.iconUrl }),
    language: channel.language,
    ...(channel.author && { authors: [person(channel.author)] }),
    items: list.map((out, i) => finishItem(out, items[i]!, authorsOf(items[i]!), channel.timezone ?? 'UTC')),
  };
}

function finishItem(out: JsonObject, item: FeedItem, authors: readonly FeedPerson[], zone: string): JsonObject {
  const { author: _author, summary: _summary, date_modified: _modified, content_html: html, ...rest } = out;
  return {
    ...rest,
    date_published: rfc3339(item.published, zone),
    ...(typeof html === 'string' ? { content_html: html } : { content_text: item.summaryText ?? '' }),
    ...(item.summaryText !== undefined && { summary: item.summaryText }),
    ...(item.updated && { date_modified: rfc3339(item.updated, zone) }),
    ...(authors.length > 0 && { authors: authors.map(person) }),
    ...(item.language !== undefined && { language: item.language }),
  };
}

function person(p: FeedPerson): JsonObject {
  return { name: p.name, ...(p.url !== undefined && { url: p.url }) };
}
