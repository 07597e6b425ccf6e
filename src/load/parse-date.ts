import { DateTime } from 'luxon';
import { describeValue } from '../config/issue-text.js';
import type { EntryDate } from '../types.js';

export type DateResult = { readonly ok: true; readonly date: EntryDate } | { readonly ok: false; readonly reason: string };

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const ACCEPTED = 'YYYY-MM-DD, YYYY-MM-DD HH:mm[:ss], Hexo\'s YYYY/M/D [H:mm[:ss]] or ISO 8601 such as 2025-07-09T06:48:00+08:00';
/** Hexo's own form (`date: 2013/7/13 20:46:25`), read as Hexo reads it: wall-clock time in the site's zone. */
const SLASHED = /^\d{4}\/\d{1,2}\/\d{1,2}(?: (\d{1,2}:\d{2})(:\d{2})?)?$/;
export const DATE_HINT = `write the date as ${ACCEPTED}; without an offset it is read in the site's \`timezone\``;

/**
 * Interpret a front-matter date. A value without an offset is wall-clock time in `zone`
 * (never the machine's zone, never UTC); the result is expressed in `zone`.
 */
export function parseDate(value: unknown, zone: string): DateResult {
  let text: string;
  if (value instanceof Date) {
    // TOML values arrive as Date subclasses whose toISOString() keeps the original form
    // (no offset for a local date-time); a plain Date is an instant.
    if (Number.isNaN(value.getTime())) return { ok: false, reason: 'it is not a valid date' };
    text = value.toISOString();
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { ok: false, reason: `expected a date, got ${describeValue(value)}` };
  }
  const slashed = SLASHED.exec(text);
  if (!slashed && !/^\d{4}-\d{2}-\d{2}/.test(text)) return { ok: false, reason: `"${text}" is not a date in a known form (${ACCEPTED})` };
  const parsed = slashed
    ? DateTime.fromFormat(text, slashed[2] ? 'yyyy/M/d H:mm:ss' : slashed[1] ? 'yyyy/M/d H:mm' : 'yyyy/M/d', { zone })
    : text.length > 10 && text[10] === ' '
      ? DateTime.fromSQL(text, { zone })
      : DateTime.fromISO(text, { zone });
  if (!parsed.isValid) {
    return { ok: false, reason: `"${text}" is not a valid date: ${explain(parsed.invalidExplanation ?? parsed.invalidReason ?? '')}` };
  }
  const inZone = parsed.setZone(zone);
  // Feeds, sitemaps and <time> need a four-digit year in UTC and in the zone (Hugo writes
  // 0001-01-01 for "no date", which in a zone east of UTC falls into year 0 or -1).
  if ([inZone.year, inZone.toUTC().year].some((year) => year < MIN_YEAR || year > MAX_YEAR)) {
    return { ok: false, reason: `"${text}" is outside the years ${MIN_YEAR}–${MAX_YEAR} quire can publish (0001-01-01 is how some tools write "no date": remove the field instead)` };
  }
  return { ok: true, date: { iso: inZone.toISO()!, epochMs: inZone.toMillis() } };
}

const ISO_IN_ZONE = /^((\d{4})-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An entry date's year, day (`2025-07-09`) and RFC 3339 form without zero milliseconds
 * (`2025-07-09T06:48:00+08:00`) in the site zone, read from its ISO string, which `parseDate`
 * wrote in that zone. Luxon is asked again only if the string has another form: working out a
 * zone's offset is most of the cost of a Luxon date, and list pages, the archive, page heads and
 * the search index ask for thousands (≈30 µs each).
 */
export function siteDateParts(date: EntryDate, zone: string): { readonly year: string; readonly day: string; readonly rfc3339: string } {
  const m = ISO_IN_ZONE.exec(date.iso);
  if (m) return { year: m[2]!, day: m[1]!, rfc3339: `${m[1]}T${m[3]}${m[4] && !/^\.0+$/.test(m[4]) ? m[4] : ''}${m[5]}` };
  const at = DateTime.fromMillis(date.epochMs, { zone });
  return { year: at.toFormat('yyyy'), day: at.toFormat('yyyy-MM-dd'), rfc3339: at.toISO({ suppressMilliseconds: true }) ?? date.iso };
}

/** The date in a `YYYY-MM-DD-slug.md` file name, if any. */
export function dateFromFileName(name: string): { date: string; rest: string } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})-(.+)$/.exec(name);
  return m ? { date: m[1]!, rest: m[2]! } : undefined;
}

/** Luxon's "you specified 13 (of type number) as a month, which is invalid", in plain words. */
function explain(luxon: string): string {
  const unit = /you specified (-?\d+) \(of type number\) as an? (\w+), which is invalid/.exec(luxon);
  if (unit) return unit[2] === 'day' ? `that month has no day ${unit[1]}` : `there is no ${unit[2]} ${unit[1]}`;
  return luxon === '' ? 'it cannot be read' : luxon;
}
