// Renewable leases, in the `leases` table, which first claims and delivery claims share.
import type { Leases } from '../ports/leases.js';
import { checkedTtl } from '../records.js';
import type { EmbeddedDatabase, Row } from './database.js';

export class EmbeddedLeases implements Leases {
  constructor(private readonly db: EmbeddedDatabase) {}

  async claim(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return claimOnce(this.db, key, owner, ttlMs);
  }

  async renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const ttl = checkedTtl(ttlMs);
    return this.db.write(() => {
      const now = this.db.clock.now();
      if (leaseHolder(this.db, key, now) !== owner) return false;
      putLease(this.db, key, owner, now + ttl);
      return true;
    });
  }

  async release(key: string, owner: string): Promise<boolean> {
    return this.db.write(
      () => this.db.run('DELETE FROM leases WHERE key = ? AND owner = ? AND expires_at > ?', key, owner, this.db.clock.now()).changes > 0,
    );
  }
}

/** Takes `key` for `token` unless another token holds it: `leases.claim` and `firstClaims.claim` alike. */
export function claimOnce(db: EmbeddedDatabase, key: string, token: string, ttlMs: number): boolean {
  const ttl = checkedTtl(ttlMs);
  return db.write(() => {
    const now = db.clock.now();
    const holder = leaseHolder(db, key, now);
    if (holder !== undefined) return holder === token;
    putLease(db, key, token, now + ttl);
    return true;
  });
}

export function leaseHolder(db: EmbeddedDatabase, key: string, now: number): string | undefined {
  return (db.get('SELECT owner FROM leases WHERE key = ? AND expires_at > ?', key, now) as Row<'owner'> | undefined)?.owner as
    string | undefined;
}

/** Also the importer's way in. */
export function putLease(db: EmbeddedDatabase, key: string, owner: string, expiresAt: number): void {
  db.run('INSERT OR REPLACE INTO leases (key, owner, expires_at) VALUES (?, ?, ?)', key, owner, expiresAt);
}
