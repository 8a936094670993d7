import type { Clock } from '../../domain/clock.js';
import { accountId } from '../../domain/roles.js';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';

/**
 * Remembers that a person cannot be written to on Zalo (blocked the bot, or unknown to Zalo), so
 * `/status` and `/coquan` show coordinators who is out of reach. Only people who hold a role (or were
 * already known) are recorded; writing to the bot again makes them reachable (touchContact).
 */
export async function recordZaloUnreachable(store: Store, clock: Clock, logger: Logger, userId: string, reason: 'blocked' | 'not-found'): Promise<boolean> {
  const account = accountId('zalo', userId);
  const known = await store.getContact(account);
  if (known && !known.reachable && known.unreachableReason === reason) return false;
  let name = known?.name;
  if (!name) {
    const grants = await store.rolesOf(account);
    if (grants.length === 0) return false;
    name = grants.find((g) => g.name)?.name ?? account;
  }
  await store.putContact({ account, name, reachable: false, unreachableReason: reason, unreachableSince: clock.now(), ...(known?.lastSeenAt ? { lastSeenAt: known.lastSeenAt } : {}) });
  logger.info({ account, reason }, 'zalo: person cannot be written to; recorded');
  return true;
}
