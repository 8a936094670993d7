import type { Update } from 'grammy/types';
import type { Router } from '../../../handlers/router.js';
import type { Clock } from '../../domain/clock.js';
import { PLATFORMS, type Platform } from '../../domain/roles.js';
import type { Logger } from '../../logging/logger.js';
import type { Deliver } from '../../messaging/delivery.js';
import { replyLanguage, type Incoming } from '../../messaging/incoming.js';
import type { Reply } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';
import { textsFor } from '../../texts/index.js';
import { recordUnreachable } from './contacts.js';
import { createKeyedQueue } from './keyed-queue.js';
import type { TelegramMessenger } from './messenger.js';
import { rebindMigratedChat } from './migrate.js';
import { orderingKey, translateUpdate, type BotIdentity, type CallbackRef, type Translated } from './translate.js';

/** How long an update id is remembered: Telegram keeps undelivered updates for 24 hours. */
export const UPDATE_DEDUPE_MS = 24 * 60 * 60 * 1000;

export interface UpdatePipelineOptions {
  router: Router;
  messenger: TelegramMessenger;
  /** For replies addressed to another chat (`Reply.to`): a coordinators' group, another platform. */
  deliver: Deliver;
  store: Store;
  clock: Clock;
  logger: Logger;
  me: BotIdentity;
  /** Owner of the de-duplication leases, e.g. `host:pid:random`. */
  instanceId: string;
}

export interface PipelineStats {
  handled: number;
  duplicates: number;
  ignored: number;
  failed: number;
}

/**
 * One update's way through the bot, whatever brought it (long polling or a webhook):
 * ordered per chat → de-duplicated on update_id in the store → translated → router → replies
 * (paced sends; a button press is answered and its keyboard removed first).
 */
export interface UpdatePipeline {
  /** Queues an update behind earlier ones of its chat; resolves once handled, never rejects. */
  submit(update: Update): Promise<void>;
  /** Updates queued or in progress. */
  size(): number;
  /** Waits for every queued update (true), or gives up after `timeoutMs` (false). */
  drain(timeoutMs?: number): Promise<boolean>;
  stats(): PipelineStats;
}

export function createUpdatePipeline(options: UpdatePipelineOptions): UpdatePipeline {
  const { router, messenger, deliver, store, clock, logger, me, instanceId } = options;
  const queue = createKeyedQueue();
  const stats: PipelineStats = { handled: 0, duplicates: 0, ignored: 0, failed: 0 };

  /** True the first time this instance or any other sees the update (SET NX with a TTL). */
  const firstTime = (update: Update) => store.claimLease(`tg-update:${update.update_id}`, instanceId, UPDATE_DEDUPE_MS);

  async function sendReplies(incoming: Incoming, replies: readonly Reply[], messageId: number | undefined): Promise<void> {
    const userId = incoming.sender.account.slice('telegram:'.length);
    for (const r of replies) {
      const target = r.to;
      if (target && !(target.chatId === incoming.chat.id && (target.platform ?? 'telegram') === 'telegram')) {
        const platform = (target.platform ?? 'telegram') as Platform;
        if (!PLATFORMS.includes(platform)) {
          logger.error({ platform: target.platform }, 'telegram: reply addressed to an unknown platform');
          continue;
        }
        const result = await deliver({ platform, chatId: target.chatId }, r);
        if (!result.ok) logger.warn({ to: `${platform}:${target.chatId}`, reason: result.reason }, 'telegram: reply to another chat not delivered');
        continue;
      }
      const result = await messenger.sendReply(incoming.chat.id, r, {
        chatKind: incoming.chat.kind,
        ...(messageId !== undefined ? { replyToMessageId: messageId } : {}),
        addressee: { userId, name: incoming.sender.name },
      });
      if (!result.ok && result.permanent) break; // blocked, chat gone: the rest would fail alike
    }
  }

  /** A press is answered at once; only the first press of a keyboard counts, and the keyboard goes. */
  async function takeChoice(incoming: Incoming, callback: CallbackRef): Promise<{ removing: Promise<void> } | 'stale'> {
    if (callback.messageId !== undefined) {
      const first = await store.claimLease(`tg-choice:${callback.chatId}:${callback.messageId}`, instanceId, UPDATE_DEDUPE_MS);
      if (!first) {
        await messenger.answerCallback(callback.id, textsFor(replyLanguage(incoming)).staleChoice);
        return 'stale';
      }
    }
    await messenger.answerCallback(callback.id);
    return { removing: callback.messageId !== undefined ? messenger.removeKeyboard(callback.chatId, callback.messageId) : Promise.resolve() };
  }

  /**
   * What can be done the moment an update arrives, before earlier updates of its chat are done:
   * the de-duplication claim and, for a button, answering the press (Telegram shows a spinner until
   * then, and a query left unanswered for long expires) and taking the keyboard away.
   */
  async function accept(update: Update, t: Exclude<Translated, { kind: 'ignore' }>): Promise<{ removing: Promise<void> } | 'skip'> {
    if (!(await firstTime(update))) {
      stats.duplicates++;
      logger.debug({ updateId: update.update_id }, 'telegram: update already handled');
      return 'skip';
    }
    if (t.kind !== 'incoming' || !t.callback) return { removing: Promise.resolve() };
    const taken = await takeChoice(t.incoming, t.callback);
    return taken === 'stale' ? 'skip' : taken;
  }

  /** The rest, in the chat's order. */
  async function handle(t: Exclude<Translated, { kind: 'ignore' }>, removing: Promise<void>): Promise<void> {
    switch (t.kind) {
      case 'incoming': {
        const replies = await router.handle(t.incoming);
        await removing;
        await sendReplies(t.incoming, replies, t.messageId);
        break;
      }
      case 'migrate':
        await rebindMigratedChat(store, logger, t.fromChatId, t.toChatId, clock.now(), instanceId);
        break;
      case 'membership':
        if (t.chatKind === 'private') {
          if (t.change === 'left') await recordUnreachable(store, clock, logger, t.chatId, 'blocked');
        } else {
          logger.info({ chat: t.chatId, title: t.title, by: t.by.userId, change: t.change }, t.change === 'joined' ? 'telegram: bot added to a group' : 'telegram: bot removed from a group');
        }
        break;
    }
    stats.handled++;
  }

  const failed = (update: Update) => (err: unknown) => {
    stats.failed++;
    logger.error({ err, updateId: update.update_id }, 'telegram: update failed');
  };

  return {
    submit(update) {
      const t = translateUpdate(update, me, clock.now());
      if (t.kind === 'ignore') {
        stats.ignored++;
        logger.debug({ updateId: update.update_id, reason: t.reason }, 'telegram: update ignored');
        return Promise.resolve();
      }
      // Queued now, in arrival order; `accept` runs at once, `handle` when the chat's turn comes.
      const accepted = accept(update, t);
      accepted.catch(() => undefined); // awaited (and its failure logged) in the queued task below
      return queue.run(orderingKey(update), async () => {
        const a = await accepted;
        if (a !== 'skip') await handle(t, a.removing);
      }).catch(failed(update));
    },
    size: () => queue.size(),
    drain: (timeoutMs) => queue.drain(timeoutMs),
    stats: () => ({ ...stats }),
  };
}
