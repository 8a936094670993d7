import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  endOfLocalDay,
  formatVietnamTime,
  isLocalDate,
  localDateAt,
  parseLocalDateTime,
  startOfLocalDay,
  vietnamWallClockAsUtc,
  weekday,
  VN_TZ,
} from '../../src/domain/vietnam-time.js';

describe('calendar days in Vietnam', () => {
  it('accepts only real dates', () => {
    expect(isLocalDate('2025-06-18')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-6-18')).toBe(false);
    expect(isLocalDate('18/06/2025')).toBe(false);
  });
  it('starts and ends a day at Hà Nội midnight (UTC+7, no daylight saving)', () => {
    expect(new Date(startOfLocalDay('2025-06-18')).toISOString()).toBe('2025-06-17T17:00:00.000Z');
    expect(new Date(endOfLocalDay('2025-06-18')).toISOString()).toBe('2025-06-18T16:59:59.999Z');
  });
  it('knows which day it is in Vietnam whatever the machine zone', () => {
    expect(localDateAt(Date.parse('2025-06-17T17:00:00Z'))).toBe('2025-06-18');
    expect(localDateAt(Date.parse('2025-06-17T16:59:59Z'))).toBe('2025-06-17');
  });
  it('adds days across months and years, and counts days between', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-06-10', '2025-06-18')).toBe(8);
    expect(daysBetween('2025-06-18', '2025-06-10')).toBe(-8);
  });
  it('names weekdays: 18/06/2025 is a Wednesday', () => {
    expect(weekday('2025-06-18')).toBe(3);
  });
});

describe('instants read on a clock in Vietnam', () => {
  describe('around Hà Nội midnight (17:00 UTC)', () => {
    const lastMs = Date.parse('2025-06-17T16:59:59.999Z');
    const firstMs = Date.parse('2025-06-17T17:00:00.000Z');
    it('the last millisecond of a day is still that day, the next one is tomorrow', () => {
      expect(localDateAt(lastMs)).toBe('2025-06-17');
      expect(localDateAt(firstMs)).toBe('2025-06-18');
      expect(formatVietnamTime(lastMs, 'HH:mm:ss.SSS dd/MM/yyyy')).toBe('23:59:59.999 17/06/2025');
      expect(formatVietnamTime(firstMs, 'HH:mm dd/MM/yyyy')).toBe('00:00 18/06/2025');
    });
    it('a day starts and ends exactly there', () => {
      expect(startOfLocalDay('2025-06-18')).toBe(firstMs);
      expect(endOfLocalDay('2025-06-17')).toBe(lastMs);
      expect(localDateAt(startOfLocalDay('2025-06-18'))).toBe('2025-06-18');
      expect(localDateAt(endOfLocalDay('2025-06-18'))).toBe('2025-06-18');
    });
  });

  describe('at the year end', () => {
    it('New Year comes in Vietnam while it is still 31 December in UTC', () => {
      const ms = Date.parse('2025-12-31T17:00:00Z');
      expect(localDateAt(ms)).toBe('2026-01-01');
      expect(localDateAt(ms - 1)).toBe('2025-12-31');
      expect(formatVietnamTime(ms, "yyyy-MM-dd'T'HH:mm")).toBe('2026-01-01T00:00');
      expect(startOfLocalDay('2026-01-01')).toBe(ms);
    });
    it('a leap day is a day of its own', () => {
      expect(localDateAt(Date.parse('2024-02-28T17:00:00Z'))).toBe('2024-02-29');
      expect(localDateAt(Date.parse('2024-02-29T17:00:00Z'))).toBe('2024-03-01');
      expect(endOfLocalDay('2024-02-29') - startOfLocalDay('2024-02-29') + 1).toBe(86_400_000);
    });
  });

  it('every day in Vietnam is 24 hours long (no daylight saving)', () => {
    for (let d = '2025-01-01'; d < '2026-01-01'; d = addDays(d, 1)) {
      expect(startOfLocalDay(addDays(d, 1)) - startOfLocalDay(d)).toBe(86_400_000);
    }
  });

  it('gives files without time zones (Excel) the wall-clock time in the UTC fields', () => {
    const d = vietnamWallClockAsUtc(Date.parse('2025-12-31T17:30:00Z'));
    expect(d.toISOString()).toBe('2026-01-01T00:30:00.000Z');
  });
});

