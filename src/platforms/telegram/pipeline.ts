import type { Update } from 'grammy/types';
import type { Router } from '../../ports/router.js';
import { replyLanguage, type Incoming } from '../../messaging/incoming.js';
import type { Reply } from '../../messaging/reply.js';
import { textsFor } from '../../texts/index.js';
import { recordUnreachable } from './contacts.js';
import { claimToken } from '../../store/claim-token.js';
import { keyboardOwnerKey, type KeyboardOwner, type TelegramMessenger } from './messenger.js';
import { rebindMigratedChat } from './migrate.js';
import { DEFAULT_LIMITS } from '../../config/limits.js';
import { routeReplies } from '../core/reply-routing.js';
import { createUpdateFlow, type PipelineBaseOptions, type UpdateFlow, type UpdateWork } from '../core/update-flow.js';
import { orderingKey, translateUpdate, type BotIdentity, type CallbackRef, type Translated } from './translate.js';

/** How long an update id is remembered: Telegram keeps undelivered updates for 24 hours. */
export const UPDATE_DEDUPE_MS = 24 * 60 * 60 * 1000;

export interface UpdatePipelineOptions extends PipelineBaseOptions {
  router: Router;
  messenger: TelegramMessenger;
  me: BotIdentity;
}

/**
 * One update's way through the bot, whatever brought it (long polling or a webhook):
 * ordered per chat → de-duplicated on update_id in the store → translated → router → replies
 * (paced sends; a button press is answered and its keyboard removed first).
 */
export interface UpdatePipeline extends Pick<UpdateFlow, 'busy' | 'size' | 'drain' | 'stats'> {
  /** Queues an update behind earlier ones of its chat; resolves once handled, never rejects. */
  submit(update: Update): Promise<void>;
  /**
   * The same, resolving as soon as the update's replies are queued for sending (or it was dropped):
   * what intake waits for, so that pacing one chat's replies never holds up updates of another.
   */
  intake(update: Update): Promise<void>;
}

