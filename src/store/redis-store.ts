import { performance } from 'node:perf_hooks';
import type { ChainableCommander, Cluster, Redis } from 'ioredis';
import type { Agency } from '../domain/agency.js';
import type { AuditEntry } from '../domain/audit.js';
import { chatKey, type ChatBinding } from '../domain/chat-binding.js';
import type { Contact } from '../domain/contact.js';
import type { Delegation } from '../domain/delegation.js';
import type { AdHocRequest } from '../domain/ad-hoc.js';
import type { Invite, RedeemResult } from '../domain/invite.js';
import type { AccountId, Platform, Role, RoleGrant } from '../domain/roles.js';
import type { NewSubmission, Submission } from '../domain/submission.js';
import {
  AUDIT_CAP,
  DONE_RETENTION_MS,
  auditRecord,
  chatBindingRecord,
  checkedInstant,
  checkedLimit,
  checkedTtl,
  compareChatBindings,
  compareGrants,
  compareInvitesNewestFirst,
  contactRecord,
  conversationJson,
  delegationRecord,
  adHocRecord,
  compareAdHocRequests,
  grantRecord,
  inviteKeepMs,
  inviteRecord,
  planAgencySync,
  submissionRecord,
  type StoreLogger,
} from './records.js';
import { createRedisClient } from './redis/connection.js';
import { describeRedisUrl, parseRedisUrl } from './redis/redis-url.js';
import { withinMs } from '../within.js';
import { grantFields, redisKeys, type RedisKeys } from './redis/keys.js';
import type { AgencySyncResult, DeliveryClaim, Store } from './store.js';
import { portsOver, type FlatStore } from './flat-store.js';
import { loadLuaScripts } from './redis/lua/load-lua-scripts.js';
import {
  isAdHocRequest,
  isAgency,
  isAuditEntry,
  isChatBinding,
  isContact,
  isDelegation,
  isGrant,
  isInvite,
  isSubmission,
} from './record-shapes.js';
import { createRedisRateGate } from './redis/send-rate.js';
import type { SharedSendRates } from './ports/send-rate.js';

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

/** How many of a period's latest changes are noted for readers that refresh incrementally. */
const CHANGES_KEPT = 1000;

const LUA = loadLuaScripts();

/** The Lua commands registered with `defineCommand`, which ioredis cannot type by itself. */
interface StoreScripts {
  dondocAddSubmission(
    revisionsKey: string,
    latestKey: string,
    versionKey: string,
    changesKey: string,
    agencyId: string,
    jsonWithoutClosingBrace: string,
    changesKept: number,
  ): Promise<number>;
  dondocReleaseLease(leaseKey: string, owner: string): Promise<number>;
  dondocClaimOnce(leaseKey: string, token: string, ttlMs: number): Promise<number>;
  dondocRenewLease(leaseKey: string, owner: string, ttlMs: number): Promise<number>;
  dondocClaimUnlessDone(doneKey: string, leaseKey: string, token: string, ttlMs: number): Promise<number>;
  dondocCreateInvite(inviteKey: string, openKey: string, json: string, keepMs: number, createdAt: number, id: string): Promise<number>;
  dondocRedeemInvite(inviteKey: string, openKey: string, id: string, at: number, accountJson: string): Promise<[string, string?]>;
  dondocRevokeInvite(inviteKey: string, openKey: string, id: string, at: number, byJson: string): Promise<[string, string?]>;
  dondocPurgeOpenInvites(numberOfKeys: number, ...keysThenIds: string[]): Promise<number>;
  dondocAppendAudit(auditKey: string, archiveKey: string, json: string, cap: number): Promise<number>;
}

