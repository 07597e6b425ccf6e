import { DateTime } from 'luxon';

export interface IsoWeek {
  /** `2026-W01`: ISO week-year and week number (Monday start). */
  readonly id: string;
  readonly year: number;
  readonly week: number;
  /** Monday 00:00 and Sunday 23:59:59.999 of the week, in the site zone (ISO with offset). */
  readonly start: string;
  readonly end: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The ISO 8601 week of an instant, computed on the wall clock of `zone`: 2025-12-22 04:43 in
 * Shanghai is Monday of 2025-W52 (in UTC it would still be Sunday of W51), and 2025-12-29 is
 * in 2026-W01 (the ISO week-year, not the calendar year).
 */
export function isoWeekOf(epochMs: number, zone: string): IsoWeek {
  const local = DateTime.fromMillis(epochMs, { zone });
  return weekFrom(local.startOf('week'));
}

/** The week after `week`. */
export function nextIsoWeek(week: IsoWeek, zone: string): IsoWeek {
  return weekFrom(DateTime.fromMillis(week.startMs, { zone }).plus({ weeks: 1 }));
}

/** The week named `2025-W51`, or undefined if there is no such week (W53 only in long years). */
export function parseIsoWeek(id: string, zone: string): IsoWeek | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(id);
  if (!m) return undefined;
  const monday = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone });
  if (!monday.isValid || monday.weekYear !== Number(m[1]) || monday.weekNumber !== Number(m[2])) return undefined;
  return weekFrom(monday.startOf('day'));
}

function weekFrom(monday: DateTime): IsoWeek {
  const end = monday.plus({ weeks: 1 }).minus({ milliseconds: 1 });
  return {
    id: `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`,
    year: monday.weekYear,
    week: monday.weekNumber,
    start: monday.toISO()!,
    end: end.toISO()!,
    startMs: monday.toMillis(),
    endMs: end.toMillis(),
  };
}

/** `2025.12.15 – 12.21`, or `2025.12.29 – 2026.01.04` across a year. */
export function formatWeekRange(week: IsoWeek, zone: string): string {
  const start = DateTime.fromISO(week.start, { zone });
  const end = DateTime.fromISO(week.end, { zone });
  return start.year === end.year ? `${start.toFormat('yyyy.MM.dd')} – ${end.toFormat('MM.dd')}` : `${start.toFormat('yyyy.MM.dd')} – ${end.toFormat('yyyy.MM.dd')}`;
}
