import { Feed, type Author, type FeedOptions, type Item } from 'feed';
import { FeedSlots } from './feed-slots.js';
import type { BuiltFeed, FeedChannel, FeedItem, FeedPerson } from './feed-types.js';
import { finishAtom } from './finish-atom.js';
import { finishJson } from './finish-json.js';
import { finishRss, rssAuthorsInline } from './finish-rss.js';
import { writeXml } from './write-xml.js';

export type { BuiltFeed, FeedChannel, FeedEnclosure, FeedItem, FeedPerson } from './feed-types.js';

/**
 * One feed as RSS 2.0, Atom 1.0 and JSON Feed 1.1, for any list of items (posts, a tag's
 * posts, weekly issues), in the order given. Built with the `feed` package; everything it gets
 * wrong is put right here, and only here:
 *
 * - relative URLs (which make it throw `Invalid URL`) are resolved against the home page URL;
 * - every text and HTML value goes through `FeedSlots`, so it is escaped exactly once: `]]>`
 *   any number of times, `<`/`&` in attributes (category term/label, enclosure title), a
 *   literal `&amp;` in a title, control characters XML cannot carry;
 * - titles are plain text (`type="text"` in Atom, not HTML);
 * - Atom categories get a `term`; RSS enclosures lose the `title` RSS does not have;
 * - RSS authors without an e-mail become `dc:creator` (see `rssAuthorsInline`);
 * - both self links are set (`feedLinks.rss` and `.atom`), and Atom gets `xml:lang`;
 * - JSON Feed is 1.1, not 1.0 (see `finishJson`);
 * - dates carry the site zone's offset (same instants);
 * - the XML says `encoding="UTF-8"` and links the browser stylesheet.
 */
export function buildFeed(input: FeedChannel, inputItems: readonly FeedItem[]): BuiltFeed {
  const { channel, items } = absoluteUrls(input, inputItems);
  const updated = channel.updated ?? newest(items) ?? new Date(0);
  const channelAuthors = channel.author ? [channel.author] : [];

  const rssSlots = new FeedSlots();
  const rss = new Feed(feedOptions(channel, updated, rssSlots, undefined));
  for (const item of items) rss.addItem(rssItem(item, rssSlots, item.authors ?? channelAuthors));
  const rssDoc = rssSlots.fillXml(rss.rss2());
  finishRss(rssDoc, channel, items, (item) => item.authors ?? channelAuthors);

  // Atom needs an author on the feed or on every entry: without one, the site's name stands in.
  const slots = new FeedSlots();
  const feed = new Feed(feedOptions(channel, updated, slots, channel.author ?? { name: channel.title }));
  for (const item of items) feed.addItem(atomItem(item, slots, item.authors ?? channelAuthors));
  const atomDoc = slots.fillXml(feed.atom1());
  finishAtom(atomDoc, channel, items);
  const json = finishJson(slots.fillJson(JSON.parse(feed.json1())) as Record<string, unknown>, channel, items, (item) => item.authors ?? []);

  return {
    rss: writeXml(rssDoc, channel.stylesheetHref),
    atom: writeXml(atomDoc, channel.stylesheetHref),
    json: `${JSON.stringify(json, null, 2)}\n`,
  };
}

/** The newest date among the items (an item's update counts), if there are any. */
export function newest(items: readonly FeedItem[]): Date | undefined {
  let best: Date | undefined;
  for (const item of items) {
    const date = item.updated ?? item.published;
    if (!best || date.getTime() > best.getTime()) best = date;
  }
  return best;
}

function feedOptions(channel: FeedChannel, updated: Date, slots: FeedSlots, author: FeedPerson | undefined): FeedOptions {
  return {
    id: slots.put(channel.feedUrls.atom),
    title: slots.put(channel.title),
    description: channel.description !== '' ? slots.put(channel.description) : undefined,
    link: channel.homePageUrl,
    language: channel.language,
    updated,
    generator: slots.put(channel.generator),
    // `feed` writes the RSS self link only when `feedLinks.rss` is set, and Atom's from `.atom`.
    feedLinks: { rss: channel.feedUrls.rss, atom: channel.feedUrls.atom, json: channel.feedUrls.json },
    favicon: slots.putOptional(channel.iconUrl),
    author: author && person(author, slots),
  };
}

function rssItem(item: FeedItem, slots: FeedSlots, authors: readonly FeedPerson[]): Item {
  return {
    title: slots.put(item.title),
    link: item.url,
    // Without a guid, `feed` uses the link with isPermaLink="true".
    guid: item.id !== item.url ? slots.put(item.id) : undefined,
    date: item.published,
    description: slots.putOptional(item.summaryHtml, 'html'),
    content: slots.putOptional(item.contentHtml, 'html'),
    category: [...item.tags.map((tag) => ({ name: slots.put(tag) })), ...(item.categories ?? []).map((c) => ({ name: slots.put(c.path), domain: c.scheme }))],
    author: rssAuthorsInline(authors) ? authors.map((a) => person(a, slots)) : undefined,
    // RSS enclosures have url, length and type only; length is required (0 when unknown).
    image: item.image && { url: item.image.url, type: item.image.type, length: item.image.length ?? 0 },
  };
}

function atomItem(item: FeedItem, slots: FeedSlots, authors: readonly FeedPerson[]): Item {
  return {
    title: slots.put(item.title),
    id: item.id,
    link: item.url,
    date: item.updated ?? item.published,
    published: item.published,
    description: slots.putOptional(item.summaryHtml, 'html'),
    content: slots.putOptional(item.contentHtml, 'html'),
    // Atom requires `term`; `label` is what readers show.
    category: [...item.tags.map((tag) => ({ name: slots.put(tag), term: slots.put(tag) })), ...(item.categories ?? []).map((c) => ({ name: slots.put(c.path), term: slots.put(c.path), scheme: c.scheme }))],
    // On each entry too: readers that do not inherit the feed's author (feedparser) still show it.
    // Never an empty list: `json1()` reads its first element.
    author: authors.length > 0 ? authors.map((a) => person(a, slots)) : undefined,
    image: item.image && { url: item.image.url, type: item.image.type, length: item.image.length, title: slots.putOptional(item.image.title) },
  };
}

function person(p: FeedPerson, slots: FeedSlots): Author {
  return { name: slots.put(p.name), email: slots.putOptional(p.email), link: p.url };
}

/** Every URL made absolute against the home page URL (`feed` throws `Invalid URL` on a relative one). */
function absoluteUrls(channel: FeedChannel, items: readonly FeedItem[]): { channel: FeedChannel; items: FeedItem[] } {
  let home: URL;
  try {
    home = new URL(channel.homePageUrl);
  } catch {
    throw new Error(`a feed needs an absolute home page URL, not "${channel.homePageUrl}"`);
  }
  const abs = (url: string) => new URL(url, home).href;
  const absPerson = (p: FeedPerson): FeedPerson => ({ ...p, url: p.url !== undefined ? abs(p.url) : undefined });
  return {
    channel: {
      ...channel,
      homePageUrl: home.href,
      feedUrls: { rss: abs(channel.feedUrls.rss), atom: abs(channel.feedUrls.atom), json: abs(channel.feedUrls.json) },
      author: channel.author && absPerson(channel.author),
      iconUrl: channel.iconUrl !== undefined ? abs(channel.iconUrl) : undefined,
    },
    items: items.map((item) => ({
      ...item,
      id: abs(item.id),
      url: abs(item.url),
      image: item.image && { ...item.image, url: abs(item.image.url) },
      authors: item.authors?.map(absPerson),
    })),
  };
}
