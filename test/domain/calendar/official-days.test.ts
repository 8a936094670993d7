import { describe, expect, it } from 'vitest';
import { addDays, weekday, type LocalDate } from '../../../src/domain/vietnam-time.js';
import { OFFICIAL_ANNOUNCEMENTS, createWorkingCalendar } from '../../../src/domain/calendar/index.js';

const calendar = createWorkingCalendar();

/** Every day off the Government announced, weekends inside a break included, with the name the bot shows. */
const DAYS_OFF: [LocalDate, string][] = [
  ['2025-01-01', 'Tết Dương lịch'],
  ...['2025-01-25', '2025-01-26', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02'].map<
    [LocalDate, string]
  >((d) => [d, 'Tết Nguyên đán']),
  ['2025-04-07', 'Giỗ Tổ Hùng Vương'],
  ['2025-04-30', 'Ngày Giải phóng miền Nam, thống nhất đất nước'],
  ['2025-05-01', 'Ngày Quốc tế Lao động'],
  ['2025-05-02', 'Nghỉ lễ 30/4 – 1/5 (hoán đổi, làm bù thứ Bảy 26/4)'],
  ['2025-05-03', 'Nghỉ lễ 30/4 – 1/5'],
  ['2025-05-04', 'Nghỉ lễ 30/4 – 1/5'],
  ['2025-08-30', 'Quốc khánh'],
  ['2025-08-31', 'Quốc khánh'],
  ['2025-09-01', 'Quốc khánh'],
  ['2025-09-02', 'Quốc khánh'],
  ['2026-01-01', 'Tết Dương lịch'],
  ['2026-01-02', 'Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/1)'],
  ['2026-01-03', 'Tết Dương lịch'],
  ['2026-01-04', 'Tết Dương lịch'],
  ...['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22'].map<
    [LocalDate, string]
  >((d) => [d, 'Tết Nguyên đán']),
  ['2026-04-26', 'Giỗ Tổ Hùng Vương'],
  ['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương'],
  ['2026-04-30', 'Ngày Giải phóng miền Nam, thống nhất đất nước'],
  ['2026-05-01', 'Ngày Quốc tế Lao động'],
  ['2026-05-02', 'Nghỉ lễ 30/4 – 1/5'],
  ['2026-05-03', 'Nghỉ lễ 30/4 – 1/5'],
  // Quốc khánh 2026 is only proposed: the rule gives 2/9 (Wednesday) and 1/9.
  ['2026-09-01', 'Quốc khánh'],
  ['2026-09-02', 'Quốc khánh'],
];

/** The swapped Saturdays that are working days. */
const MAKE_UP_DAYS: [LocalDate, string][] = [
  ['2025-04-26', 'Làm bù cho thứ Sáu 2/5'],
  ['2026-01-10', 'Làm bù cho thứ Sáu 2/1'],
];

describe('the announced calendar of 2025 and 2026', () => {
  it.each(DAYS_OFF)('%s is a day off: %s', (date, name) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.holidayName(date)).toBe(name);
  });

  it.each(MAKE_UP_DAYS)('Saturday %s is worked: %s', (date, name) => {
    expect(weekday(date)).toBe(6);
    expect(calendar.isWorkingDay(date)).toBe(true);
    expect(calendar.makeUpDayName(date)).toBe(name);
    expect(calendar.holidayName(date)).toBeUndefined();
  });

  it.each([2025, 2026])('every other day of %i follows the Monday–Friday week', (year) => {
    const off = new Map(DAYS_OFF);
    const worked = new Map(MAKE_UP_DAYS);
    const surprises: string[] = [];
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
      const expected = off.has(d) ? false : worked.has(d) ? true : weekday(d) !== 0 && weekday(d) !== 6;
      if (calendar.isWorkingDay(d) !== expected) surprises.push(d);
    }
    // Catches a rule-made day leaking into an announced year, e.g. a "compensatory" Mon 3/2/2025.
    expect(surprises).toEqual([]);
  });

  it('gives no compensatory Monday after Tết 2025 because the announced break already covers it', () => {
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
  });

  it('has ordinary weekends without a holiday name', () => {
    expect(calendar.isWorkingDay('2025-06-14')).toBe(false);
    expect(calendar.holidayName('2025-06-14')).toBeUndefined();
    expect(calendar.makeUpDayName('2025-06-14')).toBeUndefined();
  });
});

describe('the Quốc khánh 2026 proposal', () => {
  it('is kept in the table but marked as a proposal', () => {
    const entry = OFFICIAL_ANNOUNCEMENTS.find((a) => a.year === 2026 && a.holidays.includes('national-day'));
    expect(entry?.status).toBe('proposal');
  });

  it('is not applied by default: Mon 31/8 is worked and Sat 22/8 is an ordinary Saturday', () => {
    expect(calendar.isWorkingDay('2026-08-31')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-22')).toBe(false);
  });

  it('applies when proposals are accepted: Sat 29/8 to Wed 2/9 off, Sat 22/8 worked', () => {
    const withProposals = createWorkingCalendar(undefined, { includeProposals: true });
    for (const d of ['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02'])
      expect(withProposals.isWorkingDay(d), d).toBe(false);
    expect(withProposals.isWorkingDay('2026-08-22')).toBe(true);
    expect(withProposals.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('can be adopted by a plan file with two override lines, giving the same days', () => {
    const adopted = createWorkingCalendar({
      daysOff: [{ date: '2026-08-31', name: 'Quốc khánh (hoán đổi)' }],
      workingDays: [{ date: '2026-08-22', name: 'Làm bù cho thứ Hai 31/8' }],
    });
    const withProposals = createWorkingCalendar(undefined, { includeProposals: true });
    for (let d = '2026-08-15'; d <= '2026-09-10'; d = addDays(d, 1)) expect(adopted.isWorkingDay(d), d).toBe(withProposals.isWorkingDay(d));
  });
});

describe('the table itself', () => {
  it('lists only real calendar days, each day off or worked once, with a source', () => {
    const seen = new Set<string>();
    for (const a of OFFICIAL_ANNOUNCEMENTS) {
      expect(a.source.length).toBeGreaterThan(0);
      for (const d of [...a.daysOff, ...a.workingDays]) {
        expect(addDays(d.date, 0)).toBe(d.date);
        const key = `${a.status}:${d.date}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });
});
