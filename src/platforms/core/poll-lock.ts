import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';

/**
 * Long polling for one instance at a time, whichever platform: Telegram serves getUpdates to one
 * consumer per token (a second gets 409) and Zalo's updates would be split between pollers. So
 * instances compete for a lease in the store: the holder polls and renews the lease every
 * `renewMs`; the others stand by and try every `retryMs`, taking over within `ttlMs` of a crash and
 * at once after a clean stop. A holder that cannot renew (the store unreachable until its lease
 * could have expired, or the lease taken) stops polling and stands by.
 */
export interface PollLockOptions {
  /** Store key of the lock; one per bot token's deployment. */
  key: string;
  /** How long the lock outlives its holder's last heartbeat. */
  ttlMs: number;
  /** Heartbeat period (well under the TTL). */
  renewMs: number;
  /** How often a standby instance tries to take the lock (one SET NX). */
  retryMs: number;
}

export const pollLockDefaults = (platform: string): PollLockOptions => ({
  key: `poll-lock:${platform}`,
  ttlMs: 30_000,
  renewMs: 10_000,
  retryMs: 1_000,
});

export type PollerState = 'standby' | 'polling' | 'stopped';

export interface Poller {
  /** `standby` while another instance holds the lock. */
  state(): PollerState;
  /** Resolves when this instance first starts polling (tests, logs). */
  polling(): Promise<void>;
  /** Stops fetching updates (those already fetched keep going in the pipeline); keeps the lock. */
  stopIntake(): Promise<void>;
  /** Gives the lock up so another instance takes over at once; call after the pipeline drained. */
  releaseLock(): Promise<void>;
}

/** What every platform's poller is started with, besides how it fetches. */
export interface PollerBaseOptions {
  store: Store;
  logger: Logger;
  instanceId: string;
  /** Over `pollLockDefaults(platform)`. */
  lock?: Partial<PollLockOptions> | undefined;
}

export interface LockedPollingOptions extends PollerBaseOptions {
  /** Names the platform in logs (`telegram: long polling …`) and its lock (`poll-lock:telegram`). */
  platform: string;
  /**
   * Deletes the bot's webhook before each poll (the platforms refuse or split getUpdates while one
   * is set); a failure is logged, described by `describeError` when given, and polling goes on.
   */
  deleteWebhook(): Promise<unknown>;
  describeError?: (err: unknown, method: string) => unknown;
  /**
   * Polls while this instance holds the lock: until `signal` aborts (the lock is lost, or the app
   * stops) — or until it gives up by itself, after which the lock is handed back and the loop
   * tries again. Calls `started()` once it is fetching.
   */
  poll(signal: AbortSignal, started: () => void): Promise<void>;
}

export function startLockedPolling(options: LockedPollingOptions): Poller {
  const { platform, store, logger, instanceId } = options;
  const lock: PollLockOptions = { ...pollLockDefaults(platform), ...options.lock };
  let state: PollerState = 'standby';
  let holding = false;
  const stop = new AbortController();
  let startedPolling: () => void = () => undefined;
  const firstPoll = new Promise<void>((resolve) => (startedPolling = resolve));

  /** Waits `ms`, or less when stopping. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stop.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stop.signal.removeEventListener('abort', done);
        resolve();
      }
      stop.signal.addEventListener('abort', done, { once: true });
    });

  async function claim(): Promise<boolean> {
    try {
      return await store.leases.claim(lock.key, instanceId, lock.ttlMs);
    } catch (err) {
      logger.warn({ err }, `${platform}: poll lock could not be claimed (store unavailable)`);
      return false;
    }
  }

  /** Polls under a heartbeat until the poll ends; returns whether the lock was lost meanwhile. */
  async function pollWhileHolding(): Promise<'lost' | 'ended'> {
    const holds = new AbortController();
    const onStop = () => holds.abort();
    stop.signal.addEventListener('abort', onStop, { once: true });
    let lost = false;
    const loseIt = () => {
      lost = true;
      holds.abort();
    };
    let lastRenewed = Date.now();
    const heartbeat = setInterval(() => {
      store.leases.renew(lock.key, instanceId, lock.ttlMs).then(
        (kept) => {
          if (kept) lastRenewed = Date.now();
          else loseIt();
        },
        (err: unknown) => {
          logger.warn({ err }, `${platform}: poll lock not renewed (store unavailable)`);
          if (Date.now() - lastRenewed >= lock.ttlMs - lock.renewMs / 2) loseIt();
        },
      );
    }, lock.renewMs);
    try {
      await options
        .deleteWebhook()
        .catch((err: unknown) =>
          logger.warn({ err: options.describeError?.(err, 'deleteWebhook') ?? err }, `${platform}: deleteWebhook failed`),
        );
      // Asked to stop (or the lock lost) while getting ready: no poll.
      if (!holds.signal.aborted) {
        await options.poll(holds.signal, () => {
          state = 'polling';
          startedPolling();
          logger.info({ instance: instanceId }, `${platform}: long polling (this instance holds the poll lock)`);
        });
      }
    } catch (err) {
      logger.error({ err }, `${platform}: polling stopped with an error`);
    } finally {
      clearInterval(heartbeat);
      stop.signal.removeEventListener('abort', onStop);
    }
    return lost ? 'lost' : 'ended';
  }

  async function loop(): Promise<void> {
    let announcedStandby = false;
    while (!stop.signal.aborted) {
      holding = await claim();
      if (stop.signal.aborted) return; // stopped while claiming: releaseLock() hands it back
      if (!holding) {
        if (!announcedStandby) logger.info({ instance: instanceId }, `${platform}: another instance holds the poll lock; standing by`);
        announcedStandby = true;
        await pause(lock.retryMs);
        continue;
      }
      announcedStandby = false;
      const why = await pollWhileHolding();
      if (stop.signal.aborted) return;
      state = 'standby';
      holding = false;
      if (why === 'lost') {
        logger.warn({ instance: instanceId }, `${platform}: poll lock lost; stopped polling and standing by`);
      } else {
        // The poll gave up by itself: hand the lock to whoever can poll, and try again later.
        await store.leases.release(lock.key, instanceId).catch(() => false);
        await pause(lock.retryMs);
      }
    }
  }

  const looping = loop().catch((err: unknown) => logger.error({ err }, `${platform}: poller failed`));

  return {
    state: () => state,
    polling: () => firstPoll,
    async stopIntake() {
      if (state === 'stopped') return;
      state = 'stopped';
      stop.abort();
      await looping;
    },
    async releaseLock() {
      if (!holding) return;
      holding = false;
      await store.leases.release(lock.key, instanceId).catch((err: unknown) => logger.warn({ err }, `${platform}: poll lock not released`));
    },
  };
}
