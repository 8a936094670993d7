// The delegations port on Redis: one hash of Delegation JSON by agency id.
import type { Delegation } from '../../domain/delegation.js';
import type { Delegations } from '../ports/delegations.js';
import { isDelegation } from '../record-shapes.js';
import { delegationRecord } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisDelegations implements Delegations {
  constructor(private readonly ctx: RedisContext) {}

  async set(delegation: Delegation): Promise<void> {
    const record = delegationRecord(delegation);
    await this.ctx.redis.hset(this.ctx.keys.delegations(), record.agencyId, JSON.stringify(record));
  }

  async get(agencyId: string): Promise<Delegation | undefined> {
    const key = this.ctx.keys.delegations();
    return this.ctx.parse(await this.ctx.redis.hget(key, agencyId), isDelegation, `${key} ${agencyId}`);
  }

  async clear(agencyId: string): Promise<boolean> {
    return (await this.ctx.redis.hdel(this.ctx.keys.delegations(), agencyId)) === 1;
  }
}
