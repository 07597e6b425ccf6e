import { parse as parseToml } from 'smol-toml';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dateFromFileName, parseDate, siteDateParts, type DateResult } from '../../src/load/parse-date.js';
import type { EntryDate } from '../../src/types.js';

const SHANGHAI = 'Asia/Shanghai';

function ok(result: DateResult): EntryDate {
  if (!result.ok) throw new Error(`expected a date, got: ${result.reason}`);
  return result.date;
}

function reason(result: DateResult): string {
  if (result.ok) throw new Error(`expected a failure, got ${result.date.iso}`);
  return result.reason;
}

describe('parseDate', () => {
  it('reads "YYYY-MM-DD HH:mm:ss" as wall-clock time in the site zone, not the machine zone', () => {
    const date = ok(parseDate('2025-07-09 06:48:00', SHANGHAI));
    expect(date.iso).toBe('2025-07-09T06:48:00.000+08:00');
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 8, 22, 48));
  });

  it('accepts a time without seconds', () => {
    const date = ok(parseDate('2025-07-09 06:48', SHANGHAI));
    expect(date.iso).toBe('2025-07-09T06:48:00.000+08:00');
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 8, 22, 48));
  });

  it('reads a bare date as midnight in the site zone', () => {
    const date = ok(parseDate('2025-07-09', SHANGHAI));
    expect(date.iso).toBe('2025-07-09T00:00:00.000+08:00');
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 8, 16, 0));
  });

  it('reads a bare date as midnight of another zone when the site zone differs', () => {
    const date = ok(parseDate('2025-07-09', 'Europe/Berlin'));
    expect(date.iso).toBe('2025-07-09T00:00:00.000+02:00');
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 8, 22, 0));
  });

  it('keeps the instant of an ISO date with an offset and expresses it in the site zone', () => {
    const date = ok(parseDate('2025-07-09T06:48:00+02:00', SHANGHAI));
    expect(date.iso).toBe('2025-07-09T12:48:00.000+08:00');
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 9, 4, 48));
  });

  it('reads a trailing Z as UTC', () => {
    const date = ok(parseDate('2025-07-09T06:48:00Z', SHANGHAI));
    expect(date.iso).toBe('2025-07-09T14:48:00.000+08:00');
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 9, 6, 48));
  });

  it('reads an ISO date-time without offset in the site zone', () => {
    const date = ok(parseDate('2025-07-09T06:48', SHANGHAI));
    expect(date.iso).toBe('2025-07-09T06:48:00.000+08:00');
  });

  it('ignores surrounding whitespace', () => {
    expect(ok(parseDate('  2025-07-09  ', SHANGHAI)).iso).toBe('2025-07-09T00:00:00.000+08:00');
  });

  it('reads a TOML local date-time (a Date subclass) as wall-clock time in the site zone', () => {
    const value = parseToml('d = 2025-07-09 06:48:00').d;
    expect(value).toBeInstanceOf(Date);
    const date = ok(parseDate(value, SHANGHAI));
    expect(date.iso).toBe('2025-07-09T06:48:00.000+08:00');
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 8, 22, 48));
  });

  it('reads a TOML local date as midnight in the site zone', () => {
    const date = ok(parseDate(parseToml('d = 2025-07-09').d, SHANGHAI));
    expect(date.iso).toBe('2025-07-09T00:00:00.000+08:00');
  });

  it('keeps the instant of a TOML offset date-time', () => {
    const date = ok(parseDate(parseToml('d = 2025-07-09T06:48:00+02:00').d, SHANGHAI));
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 9, 4, 48));
    expect(date.iso).toBe('2025-07-09T12:48:00.000+08:00');
  });

  it('treats a plain Date as an instant', () => {
    const date = ok(parseDate(new Date(Date.UTC(2025, 6, 8, 22, 48)), SHANGHAI));
    expect(date.iso).toBe('2025-07-09T06:48:00.000+08:00');
    expect(date.epochMs).toBe(Date.UTC(2025, 6, 8, 22, 48));
  });

  it('rejects an invalid Date object', () => {
    expect(parseDate(new Date('nope'), SHANGHAI).ok).toBe(false);
  });

  it('rejects month 13 and names the month', () => {
    const why = reason(parseDate('2025-13-45', SHANGHAI));
    expect(why).toBe('"2025-13-45" is not a valid date: there is no month 13');
  });

  it('rejects years that feeds cannot carry: Hugo\'s 0001-01-01 "no date", year 0, five digits after the zone shift', () => {
    expect(reason(parseDate('0000-01-01', SHANGHAI))).toContain('1000–9999');
    expect(reason(parseDate('0001-01-01', SHANGHAI))).toContain('no date');
    expect(reason(parseDate('9999-12-31T23:00:00Z', SHANGHAI))).toContain('1000–9999');
    expect(ok(parseDate('9999-12-31 23:59:59', SHANGHAI)).iso).toBe('9999-12-31T23:59:59.000+08:00');
    expect(ok(parseDate('1000-01-02', 'UTC')).iso).toBe('1000-01-02T00:00:00.000Z');
  });

  it('rejects February 30 and names the day', () => {
    const why = reason(parseDate('2025-02-30', SHANGHAI));
    expect(why).toBe('"2025-02-30" is not a valid date: that month has no day 30');
  });

  it('rejects February 29 of a common year but accepts it in a leap year', () => {
    expect(reason(parseDate('2025-02-29', SHANGHAI))).toMatch(/day/);
    expect(ok(parseDate('2024-02-29', SHANGHAI)).iso).toBe('2024-02-29T00:00:00.000+08:00');
  });

  it('rejects hour 25 and names the hour', () => {
    expect(reason(parseDate('2025-07-09 25:00', SHANGHAI))).toBe('"2025-07-09 25:00" is not a valid date: there is no hour 25');
  });

  it("reads Hexo's YYYY/M/D [H:mm[:ss]] as wall-clock time in the site zone", () => {
    expect(ok(parseDate('2013/7/13 20:46:25', SHANGHAI)).epochMs).toBe(Date.UTC(2013, 6, 13, 12, 46, 25));
    expect(ok(parseDate('2013/07/13 8:05', SHANGHAI)).iso).toBe('2013-07-13T08:05:00.000+08:00');
    expect(ok(parseDate('2013/7/3', SHANGHAI)).iso).toBe('2013-07-03T00:00:00.000+08:00');
    expect(reason(parseDate('2013/2/30', SHANGHAI))).toContain('not a valid date');
    expect(reason(parseDate('2013/7/13 20:46:25 PM', SHANGHAI))).toContain('not a date in a known form');
  });

  it('rejects text that does not start with YYYY-MM-DD', () => {
    expect(reason(parseDate('July 9, 2025', SHANGHAI))).toContain('not a date in a known form');
    expect(reason(parseDate('2025-7-9', SHANGHAI))).toContain('not a date in a known form');
  });

  it('rejects trailing garbage after the date', () => {
    expect(parseDate('2025-07-09x', SHANGHAI).ok).toBe(false);
  });

  it.each([
    [2025, 'number 2025'],
    [true, 'boolean true'],
    [['2025-07-09'], 'a list'],
    [null, 'null'],
    [{ y: 2025 }, 'a mapping'],
  ])('rejects the non-date value %j', (value, described) => {
    expect(reason(parseDate(value, SHANGHAI))).toBe(`expected a date, got ${described}`);
  });
});

