import type { Router } from '../../../handlers/router.js';
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../../logging/logger.js';
import type { Deliver } from '../../messaging/delivery.js';
import type { Incoming } from '../../messaging/incoming.js';
import type { Reply } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';
import { newUpdateStats, type UpdateStats } from '../update-stats.js';
import { createKeyedQueue } from '../core/keyed-queue.js';
import type { ChoiceMemory } from './choices.js';
import type { ZaloUpdate } from './client.js';
import type { ZaloMessenger } from './messenger.js';
import { matchChoice } from './render.js';
import { translateZaloUpdate, updateKey } from './translate.js';
import { claimToken } from '../../store/claim-token.js';
import { DEFAULT_LIMITS } from '../../config/limits.js';
import { textsFor } from '../../texts/index.js';
import { createIntakeLimiter, type IntakeLimits } from '../intake-limiter.js';
import { failureNotice, owesFailureNotice } from '../core/failure-notice.js';
import { routeReplies } from '../core/reply-routing.js';

/** How long an update is remembered for de-duplication. */
export const ZALO_DEDUPE_MS = 24 * 60 * 60 * 1000;

export interface ZaloPipelineOptions {
  router: Router;
  messenger: ZaloMessenger;
  deliver: Deliver;
  store: Store;
  clock: Clock;
  logger: Logger;
  choices: ChoiceMemory;
  instanceId: string;
  /** Per-sender and per-chat rate and backlog (src/config/limits.ts by default). */
  intake?: IntakeLimits;
}

/**
 * One update's way, whatever brought it: de-duplicated on event name + message id in the store →
 * ordered per chat → translated (a typed number or option text becomes the option) → router →
 * replies (paced; the options of the last question remembered for the chat).
 */
export interface ZaloPipeline {
  /** Resolves once handled and answered; never rejects. */
  submit(update: ZaloUpdate): Promise<void>;
  /** True while the process holds as many updates as it may (IntakeLimits.totalBacklog). */
  busy(): boolean;
  /** Resolves once there is room for more updates (polling waits for it before fetching). */
  room(): Promise<void>;
  drain(timeoutMs?: number): Promise<boolean>;
  stats(): UpdateStats;
}

export function createZaloPipeline(options: ZaloPipelineOptions): ZaloPipeline {
  const { router, messenger, deliver, store, clock, logger, choices, instanceId } = options;
  const queue = createKeyedQueue();
  const stats = newUpdateStats();
  const limiter = createIntakeLimiter(options.intake ?? DEFAULT_LIMITS.intake, () => clock.now());

  async function withChoice(incoming: Incoming): Promise<Incoming> {
    if (incoming.content.type !== 'text') return incoming;
    const offered = await choices.get(incoming.chat.id);
    const picked = offered ? matchChoice(incoming.content.text, offered) : undefined;
    return picked ? { ...incoming, content: { type: 'choice', value: picked.id } } : incoming;
  }

  async function answer(incoming: Incoming, replies: readonly Reply[]): Promise<void> {
    const { here, elsewhere } = routeReplies(replies, { platform: 'zalo', chatId: incoming.chat.id }, deliver, logger);
    const sends: Promise<unknown>[] = [...elsewhere, ...here.map((r) => messenger.send({ platform: 'zalo', chatId: incoming.chat.id }, r))];
    // Numbers answer the latest question only: the last reply here decides which options stand.
    if (here.length > 0) await choices.set(incoming.chat.id, here.at(-1)?.choices);
    await Promise.allSettled(sends);
  }

  async function handle(update: ZaloUpdate): Promise<void> {
    const t = translateZaloUpdate(update, clock.now());
    if (t.kind === 'ignore') {
      stats.ignored++;
      logger.debug({ update: updateKey(update), reason: t.reason }, 'zalo: update ignored');
      return;
    }
    const incoming = await withChoice(t.incoming);
    const replies = await router.handle(incoming);
    await answer(incoming, replies);
    stats.handled++;
  }

  /**
   * An update that could not be handled (the store unreachable past the client's retries) is
   * logged, and its sender told so rather than left in silence — as on Telegram.
   */
  const failed = (update: ZaloUpdate) => async (err: unknown) => {
    stats.failed++;
    logger.error({ err, update: updateKey(update) }, 'zalo: update failed');
    const t = translateZaloUpdate(update, clock.now());
    if (t.kind !== 'incoming' || !owesFailureNotice(t.incoming)) return;
    await messenger.send({ platform: 'zalo', chatId: t.incoming.chat.id }, failureNotice(t.incoming));
  };

  return {
    submit(update) {
      // Over its sender's or chat's bound: dropped before it costs a store call, the first of a run
      // answered once in the chat's order.
      const admission = limiter.admit(`zalo:${update.message.from.id}`, `zalo:${update.message.chat.id}`);
      if (!admission.admitted) {
        stats.throttled++;
        logger.debug({ update: updateKey(update) }, 'zalo: update dropped (sender or chat over its intake limit)');
        if (!admission.warn) return Promise.resolve();
        const text = textsFor('vi').sendingTooFast;
        return queue
          .run(`chat:${update.message.chat.id}`, async () => {
            await messenger.send({ platform: 'zalo', chatId: update.message.chat.id }, { text });
          })
          .catch((err: unknown) => logger.error({ err, update: updateKey(update) }, 'zalo: could not tell a sender to slow down'));
      }
      // True the first time any instance sees it (SET NX with a TTL): Zalo may deliver twice. Claimed
      // at once; the update is queued behind its chat's earlier ones in arrival order.
      // A token unique to the attempt: a resent claim (dropped connection) is still ours.
      const first = store.claimOnce(`zalo-update:${updateKey(update)}`, claimToken(instanceId), ZALO_DEDUPE_MS);
      first.catch(() => undefined); // awaited (and its failure logged) below
      return queue
        .run(`chat:${update.message.chat.id}`, async () => {
          if (!(await first)) {
            stats.duplicates++;
            logger.debug({ update: updateKey(update) }, 'zalo: update already handled');
            return;
          }
          await handle(update);
        })
        .catch(failed(update))
        .catch((err: unknown) => logger.error({ err, update: updateKey(update) }, 'zalo: could not tell the sender their update failed'))
        .finally(admission.done);
    },
    busy: () => limiter.full(),
    room: () => limiter.room(),
    drain: (timeoutMs) => queue.drain(timeoutMs),
    stats: () => ({ ...stats }),
  };
}
