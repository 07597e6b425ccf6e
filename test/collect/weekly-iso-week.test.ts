import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatWeekRange, isoWeekOf, parseIsoWeek } from '../../src/collect/weekly/iso-week.js';

const SH = 'Asia/Shanghai';
const at = (wallClock: string) => DateTime.fromSQL(wallClock, { zone: SH }).toMillis();

describe('isoWeekOf in Asia/Shanghai', () => {
  it.each([
    ['2025-12-22 04:43:00', '2025-W52'], // Sunday 20:43 of W51 in UTC
    ['2025-12-29', '2026-W01'], // ISO week-year 2026
    ['2026-01-12 00:30:00', '2026-W03'],
    ['2026-01-11 23:59:00', '2026-W02'],
    ['2025-12-21 23:59:59', '2025-W51'],
    ['2021-01-03 12:00:00', '2020-W53'], // a long ISO year
  ])('%s is in %s', (date, week) => {
    expect(isoWeekOf(at(date), SH).id).toBe(week);
  });

  it('reads a date-only value as local midnight, Monday start', () => {
    const week = isoWeekOf(at('2025-12-22'), SH);
    expect(week.start).toBe('2025-12-22T00:00:00.000+08:00');
    expect(week.end).toBe('2025-12-28T23:59:59.999+08:00');
    expect(week.endMs).toBe(Date.UTC(2025, 11, 28, 15, 59, 59, 999));
  });

  it('gives the UTC answer when the site zone is UTC (the zone matters)', () => {
    expect(isoWeekOf(Date.UTC(2025, 11, 21, 20, 43), 'UTC').id).toBe('2025-W51');
  });
});

describe('parseIsoWeek and formatWeekRange', () => {
  it('finds the Monday of a named week and formats its range', () => {
    const week = parseIsoWeek('2025-W51', SH)!;
    expect(week.start).toBe('2025-12-15T00:00:00.000+08:00');
    expect(formatWeekRange(week, SH)).toBe('2025.12.15 – 12.21');
    expect(formatWeekRange(parseIsoWeek('2026-W01', SH)!, SH)).toBe('2025.12.29 – 2026.01.04');
  });

  it('rejects weeks that do not exist', () => {
    expect(parseIsoWeek('2025-W53', SH)).toBeUndefined();
    expect(parseIsoWeek('2020-W53', SH)?.id).toBe('2020-W53');
    expect(parseIsoWeek('2025-W00', SH)).toBeUndefined();
    expect(parseIsoWeek('2025-51', SH)).toBeUndefined();
  });
});
