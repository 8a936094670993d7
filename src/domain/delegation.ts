import { compareLocalDates, type LocalDate } from './vietnam-time.js';
import type { AccountId } from './roles.js';

/**
 * A head's ủy quyền to a deputy for a date range: while it holds, reminders go to the deputy and the
 * deputy's report counts as the agency's without the head's sign-off. It ends by itself.
 */
export interface Delegation {
  agencyId: string;
  from: AccountId;
  fromName: string;
  to: AccountId;
  toName: string;
  /** First and last day, inclusive, Vietnam calendar days. */
  startsOn: LocalDate;
  endsOn: LocalDate;
  createdAt: number;
}

/** Whether a delegation covers a day. */
export function delegationHolds(delegation: Delegation, today: LocalDate): boolean {
  return compareLocalDates(delegation.startsOn, today) <= 0 && compareLocalDates(today, delegation.endsOn) <= 0;
}

/** A delegation that has not ended yet (it may start later). */
export function delegationCurrentOrFuture(delegation: Delegation, today: LocalDate): boolean {
  return compareLocalDates(today, delegation.endsOn) <= 0;
}
