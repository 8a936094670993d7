import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';
import { toPlatformError } from './client.js';
import { ALLOWED_UPDATES } from './translate.js';

export interface PollLockOptions {
  /** Store key of the lock; one per bot token's deployment. */
  key: string;
  /** How long the lock outlives its holder's last heartbeat. */
  ttlMs: number;
  /** Heartbeat period (well under the TTL). */
  renewMs: number;
  /** How often a standby instance tries to take the lock. */
  retryMs: number;
}

/**
 * A standby instance tries the lock every second (one SET NX), so it takes over within a second of
 * a clean stop (the holder deletes the lock) and within the TTL of a crash.
 */
export const DEFAULT_POLL_LOCK: PollLockOptions = { key: 'poll-lock:telegram', ttlMs: 30_000, renewMs: 10_000, retryMs: 1_000 };

export interface PollerOptions {
  /** A bot whose middleware hands updates to the pipeline. */
  bot: Bot;
  store: Store;
  logger: Logger;
  instanceId: string;
  lock?: Partial<PollLockOptions>;
  /** getUpdates long-poll timeout in seconds (Telegram allows up to 50). */
  pollTimeoutSeconds?: number;
}

export interface Poller {
  /** `standby` while another instance holds the lock. */
  state(): 'standby' | 'polling' | 'stopped';
  /** Resolves when this instance first starts polling (tests, logs). */
  polling(): Promise<void>;
  /** Stops fetching updates (those already fetched keep going in the pipeline); keeps the lock. */
  stopIntake(): Promise<void>;
  /** Gives the lock up so another instance takes over at once; call after the pipeline drained. */
  releaseLock(): Promise<void>;
}

/**
 * Long polling for one instance at a time. Telegram serves getUpdates to one consumer per token (a
 * second one gets 409), so instances compete for a lease in the store: the holder polls with
 * @grammyjs/runner and renews the lease every `renewMs`; the others stand by and retry every
 * `retryMs`, taking over within `ttlMs` once the holder dies. A holder that cannot renew (the store
 * unreachable until its lease could have expired, or the lease taken) stops polling and stands by.
 */
export function startPoller(options: PollerOptions): Poller {
  const { bot, store, logger, instanceId } = options;
  const lock = { ...DEFAULT_POLL_LOCK, ...options.lock };
  let state: 'standby' | 'polling' | 'stopped' = 'standby';
  let handle: RunnerHandle | undefined;
  let holding = false;
  let wake: (() => void) | undefined;
  let startedPolling: () => void = () => undefined;
  const firstPoll = new Promise<void>((resolve) => (startedPolling = resolve));

  /** A function, so TypeScript does not narrow `state` across the awaits where it may change. */
  const stopping = () => state === 'stopped';

  /** Waits `ms`, or less when stopping. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function claim(): Promise<boolean> {
    try {
      return await store.claimLease(lock.key, instanceId, lock.ttlMs);
    } catch (err) {
      logger.warn({ err }, 'telegram: poll lock could not be claimed (store unavailable)');
      return false;
    }
  }

  /** Polls until the runner ends, the lock is lost or we stop; returns why. */
  async function pollWhileHolding(): Promise<'stopped' | 'lost' | 'crashed'> {
    try {
      await bot.api.deleteWebhook(); // getUpdates is refused while a webhook is set
    } catch (err) {
      logger.warn({ err: toPlatformError(err, 'deleteWebhook') }, 'telegram: deleteWebhook failed');
    }
    if (stopping()) return 'stopped'; // asked to stop while we were getting ready
    handle = run(bot, {
      runner: { fetch: { timeout: options.pollTimeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] }, silent: true, retryInterval: 'exponential', maxRetryTime: 5 * 60_000 },
      sink: { concurrency: 500 },
    });
    state = 'polling';
    startedPolling();
    logger.info({ instance: instanceId }, 'telegram: long polling (this instance holds the poll lock)');
    const running = handle;
    let lastRenewed = Date.now();
    return new Promise((resolve) => {
      let finished = false;
      const finish = (why: 'stopped' | 'lost' | 'crashed') => {
        if (finished) return;
        finished = true;
        clearInterval(heartbeat);
        resolve(why);
      };
      const heartbeat = setInterval(() => {
        store.renewLease(lock.key, instanceId, lock.ttlMs).then(
          (kept) => {
            if (kept) lastRenewed = Date.now();
            else finish('lost');
          },
          (err: unknown) => {
            logger.warn({ err }, 'telegram: poll lock not renewed (store unavailable)');
            if (Date.now() - lastRenewed >= lock.ttlMs - lock.renewMs / 2) finish('lost');
          },
        );
      }, lock.renewMs);
      const task = running.task();
      if (!task) return finish('crashed');
      task.then(
        () => finish(state === 'stopped' ? 'stopped' : 'crashed'),
        (err: unknown) => {
          logger.error({ err: toPlatformError(err, 'getUpdates') }, 'telegram: polling stopped with an error');
          finish('crashed');
        },
      );
      stopWaiters.push(() => finish('stopped'));
    });
  }

  const stopWaiters: (() => void)[] = [];

  async function loop(): Promise<void> {
    let announcedStandby = false;
    while (state !== 'stopped') {
      holding = await claim();
      if (stopping()) return; // stopped while claiming: releaseLock() hands it back
      if (!holding) {
        if (!announcedStandby) logger.info({ instance: instanceId }, 'telegram: another instance holds the poll lock; standing by');
        announcedStandby = true;
        await pause(lock.retryMs);
        continue;
      }
      announcedStandby = false;
      const why = await pollWhileHolding();
      if (handle?.isRunning()) await handle.stop();
      handle = undefined;
      if (why === 'stopped') return;
      state = 'standby';
      if (why === 'lost') {
        holding = false;
        logger.warn({ instance: instanceId }, 'telegram: poll lock lost; stopped polling and standing by');
      } else {
        await store.releaseLease(lock.key, instanceId).catch(() => false);
        holding = false;
        await pause(lock.retryMs);
      }
    }
  }

  const looping = loop().catch((err: unknown) => logger.error({ err }, 'telegram: poller failed'));

  return {
    state: () => state,
    polling: () => firstPoll,
    async stopIntake() {
      if (state === 'stopped') return;
      state = 'stopped';
      wake?.();
      for (const stop of stopWaiters.splice(0)) stop();
      if (handle?.isRunning()) await handle.stop();
      await looping;
    },
    async releaseLock() {
      if (!holding) return;
      holding = false;
      await store.releaseLease(lock.key, instanceId).catch((err: unknown) => logger.warn({ err }, 'telegram: poll lock not released'));
    },
  };
}
