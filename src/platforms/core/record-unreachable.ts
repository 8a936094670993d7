import type { Clock } from '../../domain/clock.js';
import type { AccountId } from '../../domain/roles.js';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';

/**
 * Remembers that a person cannot be written to privately — they blocked the bot or never opened a
 * chat with it — so `/status` and `/coquan` can show coordinators who is out of reach. Only people
 * who hold a role (or were already known) are recorded; strangers leave no trace. Writing to the bot
 * again makes them reachable (touchContact). True when something was recorded.
 */
export async function recordUnreachableAccount(
  store: Store,
  clock: Clock,
  logger: Logger,
  account: AccountId,
  reason: 'blocked' | 'not-found',
): Promise<boolean> {
  const known = await store.contacts.get(account);
  if (known && !known.reachable && known.unreachableReason === reason) return false;
  let name = known?.name;
  if (!name) {
    const grants = await store.people.rolesOf(account);
    if (grants.length === 0) return false;
    name = grants.find((g) => g.name)?.name ?? account;
  }
  await store.contacts.put({
    account,
    name,
    reachable: false,
    unreachableReason: reason,
    unreachableSince: clock.now(),
    ...(known?.lastSeenAt ? { lastSeenAt: known.lastSeenAt } : {}),
  });
  logger.info({ account, reason }, 'person cannot be written to privately; recorded');
  return true;
}
