import type { AccountId } from '../../domain/roles.js';
import type { Invite, RedeemResult } from '../../domain/invite.js';

/**
 * Invite codes: single use, only the code's hash stored.
 *
 * An invite is kept, used or not, for its lifetime (expiresAt − createdAt) plus 30 days counted
 * from when it was stored (INVITE_RETENTION_MS in records.ts), then forgotten: `get` returns
 * undefined and redeeming it says `unknown`. The audit log is the lasting record.
 */
export interface Invites {
  /**
   * Stores a new invite; rejects if an invite with that id is still kept. Rejects with a RangeError
   * an invite already used or revoked, one that expires before it is created, or one whose kind and
   * agency do not fit (head, deputy and agency-group invites name an agency, the others do not).
   */
  create(invite: Invite): Promise<void>;
  get(id: string): Promise<Invite | undefined>;
  /**
   * Atomically marks a pending invite used by `account` at `at`. Exactly one of several concurrent
   * redeemers succeeds; the others get `used`. Decided in the order used, revoked, expired
   * (expiresAt <= at); every failure but `unknown` carries the invite as stored.
   */
  redeem(id: string, account: AccountId, at: number): Promise<RedeemResult>;
  /**
   * Revokes an invite that is neither used nor revoked (an expired one too, which takes it off the
   * open list); false when there was none such (used, already revoked, unknown).
   */
  revoke(id: string, by: AccountId, at: number): Promise<boolean>;
  /** Invites not yet used or revoked, newest first (by createdAt, then id); expired ones until forgotten. */
  listOpen(): Promise<Invite[]>;
}
