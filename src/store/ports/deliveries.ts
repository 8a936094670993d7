/** What `deliveries.claim` found; `lease` is what `leases.renew` and `leases.release` take for this claim. */
export type DeliveryClaim = { state: 'claimed'; lease: string } | { state: 'done' } | { state: 'busy' };

/**
 * The outbox's ledger: what was delivered (a reminder, a summary, a queued push), so that it is
 * sent once across restarts and instances.
 */
export interface Deliveries {
  /**
   * In one step: `done` if `key` is recorded as delivered, else its delivery lease taken for
   * `ttlMs` (`claimed`, also when this very `token` already holds it — a resent command), else
   * `busy`. Renew and release the claim through `leases` with `lease`, the lease's name.
   */
  claim(key: string, token: string, ttlMs: number): Promise<DeliveryClaim>;
  /** Records that it was delivered; true the first time, false if it was already recorded. */
  markDone(key: string, detail?: string): Promise<boolean>;
  isDone(key: string): Promise<boolean>;
}
