import type { Delegation } from '../../domain/delegation.js';

/** Who acts for an agency's head while away: one delegation per agency at a time. */
export interface Delegations {
  /**
   * Sets an agency's delegation, replacing any earlier one. Kept until cleared, even past `endsOn`:
   * whether it holds on a day is for the caller to judge (`delegationHolds`).
   */
  set(delegation: Delegation): Promise<void>;
  get(agencyId: string): Promise<Delegation | undefined>;
  /** True when a delegation existed. */
  clear(agencyId: string): Promise<boolean>;
}
