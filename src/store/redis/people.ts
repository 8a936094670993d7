// The people port on Redis: every grant in three index hashes (by account, by agency, by role).
import type { AccountId, Role, RoleGrant } from '../../domain/roles.js';
import type { People } from '../ports/people.js';
import { isGrant } from '../record-shapes.js';
import { compareGrants, grantRecord } from '../records.js';
import { execTransaction, type RedisContext } from './context.js';
import { grantFields } from './keys.js';

export class RedisPeople implements People {
  constructor(private readonly ctx: RedisContext) {}

  async grant(grant: RoleGrant): Promise<void> {
    const { redis, keys } = this.ctx;
    const record = grantRecord(grant);
    const json = JSON.stringify(record);
    const tx = redis.multi();
    tx.hset(keys.grantsOfAccount(record.account), grantFields.inAccountIndex(record.role, record.agencyId), json);
    if (record.agencyId) {
      tx.hset(keys.grantsOfAgency(record.agencyId), grantFields.inAgencyIndex(record.account, record.role), json);
    }
    tx.hset(keys.grantsOfRole(record.role), grantFields.inRoleIndex(record.account, record.agencyId), json);
    await execTransaction(tx);
  }

  async revoke(account: AccountId, role: Role, agencyId?: string): Promise<boolean> {
    const { redis, keys } = this.ctx;
    const tx = redis.multi();
    tx.hdel(keys.grantsOfAccount(account), grantFields.inAccountIndex(role, agencyId));
    if (agencyId) tx.hdel(keys.grantsOfAgency(agencyId), grantFields.inAgencyIndex(account, role));
    tx.hdel(keys.grantsOfRole(role), grantFields.inRoleIndex(account, agencyId));
    const [removedFromAccountIndex] = await execTransaction(tx);
    return removedFromAccountIndex === 1;
  }

  async rolesOf(account: AccountId): Promise<RoleGrant[]> {
    return this.grantsIn(this.ctx.keys.grantsOfAccount(account));
  }

  async membersOf(agencyId: string): Promise<RoleGrant[]> {
    return this.grantsIn(this.ctx.keys.grantsOfAgency(agencyId));
  }

  async holdersOf(role: Role): Promise<RoleGrant[]> {
    return this.grantsIn(this.ctx.keys.grantsOfRole(role));
  }

  private async grantsIn(indexKey: string): Promise<RoleGrant[]> {
    const values = await this.ctx.redis.hvals(indexKey);
    return this.ctx.parseAll(values, isGrant, indexKey).sort(compareGrants);
  }
}
