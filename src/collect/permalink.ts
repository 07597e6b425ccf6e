import { DateTime } from 'luxon';
import type { Entry } from '../types.js';
import { slugify } from '../load/slug.js';

/** Tokens a permalink pattern may use. */
export const PERMALINK_TOKENS = [':year', ':month', ':day', ':slug', ':title', ':section', ':path'] as const;

type Token = 'year' | 'month' | 'day' | 'slug' | 'title' | 'section' | 'path';
const TOKEN = /:(year|month|day|slug|title|section|path)\b/;

export type PermalinkResult = { ok: true; path: string } | { ok: false; reason: string };

/** A permalink pattern read once, to fill for many entries (see `expandPermalink`). */
export interface Permalink {
  readonly pattern: string;
  expand(entry: Entry, timezone: string): PermalinkResult;
}

/**
 * Read a permalink pattern: its literal text and tokens, whether it needs the date or the title,
 * and the first token quire does not know. Filling it is then a walk over the pieces.
 */
export function compilePermalink(pattern: string): Permalink {
  const needsDate = /:(year|month|day)\b/.test(pattern);
  const needsTitle = /:title\b/.test(pattern);
  const unknown = /:([A-Za-z_]+)/.exec(pattern.replace(new RegExp(TOKEN.source, 'g'), ''))?.[1];
  // split with a capturing group: literal, token, literal, token, …, literal.
  const pieces = pattern.split(TOKEN);
  return {
    pattern,
    expand(entry, timezone) {
      if (needsDate && !entry.date) return { ok: false, reason: `the permalink "${pattern}" uses the date, but the entry has none` };
      if (unknown !== undefined) return { ok: false, reason: `the permalink "${pattern}" uses :${unknown}, which quire does not know (it knows ${PERMALINK_TOKENS.join(' ')})` };
      // Only what the pattern uses is worked out: the date in the zone and the title's slug cost the most.
      const when = needsDate && entry.date ? DateTime.fromMillis(entry.date.epochMs, { zone: timezone }) : undefined;
      const values: Record<Token, string> = {
        // What toFormat('yyyy' / 'MM' / 'dd') writes, without parsing a format each time.
        year: when ? pad(when.year, 4) : '',
        month: when ? pad(when.month, 2) : '',
        day: when ? pad(when.day, 2) : '',
        slug: entry.slug,
        title: needsTitle ? slugify(entry.title) || entry.slug : '',
        section: entry.source.rel.split('/')[0] ?? '',
        path: folderPath(entry.source.rel),
      };
      let expanded = pieces[0]!;
      for (let i = 1; i < pieces.length; i += 2) {
        const value = values[pieces[i] as Token];
        const after = pieces[i + 1]!;
        // An empty `:path` between two slashes leaves one: `/:path/:slug/` of posts/a.md is /a/.
        expanded += value === '' && expanded.endsWith('/') && after.startsWith('/') ? after.slice(1) : value + after;
      }
      return { ok: true, path: expanded.startsWith('/') ? expanded : `/${expanded}` };
    },
  };
}

/**
 * Fill a permalink pattern for an entry. Dates are taken in the site zone (a post written at
 * 06:48 in Shanghai is in that day's folder whatever the build machine's zone). Returns the
 * raw path, or the reason it cannot be built.
 */
export function expandPermalink(pattern: string, entry: Entry, timezone: string): PermalinkResult {
  return compilePermalink(pattern).expand(entry, timezone);
}

/**
 * `:path`: the folders between the section and the file, each slugified (`posts/go/并发/x.md` →
 * `go/并发`); empty for a file directly in the section. A bundle's own folder is its slug, not
 * part of the path.
 */
function folderPath(rel: string): string {
  const folders = rel.split('/').slice(1, -1);
  if (/^index\.(md|markdown)$/i.test(rel.slice(rel.lastIndexOf('/') + 1))) folders.pop();
  return folders.map(slugify).join('/');
}

/** Digits padded with zeros to `width`, the sign in front (Luxon's numbers in a format). */
function pad(n: number, width: number): string {
  return n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0');
}
