import type { Router } from '../../ports/router.js';
import type { Incoming } from '../../messaging/incoming.js';
import type { Reply } from '../../messaging/reply.js';
import type { ChoiceMemory } from './choices.js';
import type { ZaloUpdate } from './client.js';
import type { ZaloMessenger } from './messenger.js';
import { matchChoice } from './render.js';
import { translateZaloUpdate, updateKey } from './translate.js';
import { claimToken } from '../../store/claim-token.js';
import { DEFAULT_LIMITS } from '../../config/limits.js';
import { routeReplies } from '../core/reply-routing.js';
import { createUpdateFlow, type PipelineBaseOptions, type UpdateFlow, type UpdateWork } from '../core/update-flow.js';

/** How long an update is remembered for de-duplication. */
export const ZALO_DEDUPE_MS = 24 * 60 * 60 * 1000;

export interface ZaloPipelineOptions extends PipelineBaseOptions {
  router: Router;
  messenger: ZaloMessenger;
  choices: ChoiceMemory;
}

/**
 * One update's way, whatever brought it: translated → the core flow (core/update-flow.ts: intake
 * bounds, de-duplicated on event name + message id in the store, ordered per chat, the sender told
 * when it fails) → a typed number or option text becomes the option → router → replies (paced; the
 * options of the last question remembered for the chat).
 */
export interface ZaloPipeline extends Pick<UpdateFlow, 'busy' | 'room' | 'drain' | 'stats'> {
  /** Resolves once handled and answered; never rejects. */
  submit(update: ZaloUpdate): Promise<void>;
}

export function createZaloPipeline(options: ZaloPipelineOptions): ZaloPipeline {
  const { router, messenger, deliver, store, clock, logger, choices, instanceId } = options;
  const flow = createUpdateFlow({ platform: 'zalo', logger, now: () => clock.now(), intake: options.intake ?? DEFAULT_LIMITS.intake });

  async function withChoice(incoming: Incoming): Promise<Incoming> {
    if (incoming.content.type !== 'text') return incoming;
    const offered = await choices.get(incoming.chat.id);
    const picked = offered ? matchChoice(incoming.content.text, offered) : undefined;
    return picked ? { ...incoming, content: { type: 'choice', value: picked.id } } : incoming;
  }

  /** Replies said and delivered before the chat's next update is routed (Zalo's sends are not queued at once). */
  async function answer(incoming: Incoming, replies: readonly Reply[]): Promise<void> {
    const { here, elsewhere } = routeReplies(replies, { platform: 'zalo', chatId: incoming.chat.id }, deliver, logger);
    const sends: Promise<unknown>[] = [...elsewhere, ...here.map((r) => messenger.send({ platform: 'zalo', chatId: incoming.chat.id }, r))];
    // Numbers answer the latest question only: the last reply here decides which options stand.
    if (here.length > 0) await choices.set(incoming.chat.id, here.at(-1)?.choices);
    await Promise.allSettled(sends);
  }

  /**
   * Zalo's part of an update's way: de-duplicated on event name + message id (Zalo may deliver
   * twice; a token unique to the attempt, so a resent claim after a dropped connection is still
   * ours), a typed number or option text read as the option, replies sent before the chat's next.
   */
  function workOf(update: ZaloUpdate, incoming: Incoming): UpdateWork {
    const chat = { platform: 'zalo' as const, chatId: incoming.chat.id };
    return {
      ref: { update: updateKey(update) },
      order: `chat:${incoming.chat.id}`,
      incoming,
      accept: async () =>
        (await store.firstClaims.claim(`zalo-update:${updateKey(update)}`, claimToken(instanceId), ZALO_DEDUPE_MS)) ? 'go' : 'duplicate',
      async handle() {
        const chosen = await withChoice(incoming);
        await answer(chosen, await router.handle(chosen));
        return {};
      },
      tell: async (reply) => {
        await messenger.send(chat, reply);
        return {};
      },
    };
  }

  return {
    submit(update) {
      const t = translateZaloUpdate(update, clock.now());
      if (t.kind === 'ignore') return flow.ignore({ update: updateKey(update) }, t.reason);
      return flow.process(workOf(update, t.incoming)).finished;
    },
    busy: () => flow.busy(),
    room: () => flow.room(),
    drain: (timeoutMs) => flow.drain(timeoutMs),
    stats: () => flow.stats(),
  };
}
