import { nextOfficeTime, type OfficeHours, type WorkingCalendar } from '../calendar/index.js';
import { addDays, compareLocalDates, localDateAt, startOfLocalDay, weekday, type LocalDate } from '../vietnam-time.js';
import type { Period } from '../period.js';

/**
 * When the coordinators get a period's summary (plan file `summaries:`). Off unless configured:
 * the weekly digest. Always on: the summary at the deadline and the final one a working day later.
 */
export interface SummaryPolicy {
  /** `HH:mm` of the deadline and final summaries; absent: half an hour before office hours end. */
  readonly deadlineAt?: string;
  /** A digest every week while a period is open, on `weekday` at `at`. */
  readonly weeklyDigest: boolean;
  /** 1 = Monday … 7 = Sunday (ISO). A digest falling on a day off goes out the next working day. */
  readonly weekday: number;
  readonly at: string;
}

export const DEFAULT_SUMMARY_POLICY: SummaryPolicy = { weeklyDigest: false, weekday: 1, at: '08:00' };

/**
 * `weekly`: a digest while the period is open; `deadline`: on the deadline day (what came in, who
 * is missing); `final`: one working day after the deadline, with the late ones.
 */
export type SummaryKind = 'weekly' | 'deadline' | 'final';

export interface SummarySlot {
  kind: SummaryKind;
  /** The day the slot belongs to (part of its ledger key). */
  day: LocalDate;
  dueAt: number;
  /** The sent-ledger key (see summaryKey). */
  key: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;

function minuteOf(value: string, what: string): number {
  const m = HH_MM.exec(value);
  if (!m) throw new RangeError(`summary policy: ${what} must be a time HH:mm, not ${value}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Half an hour before the last office window closes (16:30 for windows ending 17:00), in minutes. */
export function defaultDeadlineMinute(officeHours: OfficeHours): number {
  const ends = officeHours.windows.map((w) => minuteOf(w.end === '24:00' ? '23:59' : w.end, 'an office window end'));
  const starts = officeHours.windows.map((w) => minuteOf(w.start, 'an office window start'));
  const last = Math.max(...ends);
  const lastStart = Math.max(...starts.filter((s) => s < last));
  return Math.max(lastStart, last - 30);
}

function part(value: string, what: string): string {
  if (value === '' || value.includes(':')) throw new RangeError(`summary key: ${what} must be non-empty and without ':', got "${value}"`);
  return value;
}

/** `sum:<periodId>:<kind>:<day>`, e.g. `sum:2025-6-thang:final:2025-06-19`. */
export function summaryKey(periodId: string, kind: SummaryKind, day: LocalDate): string {
  return `sum:${part(periodId, 'period id')}:${kind}:${day}`;
}

/** `sum:<periodId>:addendum:<agencyId>:<revision>`: a report that came after the final summary. */
export function addendumKey(periodId: string, agencyId: string, revision: number): string {
  return `sum:${part(periodId, 'period id')}:addendum:${part(agencyId, 'agency id')}:${revision}`;
}

/** Where the scheduler notes when a period's final summary was actually made (epoch ms as text). */
export function finalSummaryMetaKey(periodId: string): string {
  return `summary:final:${periodId}`;
}

function computeSlots(period: Period, policy: SummaryPolicy, officeHours: OfficeHours, calendar: WorkingCalendar): SummarySlot[] {
  const minute = policy.deadlineAt ? minuteOf(policy.deadlineAt, 'deadline_at') : defaultDeadlineMinute(officeHours);
  // On a day off the time of day is kept and the day moves to the next working day.
  const at = (day: LocalDate, m: number) =>
    nextOfficeTime(startOfLocalDay(calendar.workingDayOnOrAfter(day)) + m * MINUTE_MS, officeHours, calendar);
  // A deadline on a day off (the `keep` policy) is summed up on the last working day before it.
  const deadlineDay = calendar.workingDayOnOrBefore(period.deadline);
  const finalDay = calendar.nextWorkingDay(period.deadline);
  const deadline: SummarySlot = {
    kind: 'deadline',
    day: deadlineDay,
    dueAt: at(deadlineDay, minute),
    key: summaryKey(period.id, 'deadline', deadlineDay),
  };
  const final: SummarySlot = { kind: 'final', day: finalDay, dueAt: at(finalDay, minute), key: summaryKey(period.id, 'final', finalDay) };
  const slots: SummarySlot[] = [];
  if (policy.weeklyDigest) {
    if (!Number.isInteger(policy.weekday) || policy.weekday < 1 || policy.weekday > 7)
      throw new RangeError(`summary policy: weekday must be 1 (Monday) … 7 (Sunday), not ${policy.weekday}`);
    const weeklyMinute = minuteOf(policy.at, 'at');
    const wanted = policy.weekday % 7;
    let day = period.opensOn;
    while (weekday(day) !== wanted) day = addDays(day, 1);
    for (; compareLocalDates(day, deadlineDay) < 0; day = addDays(day, 7)) {
      const dueAt = at(day, weeklyMinute);
      if (dueAt < deadline.dueAt) slots.push({ kind: 'weekly', day, dueAt, key: summaryKey(period.id, 'weekly', day) });
    }
  }
  slots.push(deadline, final);
  return slots.sort((a, b) => a.dueAt - b.dueAt);
}

const memo = new WeakMap<WorkingCalendar, WeakMap<SummaryPolicy, Map<string, readonly SummarySlot[]>>>();

/**
 * A period's summary slots in send order: weekly digests (when on) while it is open, the deadline
 * summary, the final summary. Every slot falls in office hours of a working day. Cached per
 * calendar and policy object (treat both as immutable) and the period's id and dates.
 */
export function summarySlots(
  period: Period,
  policy: SummaryPolicy,
  officeHours: OfficeHours,
  calendar: WorkingCalendar,
): readonly SummarySlot[] {
  let byPolicy = memo.get(calendar);
  if (!byPolicy) memo.set(calendar, (byPolicy = new WeakMap()));
  let byPeriod = byPolicy.get(policy);
  if (!byPeriod) byPolicy.set(policy, (byPeriod = new Map<string, readonly SummarySlot[]>()));
  const key = `${period.id}|${period.deadline}|${period.opensOn}|${officeHours.windows.map((w) => `${w.start}-${w.end}`).join(',')}`;
  let slots = byPeriod.get(key);
  if (!slots) byPeriod.set(key, (slots = Object.freeze(computeSlots(period, policy, officeHours, calendar).map((s) => Object.freeze(s)))));
  return slots;
}

/**
 * The slots to send in (fromMs, toMs]. A late window (the scheduler was down) sends only the latest
 * of the deadline and final summaries, and a weekly digest only on its own day and only when no
 * deadline or final summary is due with it: the newest picture supersedes the older ones.
 */
export function dueSummarySlots(slots: readonly SummarySlot[], fromMs: number, toMs: number, today: LocalDate): SummarySlot[] {
  const inWindow = slots.filter((s) => s.dueAt > fromMs && s.dueAt <= toMs);
  const main = inWindow.filter((s) => s.kind !== 'weekly');
  const latestMain = main[main.length - 1];
  if (latestMain) return [latestMain];
  const weekly = inWindow.filter((s) => s.kind === 'weekly');
  const latestWeekly = weekly[weekly.length - 1];
  return latestWeekly && localDateAt(latestWeekly.dueAt) === today ? [latestWeekly] : [];
}
