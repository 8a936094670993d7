import type { Clock } from '../../domain/clock.js';
import { accountId } from '../../domain/roles.js';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';
import { recordUnreachableAccount } from '../core/record-unreachable.js';

/** A Zalo user who blocked the bot or is unknown to Zalo. */
export function recordZaloUnreachable(
  store: Store,
  clock: Clock,
  logger: Logger,
  userId: string,
  reason: 'blocked' | 'not-found',
): Promise<boolean> {
  return recordUnreachableAccount(store, clock, logger, accountId('zalo', userId), reason);
}
