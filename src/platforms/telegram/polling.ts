import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import { startLockedPolling, type PollerBaseOptions, type Poller } from '../core/poll-lock.js';
import { toPlatformError } from './client.js';
import { ALLOWED_UPDATES } from './translate.js';

export type { PollLockOptions, Poller } from '../core/poll-lock.js';

export interface PollerOptions extends PollerBaseOptions {
  /** A bot whose middleware hands updates to the pipeline. */
  bot: Bot;
  /** getUpdates long-poll timeout in seconds (Telegram allows up to 50). */
  pollTimeoutSeconds?: number;
}

/**
 * Telegram long polling with @grammyjs/runner, for the one instance that holds the poll lock
 * (src/platforms/core/poll-lock.ts). getUpdates is refused while a webhook is set, so the lock deletes it first.
 */
export function startPoller(options: PollerOptions): Poller {
  const { bot, logger } = options;
  return startLockedPolling({
    ...options,
    platform: 'telegram',
    deleteWebhook: () => bot.api.deleteWebhook(),
    describeError: toPlatformError,
    async poll(signal, started) {
      const handle: RunnerHandle = run(bot, {
        runner: {
          fetch: { timeout: options.pollTimeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
          silent: true,
          retryInterval: 'exponential',
          maxRetryTime: 5 * 60_000,
        },
        sink: { concurrency: 500 },
      });
      started();
      await new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => resolve(), { once: true });
        const task = handle.task();
        if (!task) return resolve();
        task.then(
          () => resolve(),
          (err: unknown) => {
            logger.error({ err: toPlatformError(err, 'getUpdates') }, 'telegram: polling stopped with an error');
            resolve();
          },
        );
      });
      if (handle.isRunning()) await handle.stop();
    },
  });
}
