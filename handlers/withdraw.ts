import type { AccountId } from '../src/domain/roles.js';
import { recordAudit } from './audit/record-audit.js';
import type { Services } from './services.js';
import { endWebSessions } from './web.js';

/**
 * Withdrawing a person: everything their standing gave them goes with it, so that a revoked grant
 * stays revoked. Today that is
 *   - the codes they issued and nobody has used yet (a coordinator's invites, a head's group codes,
 *     an account-link code): revoked, each written to the audit log;
 *   - the codes they used themselves: from now on presenting one again grants nothing (see
 *     `withdrawnSince`; a code counts as "mine again" only when used after the last withdrawal).
 *   - their web dashboard sessions: ended at once.
 * Every revocation path (/thuhoi today) withdraws all of these through `WITHDRAWERS` without knowing of them.
 */
export interface Withdrawal {
  account: AccountId;
  /** Who withdrew them (an administrator), for the audit log. */
  by: AccountId | 'system';
  at: number;
}

/** One kind of thing a person holds that a revocation takes away; returns how many were withdrawn. */
export type Withdrawer = (services: Services, withdrawal: Withdrawal) => Promise<number>;

/** Where the time of a person's last withdrawal is kept (the store's meta space). */
export function withdrawnKey(account: AccountId): string {
  return `withdrawn:${account}`;
}

const markWithdrawn: Withdrawer = async (services, { account, at }) => {
  await services.store.settings.set(withdrawnKey(account), String(at));
  return 1;
};

const revokeIssuedInvites: Withdrawer = async (services, { account, by, at }) => {
  let revoked = 0;
  for (const invite of await services.store.invites.listOpen()) {
    if (invite.createdBy !== account) continue;
    if (await services.store.invites.revoke(invite.id, by === 'system' ? account : by, at)) {
      revoked++;
      await recordAudit(services, by, 'invite.revoked', invite.hint, `người tạo mã (${account}) bị thu hồi vai trò`);
    }
  }
  return revoked;
};

const endSessions: Withdrawer = async (services, { account }) => {
  await endWebSessions(services, account);
  return 1;
};

/** In order: the mark first, so that a crash half-way leaves the person's old codes already dead. */
export const WITHDRAWERS: Withdrawer[] = [markWithdrawn, endSessions, revokeIssuedInvites];

/** Withdraws everything of `account` that a revocation must take away (see above). */
export async function withdrawEverythingOf(services: Services, withdrawal: Withdrawal): Promise<void> {
  for (const withdraw of WITHDRAWERS) await withdraw(services, withdrawal);
}

/** True when `account` was withdrawn at or after `at`: a code they used before then grants nothing now. */
export async function withdrawnSince(services: Services, account: AccountId, at: number): Promise<boolean> {
  const stored = await services.store.settings.get(withdrawnKey(account));
  return stored !== undefined && Number(stored) >= at;
}
