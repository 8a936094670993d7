import { performance } from 'node:perf_hooks';
import { Redis, type ChainableCommander } from 'ioredis';
import type { Agency } from '../domain/agency.js';
import type { AccountId, Role, RoleGrant } from '../domain/roles.js';
import type { NewSubmission, Submission } from '../domain/submission.js';
import {
  DONE_RETENTION_MS,
  checkedTtl,
  compareGrants,
  conversationJson,
  grantRecord,
  planAgencySync,
  submissionRecord,
  type StoreLogger,
} from './create-store.js';
import { grantFields, redisKeys, type RedisKeys } from './redis-keys.js';
import type { AgencySyncResult, Store } from './store.js';

/** How to reach Redis and where under it the store's keys live. */
export interface RedisStoreOptions {
  /** e.g. `redis://:password@127.0.0.1:6379/0` */
  url: string;
  /** Prefix of every key, e.g. `dondoc:`. */
  prefix: string;
  logger?: StoreLogger;
  /** How long to wait for the first connection before giving up. */
  connectTimeoutMs?: number;
}

/**
 * Numbers a revision and stores it in one step, so concurrent reports never share a number. The
 * client sends the JSON without its closing brace; the script appends the revision and closes it,
 * which spares Lua from decoding and re-encoding (and reordering) the caller's JSON.
 */
const ADD_SUBMISSION_LUA = `
local revision = redis.call('LLEN', KEYS[1]) + 1
local json = ARGV[2] .. ',"revision":' .. revision .. '}'
redis.call('RPUSH', KEYS[1], json)
redis.call('HSET', KEYS[2], ARGV[1], json)
return revision
`;

/** Deletes a lease only if the caller still holds it; a GET then DEL from the client could race. */
const RELEASE_LEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** The Lua commands registered with `defineCommand`, which ioredis cannot type by itself. */
interface StoreScripts {
  dondocAddSubmission(revisionsKey: string, latestKey: string, agencyId: string, jsonWithoutClosingBrace: string): Promise<number>;
  dondocReleaseLease(leaseKey: string, owner: string): Promise<number>;
}

