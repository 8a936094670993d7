// Counters in fixed windows, kept in memory only (never in the database).
import type { HitCounters } from '../ports/hit-counters.js';
import { checkedTtl } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

/**
 * The one thing the embedded store keeps in memory only, as the contract allows: a commit per
 * counted guess would let anyone sending codes make the disk work as fast as they type.
 */
export class EmbeddedHitCounters implements HitCounters {
  private readonly hits = new Map<string, { count: number; expiresAt: number }>();
  private hitsSinceSweep = 0;

  /** The database only for its clock and for refusing calls once it is closed. */
  constructor(private readonly db: EmbeddedDatabase) {}

  async hit(key: string, windowMs: number): Promise<number> {
    this.db.assertOpen();
    const ttl = checkedTtl(windowMs);
    const now = this.db.clock.now();
    const entry = this.hits.get(key);
    if (entry && entry.expiresAt > now) return ++entry.count;
    this.hits.set(key, { count: 1, expiresAt: now + ttl });
    // Windows nobody hits again are never looked up, so sweep them out now and then.
    if (++this.hitsSinceSweep >= 1_000) {
      this.hitsSinceSweep = 0;
      for (const [k, e] of this.hits) if (e.expiresAt <= now) this.hits.delete(k);
    }
    return 1;
  }
}
