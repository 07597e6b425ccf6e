import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { slugify } from '../load/slug.js';
import { fieldPlace } from './field-place.js';
import type { Entry, SeriesInfo } from '../types.js';

/** Where series pages live. */
export const SERIES_URL = '/series/';

/**
 * The series of the published posts: each a page at `/series/<name>/` listing its parts in
 * order — by `order:` where given, then the others by date (oldest first), then title. Two parts
 * with one `order` is a warning at the second; two names on one URL an error.
 */
export function collectSeries(posts: readonly string[], entryOf: (key: string) => Entry, diagnostics: Diagnostic[]): SeriesInfo[] {
  const bySlug = new Map<string, { name: string; firstFile: string; keys: string[] }>();
  for (const key of posts) {
    const entry = entryOf(key);
    if (!entry.series) continue;
    const slug = slugify(entry.series.name);
    if (slug === '') {
      diagnostics.push(diagnostic('UnsafePath', `the series "${entry.series.name}" has no characters usable in a URL`, fieldPlace(entry, 'series'), 'rename the series'));
      continue;
    }
    let series = bySlug.get(slug);
    if (!series) bySlug.set(slug, (series = { name: entry.series.name, firstFile: entry.displayPath, keys: [] }));
    else if (series.name.toLowerCase() !== entry.series.name.toLowerCase()) {
      diagnostics.push(
        diagnostic('DuplicateUrl', `the series "${entry.series.name}" and "${series.name}" (in ${series.firstFile}) would share the URL ${SERIES_URL}${slug}/`, fieldPlace(entry, 'series'), 'use one spelling for both'),
      );
      continue;
    }
    series.keys.push(key);
  }
  const out: SeriesInfo[] = [];
  for (const [slug, series] of bySlug) {
    const parts = series.keys.map(entryOf);
    const order = (e: Entry) => e.series?.order ?? Infinity;
    const sorted = series.keys
      .map((key, i) => ({ key, entry: parts[i]! }))
      .sort((a, b) => order(a.entry) - order(b.entry) || (a.entry.date?.epochMs ?? 0) - (b.entry.date?.epochMs ?? 0) || a.entry.title.localeCompare(b.entry.title) || (a.key < b.key ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const { entry } = sorted[i]!;
      const previous = sorted[i - 1]!.entry;
      if (entry.series?.order !== undefined && entry.series.order === previous.series?.order) {
        diagnostics.push(
          diagnostic('SeriesOrder', `${entry.displayPath} and ${previous.displayPath} are both part ${entry.series.order} of the series "${series.name}"`, fieldPlace(entry, 'series'), 'give each part its own `order`', 'warning'),
        );
      }
    }
    out.push({ name: series.name, slug, url: `${SERIES_URL}${slug}/`, posts: sorted.map((p) => p.key) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
