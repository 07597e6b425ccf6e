import type { ResolvedConfig, SiteLanguage } from '../config/resolve-config.js';
import type { Entry } from '../types.js';

/**
 * The configured language (`languages`) whose section an entry is in, or undefined for the
 * default language's (the root). `lang: en-GB` is in the section of `en`, and `lang: en` in that
 * of `en-GB` when it is the only English one; a `lang` not configured is in the default section.
 */
export function sectionOf(entry: Pick<Entry, 'lang'>, config: Pick<ResolvedConfig, 'languages' | 'language'>): SiteLanguage | undefined {
  if (entry.lang === undefined || config.languages.length === 0) return undefined;
  const lang = entry.lang.toLowerCase();
  if (sameLanguage(lang, config.language.toLowerCase())) return undefined;
  return config.languages.find((l) => l.lang.toLowerCase() === lang) ?? config.languages.find((l) => sameLanguage(lang, l.lang.toLowerCase()));
}

/** The language an entry is listed under: its section's, else the site's. */
export function sectionLang(entry: Pick<Entry, 'lang'>, config: Pick<ResolvedConfig, 'languages' | 'language'>): string {
  return sectionOf(entry, config)?.lang ?? config.language;
}

/** One tag is the other, or the other with a region or script after it (`en` and `en-gb`). */
function sameLanguage(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}-`) || b.startsWith(`${a}-`);
}

/** A URL path of the default section moved into a language's (`/tags/` → `/en/tags/`). */
export function prefixed(url: string, prefix: string): string {
  return prefix === '/' ? url : prefix + url.slice(1);
}
