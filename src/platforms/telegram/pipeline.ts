import type { Update } from 'grammy/types';
import type { Router } from '../../../handlers/router.js';
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../../logging/logger.js';
import type { Deliver } from '../../messaging/delivery.js';
import { replyLanguage, type Incoming } from '../../messaging/incoming.js';
import type { Reply } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';
import { newUpdateStats, type UpdateStats } from '../update-stats.js';
import { textsFor } from '../../texts/index.js';
import { recordUnreachable } from './contacts.js';
import { claimToken } from '../../store/claim-token.js';
import { createKeyedQueue } from '../core/keyed-queue.js';
import { keyboardOwnerKey, type KeyboardOwner, type TelegramMessenger } from './messenger.js';
import { rebindMigratedChat } from './migrate.js';
import { DEFAULT_LIMITS } from '../../config/limits.js';
import { createIntakeLimiter, type IntakeLimits } from '../intake-limiter.js';
import { failureNotice, owesFailureNotice } from '../core/failure-notice.js';
import { routeReplies } from '../core/reply-routing.js';
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
  /** Per-sender and per-chat rate and backlog (src/config/limits.ts by default). */
  intake?: IntakeLimits;
}

/**
 * One update's way through the bot, whatever brought it (long polling or a webhook):
 * ordered per chat → de-duplicated on update_id in the store → translated → router → replies
 * (paced sends; a button press is answered and its keyboard removed first).
 */
export interface UpdatePipeline {
  /** Queues an update behind earlier ones of its chat; resolves once handled, never rejects. */
  submit(update: Update): Promise<void>;
  /**
   * The same, resolving as soon as the update's replies are queued for sending (or it was dropped):
   * what intake waits for, so that pacing one chat's replies never holds up updates of another.
   */
  intake(update: Update): Promise<void>;
  /** True while the process holds as many updates as it may (IntakeLimits.totalBacklog). */
  busy(): boolean;
  /** Updates queued or in progress. */
  size(): number;
  /** Waits for every queued update (true), or gives up after `timeoutMs` (false). */
  drain(timeoutMs?: number): Promise<boolean>;
  stats(): UpdateStats;
}

