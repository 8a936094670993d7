import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../../../src/domain/vietnam-time.js';
import { createWorkingCalendar, type HolidayAnnouncement } from '../../../src/domain/calendar/index.js';

const calendar = createWorkingCalendar();

describe('counting working days across Tết 2026', () => {
  it.each([
    ['Fri 13/2 + 1', '2026-02-23', '2026-02-13', 1],
    ['Fri 13/2 + 2', '2026-02-24', '2026-02-13', 2],
    ['Mon 23/2 − 1', '2026-02-13', '2026-02-23', -1],
    ['Tết day Tue 17/2 + 1', '2026-02-23', '2026-02-17', 1],
    ['Tết day Tue 17/2 − 1', '2026-02-13', '2026-02-17', -1],
    ['Thu 12/2 + 0 (stays put)', '2026-02-12', '2026-02-12', 0],
    ['Sun 15/2 + 0 (stays put, even off)', '2026-02-15', '2026-02-15', 0],
  ])('%s working day(s) → %s', (_story, expected, from, n) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected);
  });

  it('counts the working days between the last one before Tết and the first one after as 1', () => {
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(calendar.workingDaysBetween('2026-02-23', '2026-02-13')).toBe(-1);
    expect(calendar.workingDaysBetween('2026-02-14', '2026-02-22')).toBe(0);
  });
});

describe('the swapped Saturday of 2025', () => {
  it('Sat 26/4/2025 is a working day; Fri 2/5/2025 is not', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('Fri 25/4 + 1 working day is that Saturday, and Tue 29/4 + 1 is Mon 5/5', () => {
    expect(calendar.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(calendar.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
  });
});

describe('next and previous working day', () => {
  it('“next” and “previous” are strictly after/before; “on or after/before” may return the day itself', () => {
    expect(calendar.nextWorkingDay('2025-06-16')).toBe('2025-06-17');
    expect(calendar.workingDayOnOrAfter('2025-06-16')).toBe('2025-06-16');
    expect(calendar.previousWorkingDay('2025-06-16')).toBe('2025-06-13');
    expect(calendar.workingDayOnOrBefore('2025-06-16')).toBe('2025-06-16');
  });

  it('step over a weekend and a holiday together', () => {
    expect(calendar.nextWorkingDay('2025-04-04')).toBe('2025-04-08');
    expect(calendar.workingDayOnOrAfter('2025-04-05')).toBe('2025-04-08');
    expect(calendar.previousWorkingDay('2025-04-08')).toBe('2025-04-04');
    expect(calendar.workingDayOnOrBefore('2025-09-02')).toBe('2025-08-29');
  });

  it('cross into the next year', () => {
    expect(calendar.nextWorkingDay('2025-12-31')).toBe('2026-01-05');
    expect(calendar.previousWorkingDay('2026-01-05')).toBe('2025-12-31');
  });
});

describe('a plan file adding its own days', () => {
  it('can give 24/11 (Ngày Văn hóa Việt Nam) off, should it become law', () => {
    const plan = createWorkingCalendar({ daysOff: [{ date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam' }], workingDays: [] });
    expect(plan.isWorkingDay('2026-11-24')).toBe(false);
    expect(plan.holidayName('2026-11-24')).toBe('Ngày Văn hóa Việt Nam');
    expect(calendar.isWorkingDay('2026-11-24')).toBe(true);
  });

  it('can make a weekend day or even a table day off a working day', () => {
    const plan = createWorkingCalendar({
      daysOff: [],
      workingDays: [
        { date: '2027-01-09', name: 'Làm bù' },
        { date: '2025-05-02', name: 'Làm việc' },
      ],
    });
    expect(plan.isWorkingDay('2027-01-09')).toBe(true);
    expect(plan.makeUpDayName('2027-01-09')).toBe('Làm bù');
    expect(plan.isWorkingDay('2025-05-02')).toBe(true);
    expect(plan.holidayName('2025-05-02')).toBeUndefined();
  });

  it('can give a table working Saturday back as a day off', () => {
    const plan = createWorkingCalendar({ daysOff: [{ date: '2025-04-26', name: 'Nghỉ' }], workingDays: [] });
    expect(plan.isWorkingDay('2025-04-26')).toBe(false);
  });

  it('is refused when a date is both off and worked, or not a date at all', () => {
    expect(() =>
      createWorkingCalendar({ daysOff: [{ date: '2026-11-24', name: 'a' }], workingDays: [{ date: '2026-11-24', name: 'b' }] }),
    ).toThrow(/both/);
    expect(() => createWorkingCalendar({ daysOff: [{ date: '24/11/2026', name: 'a' }], workingDays: [] })).toThrow(RangeError);
  });
});

describe('announcements', () => {
  it('file each day under its own year, so an arrangement may reach back into December', () => {
    const announcements: HolidayAnnouncement[] = [
      {
        year: 2029,
        holidays: ['new-year'],
        status: 'official',
        source: 'test',
        daysOff: [
          { date: '2028-12-31', name: 'Tết Dương lịch' },
          { date: '2029-01-01', name: 'Tết Dương lịch' },
        ],
        workingDays: [],
      },
    ];
    const c = createWorkingCalendar(undefined, { announcements });
    expect(c.holidayName('2028-12-31')).toBe('Tết Dương lịch');
    expect(c.isWorkingDay('2029-01-01')).toBe(false);
  });
});

describe('bad input', () => {
  it('is refused rather than guessed', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-06-16', 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('nope', 0)).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween('nope', 'nope')).toThrow(RangeError);
  });
});

describe('working-day arithmetic properties (2024–2031)', () => {
  const day = fc.integer({ min: 0, max: 8 * 365 }).map((i): LocalDate => addDays('2024-01-01', i));
  const steps = fc.integer({ min: -40, max: 40 });

  it('going n working days forward then back lands on the day, or the working day before it', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const there = calendar.addWorkingDays(d, n);
        expect(calendar.isWorkingDay(there)).toBe(true);
        expect(calendar.addWorkingDays(there, -n)).toBe(calendar.workingDayOnOrBefore(d));
        expect(calendar.addWorkingDays(calendar.addWorkingDays(d, -n), n)).toBe(calendar.workingDayOnOrAfter(d));
      }),
    );
  });

  it('workingDaysBetween agrees with addWorkingDays', () => {
    fc.assert(
      fc.property(day, steps, (d, n) => {
        const from = calendar.workingDayOnOrAfter(d);
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n))).toBe(n);
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(day, day, day, (a, b, c) => {
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, a)).toBe(0);
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(calendar.workingDaysBetween(a, c));
      }),
      { numRuns: 50 },
    );
  });
});

describe('an empty span', () => {
  it('has 0 working days, never -0', () => {
    expect(Object.is(calendar.workingDaysBetween('2025-06-14', '2025-06-15'), 0)).toBe(true);
    expect(Object.is(calendar.workingDaysBetween('2025-06-15', '2025-06-14'), 0)).toBe(true);
  });
});