/** Connects to Redis and returns the store; rejects with the (password-free) URL when unreachable. */
export async function openRedisStore(options: RedisStoreOptions): Promise<Store> {
  const keys = redisKeys(options.prefix);
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    // Fail a command after a few reconnection attempts instead of hanging a chat reply forever.
    maxRetriesPerRequest: 3,
  });
  redis.on('error', (err: unknown) => options.logger?.warn({ err }, 'Redis connection error'));
  redis.defineCommand('dondocAddSubmission', { numberOfKeys: 2, lua: ADD_SUBMISSION_LUA });
  redis.defineCommand('dondocReleaseLease', { numberOfKeys: 1, lua: RELEASE_LEASE_LUA });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot reach Redis at ${withoutPassword(options.url)}: ${reason}`, { cause: err });
  }
  return new RedisStore(redis, keys, options.logger);
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly scripts: StoreScripts;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly logger: StoreLogger | undefined,
  ) {
    this.scripts = redis as unknown as StoreScripts;
  }

  // ── Agencies ──────────────────────────────────────────────────────────────────────────────

  async syncAgencies(agencies: readonly Agency[]): Promise<AgencySyncResult> {
    const { result, writes } = planAgencySync(await this.allAgencies(), agencies);
    // One HSET with every field is atomic, so a crash never leaves half a plan written.
    if (writes.length > 0) {
      await this.redis.hset(this.keys.agencies(), Object.fromEntries(writes.map((a) => [a.id, JSON.stringify(a)])));
    }
    return result;
  }

  async getAgency(id: string): Promise<Agency | undefined> {
    return this.parse(await this.redis.hget(this.keys.agencies(), id), isAgency, this.keys.agencies());
  }

  async listAgencies(options?: { includeArchived?: boolean }): Promise<Agency[]> {
    const all = [...(await this.allAgencies()).values()];
    return all.filter((a) => options?.includeArchived || !a.archived).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  private async allAgencies(): Promise<Map<string, Agency>> {
    const key = this.keys.agencies();
    const raw = await this.redis.hgetall(key);
    const agencies = new Map<string, Agency>();
    for (const [id, json] of Object.entries(raw)) {
      const agency = this.parse(json, isAgency, `${key} ${id}`);
      if (agency) agencies.set(id, agency);
    }
    return agencies;
  }

  // ── Roles ─────────────────────────────────────────────────────────────────────────────────

  async grantRole(grant: RoleGrant): Promise<void> {
    const record = grantRecord(grant);
    const json = JSON.stringify(record);
    const tx = this.redis.multi();
    tx.hset(this.keys.grantsOfAccount(record.account), grantFields.inAccountIndex(record.role, record.agencyId), json);
    if (record.agencyId) {
      tx.hset(this.keys.grantsOfAgency(record.agencyId), grantFields.inAgencyIndex(record.account, record.role), json);
    }
    tx.hset(this.keys.grantsOfRole(record.role), grantFields.inRoleIndex(record.account, record.agencyId), json);
    await execTransaction(tx);
  }

  async revokeRole(account: AccountId, role: Role, agencyId?: string): Promise<boolean> {
    const tx = this.redis.multi();
    tx.hdel(this.keys.grantsOfAccount(account), grantFields.inAccountIndex(role, agencyId));
    if (agencyId) tx.hdel(this.keys.grantsOfAgency(agencyId), grantFields.inAgencyIndex(account, role));
    tx.hdel(this.keys.grantsOfRole(role), grantFields.inRoleIndex(account, agencyId));
    const [removedFromAccountIndex] = await execTransaction(tx);
    return removedFromAccountIndex === 1;
  }

  async rolesOf(account: AccountId): Promise<RoleGrant[]> {
    return this.grantsIn(this.keys.grantsOfAccount(account));
  }

  async agencyMembers(agencyId: string): Promise<RoleGrant[]> {
    return this.grantsIn(this.keys.grantsOfAgency(agencyId));
  }

  async holdersOf(role: Role): Promise<RoleGrant[]> {
    return this.grantsIn(this.keys.grantsOfRole(role));
  }

  private async grantsIn(indexKey: string): Promise<RoleGrant[]> {
    const values = await this.redis.hvals(indexKey);
    return this.parseAll(values, isGrant, indexKey).sort(compareGrants);
  }

  // ── Submissions ───────────────────────────────────────────────────────────────────────────

  async addSubmission(submission: NewSubmission): Promise<Submission> {
    const record = submissionRecord(submission);
    const json = JSON.stringify(record);
    const revision = await this.scripts.dondocAddSubmission(
      this.keys.submissionRevisions(record.periodId, record.agencyId),
      this.keys.latestSubmissions(record.periodId),
      record.agencyId,
      json.slice(0, -1),
    );
    return { ...record, revision: Number(revision) };
  }

  async latestSubmission(periodId: string, agencyId: string): Promise<Submission | undefined> {
    const key = this.keys.latestSubmissions(periodId);
    return this.parse(await this.redis.hget(key, agencyId), isSubmission, `${key} ${agencyId}`);
  }

  async submissionHistory(periodId: string, agencyId: string): Promise<Submission[]> {
    const key = this.keys.submissionRevisions(periodId, agencyId);
    return this.parseAll(await this.redis.lrange(key, 0, -1), isSubmission, key);
  }

  async latestSubmissions(periodId: string): Promise<Map<string, Submission>> {
    const key = this.keys.latestSubmissions(periodId);
    const latest = new Map<string, Submission>();
    for (const [agencyId, json] of Object.entries(await this.redis.hgetall(key))) {
      const submission = this.parse(json, isSubmission, `${key} ${agencyId}`);
      if (submission) latest.set(agencyId, submission);
    }
    return latest;
  }

  // ── Conversations ─────────────────────────────────────────────────────────────────────────

  async getConversation<T>(key: string): Promise<T | undefined> {
    const redisKey = this.keys.conversation(key);
    return this.parse(await this.redis.get(redisKey), (v): v is T => v !== undefined, redisKey);
  }

  async putConversation<T>(key: string, state: T, ttlMs: number): Promise<void> {
    await this.redis.set(this.keys.conversation(key), conversationJson(state), 'PX', checkedTtl(ttlMs));
  }

  async deleteConversation(key: string): Promise<void> {
    await this.redis.unlink(this.keys.conversation(key));
  }

  // ── Leases and the sent ledger ────────────────────────────────────────────────────────────

  async claimLease(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.keys.lease(key), owner, 'PX', checkedTtl(ttlMs), 'NX')) === 'OK';
  }

  async releaseLease(key: string, owner: string): Promise<boolean> {
    return Number(await this.scripts.dondocReleaseLease(this.keys.lease(key), owner)) === 1;
  }

  async markDone(key: string, detail?: string): Promise<boolean> {
    const seconds = Math.ceil(DONE_RETENTION_MS / 1000);
    return (await this.redis.set(this.keys.done(key), detail ?? '', 'EX', seconds, 'NX')) === 'OK';
  }

  async isDone(key: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.done(key))) === 1;
  }

  // ── Meta ──────────────────────────────────────────────────────────────────────────────────

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys.meta(), key)) ?? undefined;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.redis.hset(this.keys.meta(), key, value);
  }

  // ── Health ────────────────────────────────────────────────────────────────────────────────

  async ping(): Promise<number> {
    const started = performance.now();
    await this.redis.ping();
    return performance.now() - started;
  }

  close(): Promise<void> {
    this.closing ??= this.redis.quit().then(
      () => undefined,
      // Already disconnected (e.g. Redis went away): nothing left to flush, just stop reconnecting.
      () => this.redis.disconnect(),
    );
    return this.closing;
  }

  // ── Reading stored JSON without trusting it ───────────────────────────────────────────────

  /** A value that fails to parse or has the wrong shape is logged and treated as absent. */
  private parse<T>(json: string | null | undefined, isShape: (value: unknown) => value is T, where: string): T | undefined {
    if (json === null || json === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(json);
      if (isShape(value)) return value;
    } catch {
      // Fall through to the warning: a corrupt value must not take the bot down.
    }
    this.logger?.warn({ key: where, sample: json.slice(0, 120) }, 'skipped a corrupt value in Redis');
    return undefined;
  }

  private parseAll<T>(jsons: readonly string[], isShape: (value: unknown) => value is T, where: string): T[] {
    const values: T[] = [];
    for (const json of jsons) {
      const value = this.parse(json, isShape, where);
      if (value !== undefined) values.push(value);
    }
    return values;
  }
}

/** Runs a MULTI and throws the first command error instead of returning it in the results. */
async function execTransaction(tx: ChainableCommander): Promise<unknown[]> {
  const replies = await tx.exec();
  if (!replies) throw new Error('Redis transaction was aborted');
  return replies.map(([err, result]) => {
    if (err) throw err;
    return result;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAgency(value: unknown): value is Agency {
  return isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string';
}

function isGrant(value: unknown): value is RoleGrant {
  return isRecord(value) && typeof value.account === 'string' && typeof value.role === 'string';
}

function isSubmission(value: unknown): value is Submission {
  return (
    isRecord(value) &&
    typeof value.periodId === 'string' &&
    typeof value.agencyId === 'string' &&
    typeof value.revision === 'number' &&
    Array.isArray(value.answers)
  );
}
