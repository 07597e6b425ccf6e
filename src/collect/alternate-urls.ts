import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Alternate, LanguageSection, Placed, Route } from '../types.js';
import { sectionLang } from './entry-language.js';

/** Lists that every language has one of: each links to the others'. */
const SHARED_LISTS = new Set<Route['type']>(['home', 'archive', 'tags', 'categories']);

/**
 * By URL path, the versions of each page in the languages of the site (itself included, the
 * default language's first): the versions of a translated post or page, and each language's
 * home (its first page), archive, tag index and category index. Pages with no other version are
 * left out.
 */
export function alternatesOf(
  routes: readonly Route[],
  translations: Readonly<Record<string, readonly string[]>>,
  entries: Readonly<Record<string, Placed>>,
  languages: readonly LanguageSection[],
  config: ResolvedConfig,
): Record<string, readonly Alternate[]> {
  const out: Record<string, readonly Alternate[]> = {};
  if (languages.length < 2) return out;
  for (const [key, versions] of Object.entries(translations)) {
    const placed = entries[key];
    if (!placed) continue;
    out[placed.url] = versions.map((k) => ({ lang: sectionLang(entries[k]!.entry, config), url: entries[k]!.url }));
  }
  const order = languages.map((l) => l.lang);
  const lists = new Map<string, Alternate[]>();
  for (const route of routes) {
    if (!SHARED_LISTS.has(route.type) || ('list' in route && route.list.page > 1)) continue;
    const lang = ('lang' in route ? route.lang : undefined) ?? config.language;
    let group = lists.get(route.type);
    if (!group) lists.set(route.type, (group = []));
    group.push({ lang, url: route.url });
  }
  for (const group of lists.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => order.indexOf(a.lang) - order.indexOf(b.lang));
    for (const alternate of sorted) out[alternate.url] ??= sorted;
  }
  return out;
}