export function createUpdatePipeline(options: UpdatePipelineOptions): UpdatePipeline {
  const { router, messenger, deliver, store, clock, logger, me, instanceId } = options;
  const queue = createKeyedQueue();
  const stats = newUpdateStats();
  const limiter = createIntakeLimiter(options.intake ?? DEFAULT_LIMITS.intake, () => clock.now());

  /**
   * True the first time this instance or any other sees the update. The token is unique to this
   * attempt, so a claim that Redis ran just before a dropped connection — and the client resent —
   * is still ours, not mistaken for a duplicate and dropped in silence.
   */
  const firstTime = (update: Update) => store.claimOnce(`tg-update:${update.update_id}`, claimToken(instanceId), UPDATE_DEDUPE_MS);

  /** Sends in progress: the chat queue moves on once a reply is queued in the chat's lane. */
  const sending = new Set<Promise<unknown>>();
  const trackSend = (p: Promise<unknown>) => {
    sending.add(p);
    void p.finally(() => sending.delete(p));
  };

  /**
   * Queues the replies (in order, in the pacer's lane of each chat) without waiting for them to go
   * out: the chat's next update is routed meanwhile, its replies queued behind these.
   */
  function sendReplies(incoming: Incoming, replies: readonly Reply[], messageId: number | undefined, after: Promise<void>): Promise<unknown> {
    const userId = incoming.sender.account.slice('telegram:'.length);
    const batch = {};
    const own: Promise<unknown>[] = [];
    const track = (p: Promise<unknown>) => {
      own.push(p);
      trackSend(p);
    };
    const routed = routeReplies(replies, { platform: 'telegram', chatId: incoming.chat.id }, deliver, logger);
    for (const p of routed.elsewhere) track(p);
    for (const r of routed.here) {
      const context = { chatKind: incoming.chat.kind, ...(messageId !== undefined ? { replyToMessageId: messageId } : {}), addressee: { userId, name: incoming.sender.name } };
      const keyboardOwner = incoming.chat.kind === 'group' && r.choices?.length ? { keyboardOwner: { account: incoming.sender.account, name: incoming.sender.name } } : {};
      track(messenger.sendReply(incoming.chat.id, r, context, { batch, after, ...keyboardOwner }));
    }
    return Promise.allSettled(own);
  }

  /** A press is answered at once; only the first press of a keyboard counts, and the keyboard goes. */
  async function takeChoice(incoming: Incoming, callback: CallbackRef): Promise<{ removing: Promise<void> } | 'stale'> {
    if (incoming.chat.kind === 'group' && callback.messageId !== undefined) {
      // In a group, buttons shown to one person are theirs: someone else's press changes nothing.
      const owner = await store.getConversation<KeyboardOwner>(keyboardOwnerKey(callback.chatId, callback.messageId));
      if (owner && owner.account !== incoming.sender.account) {
        await messenger.answerCallback(callback.id, textsFor(replyLanguage(incoming)).choiceNotYours(owner.name));
        return 'stale';
      }
    }
    if (callback.messageId !== undefined) {
      const first = await store.claimOnce(`tg-choice:${callback.chatId}:${callback.messageId}`, claimToken(instanceId), UPDATE_DEDUPE_MS);
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
    if (taken !== 'stale') return taken;
    // A stale button press is answered ("no longer valid") and that is all there is to it.
    stats.handled++;
    return 'skip';
  }

  /** The rest, in the chat's order; resolves once the replies are queued, with their sending. */
  async function handle(t: Exclude<Translated, { kind: 'ignore' }>, removing: Promise<void>): Promise<{ sent: Promise<unknown> }> {
    let sent: Promise<unknown> = Promise.resolve();
    switch (t.kind) {
      case 'incoming': {
        const replies = await router.handle(t.incoming);
        trackSend(removing);
        sent = sendReplies(t.incoming, replies, t.messageId, removing);
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
    return { sent };
  }

  /**
   * An update that could not be handled (the store unreachable past the client's retries while
   * claiming it) is logged, and its sender is told so rather than left in silence: a private
   * message, a command or a button press gets "not handled, please send it again". Group chatter
   * stays unanswered, as it would be anyway.
   */
  const failed = (update: Update, t: Exclude<Translated, { kind: 'ignore' }>) => async (err: unknown) => {
    stats.failed++;
    logger.error({ err, updateId: update.update_id }, 'telegram: update failed');
    if (t.kind !== 'incoming') return;
    const { incoming } = t;
    if (!owesFailureNotice(incoming, t.callback !== undefined)) return;
    const notice = failureNotice(incoming);
    if (t.callback) await messenger.answerCallback(t.callback.id, notice.text);
    await sendReplies(incoming, [notice], t.messageId, Promise.resolve());
  };

  /**
   * Over its sender's or chat's bound: dropped, and the first of a run answered once, in the
   * chat's order (a button press gets the answer on its spinner instead).
   */
  function throttled(update: Update, t: Extract<Translated, { kind: 'incoming' }>, warn: boolean): Promise<void> {
    stats.throttled++;
    logger.debug({ updateId: update.update_id, sender: t.incoming.sender.account }, 'telegram: update dropped (sender or chat over its intake limit)');
    if (!warn) return Promise.resolve();
    const text = textsFor(replyLanguage(t.incoming)).sendingTooFast;
    if (t.callback) return messenger.answerCallback(t.callback.id, text);
    return queue
      .run(orderingKey(update), () => {
        trackSend(sendReplies(t.incoming, [{ text }], t.messageId, Promise.resolve()));
        return Promise.resolve();
      })
      .catch((err: unknown) => logger.error({ err, updateId: update.update_id }, 'telegram: could not tell a sender to slow down'));
  }

  /** Both stages of one update: `queued` once its replies are queued, `finished` once they are sent. */
  function process(update: Update): { queued: Promise<void>; finished: Promise<void> } {
    const t = translateUpdate(update, me, clock.now());
    if (t.kind === 'ignore') {
      stats.ignored++;
      logger.debug({ updateId: update.update_id, reason: t.reason }, 'telegram: update ignored');
      return { queued: Promise.resolve(), finished: Promise.resolve() };
    }
    let done = () => {};
    if (t.kind === 'incoming') {
      const admission = limiter.admit(t.incoming.sender.account, `telegram:${t.incoming.chat.id}`);
      if (!admission.admitted) {
        const told = throttled(update, t, admission.warn);
        return { queued: told, finished: told };
      }
      done = admission.done;
    }
    // Queued now, in arrival order; `accept` runs at once, `handle` when the chat's turn comes.
    const accepted = accept(update, t);
    accepted.catch(() => undefined); // awaited (and its failure logged) in the queued task below
    // The chat's queue moves on once the replies are queued; `finished` waits for them to be sent.
    const handled = queue.run(orderingKey(update), async () => {
      const a = await accepted;
      return a === 'skip' ? undefined : handle(t, a.removing);
    });
    const finished = handled
      .then((h) => h?.sent)
      .then(() => undefined, failed(update, t))
      .catch((err: unknown) => logger.error({ err, updateId: update.update_id }, 'telegram: could not tell the sender their update failed'))
      .finally(done);
    return { queued: handled.then(() => undefined, () => finished), finished };
  }

  return {
    submit: (update) => process(update).finished,
    // Polling waits for room before taking an update: the runner then fetches no more meanwhile.
    intake: (update) => limiter.room().then(() => process(update).queued),
    busy: () => limiter.full(),
    size: () => queue.size() + sending.size,
    async drain(timeoutMs) {
      const started = Date.now();
      if (!(await queue.drain(timeoutMs))) return false;
      const left = timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - (Date.now() - started));
      const all = Promise.allSettled([...sending]).then(() => true);
      if (left === undefined) return all;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), left)));
      const done = await Promise.race([all, timeout]);
      clearTimeout(timer);
      return done;
    },
    stats: () => ({ ...stats }),
  };
}
