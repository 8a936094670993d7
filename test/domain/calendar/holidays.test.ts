import { describe, expect, it } from 'vitest';
import { weekday } from '../../../src/domain/vietnam-time.js';
import { compensatoryDays, createWorkingCalendar, holidaysOfYear, statutoryHolidays } from '../../../src/domain/calendar/index.js';

const calendar = createWorkingCalendar();
const offDays = (year: number) => [...holidaysOfYear(year, []).daysOff.keys()].sort();

describe('a year without announced days falls back to the Labour Code', () => {
  it('lists the Art. 112 days of 2030: 11 days, Tết as the eve plus mùng 1–4', () => {
    expect(statutoryHolidays(2030).map((h) => h.date)).toEqual([
      '2030-01-01',
      '2030-02-01',
      '2030-02-02',
      '2030-02-03',
      '2030-02-04',
      '2030-02-05',
      '2030-04-12',
      '2030-04-30',
      '2030-05-01',
      '2030-09-01',
      '2030-09-02',
    ]);
  });

  it('2030: Quốc khánh is Monday 2/9, so 1/9 (a Sunday) goes with it and Tuesday 3/9 is given back', () => {
    expect(weekday('2030-09-02')).toBe(1);
    expect(calendar.isWorkingDay('2030-09-02')).toBe(false);
    expect(calendar.holidayName('2030-09-01')).toBe('Quốc khánh');
    expect(calendar.holidayName('2030-09-03')).toBe('Nghỉ bù Quốc khánh');
    expect(calendar.isWorkingDay('2030-09-04')).toBe(true);
  });

  it('2030: Tết on Saturday 2/2 gives two compensatory days, Wednesday 6/2 and Thursday 7/2', () => {
    for (const d of ['2030-02-01', '2030-02-04', '2030-02-05', '2030-02-06', '2030-02-07']) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.holidayName('2030-02-01')).toBe('Tết Nguyên đán (giao thừa)');
    expect(calendar.holidayName('2030-02-07')).toBe('Nghỉ bù Tết Nguyên đán');
    expect(calendar.isWorkingDay('2030-02-08')).toBe(true);
  });

  it('2028: New Year’s Day is a Saturday, so Monday 3/1 is off', () => {
    expect(weekday('2028-01-01')).toBe(6);
    expect(calendar.holidayName('2028-01-03')).toBe('Nghỉ bù Tết Dương lịch');
    expect(calendar.isWorkingDay('2028-01-03')).toBe(false);
    expect(calendar.isWorkingDay('2028-01-04')).toBe(true);
  });

  it('2027: 1/5 is a Saturday, so Monday 3/5 is off; Quốc khánh on Thursday takes Friday 3/9', () => {
    expect(calendar.isWorkingDay('2027-05-03')).toBe(false);
    expect(calendar.isWorkingDay('2027-09-02')).toBe(false);
    expect(calendar.isWorkingDay('2027-09-03')).toBe(false);
    expect(calendar.isWorkingDay('2027-09-01')).toBe(true);
  });
});

describe('the rule reproduces what the Government actually announced in earlier years', () => {
  it.each([
    ['2021 (Thursday): 2/9–3/9', 2021, ['2021-09-02', '2021-09-03']],
    ['2022 (Friday): 1/9–2/9', 2022, ['2022-09-01', '2022-09-02']],
    ['2023 (Saturday): 1/9–2/9 and Monday 4/9', 2023, ['2023-09-01', '2023-09-02', '2023-09-04']],
    ['2024 (Monday): 1/9 Sunday, 2/9 and Tuesday 3/9', 2024, ['2024-09-01', '2024-09-02', '2024-09-03']],
  ])('Quốc khánh %s', (_label, year, expected) => {
    expect(offDays(year).filter((d) => d.slice(5, 7) === '08' || d.slice(5, 7) === '09')).toEqual(expected);
  });

  it('2022: Giỗ Tổ on Sunday 10/4 gave Monday 11/4 off', () => {
    expect(offDays(2022)).toContain('2022-04-11');
  });

  it('2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon gave Tue 2/5 and Wed 3/5 off (29/4–3/5)', () => {
    expect(offDays(2023).filter((d) => d >= '2023-04-20' && d <= '2023-05-10')).toEqual([
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
    ]);
  });
});

describe('compensatory days', () => {
  it('give one day for a date that is two holidays at once', () => {
    const sameDay = [
      { date: '2047-04-27', holiday: 'hung-kings' as const, name: 'a' },
      { date: '2047-04-27', holiday: 'reunification' as const, name: 'b' },
    ];
    expect(weekday('2047-04-27')).toBe(6);
    expect(compensatoryDays(sameDay, () => false).map((h) => h.date)).toEqual(['2047-04-29']);
  });

  it('skip days that are already off', () => {
    const sat = [{ date: '2028-01-01', holiday: 'new-year' as const, name: 'x' }];
    expect(compensatoryDays(sat, (d) => d === '2028-01-03').map((h) => h.date)).toEqual(['2028-01-04']);
  });
});
