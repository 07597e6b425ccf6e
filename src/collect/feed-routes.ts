import type { FeedFormat, FeedRoute } from '../types.js';

/** File name of each feed format, in the folder of the page the feed stands for. */
export const FEED_FILE_NAMES: Readonly<Record<FeedFormat, string>> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

/** Human name of each format, for messages and `<link rel="alternate">` titles. */
export const FEED_FORMAT_NAMES: Readonly<Record<FeedFormat, string>> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/**
 * A feed standing for the page at `pageUrl` (a decoded URL path ending in `/`): its three files
 * sit in that page's folder (`/` → `/feed.xml`, `/tags/go/` → `/tags/go/feed.xml`).
 */
export function feedRoute(kind: FeedRoute['kind'], pageUrl: string, entries: readonly string[], term?: string): FeedRoute {
  const dir = pageUrl.endsWith('/') ? pageUrl : `${pageUrl}/`;
  const file = (format: FeedFormat) => ({ url: dir + FEED_FILE_NAMES[format], outputPath: (dir + FEED_FILE_NAMES[format]).slice(1) });
  return { kind, term, pageUrl: dir, entries, files: { rss: file('rss'), atom: file('atom'), json: file('json') } };
}