describe('dateFromFileName', () => {
  it('splits YYYY-MM-DD-slug', () => {
    expect(dateFromFileName('2025-07-09-hello-world')).toEqual({ date: '2025-07-09', rest: 'hello-world' });
  });

  it('keeps a Chinese rest', () => {
    expect(dateFromFileName('2024-03-18-远程办公')).toEqual({ date: '2024-03-18', rest: '远程办公' });
  });

  it('returns undefined without a date prefix', () => {
    expect(dateFromFileName('hello-world')).toBeUndefined();
  });

  it('returns undefined for a bare date with nothing after it', () => {
    expect(dateFromFileName('2025-07-09')).toBeUndefined();
    expect(dateFromFileName('2025-07-09-')).toBeUndefined();
  });

  it('does not validate the date itself (that is parseDate’s job)', () => {
    expect(dateFromFileName('2025-13-45-x')).toEqual({ date: '2025-13-45', rest: 'x' });
  });
});

describe('siteDateParts', () => {
  // What Luxon gives when asked again in the zone: the reference the ISO string must agree with.
  const luxon = (date: EntryDate, zone: string) => {
    const at = DateTime.fromMillis(date.epochMs, { zone });
    return { year: at.toFormat('yyyy'), day: at.toFormat('yyyy-MM-dd'), rfc3339: at.toISO({ suppressMilliseconds: true }) };
  };
  const zones = ['Asia/Shanghai', 'UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/Berlin'];
  const values = ['2025-07-09', '2025-07-09 06:48', '2025-12-31T23:30:00Z', '2026-01-01T00:15:00+14:00', '2025-03-30T02:30:00', '2025-07-09T06:48:00.120+08:00', '1000-01-01T12:00:00Z'];

  it('reads year, day and the RFC 3339 form from the ISO string as Luxon computes them in the zone', () => {
    for (const zone of zones) {
      for (const value of values) {
        const parsed = parseDate(value, zone);
        if (!parsed.ok) throw new Error(`${value} in ${zone}: ${parsed.reason}`);
        expect(siteDateParts(parsed.date, zone), `${value} in ${zone}`).toEqual(luxon(parsed.date, zone));
      }
    }
  });

  it('asks Luxon when the ISO string has another form', () => {
    const date = { iso: '+012025-07-09T06:48:00.000+08:00', epochMs: Date.UTC(2025, 6, 8, 22, 48) };
    expect(siteDateParts(date, 'Asia/Shanghai')).toEqual({ year: '2025', day: '2025-07-09', rfc3339: '2025-07-09T06:48:00+08:00' });
  });
});
