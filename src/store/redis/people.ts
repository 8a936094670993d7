// The people port on Redis: every grant in three index hashes (by account, by agency, by role).
import { randomBytes } from 'node:crypto';
import type { AccountId, Role, RoleGrant } from '../../domain/roles.js';
import type { People } from '../ports/people.js';
import { isGrant } from '../record-shapes.js';
import { compareGrants, grantRecord } from '../records.js';
import { deepFreeze, execTransaction, type RedisContext } from './context.js';
import { grantFields } from './keys.js';

/** Index hashes kept parsed in memory at most (a province's accounts, agencies and roles). */
const CACHED_INDEXES = 20_000;

/**
 * Grants change rarely and are read on every message (the sender's roles) and by /status (every
 * head and deputy, each agency's members). Each instance keeps the index hashes it read, parsed,
 * with the grants' state token they were read at: a grant or revocation anywhere replaces the token
 * in the same transaction, so a token read now that equals the cached one proves nothing changed
 * since — one short GET instead of reading, parsing and checking every grant again. A Redis put
 * back to an earlier snapshot brings that snapshot's token back with its grants, so the cache still
 * agrees with what Redis holds.
 */
export class RedisPeople implements People {
  private readonly cache = new Map<string, { state: string; grants: readonly RoleGrant[] }>();
  /** The state token asked for by the code running now, shared by every read it starts (one GET). */
  private stateThisTurn: Promise<string | null> | undefined;
  /** Index reads under way, joined by reads of the same agency or role index meanwhile. */
  private readonly reading = new Map<string, Promise<readonly RoleGrant[]>>();

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
    tx.set(keys.grantsState(), newState());
    await execTransaction(tx);
  }

  async revoke(account: AccountId, role: Role, agencyId?: string): Promise<boolean> {
    const { redis, keys } = this.ctx;
    const tx = redis.multi();
    tx.hdel(keys.grantsOfAccount(account), grantFields.inAccountIndex(role, agencyId));
    if (agencyId) tx.hdel(keys.grantsOfAgency(agencyId), grantFields.inAgencyIndex(account, role));
    tx.hdel(keys.grantsOfRole(role), grantFields.inRoleIndex(account, agencyId));
    tx.set(keys.grantsState(), newState());
    const [removedFromAccountIndex] = await execTransaction(tx);
    return removedFromAccountIndex === 1;
  }

  async rolesOf(account: AccountId): Promise<RoleGrant[]> {
    // Who may act is never answered from a read that began before this call: no joining.
    return this.grantsIn(this.ctx.keys.grantsOfAccount(account), false);
  }

  async membersOf(agencyId: string): Promise<RoleGrant[]> {
    return this.grantsIn(this.ctx.keys.grantsOfAgency(agencyId), true);
  }

  async holdersOf(role: Role): Promise<RoleGrant[]> {
    return this.grantsIn(this.ctx.keys.grantsOfRole(role), true);
  }

  /**
   * `join`: a read of the same index already under way may answer this call too. For whom to remind,
   * whom to show on /status and the like, a read that began a moment earlier is as good, and a
   * burst of /status on a cold start then reads every head once instead of once per message.
   */
  private async grantsIn(indexKey: string, join: boolean): Promise<RoleGrant[]> {
    const cached = this.cache.get(indexKey);
    if (cached && (await this.currentState()) === cached.state) return [...cached.grants];
    const underWay = join ? this.reading.get(indexKey) : undefined;
    if (underWay) return [...(await underWay)];
    const read = this.readIndex(indexKey);
    if (join) {
      this.reading.set(indexKey, read);
      void read.finally(() => this.reading.get(indexKey) === read && this.reading.delete(indexKey)).catch(() => undefined);
    }
    return [...(await read)];
  }

  private currentState(): Promise<string | null> {
    if (!this.stateThisTurn) {
      this.stateThisTurn = this.ctx.redis.get(this.ctx.keys.grantsState());
      // Reads started together (a page's members, in one Promise.all) would send their GETs in one
      // pipeline anyway: one serves them all. Anything started later asks again.
      process.nextTick(() => (this.stateThisTurn = undefined));
    }
    return this.stateThisTurn;
  }

  private async readIndex(indexKey: string): Promise<readonly RoleGrant[]> {
    const { keys, scripts, redis } = this.ctx;
    const [state, values] = await scripts.dondocReadGrants(keys.grantsState(), indexKey);
    const grants = deepFreeze(this.ctx.parseAll(values, isGrant, indexKey).sort(compareGrants));
    if (state === null) {
      // Grants written before states were kept: give them one, so the next read can be cached.
      await redis.set(keys.grantsState(), newState(), 'NX');
    } else {
      this.cache.delete(indexKey);
      if (this.cache.size >= CACHED_INDEXES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(indexKey, { state, grants });
    }
    return grants;
  }
}

function newState(): string {
  return randomBytes(12).toString('base64url');
}
