import cron from 'node-cron';
import { VN_TZ } from '../src/domain/vietnam-time.js';
import type { Logger } from '../src/logging/logger.js';
import type { Scheduler, TickReport } from './scheduler.js';

/** Every minute, on the minute, Hà Nội time. */
export const EVERY_MINUTE = '* * * * *';

/** A running cron loop; `stop()` waits for a tick in progress and is safe to call twice. */
export interface CronLoop {
  stop(): Promise<void>;
}

/** For metrics: what each tick of this instance came to. */
export interface CronHooks {
  /** A tick this instance ran (its report: sent, failed, alreadyDone …). */
  onTick?(report: TickReport): void;
  /** A tick slot another instance on the same store won, so this one skipped it. */
  onTickSkipped?(): void;
}

/** The slot a tick winner is chosen for: a second when the expression has a seconds field, else a minute. */
export function tickSlotMs(expression: string): number {
  return expression.trim().split(/\s+/).length >= 6 ? 1_000 : 60_000;
}

/**
 * Drives the scheduler from node-cron. Ticks never overlap (a slow tick makes the next one wait),
 * and a failing tick is logged, never thrown into the void: the next tick retries its window.
 *
 * With several instances on one store, each slot (minute) is run by one of them only: the one
 * that claims `scheduler-tick:<minute>` first; the others skip it. An instance still busy with a
 * long tick does not claim, so the next minute's winner is another instance, which helps with
 * the same window (the per-delivery lease and the sent ledger keep every delivery to one send).
 *
 * `stop()` aborts a tick in progress: no new delivery starts, those in flight finish and release
 * their leases, and the window stays open for the next tick (here after a restart, or elsewhere).
 */
export function startCron(scheduler: Scheduler, logger: Logger, expression = EVERY_MINUTE, hooks: CronHooks = {}): CronLoop {
  let running: Promise<void> | undefined;
  const abort = new AbortController();
  const slotMs = tickSlotMs(expression);
  const runTick = async () => {
    if (scheduler.claimTickSlot && !(await scheduler.claimTickSlot(slotMs))) {
      logger.debug('scheduler tick skipped: another instance runs this one');
      hooks.onTickSkipped?.();
      return;
    }
    if (abort.signal.aborted) return;
    const report = await scheduler.tick(undefined, { signal: abort.signal });
    hooks.onTick?.(report);
  };
  const task = cron.schedule(
    expression,
    () => {
      if (abort.signal.aborted) return;
      if (running) {
        logger.debug('scheduler tick skipped: the previous one is still running');
        return;
      }
      running = runTick()
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
      abort.abort();
      await task.stop();
      await running;
    },
  };
}
