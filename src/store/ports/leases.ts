/**
 * Renewable leases: one holder at a time (a poll lock, the push queue, a report being confirmed),
 * each expiring by itself when its holder dies.
 */
export interface Leases {
  /**
   * Takes a lease if nobody holds it (or theirs expired) — or `owner` already holds it: the same
   * claim arriving again (a Redis client resends a command in flight when its connection drops, and
   * the first copy may have run). Use an owner unique to the attempt.
   */
  claim(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease by `ttlMs` from now, only while `owner` still holds it (a heartbeat). */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases a lease only if `owner` still holds it. */
  release(key: string, owner: string): Promise<boolean>;
}
