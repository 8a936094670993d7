// "Only the first one counts": a claim is a lease (`leases.ts`) that is never released, only forgotten.
import type { FirstClaims } from '../ports/first-claims.js';
import type { EmbeddedDatabase } from './database.js';
import { claimOnce } from './leases.js';

export class EmbeddedFirstClaims implements FirstClaims {
  constructor(private readonly db: EmbeddedDatabase) {}

  async claim(key: string, token: string, ttlMs: number): Promise<boolean> {
    return claimOnce(this.db, key, token, ttlMs);
  }
}