/** Connects to Redis and returns the store; rejects with the (password-free) URL when unreachable. */
export async function openRedisStore(options: RedisStoreOptions): Promise<Store> {
  const keys = redisKeys(options.prefix);
  const redis = createRedisClient(parseRedisUrl(options.url), {
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    // A command waits through 10 reconnection attempts (about 5.5 s with the connection's retry
    // strategy) before it fails: a Redis restart only delays replies; a longer outage fails the
    // command (the person is told to send again) instead of hanging a chat reply forever.
    maxRetriesPerRequest: 10,
  });
  // The server's own refusal (WRONGPASS, NOAUTH, NOPERM) arrives as an 'error' event; the failed
  // connect only says "Connection is closed". Kept, so that the start-up error names the real reason.
  let refusal: string | undefined;
  redis.on('error', (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (/\b(WRONGPASS|NOAUTH|NOPERM)\b|without any password configured/i.test(message)) refusal ??= message;
    options.logger?.warn({ err }, 'Redis connection error');
  });
  redis.defineCommand('dondocAddSubmission', { numberOfKeys: 4, lua: LUA.addSubmission });
  redis.defineCommand('dondocReleaseLease', { numberOfKeys: 1, lua: LUA.releaseLease });
  redis.defineCommand('dondocClaimOnce', { numberOfKeys: 1, lua: LUA.claimOnce });
  redis.defineCommand('dondocRenewLease', { numberOfKeys: 1, lua: LUA.renewLease });
  redis.defineCommand('dondocClaimUnlessDone', { numberOfKeys: 2, lua: LUA.claimUnlessDone });
  redis.defineCommand('dondocCreateInvite', { numberOfKeys: 2, lua: LUA.createInvite });
  redis.defineCommand('dondocRedeemInvite', { numberOfKeys: 2, lua: LUA.redeemInvite });
  redis.defineCommand('dondocRevokeInvite', { numberOfKeys: 2, lua: LUA.revokeInvite });
  redis.defineCommand('dondocAppendAudit', { numberOfKeys: 2, lua: LUA.appendAudit });
  // The number of keys varies with the number of open invites, so it is the first argument.
  redis.defineCommand('dondocPurgeOpenInvites', { lua: LUA.purgeOpenInvites });
  try {
    // Sentinel and Cluster clients keep retrying on their own; at start-up a clear failure is better.
    await withinMs(
      (async () => {
        await redis.connect();
        // A Cluster "connects" before its slots are known; one round trip proves it can serve.
        await redis.ping();
      })(),
      2 * (options.connectTimeoutMs ?? 5_000),
    );
  } catch (err) {
    redis.disconnect();
    const reason = err instanceof Error ? err.message : String(err);
    if (refusal)
      throw new Error(
        `Redis at ${describeRedisUrl(options.url)} refused our login: ${refusal} (check the user name and password in REDIS_URL)`,
        { cause: err },
      );
    throw new Error(`cannot reach Redis at ${describeRedisUrl(options.url)}: ${reason}`, { cause: err });
  }
  const store = new RedisStore(redis, keys, options.logger);
  const sendRates: SharedSendRates = {
    gate: (name, perSecond) => createRedisRateGate({ redis, key: `${keys.prefix}${name}`, perSecond }),
  };
  return { ...portsOver(store), sharedSendRates: sendRates };
}

/** The first segment of a conversation key (`report:telegram:…` → `report`), which indexes it. */
function conversationKind(key: string): string {
  const colon = key.indexOf(':');
  return colon === -1 ? key : key.slice(0, colon);
}

class RedisStore implements FlatStore {
  readonly kind = 'redis' as const;
  private readonly scripts: StoreScripts;
  private closing: Promise<void> | undefined;
  /** Parsed latest revisions per period, with the version counter they were read at. */
  private readonly latestCache = new Map<string, CachedLatest>();

