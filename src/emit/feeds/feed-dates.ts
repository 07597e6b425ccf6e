import type { Document, Element } from '@xmldom/xmldom';
import { DateTime } from 'luxon';

/** RFC 3339 in `zone`, e.g. `2025-07-09T06:48:00+08:00` (Atom, JSON Feed). */
export function rfc3339(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISO({ suppressMilliseconds: true }) ?? date.toISOString();
}

/** RFC 822 in `zone`, e.g. `Wed, 09 Jul 2025 06:48:00 +0800` (RSS). */
export function rfc822(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toRFC2822() ?? date.toUTCString();
}

/**
 * `feed` writes every date in UTC. The same instants are written here with the site zone's
 * offset, so a post of 2025-07-09 06:48 in Shanghai reads as the 9th wherever the date is
 * shown as written (the browser stylesheet, a reader that does not convert).
 */
export function zoneDates(doc: Document, elementNames: readonly string[], format: (date: Date) => string): void {
  for (const name of elementNames) {
    for (const element of Array.from(doc.getElementsByTagName(name)) as Element[]) {
      const date = new Date(element.textContent ?? '');
      if (Number.isNaN(date.getTime())) throw new Error(`feed wrote an unreadable date in <${name}>: ${element.textContent}`);
      element.textContent = format(date);
    }
  }
}
