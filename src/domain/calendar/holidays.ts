import { addDays, compareLocalDates, localDate, parseLocalDate, weekday, type LocalDate } from '../vietnam-time.js';
import { lunarNewYear, lunarToSolar } from './lunar.js';
import { HOLIDAY_IDS, type HolidayId } from './holiday-ids.js';
import type { HolidayAnnouncement } from './official-days.js';

export { HOLIDAY_IDS, type HolidayId };

/** The names the bot shows for each holiday. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayId, string>> = {
  'new-year': 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  'hung-kings': 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Giải phóng miền Nam, thống nhất đất nước',
  'labour-day': 'Ngày Quốc tế Lao động',
  'national-day': 'Quốc khánh',
};

/** One day off, tied to the holiday it belongs to. */
export interface Holiday {
  date: LocalDate;
  holiday: HolidayId;
  name: string;
}

function isWeekend(date: LocalDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

function day(date: LocalDate, holiday: HolidayId, name = HOLIDAY_NAMES[holiday]): Holiday {
  return { date, holiday, name };
}

/**
 * The Art. 112 holidays of a year as the law alone fixes them, before any Prime Minister's
 * arrangement and without compensatory days. Where the law leaves the choice to the PM we pick:
 * - Tết: lunar New Year's Eve plus lunar 1/1–1/4 (the 5 days; in practice the PM usually
 *   extends the break with weekends and a swapped Saturday, which only the table can know);
 * - Quốc khánh: 2/9 plus 1/9, except 3/9 when 2/9 is a Thursday so the break joins the weekend.
 *   That matches every arrangement since the 2-day holiday began (2021 Thu→3/9, 2022 Fri→1/9,
 *   2023 Sat→1/9, 2024 Mon→3/9 which equals 1/9 on Sunday plus its compensatory Tuesday, 2025
 *   Tue→1/9).
 */
export function statutoryHolidays(year: number): Holiday[] {
  const tet = lunarNewYear(year);
  const hung = lunarToSolar({ year, month: 3, day: 10, leap: false });
  // Lunar month 3 always has a day 10, so a miss means the lunar code is broken.
  if (!hung) throw new Error(`no Giỗ Tổ Hùng Vương in ${year}`);
  const nationalDay = localDate(year, 9, 2);
  const adjacent = weekday(nationalDay) === 4 ? localDate(year, 9, 3) : localDate(year, 9, 1);
  return [
    day(localDate(year, 1, 1), 'new-year'),
    day(addDays(tet, -1), 'tet', `${HOLIDAY_NAMES.tet} (giao thừa)`),
    ...[0, 1, 2, 3].map((i) => day(addDays(tet, i), 'tet')),
    day(hung, 'hung-kings'),
    day(localDate(year, 4, 30), 'reunification'),
    day(localDate(year, 5, 1), 'labour-day'),
    day(adjacent, 'national-day'),
    day(nationalDay, 'national-day'),
  ].sort((a, b) => compareLocalDates(a.date, b.date));
}

/**
 * Art. 111.3: each holiday falling on a Saturday or Sunday gives the next working day off. The
 * "next working day" skips weekends, other days off (`isOff`) and days already given as
 * compensation, so a Tết spanning a weekend is followed by one extra day per weekend day.
 */
export function compensatoryDays(holidays: readonly Holiday[], isOff: (date: LocalDate) => boolean): Holiday[] {
  const given = new Set<LocalDate>();
  const seen = new Set<LocalDate>();
  const result: Holiday[] = [];
  for (const h of [...holidays].sort((a, b) => compareLocalDates(a.date, b.date))) {
    // Two holidays on one date give one day off, and so at most one compensatory day.
    if (seen.has(h.date) || !isWeekend(h.date)) continue;
    seen.add(h.date);
    let d = addDays(h.date, 1);
    while (isWeekend(d) || isOff(d) || given.has(d)) d = addDays(d, 1);
    given.add(d);
    result.push(day(d, h.holiday, `Nghỉ bù ${HOLIDAY_NAMES[h.holiday]}`));
  }
  return result;
}

/** Days off and made-up working days of one year, each with the name the bot shows. */
export interface YearDays {
  daysOff: Map<LocalDate, string>;
  workingDays: Map<LocalDate, string>;
}

function yearOf(date: LocalDate): number {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`not a calendar date: ${date}`);
  return parts.year;
}

/**
 * The days off and swapped working days of `year`: the given announcements where they exist
 * (each replacing the rule for its holidays), the Art. 112 rule with Art. 111.3 compensation for
 * the rest. The caller chooses which announcements to apply (e.g. official ones only).
 */
export function holidaysOfYear(year: number, announcements: readonly HolidayAnnouncement[]): YearDays {
  const daysOff = new Map<LocalDate, string>();
  const workingDays = new Map<LocalDate, string>();
  const replaced = new Set<HolidayId>();
  for (const a of announcements) {
    if (a.year === year) for (const h of a.holidays) replaced.add(h);
    // Keyed by each day's own year: an arrangement may reach across New Year.
    for (const d of a.daysOff) if (yearOf(d.date) === year) daysOff.set(d.date, d.name);
    for (const d of a.workingDays) if (yearOf(d.date) === year) workingDays.set(d.date, d.name);
  }
  const byRule = statutoryHolidays(year).filter((h) => !replaced.has(h.holiday));
  for (const h of byRule) if (!daysOff.has(h.date)) daysOff.set(h.date, h.name);
  for (const c of compensatoryDays(byRule, (d) => daysOff.has(d) && !workingDays.has(d))) daysOff.set(c.date, c.name);
  return { daysOff, workingDays };
}
