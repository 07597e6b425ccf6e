import { FEED_FORMAT_NAMES } from '../collect/feed-routes.js';
import { hrefOf } from '../collect/url-path.js';
import type { FeedFormat, FeedRoute, Site } from '../types.js';
import { uiStrings } from './ui-strings.js';

const MEDIA_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

/** A feed's title: the site's title, or `标签：go · Site` / `Tagged “go” · Site` for a tag's. */
export function feedTitle(route: FeedRoute, site: Site, siteTitle: string, language: string): string {
  if (route.kind !== 'tag') return siteTitle;
  const name = site.tags.find((term) => term.slug === route.term)?.name ?? route.term ?? '';
  return `${uiStrings(language).postsTagged.replace('{tag}', name)} · ${siteTitle}`;
}

/** What templates get to write `<link rel="alternate">` for a feed: type, title, href. */
export function feedLinks(route: FeedRoute | undefined, title: string, basePath: string): Array<{ type: string; title: string; url: string }> {
  if (!route) return [];
  return (Object.keys(MEDIA_TYPES) as FeedFormat[]).map((format) => ({
    type: MEDIA_TYPES[format],
    title: `${title} (${FEED_FORMAT_NAMES[format]})`,
    url: hrefOf(route.files[format].url, basePath),
  }));
}
