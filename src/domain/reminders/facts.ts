import type { WorkingCalendar } from '../calendar/index.js';
import { compareLocalDates, daysBetween, localDateAt, type LocalDate } from '../vietnam-time.js';
import type { CutOffWindow, Period } from '../period.js';
import type { DueItem } from './plan-due.js';
import type { SlotKind } from './slots.js';

/** Everything a reminder or escalation text needs to say, as data; the wording lives in src/texts. */
export interface ReminderMessageFacts {
  kind: SlotKind;
  n?: number;
  campaignId: string;
  periodId: string;
  periodName: string;
  cutoff: CutOffWindow;
  /** Reports are due by the end of this day. */
  deadline: LocalDate;
  /** The day the message goes out, Vietnam time. */
  today: LocalDate;
  /** Working days from today to the deadline: 0 on the deadline day, negative = working days late. */
  workingDaysLeft: number;
  /** Calendar days from today to the deadline, negative when past it. */
  calendarDaysLeft: number;
  /** Today is after the deadline day. */
  overdue: boolean;
  agencyId?: string;
  missingAgencies?: readonly string[];
}

/**
 * The facts for one DueItem as of `sendAtMs` (default: its dueAt). Counted from the send day, not
 * the slot day, so a message sent late after a scheduler outage still states the truth.
 * Throws RangeError when `period` is not the item's period.
 */
export function reminderMessageFacts(
  item: DueItem,
  period: Period,
  calendar: WorkingCalendar,
  sendAtMs: number = item.dueAt,
): ReminderMessageFacts {
  if (period.id !== item.periodId) throw new RangeError(`reminder facts: item is for period ${item.periodId}, not ${period.id}`);
  const today = localDateAt(sendAtMs);
  return {
    kind: item.kind,
    ...(item.n === undefined ? {} : { n: item.n }),
    campaignId: period.campaignId,
    periodId: period.id,
    periodName: period.name,
    cutoff: period.cutoff,
    deadline: period.deadline,
    today,
    workingDaysLeft: calendar.workingDaysBetween(today, period.deadline),
    calendarDaysLeft: daysBetween(today, period.deadline),
    overdue: compareLocalDates(today, period.deadline) > 0,
    ...(item.agencyId === undefined ? {} : { agencyId: item.agencyId }),
    ...(item.missingAgencies === undefined ? {} : { missingAgencies: item.missingAgencies }),
  };
}
