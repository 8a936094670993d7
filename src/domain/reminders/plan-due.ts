import type { WorkingCalendar } from '../calendar/index.js';
import type { LocalDate } from '../vietnam-time.js';
import type { Period } from '../period.js';
import { escalationKey, reminderKey } from './keys.js';
import type { ReminderPolicy } from './policy.js';
import { periodSlots, type ReminderKind, type ReminderSlot } from './slots.js';

interface DueBase {
  /** The sent-ledger key: claim and mark it so the item goes out exactly once (format in keys.ts). */
  key: string;
  periodId: string;
  /** `before`: working days before the deadline; `overdue`: the n-th overdue reminder. */
  n?: number;
  slotDay: LocalDate;
  dueAt: number;
  /** Working days from the slot day to the deadline; negative when overdue. */
  daysToDeadline: number;
}

/** A reminder to one agency that has not reported (to its head's or deputy's DM and/or its group, per policy.channels). */
export interface ReminderDue extends DueBase {
  kind: ReminderKind;
  agencyId: string;
  missingAgencies?: never;
}

/** The one-off message to the coordinator chat naming the agencies still missing. */
export interface EscalationDue extends DueBase {
  kind: 'escalation';
  missingAgencies: string[];
  agencyId?: never;
}

/** Something the scheduler should send now. */
export type DueItem = ReminderDue | EscalationDue;

/** What the planner needs; `agencies` are the ids that must report (see reportingAgencies). */
export interface PlanDueInput {
  periods: readonly Period[];
  policy: ReminderPolicy;
  calendar: WorkingCalendar;
  /** The window (fromMs, toMs]: since the last tick, up to now. */
  fromMs: number;
  toMs: number;
  /** Whether an agency has reported for a period (asked only for periods with something due). */
  reported: (periodId: string, agencyId: string) => boolean;
  agencies: readonly string[];
}

function checkWindow(fromMs: number, toMs: number): void {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs)
    throw new RangeError(`reminder window must be finite with from ≤ to, got (${fromMs}, ${toMs}]`);
}

function reminderItem(periodId: string, agencyId: string, slot: ReminderSlot & { kind: ReminderKind }): ReminderDue {
  return {
    key: reminderKey(periodId, agencyId, slot.kind, slot.n, slot.day),
    kind: slot.kind,
    periodId,
    agencyId,
    ...(slot.n === undefined ? {} : { n: slot.n }),
    slotDay: slot.day,
    dueAt: slot.dueAt,
    daysToDeadline: slot.daysToDeadline,
  };
}

function isReminder(slot: ReminderSlot): slot is ReminderSlot & { kind: ReminderKind } {
  return slot.kind !== 'escalation';
}

/**
 * What falls due in (fromMs, toMs]: per period, one reminder per agency that has not reported and
 * one escalation listing them. When the window holds several reminder slots of a period (the
 * scheduler was down), only the latest is sent: an agency gets "1 working day left", not also the
 * stale "3 working days left". The escalation is separate and still goes out if its slot is in the
 * window. No escalation when nobody is missing; no reminders when both channels are off. Items come
 * in the order of `periods`, then `agencies`. Slots are worked out once per period, not per agency.
 */
export function planDue(input: PlanDueInput): DueItem[] {
  const { policy, calendar, fromMs, toMs } = input;
  checkWindow(fromMs, toMs);
  // De-duplicated only when a period has something due: most one-minute ticks have nothing.
  let unique: string[] | undefined;
  const agencies = () => (unique ??= [...new Set(input.agencies)]);
  const remind = policy.channels.dm || policy.channels.group;
  const items: DueItem[] = [];
  for (const period of input.periods) {
    let latest: (ReminderSlot & { kind: ReminderKind }) | undefined;
    let escalation: ReminderSlot | undefined;
    for (const slot of periodSlots(period, policy, calendar)) {
      if (slot.dueAt <= fromMs || slot.dueAt > toMs) continue;
      // Slots come in send order, so the last one seen is the latest.
      if (isReminder(slot)) latest = slot;
      else escalation = slot;
    }
    if (!(latest && remind) && !escalation) continue;
    const missing = agencies().filter((agencyId) => !input.reported(period.id, agencyId));
    if (latest && remind) for (const agencyId of missing) items.push(reminderItem(period.id, agencyId, latest));
    if (escalation && missing.length > 0) {
      items.push({
        key: escalationKey(period.id, escalation.day),
        kind: 'escalation',
        periodId: period.id,
        missingAgencies: missing,
        slotDay: escalation.day,
        dueAt: escalation.dueAt,
        daysToDeadline: escalation.daysToDeadline,
      });
    }
  }
  return items;
}

/** What nextDue needs; without `agencies` every period is taken to have someone still to report. */
export interface NextDueInput {
  periods: readonly Period[];
  policy: ReminderPolicy;
  calendar: WorkingCalendar;
  afterMs: number;
  agencies?: readonly string[];
  reported?: (periodId: string, agencyId: string) => boolean;
}

/** The next slot that would produce a message, with its period. */
export interface NextDue {
  periodId: string;
  slot: ReminderSlot;
}

/**
 * The earliest slot after `afterMs` that planDue would turn into a message, so a status line can
 * say when the bot speaks next; undefined when nothing is left. Consistent with planDue:
 * planDue over (afterMs, dueAt] is non-empty and over (afterMs, dueAt − 1] empty.
 */
export function nextDue(input: NextDueInput): NextDue | undefined {
  const { policy, calendar, afterMs, agencies, reported } = input;
  if (!Number.isFinite(afterMs)) throw new RangeError(`afterMs must be finite, got ${afterMs}`);
  const remind = policy.channels.dm || policy.channels.group;
  let best: NextDue | undefined;
  for (const period of input.periods) {
    const someoneMissing = agencies === undefined || agencies.some((agencyId) => !(reported?.(period.id, agencyId) ?? false));
    if (!someoneMissing) continue;
    const slot = periodSlots(period, policy, calendar).find((s) => s.dueAt > afterMs && (remind || s.kind === 'escalation'));
    if (slot && (!best || slot.dueAt < best.slot.dueAt)) best = { periodId: period.id, slot };
  }
  return best;
}

/** When the bot next sends a reminder or escalation after `afterMs` (epoch ms), or undefined. */
export function nextDueAt(input: NextDueInput): number | undefined {
  return nextDue(input)?.slot.dueAt;
}