  constructor(
    private readonly redis: Redis | Cluster,
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
      this.keys.submissionsVersion(record.periodId),
      this.keys.submissionChanges(record.periodId),
      record.agencyId,
      json.slice(0, -1),
      CHANGES_KEPT,
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

  /**
   * A period's latest revisions are read whole only when the period's version counter moved since
   * the last read (every new revision bumps it in the same script): `/status` and the summaries of
   * a 10,000-agency province then cost one GET, not megabytes of JSON. The counter is read before
   * the hash, so a write in between only makes the next call read again. The cached submissions are
   * frozen: callers get a new Map each time but must not change the submissions in it.
   */
  async latestSubmissions(periodId: string): Promise<Map<string, Submission>> {
    const key = this.keys.latestSubmissions(periodId);
    const version = Number((await this.redis.get(this.keys.submissionsVersion(periodId))) ?? 0);
    const cached = this.latestCache.get(periodId);
    let entry = cached && cached.version === version ? cached : undefined;
    if (!entry && cached && version > cached.version && version - cached.version <= CHANGES_KEPT)
      entry = await this.refreshLatest(periodId, cached);
    if (!entry) {
      const latest = new Map<string, Submission>();
      for (const [agencyId, json] of Object.entries(await this.redis.hgetall(key))) {
        const submission = this.parse(json, isSubmission, `${key} ${agencyId}`);
        if (submission) latest.set(agencyId, deepFreeze(submission));
      }
      entry = { version, latest };
    }
    this.latestCache.delete(periodId);
    this.latestCache.set(periodId, entry);
    // Only the few periods in use are kept, the least recently read dropped first.
    for (const old of this.latestCache.keys()) {
      if (this.latestCache.size <= LATEST_CACHE_PERIODS) break;
      this.latestCache.delete(old);
    }
    return new Map(entry.latest);
  }

  /**
   * Brings a cached period up to date from the noted changes: only the agencies that changed are
   * read. Undefined when the changes since the cached version are no longer all noted (more than
   * CHANGES_KEPT, or more writes landed between the two reads), so the caller reads everything.
   */
  private async refreshLatest(periodId: string, cached: CachedLatest): Promise<CachedLatest | undefined> {
    const key = this.keys.latestSubmissions(periodId);
    const noted = (await this.redis.lrange(this.keys.submissionChanges(periodId), -CHANGES_KEPT, -1)).map((entry) => {
      const bar = entry.indexOf('|');
      return { version: Number(entry.slice(0, bar)), agencyId: entry.slice(bar + 1) };
    });
    const oldest = noted[0]?.version;
    if (oldest === undefined || oldest > cached.version + 1) return undefined;
    const changed = [...new Set(noted.filter((c) => c.version > cached.version).map((c) => c.agencyId))];
    const latest = new Map(cached.latest);
    const jsons = changed.length > 0 ? await this.redis.hmget(key, ...changed) : [];
    changed.forEach((agencyId, i) => {
      const submission = this.parse(jsons[i], isSubmission, `${key} ${agencyId}`);
      if (submission) latest.set(agencyId, deepFreeze(submission));
      else latest.delete(agencyId);
    });
    // The hash was read after the list, so it is at least as new as the last change seen.
    return { version: noted[noted.length - 1]?.version ?? cached.version, latest };
  }

  // ── Conversations ─────────────────────────────────────────────────────────────────────────

  async getConversation<T>(key: string): Promise<T | undefined> {
    const redisKey = this.keys.conversation(key);
    return this.parse(await this.redis.get(redisKey), (v): v is T => v !== undefined, redisKey);
  }

  async putConversation<T>(key: string, state: T, ttlMs: number): Promise<void> {
    const ttl = checkedTtl(ttlMs);
    await this.redis.set(this.keys.conversation(key), conversationJson(state), 'PX', ttl);
    // The count index lives in another slot (a Cluster could not update both atomically); it only
    // feeds a metric, so a crash between the two writes costs a miscount until the entry expires.
    const index = this.keys.conversationIndex(conversationKind(key));
    const now = Date.now();
    await Promise.all([this.redis.zadd(index, now + ttl, key), this.redis.zremrangebyscore(index, '-inf', now)]);
  }

  async deleteConversation(key: string): Promise<void> {
    await this.redis.unlink(this.keys.conversation(key));
    await this.redis.zrem(this.keys.conversationIndex(conversationKind(key)), key);
  }

  async countConversations(kind: string): Promise<number> {
    return this.redis.zcount(this.keys.conversationIndex(kind), `(${Date.now()}`, '+inf');
  }

  // ── Leases and the sent ledger ────────────────────────────────────────────────────────────

  async releaseLease(key: string, owner: string): Promise<boolean> {
    return Number(await this.scripts.dondocReleaseLease(this.keys.lease(key), owner)) === 1;
  }

  async claimOnce(key: string, token: string, ttlMs: number): Promise<boolean> {
    return Number(await this.scripts.dondocClaimOnce(this.keys.lease(key), token, checkedTtl(ttlMs))) === 1;
  }

  async renewLease(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return Number(await this.scripts.dondocRenewLease(this.keys.lease(key), owner, checkedTtl(ttlMs))) === 1;
  }

  async markDone(key: string, detail?: string): Promise<boolean> {
    const seconds = Math.ceil(DONE_RETENTION_MS / 1000);
    // The ledger entry of something already done (a reminder sent): lost to an outage, the message
    // would go again once its lease expired. So an outage is waited out here, well within the
    // lease (the caller holds it until this returns), rather than failed like other commands.
    return (await this.waitingOutOutage(() => this.redis.set(this.keys.done(key), detail ?? '', 'EX', seconds, 'NX'))) === 'OK';
  }

  /** Runs a command again while Redis is unreachable, for up to `patienceMs`; other errors at once. */
  private async waitingOutOutage<T>(command: () => Promise<T>, patienceMs = MARK_DONE_PATIENCE_MS): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await command();
      } catch (err) {
        if (this.closing || !isUnreachable(err) || Date.now() - started >= patienceMs) throw err;
        this.logger?.warn({ err, attempt }, 'Redis unreachable; recording a delivery again');
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt * 250, 2_000)));
      }
    }
  }

  async isDone(key: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.done(key))) === 1;
  }

  async claimUnlessDone(key: string, token: string, ttlMs: number): Promise<DeliveryClaim> {
    const lease = this.keys.deliveryLeaseName(key);
    const found = Number(await this.scripts.dondocClaimUnlessDone(this.keys.done(key), this.keys.lease(lease), token, checkedTtl(ttlMs)));
    return found === 2 ? { state: 'done' } : found === 1 ? { state: 'claimed', lease } : { state: 'busy' };
  }

  // ── Invites ───────────────────────────────────────────────────────────────────────────────

  async createInvite(invite: Invite): Promise<void> {
    const record = inviteRecord(invite);
    const created = await this.scripts.dondocCreateInvite(
      this.keys.invite(record.id),
      this.keys.openInvites(),
      JSON.stringify(record),
      Math.ceil(inviteKeepMs(record)),
      record.createdAt,
      record.id,
    );
    if (Number(created) !== 1) throw new Error(`an invite with id ${record.id} already exists`);
  }

  async getInvite(id: string): Promise<Invite | undefined> {
    const key = this.keys.invite(id);
    return this.parse(await this.redis.get(key), isInvite, key);
  }

  async redeemInvite(id: string, account: AccountId, at: number): Promise<RedeemResult> {
    checkedInstant(at, 'the redemption time');
    const key = this.keys.invite(id);
    const [status, json] = await this.scripts.dondocRedeemInvite(key, this.keys.openInvites(), id, at, JSON.stringify(account));
    if (status === 'corrupt') {
      // Nobody can redeem what cannot be read; it counts as unknown.
      this.logger?.warn({ key, sample: json?.slice(0, 120) }, 'an invite in Redis is corrupt; refused to redeem it');
      return { ok: false, reason: 'unknown' };
    }
    const invite = this.parse(json, isInvite, key);
    if (status === 'ok' && invite) return { ok: true, invite };
    if ((status === 'used' || status === 'revoked' || status === 'expired') && invite) return { ok: false, reason: status, invite };
    return { ok: false, reason: 'unknown' };
  }

  async revokeInvite(id: string, by: AccountId, at: number): Promise<boolean> {
    checkedInstant(at, 'the revocation time');
    const key = this.keys.invite(id);
    const [status, json] = await this.scripts.dondocRevokeInvite(key, this.keys.openInvites(), id, at, JSON.stringify(by));
    if (status === 'corrupt')
      this.logger?.warn({ key, sample: json?.slice(0, 120) }, 'an invite in Redis is corrupt; refused to revoke it');
    return status === 'ok';
  }

  async listOpenInvites(): Promise<Invite[]> {
    const openKey = this.keys.openInvites();
    const ids = await this.redis.zrange(openKey, 0, '-1');
    if (ids.length === 0) return [];
    const keys = ids.map((id) => this.keys.invite(id));
    const jsons = await this.redis.mget(...keys);
    const invites: Invite[] = [];
    const gone: number[] = [];
    jsons.forEach((json, i) => {
      if (json === null) {
        gone.push(i);
        return;
      }
      const invite = this.parse(json, isInvite, keys[i]!);
      if (invite && invite.usedAt === undefined && invite.revokedAt === undefined) invites.push(invite);
    });
    if (gone.length > 0) {
      // Their retention ran out, so Redis dropped them: take them off the index too.
      await this.scripts.dondocPurgeOpenInvites(1 + gone.length, openKey, ...gone.map((i) => keys[i]!), ...gone.map((i) => ids[i]!));
    }
    return invites.sort(compareInvitesNewestFirst);
  }

  // ── Group chats ───────────────────────────────────────────────────────────────────────────

  async bindChat(binding: ChatBinding): Promise<void> {
    const record = chatBindingRecord(binding);
    await this.redis.hset(this.keys.chatBindings(), chatKey(record.platform, record.chatId), JSON.stringify(record));
  }

  async unbindChat(platform: Platform, chatId: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.chatBindings(), chatKey(platform, chatId))) === 1;
  }

  async chatBinding(platform: Platform, chatId: string): Promise<ChatBinding | undefined> {
    const key = this.keys.chatBindings();
    const field = chatKey(platform, chatId);
    return this.parse(await this.redis.hget(key, field), isChatBinding, `${key} ${field}`);
  }

  async listChatBindings(): Promise<ChatBinding[]> {
    const key = this.keys.chatBindings();
    return this.parseAll(await this.redis.hvals(key), isChatBinding, key).sort(compareChatBindings);
  }

  // ── Ad-hoc requests ───────────────────────────────────────────────────────────────────────

  async putAdHocRequest(request: AdHocRequest): Promise<void> {
    const record = adHocRecord(request);
    await this.redis.hset(this.keys.adHocRequests(), record.period.id, JSON.stringify(record));
  }

  async createAdHocRequest(request: AdHocRequest): Promise<boolean> {
    const record = adHocRecord(request);
    return (await this.redis.hsetnx(this.keys.adHocRequests(), record.period.id, JSON.stringify(record))) === 1;
  }

  async listAdHocRequests(): Promise<AdHocRequest[]> {
    const key = this.keys.adHocRequests();
    const all = await this.redis.hgetall(key);
    const requests: AdHocRequest[] = [];
    for (const [id, json] of Object.entries(all)) {
      const parsed = this.parse(json, isAdHocRequest, `${key} ${id}`);
      if (parsed) requests.push(parsed);
    }
    return requests.sort(compareAdHocRequests);
  }

  // ── Delegations ───────────────────────────────────────────────────────────────────────────

  async setDelegation(delegation: Delegation): Promise<void> {
    const record = delegationRecord(delegation);
    await this.redis.hset(this.keys.delegations(), record.agencyId, JSON.stringify(record));
  }

  async getDelegation(agencyId: string): Promise<Delegation | undefined> {
    const key = this.keys.delegations();
    return this.parse(await this.redis.hget(key, agencyId), isDelegation, `${key} ${agencyId}`);
  }

  async clearDelegation(agencyId: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.delegations(), agencyId)) === 1;
  }

  // ── Contacts ──────────────────────────────────────────────────────────────────────────────

  async getContact(account: AccountId): Promise<Contact | undefined> {
    const key = this.keys.contacts();
    return this.parse(await this.redis.hget(key, account), isContact, `${key} ${account}`);
  }

  async putContact(contact: Contact): Promise<void> {
    const record = contactRecord(contact);
    await this.redis.hset(this.keys.contacts(), record.account, JSON.stringify(record));
  }

  async getContacts(accounts: readonly AccountId[]): Promise<Map<AccountId, Contact>> {
    this.assertOpen();
    const contacts = new Map<AccountId, Contact>();
    if (accounts.length === 0) return contacts; // HMGET needs at least one field
    const key = this.keys.contacts();
    const jsons = await this.redis.hmget(key, ...accounts);
    jsons.forEach((json, i) => {
      const account = accounts[i]!;
      const contact = this.parse(json, isContact, `${key} ${account}`);
      if (contact) contacts.set(account, contact);
    });
    return contacts;
  }

  // ── Audit ─────────────────────────────────────────────────────────────────────────────────

  async appendAudit(entry: AuditEntry): Promise<void> {
    const json = JSON.stringify(auditRecord(entry));
    this.assertOpen();
    await this.scripts.dondocAppendAudit(this.keys.audit(), this.keys.auditArchive(), json, AUDIT_CAP);
  }

  async listAuditArchive(limit: number): Promise<AuditEntry[]> {
    this.assertOpen();
    const count = checkedLimit(limit, Number.MAX_SAFE_INTEGER);
    if (count === 0) return [];
    const key = this.keys.auditArchive();
    return this.parseAll(await this.redis.lrange(key, 0, count - 1), isAuditEntry, key);
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    this.assertOpen();
    const count = checkedLimit(limit, AUDIT_CAP);
    if (count === 0) return []; // LRANGE 0 -1 would mean everything
    const key = this.keys.audit();
    return this.parseAll(await this.redis.lrange(key, 0, count - 1), isAuditEntry, key);
  }

  // ── Rate limiting ─────────────────────────────────────────────────────────────────────────

  async hit(key: string, windowMs: number): Promise<number> {
    const counter = this.keys.hits(key);
    const tx = this.redis.multi();
    tx.incr(counter);
    // NX: only the window's first hit sets the expiry, so later hits do not stretch the window.
    tx.pexpire(counter, checkedTtl(windowMs), 'NX');
    const [count] = await execTransaction(tx);
    return Number(count);
  }

  // ── Meta ──────────────────────────────────────────────────────────────────────────────────

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys.meta(), key)) ?? undefined;
  }

  async getMetas(keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const values = await this.redis.hmget(this.keys.meta(), ...keys);
    return new Map(keys.flatMap((key, i) => (typeof values[i] === 'string' ? [[key, values[i]] as const] : [])));
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

  /** For the calls that can answer without a round trip: after close() they must still reject. */
  private assertOpen(): void {
    if (this.closing) throw new Error('the Redis store is closed');
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

/** How long markDone waits out a Redis outage: well under the scheduler's 120 s delivery lease. */
const MARK_DONE_PATIENCE_MS = 60_000;

/** Redis could not be reached (as opposed to Redis answering with an error). */
function isUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/.test(err.message)
  );
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

/** A period's latest revisions as parsed, with the version counter they are current to. */
interface CachedLatest {
  version: number;
  latest: Map<string, Submission>;
}

/** How many periods' latest revisions the Redis store keeps parsed in memory. */
const LATEST_CACHE_PERIODS = 4;

/** Freezes an object and everything in it, so a value shared from a cache cannot be changed. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