export function createUpdatePipeline(options: UpdatePipelineOptions): UpdatePipeline {
  const { router, messenger, deliver, store, clock, logger, me, instanceId } = options;
  const flow = createUpdateFlow({ platform: 'telegram', logger, now: () => clock.now(), intake: options.intake ?? DEFAULT_LIMITS.intake });

  /**
   * True the first time this instance or any other sees the update. The token is unique to this
   * attempt, so a claim that Redis ran just before a dropped connection — and the client resent —
   * is still ours, not mistaken for a duplicate and dropped in silence.
   */
  const firstTime = (update: Update) => store.firstClaims.claim(`tg-update:${update.update_id}`, claimToken(instanceId), UPDATE_DEDUPE_MS);

  /**
   * Queues the replies (in order, in the pacer's lane of each chat) without waiting for them to go
   * out: the chat's next update is routed meanwhile, its replies queued behind these.
   */
  function sendReplies(
    incoming: Incoming,
    replies: readonly Reply[],
    messageId: number | undefined,
    after: Promise<void>,
  ): Promise<unknown> {
    const userId = incoming.sender.account.slice('telegram:'.length);
    const batch = {};
    const routed = routeReplies(replies, { platform: 'telegram', chatId: incoming.chat.id }, deliver, logger);
    const own: Promise<unknown>[] = [...routed.elsewhere];
    for (const r of routed.here) {
      const context = {
        chatKind: incoming.chat.kind,
        ...(messageId !== undefined ? { replyToMessageId: messageId } : {}),
        addressee: { userId, name: incoming.sender.name },
      };
      const keyboardOwner =
        incoming.chat.kind === 'group' && r.choices?.length
          ? { keyboardOwner: { account: incoming.sender.account, name: incoming.sender.name } }
          : {};
      own.push(messenger.sendReply(incoming.chat.id, r, context, { batch, after, ...keyboardOwner }));
    }
    return Promise.allSettled(own);
  }

  /** A press is answered at once; only the first press of a keyboard counts, and the keyboard goes. */
  async function takeChoice(incoming: Incoming, callback: CallbackRef): Promise<{ removing: Promise<void> } | 'stale'> {
    if (incoming.chat.kind === 'group' && callback.messageId !== undefined) {
      // In a group, buttons shown to one person are theirs: someone else's press changes nothing.
      const owner = await store.conversations.get<KeyboardOwner>(keyboardOwnerKey(callback.chatId, callback.messageId));
      if (owner && owner.account !== incoming.sender.account) {
        await messenger.answerCallback(callback.id, textsFor(replyLanguage(incoming)).choiceNotYours(owner.name));
        return 'stale';
      }
    }
    if (callback.messageId !== undefined) {
      const first = await store.firstClaims.claim(
        `tg-choice:${callback.chatId}:${callback.messageId}`,
        claimToken(instanceId),
        UPDATE_DEDUPE_MS,
      );
      if (!first) {
        await messenger.answerCallback(callback.id, textsFor(replyLanguage(incoming)).staleChoice);
        return 'stale';
      }
    }
    await messenger.answerCallback(callback.id);
    return {
      removing: callback.messageId !== undefined ? messenger.removeKeyboard(callback.chatId, callback.messageId) : Promise.resolve(),
    };
  }

  /** What is not a person's message: a group that became a supergroup, the bot added, removed or blocked. */
  async function handleOther(t: Extract<Translated, { kind: 'migrate' | 'membership' }>): Promise<void> {
    if (t.kind === 'migrate') {
      await rebindMigratedChat(store, logger, t.fromChatId, t.toChatId, clock.now(), instanceId);
    } else if (t.chatKind === 'private') {
      if (t.change === 'left') await recordUnreachable(store, clock, logger, t.chatId, 'blocked');
    } else {
      logger.info(
        { chat: t.chatId, title: t.title, by: t.by.userId, change: t.change },
        t.change === 'joined' ? 'telegram: bot added to a group' : 'telegram: bot removed from a group',
      );
    }
  }

  /**
   * Telegram's part of an update's way: the de-duplication claim on update_id and, for a button,
   * answering the press at once (Telegram shows a spinner until then, and a query left unanswered
   * for long expires) and taking the keyboard away; then the router, replies quoted and paced.
   */
  function workOf(update: Update, t: Exclude<Translated, { kind: 'ignore' }>): UpdateWork {
    const ref = { updateId: update.update_id };
    const order = orderingKey(update);
    if (t.kind !== 'incoming') {
      return {
        ref,
        order,
        accept: async () => ((await firstTime(update)) ? 'go' : 'duplicate'),
        handle: () => handleOther(t).then(() => ({})),
        tell: () => Promise.resolve({}),
      };
    }
    const { incoming, callback, messageId } = t;
    let removing: Promise<void> = Promise.resolve();
    return {
      ref,
      order,
      incoming,
      ...(callback ? { answerPress: (text: string) => messenger.answerCallback(callback.id, text) } : {}),
      async accept() {
        if (!(await firstTime(update))) return 'duplicate';
        if (!callback) return 'go';
        const taken = await takeChoice(incoming, callback);
        // A stale button press is answered ("no longer valid") and that is all there is to it.
        if (taken === 'stale') return 'answered';
        removing = taken.removing;
        return 'go';
      },
      async handle() {
        const replies = await router.handle(incoming);
        return { sent: Promise.allSettled([removing, sendReplies(incoming, replies, messageId, removing)]) };
      },
      tell: (reply) => Promise.resolve({ sent: sendReplies(incoming, [reply], messageId, Promise.resolve()) }),
    };
  }

  /** Both stages of one update: `queued` once its replies are queued, `finished` once they are sent. */
  function process(update: Update): { queued: Promise<void>; finished: Promise<void> } {
    const t = translateUpdate(update, me, clock.now());
    if (t.kind === 'ignore') {
      const ignored = flow.ignore({ updateId: update.update_id }, t.reason);
      return { queued: ignored, finished: ignored };
    }
    return flow.process(workOf(update, t));
  }

  return {
    submit: (update) => process(update).finished,
    // Polling waits for room before taking an update: the runner then fetches no more meanwhile.
    intake: (update) => flow.room().then(() => process(update).queued),
    busy: () => flow.busy(),
    size: () => flow.size(),
    drain: (timeoutMs) => flow.drain(timeoutMs),
    stats: () => flow.stats(),
  };
}
