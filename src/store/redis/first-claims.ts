// The first-claims port on Redis: a claim is a lease never renewed nor released (same keys and script as leases.claim).
import type { FirstClaims } from '../ports/first-claims.js';
import { checkedTtl } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisFirstClaims implements FirstClaims {
  constructor(private readonly ctx: RedisContext) {}

  async claim(key: string, token: string, ttlMs: number): Promise<boolean> {
    return Number(await this.ctx.scripts.dondocClaimOnce(this.ctx.keys.lease(key), token, checkedTtl(ttlMs))) === 1;
  }
}
