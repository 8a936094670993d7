import type { Logger } from '../logging/logger.js';

export interface ShutdownStep {
  name: string;
  run(): unknown;
  /** Longest wait for this step before moving on (default 10 s). */
  timeoutMs?: number;
}

/**
 * Resolves with the first SIGTERM or SIGINT. Later signals change nothing (the stop already under
 * way goes on); they are only logged.
 */
export function untilStopSignal(logger: Logger, signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        logger.info({ signal }, 'already stopping');
        return;
      }
      received = signal;
      logger.info({ signal }, 'stopping');
      resolve(signal);
    };
    for (const s of signals) process.on(s, onSignal);
  });
}

/** The whole stop fits in this (Docker's stop grace in docker-compose.yml is 70 s). */
export const SHUTDOWN_BUDGET_MS = 60_000;
/** What a step still gets once the budget is spent, so the later ones (closing the store) still run. */
const LAST_CHANCE_MS = 1_000;

/**
 * Runs the stop steps in order, each bounded in time and all of them within `budgetMs` (a step
 * that starts after the budget is spent gets a second); a step that fails or hangs is logged and
 * the next one still runs, so the store is always closed last. Running it twice runs it once.
 */
export function createShutdown(logger: Logger, steps: readonly ShutdownStep[], budgetMs = SHUTDOWN_BUDGET_MS): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () =>
    (running ??= (async () => {
      const deadline = Date.now() + budgetMs;
      for (const step of steps) {
        const started = Date.now();
        const limit = Math.max(LAST_CHANCE_MS, Math.min(step.timeoutMs ?? 10_000, deadline - started));
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limit)));
        try {
          const outcome = await Promise.race([Promise.resolve(step.run()).then(() => 'done' as const), timeout]);
          if (outcome === 'timeout') logger.warn({ step: step.name }, 'shutdown step timed out; moving on');
          else logger.debug({ step: step.name, ms: Date.now() - started }, 'shutdown step done');
        } catch (err) {
          logger.error({ err, step: step.name }, 'shutdown step failed');
        } finally {
          clearTimeout(timer);
        }
      }
      logger.info('stopped');
    })());
}

/** What a running app holds, each absent until it was started. */
export interface RunningParts {
  http?: { stopAccepting(): void; close(): Promise<void> };
  /** The chat platforms' transports (Telegram, Zalo or both), stopped together. */
  transports?: { stopIntake(): Promise<void>; drain(timeoutMs: number): Promise<boolean>; releaseLock(): Promise<void>; close(): void };
  cron?: { stop(): Promise<void> };
  store: { close(): Promise<void> };
}

/**
 * The stop order: stop intake (webhook calls get 503, polling stops fetching, the scheduler starts
 * no new delivery) → finish updates in progress and their replies → release the poll lock (a
 * standby instance takes over at once) → wait for the scheduler's deliveries in flight → close HTTP
 * and the API connections → close the store.
 */
export function stopSteps(parts: RunningParts): ShutdownStep[] {
  const { http, transports, cron, store } = parts;
  let schedulerStopping: Promise<void> | undefined;
  return [
    {
      name: 'stop intake',
      run: () => {
        http?.stopAccepting();
        // A fan-out in progress stops starting deliveries now, not after the updates drained.
        schedulerStopping = cron?.stop();
        return transports?.stopIntake();
      },
    },
    { name: 'finish updates in progress', run: () => transports?.drain(20_000), timeoutMs: 21_000 },
    { name: 'release the poll lock', run: () => transports?.releaseLock() },
    { name: 'stop the scheduler', run: () => schedulerStopping ?? cron?.stop(), timeoutMs: 30_000 },
    { name: 'close the HTTP server', run: () => http?.close() },
    { name: 'close the platform connections', run: () => transports?.close() },
    { name: 'close the store', run: () => store.close() },
  ];
}