describe('reading a date and time from settings and the playground', () => {
  it('takes Vietnam time unless an offset is given', () => {
    expect(parseLocalDateTime('2025-06-10T08:00')).toBe(Date.parse('2025-06-10T01:00:00Z'));
    expect(parseLocalDateTime(' 2025-06-10 08:00:30 ')).toBe(Date.parse('2025-06-10T01:00:30Z'));
    expect(parseLocalDateTime('2025-06-10')).toBe(Date.parse('2025-06-09T17:00:00Z'));
    expect(parseLocalDateTime('2025-06-10T08:00Z')).toBe(Date.parse('2025-06-10T08:00:00Z'));
    expect(parseLocalDateTime('2025-06-10T08:00+09:00')).toBe(Date.parse('2025-06-09T23:00:00Z'));
    expect(parseLocalDateTime('2025-06-10+09:00')).toBe(Date.parse('2025-06-09T15:00:00Z'));
  });
  it('takes 24:00 as the next midnight', () => {
    expect(parseLocalDateTime('2025-12-31T24:00')).toBe(startOfLocalDay('2026-01-01'));
  });
  it('refuses days and times that do not exist, and other shapes', () => {
    for (const bad of [
      '2025-02-29T08:00',
      '2025-13-01',
      '2025-06-10T25:00',
      '2025-06-10T23:60',
      '2025-06-10T24:01',
      '2025-06-10T8:00',
      '10/06/2025 08:00',
      '2025-06-10T08:00+0900',
      '',
    ]) {
      expect(parseLocalDateTime(bad), bad).toBeUndefined();
    }
  });
});

describe('the day and midnight read from a cached offset', () => {
  // localDateAt and startOfLocalDay ask the zone once per day; they must agree with date-fns asking
  // it every time, also across the zone's old transitions (1943–1975) and far ahead.
  const instants = fc.oneof(
    fc.integer({ min: Date.UTC(1940, 0, 1), max: Date.UTC(1980, 0, 1) }),
    fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2100, 0, 1) }),
  );
  it('localDateAt is the day date-fns reads in Asia/Ho_Chi_Minh', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        expect(localDateAt(ms)).toBe(format(new TZDate(ms, VN_TZ), 'yyyy-MM-dd'));
      }),
      { numRuns: 5_000 },
    );
  });
  it('startOfLocalDay is the midnight date-fns builds in Asia/Ho_Chi_Minh', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const day = format(new TZDate(ms, VN_TZ), 'yyyy-MM-dd');
        const [y, m, d] = day.split('-').map(Number) as [number, number, number];
        expect(startOfLocalDay(day)).toBe(new TZDate(y, m - 1, d, 0, 0, 0, 0, VN_TZ).getTime());
      }),
      { numRuns: 5_000 },
    );
  });
  it('agrees on the days the zone changed its offset, every quarter of an hour', () => {
    const day = 86_400_000;
    let checked = 0;
    for (let at = Date.UTC(1940, 0, 1); at < Date.UTC(1976, 0, 1); at += day) {
      if (tzOffset(VN_TZ, new Date(at)) === tzOffset(VN_TZ, new Date(at + day))) continue;
      for (let ms = at - day; ms < at + 2 * day; ms += 15 * 60_000) {
        const wall = format(new TZDate(ms, VN_TZ), 'yyyy-MM-dd');
        expect(localDateAt(ms)).toBe(wall);
        const [y, m, d] = wall.split('-').map(Number) as [number, number, number];
        expect(startOfLocalDay(wall)).toBe(new TZDate(y, m - 1, d, 0, 0, 0, 0, VN_TZ).getTime());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
