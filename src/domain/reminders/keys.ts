import type { LocalDate } from '../vietnam-time.js';
import type { ReminderKind } from './slots.js';

function part(value: string, what: string): string {
  // Plan ids are a–z, 0–9 and '-', so a ':' can only mean a bug; refusing it keeps keys unambiguous.
  if (value === '' || value.includes(':')) throw new RangeError(`reminder key: ${what} must be non-empty and without ':', got "${value}"`);
  return value;
}

/**
 * The sent-ledger key of one agency's reminder:
 * `rem:<periodId>:<agencyId>:<kind>[:<n>]:<slotDay>`, e.g. `rem:2025-6-thang:so-y-te:before:3:2025-06-13`
 * or `rem:2025-6-thang:so-y-te:deadline-day:2025-06-18`. `n` is there for `before` and `overdue`.
 * The slot day is part of the key so that moving a deadline re-arms the reminders of the new dates
 * instead of finding them "already sent".
 */
export function reminderKey(periodId: string, agencyId: string, kind: ReminderKind, n: number | undefined, slotDay: LocalDate): string {
  const count = n === undefined ? '' : `:${n}`;
  return `rem:${part(periodId, 'period id')}:${part(agencyId, 'agency id')}:${kind}${count}:${slotDay}`;
}

/** The sent-ledger key of a period's escalation to the coordinator: `esc:<periodId>:<slotDay>`. */
export function escalationKey(periodId: string, slotDay: LocalDate): string {
  return `esc:${part(periodId, 'period id')}:${slotDay}`;
}
