import { FEED_FORMAT_NAMES } from '../collect/feed-routes.js';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { FeedFormat, FeedRoute, Site } from '../types.js';
import { uiStrings } from './ui-strings.js';

const MEDIA_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

/**
 * A feed's title: the site's title; `weekly.feedTitle` (default `周报 · Site` / `Weekly · Site`)
 * for the weekly digest's; `标签：go · Site` / `Tagged “go” · Site` for a tag's.
 */
export function feedTitle(route: FeedRoute, site: Site, config: Pick<ResolvedConfig, 'title' | 'language' | 'weekly'>): string {
  if (route.kind === 'weekly') return config.weekly.feedTitle;
  if (route.kind === 'notes') return `${uiStrings(config.language).notes} · ${config.title}`;
  // A feed of another language's section: its title, its words, its terms.
  const section = route.lang !== undefined ? site.languages.find((l) => l.lang === route.lang) : undefined;
  const { title, language, categories, tags } = section ? { ...section, language: section.lang } : { title: config.title, language: config.language, categories: site.categories, tags: site.tags };
  if (route.kind === 'category') {
    const path = categories.find((term) => term.slug === route.term)?.path.join(' / ') ?? route.term ?? '';
    return `${uiStrings(language).postsInCategory.replace('{category}', path)} · ${title}`;
  }
  if (route.kind !== 'tag') return title;
  const name = tags.find((term) => term.slug === route.term)?.name ?? route.term ?? '';
  return `${uiStrings(language).postsTagged.replace('{tag}', name)} · ${title}`;
}

/** What templates get to write `<link rel="alternate">` for a feed: type, title, href. */
export function feedLinks(route: FeedRoute | undefined, title: string, basePath: string): Array<{ type: string; title: string; url: string; name: string }> {
  if (!route) return [];
  return (Object.keys(MEDIA_TYPES) as FeedFormat[]).map((format) => ({
    type: MEDIA_TYPES[format],
    title: `${title} (${FEED_FORMAT_NAMES[format]})`,
    /** The format's name: RSS, Atom, JSON Feed. */
    name: FEED_FORMAT_NAMES[format],
    url: hrefOf(route.files[format].url, basePath),
  }));
}
