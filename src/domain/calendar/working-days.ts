import { addDays, compareLocalDates, parseLocalDate, weekday, type LocalDate } from '../vietnam-time.js';
import { holidaysOfYear, type YearDays } from './holidays.js';
import { remembered } from '../remembered.js';
import { OFFICIAL_ANNOUNCEMENTS, type CalendarDay, type CalendarOverrides, type HolidayAnnouncement } from './official-days.js';

/** Which days civil servants in Vietnam work, and arithmetic on those days. */
export interface WorkingCalendar {
  /** Monday–Friday except days off, plus swapped (made-up) working Saturdays. */
  isWorkingDay(date: LocalDate): boolean;
  /** The name of a holiday, compensatory or announced day off; undefined on ordinary days and weekends. */
  holidayName(date: LocalDate): string | undefined;
  /** Why a weekend day is worked (e.g. "Làm bù cho thứ Sáu 2/5"); undefined otherwise. */
  makeUpDayName(date: LocalDate): string | undefined;
  /**
   * The n-th working day strictly after `date` (n > 0) or strictly before it (n < 0); `date`
   * itself need not be a working day. n = 0 returns `date` unchanged.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** `date` if it is a working day, else the next one. */
  workingDayOnOrAfter(date: LocalDate): LocalDate;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate;
  /** `date` if it is a working day, else the previous one. */
  workingDayOnOrBefore(date: LocalDate): LocalDate;
  /**
   * Working days d with a < d ≤ b, negated when b < a. So for working days a and b,
   * addWorkingDays(a, workingDaysBetween(a, b)) === b; a report due Monday and sent Wednesday is
   * 2 working days late.
   */
  workingDaysBetween(a: LocalDate, b: LocalDate): number;
}

/** Which built-in announcements to apply. */
export interface WorkingCalendarOptions {
  /** Defaults to the built-in table, OFFICIAL_ANNOUNCEMENTS. */
  announcements?: readonly HolidayAnnouncement[];
  /** Apply announcements still marked `proposal` (default false: the rule applies until they are official). */
  includeProposals?: boolean;
}

function yearOf(date: LocalDate): number {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`not a calendar date: ${date}`);
  return parts.year;
}

function checkDays(days: readonly CalendarDay[], list: string): void {
  for (const d of days) if (!parseLocalDate(d.date)) throw new RangeError(`calendar ${list}: not a calendar date: ${d.date}`);
}

/**
 * A working calendar: the built-in table where the Government has announced, the Labour Code rule
 * elsewhere, then the plan file's overrides on top. Each year is worked out once, on first use.
 * Every method throws RangeError for a malformed date or one outside the lunar range (1800–2199).
 */
export function createWorkingCalendar(overrides?: CalendarOverrides, options: WorkingCalendarOptions = {}): WorkingCalendar {
  const extraOff = overrides?.daysOff ?? [];
  const extraWork = overrides?.workingDays ?? [];
  checkDays(extraOff, 'daysOff');
  checkDays(extraWork, 'workingDays');
  const offDates = new Set(extraOff.map((d) => d.date));
  const clash = extraWork.find((d) => offDates.has(d.date));
  if (clash) throw new RangeError(`calendar: ${clash.date} is listed both as a day off and as a working day`);

  const announcements = (options.announcements ?? OFFICIAL_ANNOUNCEMENTS).filter(
    (a) => a.status === 'official' || options.includeProposals === true,
  );
  const years = new Map<number, YearDays>();

  function yearDays(year: number): YearDays {
    let days = years.get(year);
    if (days) return days;
    days = holidaysOfYear(year, announcements);
    // The plan speaks last: its days win over the table and the rule in either direction.
    for (const d of extraOff) {
      if (yearOf(d.date) !== year) continue;
      days.daysOff.set(d.date, d.name);
      days.workingDays.delete(d.date);
    }
    for (const d of extraWork) {
      if (yearOf(d.date) !== year) continue;
      days.workingDays.set(d.date, d.name);
      days.daysOff.delete(d.date);
    }
    years.set(year, days);
    return days;
  }

  function isWorkingDay(date: LocalDate): boolean {
    const days = yearDays(yearOf(date));
    if (days.workingDays.has(date)) return true;
    if (days.daysOff.has(date)) return false;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  }

  function step(date: LocalDate, by: 1 | -1): LocalDate {
    let d = addDays(date, by);
    while (!isWorkingDay(d)) d = addDays(d, by);
    return d;
  }

  function addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, not ${n}`);
    yearOf(date);
    let d = date;
    for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1);
    return d;
  }

  /** Spans already counted: each head's /kyhan counts the working days from today to the same deadlines. */
  const counted = new Map<string, number>();
  function countUpTo(a: LocalDate, b: LocalDate): number {
    return remembered(
      counted,
      `${a}/${b}`,
      () => {
        let count = 0;
        for (let d = addDays(a, 1); compareLocalDates(d, b) <= 0; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
        return count;
      },
      4_096,
    );
  }

  return {
    isWorkingDay,
    holidayName: (date) => yearDays(yearOf(date)).daysOff.get(date),
    makeUpDayName: (date) => yearDays(yearOf(date)).workingDays.get(date),
    addWorkingDays,
    nextWorkingDay: (date) => step(date, 1),
    workingDayOnOrAfter: (date) => (isWorkingDay(date) ? date : step(date, 1)),
    previousWorkingDay: (date) => step(date, -1),
    workingDayOnOrBefore: (date) => (isWorkingDay(date) ? date : step(date, -1)),
    workingDaysBetween: (a, b) => {
      const order = compareLocalDates(a, b);
      if (order === 0) {
        yearOf(a);
        return 0;
      }
      // 0 - n rather than -n, so an empty span is 0 and never -0.
      return order < 0 ? countUpTo(a, b) : 0 - countUpTo(b, a);
    },
  };
}
