import { sectionLang } from '../collect/entry-language.js';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { LanguageSection, Route, Site } from '../types.js';
import { feedLinks } from './feed-links.js';

/** One version of the page in the language switcher and the `hreflang` links. */
export interface AlternateView {
  readonly lang: string;
  /** The language's name in itself: `English`, `中文（中国）`. */
  readonly name: string;
  /** href under the base path. */
  readonly url: string;
  readonly absoluteUrl: string;
  /** The page itself. */
  readonly current: boolean;
}

export interface AlternatesView {
  readonly links: readonly AlternateView[];
  /** Absolute URL of the default language's version (`hreflang="x-default"`), if there is one. */
  readonly xDefault: string | undefined;
}

/** The language section a route belongs to: its entry's, or the list's. */
export function sectionOfRoute(route: Route, site: Site, config: ResolvedConfig): LanguageSection {
  const entry = 'key' in route ? site.entries[route.key]?.entry : undefined;
  const lang = entry && route.type !== 'redirect' ? sectionLang(entry, config) : 'lang' in route ? route.lang : undefined;
  return site.languages.find((l) => l.lang === lang) ?? site.languages[0]!;
}

/** What templates get as `site` on the pages of another language's section: its title, description, home and feeds. */
export function sectionSiteView<T extends Record<string, unknown>>(base: T, section: LanguageSection, site: Site, config: ResolvedConfig): T {
  const feed = site.feeds.find((f) => f.kind === 'site' && f.lang === section.lang);
  return { ...base, title: section.title, description: section.description, language: section.lang, home: hrefOf(section.prefix, config.basePath), feeds: feedLinks(feed, section.title, config.basePath) };
}

/** The versions of the page at `url` in the site's languages, or undefined when it has none. */
export function alternatesView(url: string, site: Site, config: ResolvedConfig): AlternatesView | undefined {
  const alternates = site.alternates[url];
  if (!alternates) return undefined;
  const absolute = (u: string) => new URL(hrefOf(u, config.basePath), config.url).href;
  const links = alternates.map((a) => ({ lang: a.lang, name: languageName(a.lang), url: hrefOf(a.url, config.basePath), absoluteUrl: absolute(a.url), current: a.url === url }));
  const original = alternates.find((a) => a.lang === config.language);
  return { links, xDefault: original ? absolute(original.url) : undefined };
}

/** A language's own name for itself (`en` → English, `zh-CN` → 中文（中国）), or the tag when the runtime has none. */
export function languageName(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang);
    return name && name !== lang ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : lang;
  } catch {
    return lang;
  }
}
