import { startLockedPolling, type PollerBaseOptions, type PollLockOptions, type Poller } from '../core/poll-lock.js';
import type { ZaloClient, ZaloUpdate } from './client.js';
import { pause } from '../core/retry.js';

export type ZaloPollLockOptions = PollLockOptions;
export type ZaloPoller = Poller;

export interface ZaloPollerOptions extends PollerBaseOptions {
  client: ZaloClient;
  submit(update: ZaloUpdate): Promise<void>;
  /** Resolves once the pipeline has room; the next poll waits for it (nothing fetched is dropped). */
  room?(): Promise<void>;
  /** getUpdates long-poll time, seconds. */
  pollTimeoutSeconds?: number;
  /** Longest back-off after failed polls. */
  maxBackoffMs?: number;
}

/**
 * Zalo long polling for the one instance that holds the poll lock (`poll-lock:zalo`,
 * src/platforms/core/poll-lock.ts): deletes any webhook (polling and webhooks are exclusive), then polls
 * getUpdates; failed polls back off exponentially (1 s … `maxBackoffMs`).
 */
export function startZaloPoller(options: ZaloPollerOptions): ZaloPoller {
  const { client, logger } = options;
  const pollSeconds = options.pollTimeoutSeconds ?? 30;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  return startLockedPolling({
    ...options,
    platform: 'zalo',
    deleteWebhook: () => client.deleteWebhook(),
    async poll(signal, started) {
      started();
      let failures = 0;
      while (!signal.aborted) {
        await options.room?.();
        try {
          const updates = await client.getUpdates(pollSeconds, signal);
          failures = 0;
          for (const u of updates) void options.submit(u);
        } catch (err) {
          if (signal.aborted) break;
          failures++;
          const delay = Math.min(maxBackoff, 1000 * 2 ** (failures - 1));
          logger.warn({ err, delayMs: delay }, 'zalo: getUpdates failed; backing off');
          await pause(delay, signal);
        }
      }
    },
  });
}
