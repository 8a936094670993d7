import type { Clock } from '../../domain/clock.js';
import { accountId } from '../../domain/roles.js';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';
import { recordUnreachableAccount } from '../core/record-unreachable.js';

/** A Telegram user who blocked the bot (a 403, or my_chat_member "kicked") or never opened a chat with it. */
export function recordUnreachable(
  store: Store,
  clock: Clock,
  logger: Logger,
  userId: string,
  reason: 'blocked' | 'not-found',
): Promise<boolean> {
  return recordUnreachableAccount(store, clock, logger, accountId('telegram', userId), reason);
}
