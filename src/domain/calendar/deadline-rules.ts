import { localDate, parseLocalDate, type LocalDate } from '../vietnam-time.js';
import type { CutOffWindow } from '../period.js';
import type { WorkingCalendar } from './working-days.js';

/**
 * How a period's deadline is set:
 * - `fixed`: a given day;
 * - `day-of-last-month`: day N of the month the cut-off ends in (the period's last month), clamped
 *   to that month's length, e.g. cut-off ending 14/6 with N = 18 → 18/6;
 * - `working-days-after-cutoff`: the N-th working day strictly after the cut-off ends.
 */
export type DeadlineRule =
  { kind: 'fixed'; date: LocalDate } | { kind: 'day-of-last-month'; day: number } | { kind: 'working-days-after-cutoff'; days: number };

/** What to do when a deadline lands on a weekend or holiday: leave it, or move it to the previous or next working day. */
export type NonWorkingDayPolicy = 'keep' | 'previous' | 'next';

/**
 * `next`, because Civil Code 2015 Art. 148.5 ends a time limit that falls on a day off at the end
 * of the following working day; an agency cannot be late for a day its office is closed.
 */
export const DEFAULT_NON_WORKING_DAY_POLICY: NonWorkingDayPolicy = 'next';

function nominalDeadline(rule: DeadlineRule, window: CutOffWindow, calendar: WorkingCalendar): LocalDate {
  switch (rule.kind) {
    case 'fixed':
      if (!parseLocalDate(rule.date)) throw new RangeError(`deadline: not a calendar date: ${rule.date}`);
      return rule.date;
    case 'day-of-last-month': {
      if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > 31)
        throw new RangeError(`deadline: day of month must be 1–31, not ${rule.day}`);
      const end = parseLocalDate(window.to);
      if (!end) throw new RangeError(`cut-off: not a calendar date: ${window.to}`);
      // Day 0 of the next month is the last day of this one.
      const lastDay = Number(localDate(end.year, end.month + 1, 0).slice(8, 10));
      return localDate(end.year, end.month, Math.min(rule.day, lastDay));
    }
    case 'working-days-after-cutoff':
      if (!Number.isInteger(rule.days) || rule.days < 1)
        throw new RangeError(`deadline: working days after the cut-off must be a whole number ≥ 1, not ${rule.days}`);
      return calendar.addWorkingDays(window.to, rule.days);
  }
}

/** The deadline day of a period under a rule, moved off a non-working day as the policy says. */
export function resolveDeadline(
  rule: DeadlineRule,
  window: CutOffWindow,
  policy: NonWorkingDayPolicy,
  calendar: WorkingCalendar,
): LocalDate {
  const day = nominalDeadline(rule, window, calendar);
  switch (policy) {
    case 'keep':
      return day;
    case 'previous':
      return calendar.workingDayOnOrBefore(day);
    case 'next':
      return calendar.workingDayOnOrAfter(day);
  }
}
