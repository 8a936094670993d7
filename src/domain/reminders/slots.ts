import { nextOfficeTime, type WorkingCalendar } from '../calendar/index.js';
import { compareLocalDates, startOfLocalDay, type LocalDate } from '../vietnam-time.js';
import type { Period } from '../period.js';
import { checkReminderPolicy, sendMinute, type ReminderPolicy } from './policy.js';

/** Reminders go to each agency still owing a report; the escalation goes to the coordinator chat. */
export type ReminderKind = 'before' | 'deadline-day' | 'overdue';
export type SlotKind = ReminderKind | 'escalation';

/** One moment in a period's life when the bot speaks up. */
export interface ReminderSlot {
  kind: SlotKind;
  /** `before`: working days before the deadline; `overdue`: the n-th overdue reminder (1-based). */
  n?: number;
  /** The working day the slot belongs to, Vietnam time. */
  day: LocalDate;
  /** When to send: `policy.at` on `day`, or the next office time when that is outside office hours. */
  dueAt: number;
  /**
   * calendar.workingDaysBetween(day, deadline): the working days really left (negative: late). For
   * a deadline on a day off a `before` slot's count is n − 1, since the deadline day itself is off.
   */
  daysToDeadline: number;
}

/** Later kinds win a shared day: the deadline-day reminder says more than "1 working day left". */
const RANK: Readonly<Record<SlotKind, number>> = { before: 0, 'deadline-day': 1, overdue: 2, escalation: 3 };

type Draft = Pick<ReminderSlot, 'kind' | 'n' | 'day'>;

function reminderDrafts(period: Period, policy: ReminderPolicy, calendar: WorkingCalendar): Draft[] {
  const { deadline } = period;
  const drafts: Draft[] = policy.before.map((n) => ({ kind: 'before', n, day: calendar.addWorkingDays(deadline, -n) }));
  // A deadline on a day off (only under the 'keep' deadline policy) is still "today" to the agency
  // on the last working day before it: that is their last chance at the office.
  if (policy.onDeadlineDay) drafts.push({ kind: 'deadline-day', day: calendar.workingDayOnOrBefore(deadline) });
  if (policy.overdue.everyWorkingDay) {
    let day = deadline;
    for (let n = 1; n <= policy.overdue.maxTimes; n++) {
      day = calendar.nextWorkingDay(day);
      drafts.push({ kind: 'overdue', n, day });
    }
  }
  // One reminder a day at most: on a shared day keep the latest kind.
  const byDay = new Map<LocalDate, Draft>();
  for (const d of drafts) {
    const kept = byDay.get(d.day);
    if (!kept || RANK[d.kind] > RANK[kept.kind]) byDay.set(d.day, d);
  }
  return [...byDay.values()];
}

/** Orders slots by send time; on a tie the later kind, then the one nearer the end, comes last. */
export function compareSlots(a: ReminderSlot, b: ReminderSlot): number {
  if (a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  return compareLocalDates(a.day, b.day);
}

function computeSlots(period: Period, policy: ReminderPolicy, calendar: WorkingCalendar): ReminderSlot[] {
  const minuteMs = sendMinute(policy) * 60_000;
  const drafts = reminderDrafts(period, policy, calendar);
  if (policy.escalateAfter !== null)
    drafts.push({ kind: 'escalation', day: calendar.addWorkingDays(period.deadline, policy.escalateAfter) });
  return drafts
    .filter((d) => compareLocalDates(d.day, period.opensOn) >= 0)
    .map((d): ReminderSlot => ({
      ...d,
      dueAt: nextOfficeTime(startOfLocalDay(d.day) + minuteMs, policy.officeHours, calendar),
      daysToDeadline: calendar.workingDaysBetween(d.day, period.deadline),
    }))
    .sort(compareSlots);
}

// Working-day and time-zone arithmetic costs ~1 ms a period, and a scheduler asks every minute for
// the same answer; slots depend only on the calendar, the policy and these two days of the period.
const memo = new WeakMap<WorkingCalendar, WeakMap<ReminderPolicy, Map<string, readonly ReminderSlot[]>>>();

/**
 * Every slot of one period, in send order: reminders `before` (T−n working days), `deadline-day`,
 * `overdue` 1…maxTimes (the n-th working day after the deadline) and one `escalation` (escalateAfter
 * working days after). Slot days are always working days. Nothing before the period opens is kept.
 * Results are cached per calendar and policy object, so treat both as immutable. Throws RangeError
 * for a malformed policy or period.
 */
export function periodSlots(period: Period, policy: ReminderPolicy, calendar: WorkingCalendar): readonly ReminderSlot[] {
  let byPolicy = memo.get(calendar);
  if (!byPolicy) memo.set(calendar, (byPolicy = new WeakMap()));
  let byPeriod = byPolicy.get(policy);
  if (!byPeriod) {
    checkReminderPolicy(policy);
    byPolicy.set(policy, (byPeriod = new Map<string, readonly ReminderSlot[]>()));
  }
  const key = `${period.deadline}|${period.opensOn}`;
  let slots = byPeriod.get(key);
  if (!slots) byPeriod.set(key, (slots = Object.freeze(computeSlots(period, policy, calendar).map((s) => Object.freeze(s)))));
  return slots;
}
