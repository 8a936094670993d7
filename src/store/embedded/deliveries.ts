// The outbox's ledger, in the `done` table, with a delivery's claim held in the `leases` table.
import { DONE_RETENTION_MS, checkedTtl } from '../records.js';
import type { Deliveries, DeliveryClaim } from '../ports/deliveries.js';
import type { EmbeddedDatabase } from './database.js';
import { leaseHolder, putLease } from './leases.js';

const IS_DONE = 'SELECT 1 FROM done WHERE key = ? AND expires_at > ?';

export class EmbeddedDeliveries implements Deliveries {
  constructor(private readonly db: EmbeddedDatabase) {}

  async claim(key: string, token: string, ttlMs: number): Promise<DeliveryClaim> {
    const ttl = checkedTtl(ttlMs);
    // One write transaction: the ledger check and the claim see the same state.
    return this.db.write((): DeliveryClaim => {
      const now = this.db.clock.now();
      if (this.db.get(IS_DONE, key, now)) return { state: 'done' };
      const holder = leaseHolder(this.db, key, now);
      if (holder !== undefined) return holder === token ? { state: 'claimed', lease: key } : { state: 'busy' };
      putLease(this.db, key, token, now + ttl);
      return { state: 'claimed', lease: key };
    });
  }

  async markDone(key: string, detail?: string): Promise<boolean> {
    return this.db.write(() => {
      const now = this.db.clock.now();
      if (this.db.get(IS_DONE, key, now)) return false;
      this.db.run('INSERT OR REPLACE INTO done (key, detail, expires_at) VALUES (?, ?, ?)', key, detail ?? '', now + DONE_RETENTION_MS);
      return true;
    });
  }

  async isDone(key: string): Promise<boolean> {
    return this.db.read(() => this.db.get(IS_DONE, key, this.db.clock.now()) !== undefined);
  }
}
