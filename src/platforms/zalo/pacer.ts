/**
 * Outgoing pacing for Zalo (no published limits): one chat's messages one after another at least
 * `perChatGapMs` apart, and at most `perSecond` messages a second overall.
 */
export interface ZaloPacer {
  /** Runs `task` in the chat's lane when its turn and a global slot come. */
  schedule<T>(chatId: string, task: () => Promise<T>): Promise<T>;
  /** After shutdown: tasks still queued (and later ones) reject instead of being sent. */
  stop(): void;
}

export interface ZaloPacing {
  perChatGapMs: number;
  perSecond: number;
}

export const DEFAULT_ZALO_PACING: ZaloPacing = { perChatGapMs: 500, perSecond: 20 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `unlimited` (tests, benchmarks) keeps each chat's order but never waits. */
export function createZaloPacer(limits: ZaloPacing | 'unlimited' = DEFAULT_ZALO_PACING): ZaloPacer {
  const pacing: ZaloPacing = limits === 'unlimited' ? { perChatGapMs: 0, perSecond: Infinity } : limits;
  const lanes = new Map<string, Promise<unknown>>();
  const lastSent = new Map<string, number>();
  let nextGlobal = 0;
  let stopped = false;
  return {
    stop() {
      stopped = true;
    },
    schedule(chatId, task) {
      const previous = lanes.get(chatId) ?? Promise.resolve();
      const run = previous.then(async () => {
        const now = Date.now();
        const chatReady = (lastSent.get(chatId) ?? 0) + pacing.perChatGapMs;
        const slot = Math.max(now, chatReady, nextGlobal);
        nextGlobal = slot + 1000 / pacing.perSecond;
        if (slot > now) await sleep(slot - now);
        if (stopped) throw new Error('not sent: the bot is stopping');
        try {
          return await task();
        } finally {
          lastSent.set(chatId, Date.now());
        }
      });
      const tail = run.then(
        () => undefined,
        () => undefined,
      );
      lanes.set(chatId, tail);
      void tail.then(() => {
        if (lanes.get(chatId) === tail) {
          lanes.delete(chatId);
          // Keep the gap only as long as it matters.
          setTimeout(() => {
            if (!lanes.has(chatId)) lastSent.delete(chatId);
          }, pacing.perChatGapMs).unref();
        }
      });
      return run;
    },
  };
}
