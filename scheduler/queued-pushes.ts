import type { ChatAddress } from '../src/messaging/delivery.js';
import { privateChatOf } from '../src/messaging/targets.js';
import { vi as texts } from '../src/texts/vi.js';
import type { Services } from '../handlers/services.js';
import { listQueuedPushes, removePush, updatePush } from '../handlers/push-queue.js';
import { remindPeriod } from '../handlers/remind-now.js';
import { tally, type DeliveryTally, type Outbox } from './outbox.js';

export interface QueuedPushRunner {
  /** Sends the pushes due by `toMs`; false when one must be retried (the window stays open). */
  run(toMs: number, report: DeliveryTally, signal?: AbortSignal): Promise<boolean>;
  /** When the next queued push falls due after `afterMs` (for runUntil over virtual time), or undefined. */
  nextAt(afterMs: number): Promise<number | undefined>;
}

/**
 * Manual pushes queued outside office hours (handlers/push-queue.ts), sent at the first office
 * tick at or after their time. Their messages are composed once and kept in the queue entry, so
 * a retry after a failure or a crash sends the same messages, each once (`push:<id>:<n>`).
 */
export function createQueuedPushRunner(options: { services: Services; outbox: Outbox }): QueuedPushRunner {
  const { services, outbox } = options;
  return {
    async run(toMs, report, signal) {
      let complete = true;
      for (const queued of await listQueuedPushes(services)) {
        if (queued.dueAt > toMs || signal?.aborted) continue;
        let push = queued;
        if (!push.messages) {
          const period = await services.periods.find(push.periodId);
          const replies = period ? await remindPeriod(services, texts, push.by, period, toMs) : [];
          // The first reply is the coordinator's report of what was sent: it goes to their private chat.
          const messages = replies.map((r, i) => ({
            text: r.text,
            ...(r.to ? { to: r.to } : i === 0 ? { to: privateChatOf(push.by) } : {}),
          }));
          push = { ...push, messages };
          await updatePush(services, push);
        }
        let done = true;
        for (const [i, m] of (push.messages ?? []).entries()) {
          if (!m.to?.platform) continue;
          const to: ChatAddress = { platform: m.to.platform as ChatAddress['platform'], chatId: m.to.chatId };
          done = tally(report, await outbox.deliverOnce(`push:${push.id}:${i}`, to, { text: m.text }, signal)) && done;
        }
        if (done) await removePush(services, push.id);
        complete = done && complete;
      }
      return complete;
    },
    async nextAt(afterMs) {
      return (await listQueuedPushes(services))
        .map((p) => p.dueAt)
        .filter((t) => t > afterMs)
        .sort((a, b) => a - b)[0];
    },
  };
}
