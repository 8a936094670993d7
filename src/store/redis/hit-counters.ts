// The hit counters port on Redis: one counter per key, expiring when its window ends.
import type { HitCounters } from '../ports/hit-counters.js';
import { checkedTtl } from '../records.js';
import { execTransaction, type RedisContext } from './context.js';

export class RedisHitCounters implements HitCounters {
  constructor(private readonly ctx: RedisContext) {}

  async hit(key: string, windowMs: number): Promise<number> {
    const counter = this.ctx.keys.hits(key);
    const tx = this.ctx.redis.multi();
    tx.incr(counter);
    // NX: only the window's first hit sets the expiry, so later hits do not stretch the window.
    tx.pexpire(counter, checkedTtl(windowMs), 'NX');
    const [count] = await execTransaction(tx);
    return Number(count);
  }
}
