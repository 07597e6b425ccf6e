import { DateTime } from 'luxon';
import type { Entry } from '../types.js';
import { slugify } from '../load/slug.js';

/** Tokens a permalink pattern may use. */
export const PERMALINK_TOKENS = [':year', ':month', ':day', ':slug', ':title', ':section'] as const;

/**
 * Fill a permalink pattern for an entry. Dates are taken in the site zone (a post written at
 * 06:48 in Shanghai is in that day's folder whatever the build machine's zone). Returns the
 * raw path, or the reason it cannot be built.
 */
export function expandPermalink(pattern: string, entry: Entry, timezone: string): { ok: true; path: string } | { ok: false; reason: string } {
  const needsDate = /:(year|month|day)\b/.test(pattern);
  if (needsDate && !entry.date) return { ok: false, reason: `the permalink "${pattern}" uses the date, but the entry has none` };
  // Only what the pattern uses is worked out: the date in the zone and the title's slug cost the most.
  const when = needsDate && entry.date ? DateTime.fromMillis(entry.date.epochMs, { zone: timezone }) : undefined;
  const section = entry.source.rel.split('/')[0] ?? '';
  const values: Record<string, string> = {
    year: when ? when.toFormat('yyyy') : '',
    month: when ? when.toFormat('MM') : '',
    day: when ? when.toFormat('dd') : '',
    slug: entry.slug,
    title: /:title\b/.test(pattern) ? slugify(entry.title) || entry.slug : '',
    section,
  };
  const unknown = /:([A-Za-z_]+)/.exec(pattern.replace(/:(year|month|day|slug|title|section)\b/g, ''));
  if (unknown) return { ok: false, reason: `the permalink "${pattern}" uses :${unknown[1]}, which quire does not know (it knows ${PERMALINK_TOKENS.join(' ')})` };
  const expanded = pattern.replace(/:(year|month|day|slug|title|section)\b/g, (_m, token: string) => values[token] ?? '');
  return { ok: true, path: expanded.startsWith('/') ? expanded : `/${expanded}` };
}
