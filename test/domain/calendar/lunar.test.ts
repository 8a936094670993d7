import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/vietnam-time.js';
import { lunarNewYear, lunarToSolar, solarToLunar } from '../../../src/domain/calendar/lunar.js';

describe('Tết and Giỗ Tổ in the years the bot runs', () => {
  it.each([
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
  ])('lunar year %i starts on %s and Giỗ Tổ (10/3) falls on %s', (year, tet, hung) => {
    expect(lunarNewYear(year)).toBe(tet);
    expect(lunarToSolar({ year, month: 3, day: 10, leap: false })).toBe(hung);
    expect(solarToLunar(tet)).toEqual({ year, month: 1, day: 1, leap: false });
    expect(solarToLunar(hung)).toEqual({ year, month: 3, day: 10, leap: false });
  });

  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
  ])('Tết %i was (or will be) on %s as printed in Vietnamese calendars', (year, tet) => {
    expect(lunarNewYear(year)).toBe(tet);
  });
});

describe('Vietnam counts its lunar days at UTC+7, not China’s UTC+8', () => {
  it.each([
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
  ])('Tết %i is %s in Vietnam, not %s as in China', (year, vietnam, china) => {
    expect(lunarNewYear(year)).toBe(vietnam);
    expect(lunarNewYear(year)).not.toBe(china);
    // The Chinese date is mùng 2 here, or still the old year when a whole month apart.
    expect(solarToLunar(china)).not.toEqual({ year, month: 1, day: 1, leap: false });
  });

  it('shows the last day of the old year on the eve, 29 or 30 as the month has it', () => {
    expect(solarToLunar('2025-01-28')).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(solarToLunar('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });
});

describe('leap months', () => {
  it('puts 2033’s leap month after month 11 (the “2033 problem” that naïve rules get wrong)', () => {
    expect(solarToLunar('2033-12-22')).toEqual({ year: 2033, month: 11, day: 1, leap: true });
    expect(lunarToSolar({ year: 2033, month: 11, day: 1, leap: true })).toBe('2033-12-22');
    expect(lunarToSolar({ year: 2033, month: 7, day: 1, leap: true })).toBeUndefined();
  });

  it('knows 2025 had a leap month 6 and refuses day 30 of a 29-day month', () => {
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe('2025-07-25');
    expect(lunarToSolar({ year: 2026, month: 6, day: 1, leap: true })).toBeUndefined();
    const lastOfYear = addDays(lunarNewYear(2026), -1);
    expect(solarToLunar(lastOfYear).day).toBe(29);
    expect(lunarToSolar({ year: 2025, month: 12, day: 30, leap: false })).toBeUndefined();
  });
});

describe('range and round trips', () => {
  it('keeps every Tết between 21 January and 20 February from 1900 to 2199', () => {
    for (let year = 1900; year <= 2199; year++) {
      const tet = lunarNewYear(year).slice(5);
      expect(tet >= '01-21' && tet <= '02-20', `${year}: ${tet}`).toBe(true);
    }
  });

  it('converts any day to lunar and back to the same day', () => {
    const start = Date.UTC(1900, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 250 }), (offset) => {
        const date = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const lunar = solarToLunar(date);
        expect(lunar.day).toBeGreaterThanOrEqual(1);
        expect(lunar.day).toBeLessThanOrEqual(30);
        expect(lunarToSolar(lunar)).toBe(date);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses years the astronomy is not good for, and bad input', () => {
    expect(() => lunarNewYear(1799)).toThrow(RangeError);
    expect(() => solarToLunar('2300-01-01')).toThrow(RangeError);
    expect(() => solarToLunar('2025-02-30')).toThrow(RangeError);
    expect(lunarToSolar({ year: 2025, month: 13, day: 1, leap: false })).toBeUndefined();
  });
});
