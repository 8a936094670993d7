import type { Platform } from '../domain/roles.js';
import type { Reply } from './reply.js';

/** A chat on a platform the bot can post to. */
export interface ChatAddress {
  platform: Platform;
  chatId: string;
}

/**
 * What became of a message the bot sent on its own (a reminder, a summary). `permanent` failures
 * — the person blocked the bot, never opened a chat with it, the chat is gone — are not retried.
 */
export type DeliveryResult =
  { ok: true } | { ok: false; reason: 'blocked' | 'not-found' | 'rate-limited' | 'failed'; permanent: boolean; detail?: string };

/** Sends one reply to one chat on one platform (Telegram, Zalo, the playground). */
export interface Messenger {
  readonly platform: Platform;
  send(to: ChatAddress, reply: Reply): Promise<DeliveryResult>;
}

/** Sends through whichever messenger serves the chat's platform. */
export type Deliver = (to: ChatAddress, reply: Reply) => Promise<DeliveryResult>;

/** Routes each message to its platform's messenger; a platform not running is a permanent failure. */
export function createDeliver(messengers: readonly Messenger[]): Deliver {
  const byPlatform = new Map(messengers.map((m) => [m.platform, m]));
  return async (to, reply) => {
    const messenger = byPlatform.get(to.platform);
    if (!messenger) return { ok: false, reason: 'not-found', permanent: true, detail: `no ${to.platform} transport running` };
    try {
      return await messenger.send(to, reply);
    } catch (err) {
      return { ok: false, reason: 'failed', permanent: false, detail: err instanceof Error ? err.message : String(err) };
    }
  };
}
