/**
 * What the metrics, the playground and the composition root see of the scheduler
 * (scheduler/scheduler.ts builds it). Lives in src/ so they need not import scheduler/.
 */

/** The counters of a tick that deliveries add to (TickReport has them). */
export interface DeliveryTally {
  sent: number;
  alreadyDone: number;
  failed: number;
}

/** What one tick did, for logs, the playground and tests. */
export interface TickReport extends DeliveryTally {
  fromMs: number;
  toMs: number;
  skippedStale: number;
  /** False when the tick stopped short (outside office hours, a delivery to retry, or aborted). */
  advanced: boolean;
  /** True when the tick was told to stop (shutdown) before it had started every delivery. */
  aborted?: boolean;
}

export interface TickOptions {
  /** Once aborted, no new delivery starts; those in flight finish and the window stays open. */
  signal?: AbortSignal;
}

export interface Scheduler {
  /**
   * Runs the window since the last finished tick up to `nowMs` (the clock's now by default). Outside
   * office hours it does nothing and keeps the window open, so what fell due is sent at the next
   * office time; reminders of an earlier day are dropped rather than sent late.
   */
  tick(nowMs?: number, options?: TickOptions): Promise<TickReport>;
  /**
   * Claims the tick slot (of `slotMs`, a minute by default) that holds the clock's now for this
   * instance: true for the one instance of several on one store that runs it, false for the others.
   * The claim is never released (it expires), so a slot runs at most once across instances.
   */
  claimTickSlot?(slotMs?: number): Promise<boolean>;
  /**
   * Moves a virtual clock from its current time to `toMs`, stopping at every moment something falls
   * due so each is sent as it would have been in real time (the playground's /advance).
   */
  runUntil(toMs: number, setClock: (ms: number) => void): Promise<TickReport[]>;
}
