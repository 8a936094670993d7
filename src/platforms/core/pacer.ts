import type { RateGate } from './rate-gate.js';

/**
 * Outgoing pace for every platform, per process (the global window may be shared across processes:
 * see rate-gate.ts). Each platform states its limits (telegram/limits.ts, zalo/pacer.ts); every
 * send — replies and reminders alike — waits here first; a 429 that still happens (another
 * instance, an unpublished limit) is honoured by the platform client's retry.
 *
 * Each limit is a sliding window ("at most N in any W ms"), which allows a burst up to N and never
 * exceeds the rate over any window. Sends into one chat are queued in order; the global window
 * serves chats first come, first served, so one slow chat never holds up everyone else.
 */
export interface PaceLimit {
  limit: number;
  windowMs: number;
}

export interface PacerLimits {
  global: PaceLimit;
  group: PaceLimit;
  private: PaceLimit;
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacerClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Pacer {
  /**
   * Runs `send` when the chat's and the global window allow it. Calls for one chat run one at a
   * time in call order (a split message arrives in order) — so a caller may queue several sends
   * at once and know they go out in that order. When `skip` says so at the send's turn (an earlier
   * piece failed), it is not sent, takes no slot, and resolves undefined.
   */
  schedule<T>(chatId: string, kind: 'private' | 'group', send: () => Promise<T>, skip?: () => boolean): Promise<T | undefined>;
  /** Runs `send` within the global window only: edits, which Telegram limits apart from messages. */
  global<T>(send: () => Promise<T>): Promise<T>;
  /** Chats with sends queued or running, for tests and metrics. */
  pending(): number;
  /**
   * After shutdown: nothing more leaves. Sends still queued (and any scheduled later) reject with
   * PacerStopped instead of going out while the process is meant to be gone.
   */
  stop(): void;
}

/** A send refused because the pacer was stopped (the app is shutting down). */
export class PacerStopped extends Error {
  constructor() {
    super('not sent: the bot is stopping');
    this.name = 'PacerStopped';
  }
}

/** A sliding window: timestamps of the sends in the last `windowMs`. */
class Window {
  private readonly times: number[] = [];
  constructor(private readonly spec: PaceLimit) {}
  /** How long until one more send fits (0 when it fits now). */
  waitMs(now: number): number {
    this.prune(now);
    if (this.times.length < this.spec.limit) return 0;
    return (this.times[this.times.length - this.spec.limit] as number) + this.spec.windowMs - now;
  }
  take(now: number): void {
    this.times.push(now);
  }
  idle(now: number): boolean {
    this.prune(now);
    return this.times.length === 0;
  }
  private prune(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) + this.spec.windowMs <= now) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}

/** The global window as a FIFO of waiters, served by one timer. */
class GlobalGate implements RateGate {
  private readonly window: Window;
  private readonly waiters: (() => void)[] = [];
  private timer = false;
  constructor(
    spec: PaceLimit,
    private readonly clock: PacerClock,
  ) {
    this.window = new Window(spec);
  }
  acquire(): Promise<void> {
    if (this.waiters.length === 0 && this.window.waitMs(this.clock.now()) === 0) {
      this.window.take(this.clock.now());
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.pump();
    });
  }
  private pump(): void {
    if (this.timer) return;
    while (this.waiters.length > 0) {
      const wait = this.window.waitMs(this.clock.now());
      if (wait > 0) {
        this.timer = true;
        void this.clock.sleep(wait).then(() => {
          this.timer = false;
          this.pump();
        });
        return;
      }
      this.window.take(this.clock.now());
      (this.waiters.shift() as () => void)();
    }
  }
}

interface ChatLane {
  window: Window;
  tail: Promise<unknown>;
  queued: number;
}

const UNLIMITED: PaceLimit = { limit: Number.POSITIVE_INFINITY, windowMs: 0 };

/**
 * `limits: 'unlimited'` turns the waiting off (benchmarks; a fake API with no limits); sends into one
 * chat stay in order. `sharedGate` replaces the in-process global window with one shared by every
 * instance of the bot (Redis), given the in-process one to fall back on; the per-chat windows stay
 * per process.
 */
export function createPacer(
  option: PacerLimits | 'unlimited',
  clock: PacerClock = realPacerClock,
  sharedGate?: (local: RateGate) => RateGate,
): Pacer {
  const limits: PacerLimits = option === 'unlimited' ? { global: UNLIMITED, group: UNLIMITED, private: UNLIMITED } : option;
  const local = new GlobalGate(limits.global, clock);
  const gate: RateGate = option !== 'unlimited' && sharedGate ? sharedGate(local) : local;
  const lanes = new Map<string, ChatLane>();
  let stopped = false;

  async function paced<T>(lane: ChatLane, send: () => Promise<T>, skip?: () => boolean): Promise<T | undefined> {
    if (skip?.()) return undefined;
    for (let wait = lane.window.waitMs(clock.now()); wait > 0 && !stopped; wait = lane.window.waitMs(clock.now())) await clock.sleep(wait);
    if (stopped) throw new PacerStopped();
    await gate.acquire();
    if (stopped) throw new PacerStopped();
    // Counted when it leaves, after the overall wait: a chat's sends never bunch up behind it.
    lane.window.take(clock.now());
    return send();
  }

  return {
    schedule(chatId, kind, send, skip) {
      let lane = lanes.get(chatId);
      if (!lane) {
        lane = { window: new Window(kind === 'group' ? limits.group : limits.private), tail: Promise.resolve(), queued: 0 };
        lanes.set(chatId, lane);
      }
      const own = lane;
      own.queued++;
      const result = own.tail.then(() => paced(own, send, skip));
      own.tail = result.then(
        () => undefined,
        () => undefined,
      );
      void own.tail.then(() => {
        own.queued--;
        // Forget a lane once nothing is queued and its window has emptied (or will: checked lazily).
        if (own.queued === 0 && lanes.get(chatId) === own && own.window.idle(clock.now())) lanes.delete(chatId);
      });
      if (lanes.size > 10_000) for (const [id, l] of lanes) if (l.queued === 0 && l.window.idle(clock.now())) lanes.delete(id);
      return result;
    },
    async global(send) {
      await gate.acquire();
      if (stopped) throw new PacerStopped();
      return send();
    },
    pending: () => [...lanes.values()].filter((l) => l.queued > 0).length,
    stop() {
      stopped = true;
    },
  };
}
