import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../calendar/index.js';

/** When the bot reminds agencies of a period's deadline, where the reminders go, and when it tells the coordinator. */
export interface ReminderPolicy {
  /** Working days before the deadline to remind on, each a whole number ≥ 1, e.g. [7, 3, 1]. */
  readonly before: readonly number[];
  /** Also remind on the morning of the deadline day (the previous working day when the deadline is a day off). */
  readonly onDeadlineDay: boolean;
  /** Time of day to send, `HH:mm` Vietnam time; outside office hours a reminder waits for the next office time. */
  readonly at: string;
  /** After the deadline, remind on each of the first `maxTimes` working days; `everyWorkingDay: false` sends none. */
  readonly overdue: { readonly everyWorkingDay: boolean; readonly maxTimes: number };
  /** Working days late after which the coordinator chat is told, once per period; null never tells it. */
  readonly escalateAfter: number | null;
  readonly officeHours: OfficeHours;
  /** Where an agency's reminders go: its head's (or deputy's) private chat and/or the agency's group. */
  readonly channels: { readonly dm: boolean; readonly group: boolean };
  /**
   * Who of an agency is reminded in private (plan `reminders.recipients`): its heads, its registered
   * deputies, or both. Absent means both. Whether groups get reminders is `channels.group`.
   */
  readonly recipients?: readonly ReminderRecipientRole[];
}

export type ReminderRecipientRole = 'head' | 'deputy';

/** Heads and registered deputies are both reminded unless the plan says otherwise. */
export const DEFAULT_REMINDER_RECIPIENTS: readonly ReminderRecipientRole[] = ['head', 'deputy'];

/** Whether a person in this role is reminded privately under the policy. */
export function remindsRole(policy: Pick<ReminderPolicy, 'channels' | 'recipients'>, role: ReminderRecipientRole): boolean {
  return policy.channels.dm && (policy.recipients ?? DEFAULT_REMINDER_RECIPIENTS).includes(role);
}

/**
 * A week, three days and one day ahead, then the deadline morning, then a working week of nudges:
 * enough for an office that handles paper dispatches weekly, not so much that it mutes the bot.
 */
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  before: [7, 3, 1],
  onDeadlineDay: true,
  at: '08:00',
  overdue: { everyWorkingDay: true, maxTimes: 5 },
  escalateAfter: 3,
  officeHours: DEFAULT_OFFICE_HOURS,
  channels: { dm: true, group: true },
  recipients: DEFAULT_REMINDER_RECIPIENTS,
};

const HH_MM = /^(\d{2}):(\d{2})$/;

/** Minutes after local midnight of `policy.at`; throws RangeError when it is not a time of day. */
export function sendMinute(policy: ReminderPolicy): number {
  const m = HH_MM.exec(policy.at);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 23 || min > 59) throw new RangeError(`reminder policy: "at" must be a time HH:mm, not ${policy.at}`);
  return h * 60 + min;
}

function wholeAtLeast(value: number, min: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`reminder policy: ${what} must be a whole number ≥ ${min}, not ${value}`);
}

/**
 * Throws RangeError for a policy the planner cannot follow (malformed office hours throw when first
 * used). The planner checks on every run, so a bad config fails the first tick loudly rather than
 * quietly sending nothing.
 */
export function checkReminderPolicy(policy: ReminderPolicy): void {
  for (const n of policy.before) wholeAtLeast(n, 1, 'each "before" entry');
  sendMinute(policy);
  wholeAtLeast(policy.overdue.maxTimes, 0, 'overdue.maxTimes');
  if (policy.escalateAfter !== null) wholeAtLeast(policy.escalateAfter, 1, 'escalateAfter');
}
