import { DateTime } from 'luxon';

type Form = 'long' | 'short';

/**
 * How dates read on the site, one form per language (Luxon patterns): Chinese `2025-12-15`,
 * English `15 Dec 2025`; `short` (within a year's list) drops the year. A range names what its
 * two ends share once: `2025-12-15 – 12-21`, `15 – 21 Dec 2025`, `29 Dec 2025 – 4 Jan 2026`.
 */
const FORMS = {
  zh: { locale: 'zh-CN', long: 'yyyy-MM-dd', short: 'MM-dd', sameMonth: ['yyyy-MM-dd', 'MM-dd'], sameYear: ['yyyy-MM-dd', 'MM-dd'] },
  en: { locale: 'en', long: 'd LLL yyyy', short: 'd LLL', sameMonth: ['d', 'd LLL yyyy'], sameYear: ['d LLL', 'd LLL yyyy'] },
} as const;

function formsOf(language: string) {
  return language.toLowerCase().startsWith('zh') ? FORMS.zh : FORMS.en;
}

/** The wall-clock date of an ISO 8601 instant with offset (quire writes dates in the site zone). */
function wallClock(iso: string, language: string): DateTime | undefined {
  const at = DateTime.fromISO(iso, { setZone: true });
  return at.isValid ? at.setLocale(formsOf(language).locale) : undefined;
}

/** A date as the site shows it in `language`; the input unchanged if it is not an ISO date. */
export function displayDate(iso: string, language: string, form: Form = 'long'): string {
  const at = wallClock(iso, language);
  return at ? at.toFormat(formsOf(language)[form]) : iso;
}

/** A range of days (a weekly issue's week) in the same form as `displayDate`. */
export function displayDateRange(startIso: string, endIso: string, language: string): string {
  const forms = formsOf(language);
  const start = wallClock(startIso, language);
  const end = wallClock(endIso, language);
  if (!start || !end) return `${startIso} – ${endIso}`;
  const [from, to] = start.year !== end.year ? [forms.long, forms.long] : start.month !== end.month ? forms.sameYear : forms.sameMonth;
  return `${start.toFormat(from)} – ${end.toFormat(to)}`;
}
