import cron from 'node-cron';
import { VN_TZ } from '../src/domain/local-date.js';
import type { Logger } from '../src/logging/logger.js';
import type { Scheduler } from './scheduler.js';

/** Every minute, on the minute, Hà Nội time. */
export const EVERY_MINUTE = '* * * * *';

/** A running cron loop; `stop()` waits for a tick in progress and is safe to call twice. */
export interface CronLoop {
  stop(): Promise<void>;
}

/**
 * Drives the scheduler from node-cron. Ticks never overlap (a slow tick makes the next one wait),
 * and a failing tick is logged, never thrown into the void: the next tick retries its window.
 */
export function startCron(scheduler: Scheduler, logger: Logger, expression = EVERY_MINUTE): CronLoop {
  let running: Promise<void> | undefined;
  const task = cron.schedule(
    expression,
    () => {
      if (running) return;
      running = scheduler
        .tick()
        .then(() => undefined)
        .catch((err: unknown) => logger.error({ err }, 'scheduler tick failed'))
        .finally(() => {
          running = undefined;
        });
    },
    { timezone: VN_TZ, name: 'don-doc-scheduler' },
  );
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await task.stop();
      await running;
    },
  };
}
