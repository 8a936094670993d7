import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';
import type { ZaloClient, ZaloUpdate } from './client.js';

export interface ZaloPollLockOptions {
  key: string;
  ttlMs: number;
  renewMs: number;
  retryMs: number;
}

// A standby tries every second (one SET NX): after a clean stop it takes over at once.
export const DEFAULT_ZALO_POLL_LOCK: ZaloPollLockOptions = { key: 'poll-lock:zalo', ttlMs: 30_000, renewMs: 10_000, retryMs: 1_000 };

export interface ZaloPollerOptions {
  client: ZaloClient;
  store: Store;
  logger: Logger;
  instanceId: string;
  submit(update: ZaloUpdate): Promise<void>;
  lock?: Partial<ZaloPollLockOptions>;
  /** getUpdates long-poll time, seconds. */
  pollTimeoutSeconds?: number;
  /** Longest back-off after failed polls. */
  maxBackoffMs?: number;
}

export interface ZaloPoller {
  state(): 'standby' | 'polling' | 'stopped';
  polling(): Promise<void>;
  /** Stops fetching (the poll in flight is aborted); updates already fetched keep going. Keeps the lock. */
  stopIntake(): Promise<void>;
  releaseLock(): Promise<void>;
}

/**
 * Long polling for one instance at a time, under a lease in the store (`poll-lock:zalo`): the holder
 * deletes any webhook (polling and webhooks are exclusive), polls getUpdates and renews the lease;
 * the others stand by. Failed polls back off exponentially (1 s … `maxBackoffMs`).
 */
export function startZaloPoller(options: ZaloPollerOptions): ZaloPoller {
  const { client, store, logger, instanceId } = options;
  const lock = { ...DEFAULT_ZALO_POLL_LOCK, ...options.lock };
  const pollSeconds = options.pollTimeoutSeconds ?? 30;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  let state: 'standby' | 'polling' | 'stopped' = 'standby';
  let holding = false;
  const abort = new AbortController();
  let startedPolling: () => void = () => undefined;
  const firstPoll = new Promise<void>((resolve) => (startedPolling = resolve));

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (abort.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        resolve();
      }
      abort.signal.addEventListener('abort', done, { once: true });
    });

  async function claim(): Promise<boolean> {
    try {
      return await store.claimLease(lock.key, instanceId, lock.ttlMs);
    } catch (err) {
      logger.warn({ err }, 'zalo: poll lock could not be claimed (store unavailable)');
      return false;
    }
  }

  async function pollWhileHolding(): Promise<'stopped' | 'lost'> {
    try {
      await client.deleteWebhook();
    } catch (err) {
      logger.warn({ err }, 'zalo: deleteWebhook failed');
    }
    state = 'polling';
    startedPolling();
    logger.info({ instance: instanceId }, 'zalo: long polling (this instance holds the poll lock)');
    let lost = false;
    let lastRenewed = Date.now();
    const heartbeat = setInterval(() => {
      store.renewLease(lock.key, instanceId, lock.ttlMs).then(
        (kept) => {
          if (kept) lastRenewed = Date.now();
          else lost = true;
        },
        (err: unknown) => {
          logger.warn({ err }, 'zalo: poll lock not renewed (store unavailable)');
          if (Date.now() - lastRenewed >= lock.ttlMs - lock.renewMs / 2) lost = true;
        },
      );
    }, lock.renewMs);
    let failures = 0;
    try {
      while (!abort.signal.aborted && !lost) {
        try {
          const updates = await client.getUpdates(pollSeconds, abort.signal);
          failures = 0;
          for (const u of updates) void options.submit(u);
        } catch (err) {
          if (abort.signal.aborted) break;
          failures++;
          const delay = Math.min(maxBackoff, 1000 * 2 ** (failures - 1));
          logger.warn({ err, delayMs: delay }, 'zalo: getUpdates failed; backing off');
          await pause(delay);
        }
      }
    } finally {
      clearInterval(heartbeat);
    }
    return abort.signal.aborted ? 'stopped' : 'lost';
  }

  async function loop(): Promise<void> {
    let announced = false;
    while (!abort.signal.aborted) {
      holding = await claim();
      if (!holding) {
        if (!announced) logger.info({ instance: instanceId }, 'zalo: another instance holds the poll lock; standing by');
        announced = true;
        await pause(lock.retryMs);
        continue;
      }
      announced = false;
      const why = await pollWhileHolding();
      if (why === 'stopped') return;
      state = 'standby';
      holding = false;
      logger.warn({ instance: instanceId }, 'zalo: poll lock lost; stopped polling and standing by');
    }
  }

  const looping = loop().catch((err: unknown) => logger.error({ err }, 'zalo: poller failed'));

  return {
    state: () => state,
    polling: () => firstPoll,
    async stopIntake() {
      if (state === 'stopped') return;
      state = 'stopped';
      abort.abort();
      await looping;
    },
    async releaseLock() {
      if (!holding) return;
      holding = false;
      await store.releaseLease(lock.key, instanceId).catch((err: unknown) => logger.warn({ err }, 'zalo: poll lock not released'));
    },
  };
}
