import { describe, expect, it } from 'vitest';
import { displayDate, displayDateRange } from '../../src/render/display-date.js';

describe('displayDate', () => {
  it('shows a date one way per language, on the wall clock of its own offset', () => {
    // 23:30 in Shanghai is still the 15th there, though it is the 15th 15:30 in UTC
    expect(displayDate('2025-12-15T23:30:00.000+08:00', 'zh-CN')).toBe('2025-12-15');
    expect(displayDate('2025-12-15T23:30:00.000+08:00', 'en')).toBe('15 Dec 2025');
    expect(displayDate('2025-09-01T00:30:00.000-07:00', 'en-GB')).toBe('1 Sep 2025');
    expect(displayDate('2025-12-15T23:30:00.000+08:00', 'zh-TW', 'short')).toBe('12-15');
    expect(displayDate('2025-12-15T23:30:00.000+08:00', 'en', 'short')).toBe('15 Dec');
    expect(displayDate('not a date', 'en')).toBe('not a date');
  });

  it('shows a week in the same form, naming what both ends share once', () => {
    const week = (start: string, end: string) => [`${start}T00:00:00.000+08:00`, `${end}T23:59:59.999+08:00`] as const;
    expect(displayDateRange(...week('2025-12-15', '2025-12-21'), 'zh-CN')).toBe('2025-12-15 – 12-21');
    expect(displayDateRange(...week('2025-12-15', '2025-12-21'), 'en')).toBe('15 – 21 Dec 2025');
    expect(displayDateRange(...week('2025-09-29', '2025-10-05'), 'zh-CN')).toBe('2025-09-29 – 10-05');
    expect(displayDateRange(...week('2025-09-29', '2025-10-05'), 'en')).toBe('29 Sep – 5 Oct 2025');
    expect(displayDateRange(...week('2025-12-29', '2026-01-04'), 'zh-CN')).toBe('2025-12-29 – 2026-01-04');
    expect(displayDateRange(...week('2025-12-29', '2026-01-04'), 'en')).toBe('29 Dec 2025 – 4 Jan 2026');
  });
});
