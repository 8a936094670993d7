// The leases port on Redis: one expiring key per lease holding its owner, changed only by Lua scripts.
import type { Leases } from '../ports/leases.js';
import { checkedTtl } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisLeases implements Leases {
  constructor(private readonly ctx: RedisContext) {}

  async claim(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return Number(await this.ctx.scripts.dondocClaimOnce(this.ctx.keys.lease(key), owner, checkedTtl(ttlMs))) === 1;
  }

  async renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return Number(await this.ctx.scripts.dondocRenewLease(this.ctx.keys.lease(key), owner, checkedTtl(ttlMs))) === 1;
  }

  async release(key: string, owner: string): Promise<boolean> {
    return Number(await this.ctx.scripts.dondocReleaseLease(this.ctx.keys.lease(key), owner)) === 1;
  }
}
