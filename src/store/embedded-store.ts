import { performance } from 'node:perf_hooks';
import type { Agency } from '../domain/agency.js';
import type { AuditEntry } from '../domain/audit.js';
import { chatKey, type ChatBinding } from '../domain/chat-binding.js';
import type { Clock } from '../domain/clock.js';
import type { Contact } from '../domain/contact.js';
import type { Delegation } from '../domain/delegation.js';
import type { AdHocRequest } from '../domain/ad-hoc.js';
import type { Invite, RedeemResult } from '../domain/invite.js';
import type { AccountId, Platform, Role, RoleGrant } from '../domain/roles.js';
import type { NewSubmission, Submission } from '../domain/submission.js';
import { openAppendLog, type AppendLog } from './append-log.js';
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
  inviteIsOpen,
  inviteKeepMs,
  inviteRecord,
  jsonCopy,
  planAgencySync,
  redeemOutcome,
  submissionRecord,
  type StoreLogger,
} from './records.js';
import type { AgencySyncResult, Store } from './store.js';

/** Where the embedded store keeps its files and which clock expires conversations and leases. */
export interface EmbeddedStoreOptions {
  /** Created if missing; holds `snapshot.json`, `log.jsonl` and `LOCK`. */
  dataDir: string;
  clock: Clock;
  logger?: StoreLogger;
  /** Compact the log after this many writes (tests lower it to exercise compaction). */
  compactAfterEntries?: number;
}

/**
 * Opens the in-process store: everything in memory, every write logged and fsynced before its
 * promise resolves (see `append-log.ts`). Rejects if another live process has the directory open.
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  // The store exists only once its log is open; a failure before then has nobody to recover.
  const owner: { store?: EmbeddedStore } = {};
  const { state, log } = await loadFromDisk(options, (failure) => owner.store?.recoverFrom(failure));
  owner.store = new EmbeddedStore(state, log, options);
  return owner.store;
}

/** Reads the directory into a fresh state; `onBroken` hears when the log later fails to write. */
async function loadFromDisk(options: EmbeddedStoreOptions, onBroken: (failure: Error) => void): Promise<{ state: StoreState; log: AppendLog<Mutation> }> {
  const state = new StoreState();
  const log = await openAppendLog<StoreSnapshot, Mutation>({
    dir: options.dataDir,
    replay: { snapshot: (snapshot) => state.restore(snapshot), entry: (mutation) => state.apply(mutation) },
    takeSnapshot: () => state.toSnapshot(options.clock.now()),
    snapshotFormat: SNAPSHOT_FORMAT,
    compactAfterEntries: options.compactAfterEntries,
    logger: options.logger,
    onBroken,
  });
  return { state, log };
}

/** After a failed write, reopening from disk is tried after 1 s, then ever less often, up to every 30 s. */
export const RECOVERY_FIRST_MS = 1_000;
const RECOVERY_MAX_MS = 30_000;

/**
 * The version of the snapshot's shape. 1: agencies to meta. 2: adds invites, chats, delegations,
 * contacts and the audit log. 3: adds ad-hoc requests. Older snapshots load with those empty; an older program refuses a
 * newer snapshot instead of silently dropping what it does not know.
 */
const SNAPSHOT_FORMAT = 3;

// ── What is logged: each write as the change it made, so replay needs no clock or decisions ──

type Mutation =
  | { op: 'put-agencies'; agencies: Agency[] }
  | { op: 'grant'; grant: RoleGrant }
  | { op: 'revoke'; account: AccountId; role: Role; agencyId?: string }
  | { op: 'add-submission'; submission: Submission }
  | { op: 'put-conversation'; key: string; json: string; expiresAt: number }
  | { op: 'delete-conversation'; key: string }
  | { op: 'claim-lease'; key: string; owner: string; expiresAt: number }
  | { op: 'release-lease'; key: string }
  | { op: 'mark-done'; key: string; detail: string; expiresAt: number }
  | { op: 'set-meta'; key: string; value: string }
  /** A new invite, or one just redeemed or revoked: the whole record as it now stands. */
  | { op: 'put-invite'; invite: Invite; forgetAt: number }
  | { op: 'bind-chat'; binding: ChatBinding }
  | { op: 'unbind-chat'; platform: Platform; chatId: string }
  | { op: 'set-delegation'; delegation: Delegation }
  | { op: 'clear-delegation'; agencyId: string }
  | { op: 'put-adhoc'; request: AdHocRequest }
  | { op: 'put-contact'; contact: Contact }
  | { op: 'append-audit'; entry: AuditEntry };

interface Expiring {
  expiresAt: number;
}
interface ConversationEntry extends Expiring {
  json: string;
}
interface LeaseEntry extends Expiring {
  owner: string;
}
interface DoneEntry extends Expiring {
  detail: string;
}
/** An invite as kept: `expiresAt` here is when the store forgets it, not the invite's own expiry. */
interface InviteEntry extends Expiring {
  invite: Invite;
}
interface HitEntry extends Expiring {
  count: number;
}

/** The whole state as written to `snapshot.json`. */
interface StoreSnapshot {
  agencies: Agency[];
  grants: RoleGrant[];
  /** Every revision of every report, oldest first per (period, agency). */
  submissions: Submission[];
  conversations: [string, ConversationEntry][];
  leases: [string, LeaseEntry][];
  done: [string, DoneEntry][];
  meta: [string, string][];
  // Since format 2; absent from older snapshots.
  invites?: InviteEntry[];
  chats?: ChatBinding[];
  delegations?: Delegation[];
  contacts?: Contact[];
  /** Oldest first. */
  audit?: AuditEntry[];
  /** Oldest first: entries moved out of `audit` past AUDIT_CAP (absent from older snapshots). */
  auditArchive?: AuditEntry[];
  // Since format 3.
  adHoc?: AdHocRequest[];
}

function grantId(account: AccountId, role: Role, agencyId: string | undefined): string {
  return `${account}|${role}|${agencyId ?? ''}`;
}

/** The in-memory data. Changed only through `apply`, the same path live writes and replay take. */
class StoreState {
  readonly agencies = new Map<string, Agency>();
  readonly grants = new Map<string, RoleGrant>();
  /** periodId → agencyId → revisions, oldest first. */
  readonly submissions = new Map<string, Map<string, Submission[]>>();
  readonly conversations = new Map<string, ConversationEntry>();
  readonly leases = new Map<string, LeaseEntry>();
  readonly done = new Map<string, DoneEntry>();
  readonly meta = new Map<string, string>();
  readonly invites = new Map<string, InviteEntry>();
  /** `platform:chatId` → binding. */
  readonly chats = new Map<string, ChatBinding>();
  readonly delegations = new Map<string, Delegation>();
  readonly adHoc = new Map<string, AdHocRequest>();
  readonly contacts = new Map<string, Contact>();
  /** Oldest first, at most AUDIT_CAP entries. */
  readonly audit: AuditEntry[] = [];
  /** Oldest first: what no longer fits in `audit`, kept for good. */
  readonly auditArchive: AuditEntry[] = [];

  apply(mutation: Mutation): void {
    switch (mutation.op) {
      case 'put-agencies':
        for (const agency of mutation.agencies) this.agencies.set(agency.id, agency);
        return;
      case 'grant': {
        const { account, role, agencyId } = mutation.grant;
        this.grants.set(grantId(account, role, agencyId), mutation.grant);
        return;
      }
      case 'revoke':
        this.grants.delete(grantId(mutation.account, mutation.role, mutation.agencyId));
        return;
      case 'add-submission':
        this.revisions(mutation.submission.periodId, mutation.submission.agencyId, true).push(mutation.submission);
        return;
      case 'put-conversation':
        this.conversations.set(mutation.key, { json: mutation.json, expiresAt: mutation.expiresAt });
        return;
      case 'delete-conversation':
        this.conversations.delete(mutation.key);
        return;
      case 'claim-lease':
        this.leases.set(mutation.key, { owner: mutation.owner, expiresAt: mutation.expiresAt });
        return;
      case 'release-lease':
        this.leases.delete(mutation.key);
        return;
      case 'mark-done':
        this.done.set(mutation.key, { detail: mutation.detail, expiresAt: mutation.expiresAt });
        return;
      case 'set-meta':
        this.meta.set(mutation.key, mutation.value);
        return;
      case 'put-invite':
        this.invites.set(mutation.invite.id, { invite: mutation.invite, expiresAt: mutation.forgetAt });
        return;
      case 'bind-chat':
        this.chats.set(chatKey(mutation.binding.platform, mutation.binding.chatId), mutation.binding);
        return;
      case 'unbind-chat':
        this.chats.delete(chatKey(mutation.platform, mutation.chatId));
        return;
      case 'set-delegation':
        this.delegations.set(mutation.delegation.agencyId, mutation.delegation);
        return;
      case 'put-adhoc':
        this.adHoc.set(mutation.request.period.id, mutation.request);
        return;
      case 'clear-delegation':
        this.delegations.delete(mutation.agencyId);
        return;
      case 'put-contact':
        this.contacts.set(mutation.contact.account, mutation.contact);
        return;
      case 'append-audit':
        this.audit.push(mutation.entry);
        if (this.audit.length > AUDIT_CAP) this.auditArchive.push(...this.audit.splice(0, this.audit.length - AUDIT_CAP));
        return;
      default:
        // Refuse rather than skip: silently dropping a write from a newer version would lose data.
        throw new Error(`unknown entry in the store log: ${JSON.stringify(mutation as unknown)}`);
    }
  }

  revisions(periodId: string, agencyId: string, create = false): Submission[] {
    let byAgency = this.submissions.get(periodId);
    if (!byAgency) {
      if (!create) return [];
      byAgency = new Map();
      this.submissions.set(periodId, byAgency);
    }
    let revisions = byAgency.get(agencyId);
    if (!revisions) {
      revisions = [];
      if (create) byAgency.set(agencyId, revisions);
    }
    return revisions;
  }

  /** An entry that has expired counts as absent, and is dropped on sight. */
  live<T extends Expiring>(map: Map<string, T>, key: string, now: number): T | undefined {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= now) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  /** The unexpired entries of a map, dropping the expired ones on the way. */
  liveValues<T extends Expiring>(map: Map<string, T>, now: number): T[] {
    const values: T[] = [];
    for (const [key, entry] of map) {
      if (entry.expiresAt <= now) map.delete(key);
      else values.push(entry);
    }
    return values;
  }

  toSnapshot(now: number): StoreSnapshot {
    const unexpired = <T extends Expiring>(map: Map<string, T>): [string, T][] =>
      [...map].filter(([, entry]) => entry.expiresAt > now);
    return {
      agencies: [...this.agencies.values()],
      grants: [...this.grants.values()],
      submissions: [...this.submissions.values()].flatMap((byAgency) => [...byAgency.values()].flat()),
      conversations: unexpired(this.conversations),
      leases: unexpired(this.leases),
      done: unexpired(this.done),
      meta: [...this.meta],
      invites: [...this.invites.values()].filter((entry) => entry.expiresAt > now),
      chats: [...this.chats.values()],
      delegations: [...this.delegations.values()],
      adHoc: [...this.adHoc.values()],
      contacts: [...this.contacts.values()],
      audit: [...this.audit],
      auditArchive: [...this.auditArchive],
    };
  }

  restore(snapshot: StoreSnapshot): void {
    this.apply({ op: 'put-agencies', agencies: snapshot.agencies });
    for (const grant of snapshot.grants) this.apply({ op: 'grant', grant });
    for (const submission of snapshot.submissions) this.apply({ op: 'add-submission', submission });
    for (const [key, c] of snapshot.conversations) this.apply({ op: 'put-conversation', key, ...c });
    for (const [key, l] of snapshot.leases) this.apply({ op: 'claim-lease', key, ...l });
    for (const [key, d] of snapshot.done) this.apply({ op: 'mark-done', key, ...d });
    for (const [key, value] of snapshot.meta) this.apply({ op: 'set-meta', key, value });
    for (const { invite, expiresAt } of snapshot.invites ?? []) this.apply({ op: 'put-invite', invite, forgetAt: expiresAt });
    for (const binding of snapshot.chats ?? []) this.apply({ op: 'bind-chat', binding });
    for (const delegation of snapshot.delegations ?? []) this.apply({ op: 'set-delegation', delegation });
    for (const request of snapshot.adHoc ?? []) this.apply({ op: 'put-adhoc', request });
    for (const contact of snapshot.contacts ?? []) this.apply({ op: 'put-contact', contact });
    this.auditArchive.push(...(snapshot.auditArchive ?? []));
    for (const entry of snapshot.audit ?? []) this.apply({ op: 'append-audit', entry });
  }
}

/**
 * Decisions (the next revision number, whether a lease is free, whether an invite can be redeemed)
 * are taken and applied in one synchronous step, so concurrent calls are serialised without a queue.
 * Reads first wait for pending writes to reach the disk, so nobody acts on a write a crash could
 * still undo.
 *
 * Rate-limit counters (`hit`) are the one thing kept in memory only: they are neither logged nor
 * snapshotted, so a restart starts every window afresh. That is harmless (the worst case is a few
 * more guesses at a 128-bit code after a crash) and spares an fsync per counted attempt, which would
 * otherwise let anyone sending codes grow the log as fast as they can type.
 */
class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private closed = false;
  private readonly hits = new Map<string, HitEntry>();
  private hitsSinceSweep = 0;

  private readonly clock: Clock;
  /** Set while a recovery loop runs: reopening the directory until the disk takes writes again. */
  private recovering: Promise<void> | undefined;
  private wakeRecovery: (() => void) | undefined;

  constructor(
    private state: StoreState,
    private log: AppendLog<Mutation>,
    private readonly options: EmbeddedStoreOptions,
  ) {
    this.clock = options.clock;
  }

  /**
   * The log could not write (a full disk, most often): memory may hold what the disk does not, so
   * every call is refused — with the reason, which /healthz shows — until the directory is read
   * back afresh. That is retried by itself, so the bot recovers once there is room again, without
   * a restart. What is then served is exactly what reached the disk; the writes refused meanwhile
   * were never acknowledged.
   */
  recoverFrom(failure: Error): void {
    if (this.recovering || this.closed) return;
    this.recovering = (async () => {
      for (let delay = RECOVERY_FIRST_MS; !this.closed; delay = Math.min(delay * 2, RECOVERY_MAX_MS)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          timer.unref();
          this.wakeRecovery = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (this.closed) return;
        try {
          await this.log.close(); // releases the directory; safe on a log already closed
          const { state, log } = await loadFromDisk(this.options, (next) => this.recoverFrom(next));
          this.state = state;
          this.log = log;
          this.options.logger?.warn({ dir: this.options.dataDir, after: failure.message }, 'store recovered: writing to disk again');
          return;
        } catch (err) {
          this.options.logger?.warn({ err, dir: this.options.dataDir, retryInMs: Math.min(delay * 2, RECOVERY_MAX_MS) }, 'store still cannot be reopened; retrying');
        }
      }
    })().finally(() => {
      this.recovering = undefined;
      this.wakeRecovery = undefined;
    });
  }

  // ── Agencies ──────────────────────────────────────────────────────────────────────────────

  async syncAgencies(agencies: readonly Agency[]): Promise<AgencySyncResult> {
    this.assertOpen();
    const { result, writes } = planAgencySync(this.state.agencies, agencies);
    await (writes.length > 0 ? this.commit({ op: 'put-agencies', agencies: writes }) : this.log.synced());
    return result;
  }

  async getAgency(id: string): Promise<Agency | undefined> {
    await this.readable();
    return copyOf(this.state.agencies.get(id));
  }

  async listAgencies(options?: { includeArchived?: boolean }): Promise<Agency[]> {
    await this.readable();
    const agencies = [...this.state.agencies.values()].filter((a) => options?.includeArchived || !a.archived);
    return jsonCopy(agencies.sort((a, b) => (a.id < b.id ? -1 : 1)));
  }

  // ── Roles ─────────────────────────────────────────────────────────────────────────────────

  async grantRole(grant: RoleGrant): Promise<void> {
    this.assertOpen();
    await this.commit({ op: 'grant', grant: grantRecord(grant) });
  }

  async revokeRole(account: AccountId, role: Role, agencyId?: string): Promise<boolean> {
    this.assertOpen();
    if (!this.state.grants.has(grantId(account, role, agencyId))) {
      await this.log.synced();
      return false;
    }
    await this.commit({ op: 'revoke', account, role, agencyId });
    return true;
  }

  async rolesOf(account: AccountId): Promise<RoleGrant[]> {
    return this.grantsWhere((g) => g.account === account);
  }

  async agencyMembers(agencyId: string): Promise<RoleGrant[]> {
    return this.grantsWhere((g) => g.agencyId === agencyId);
  }

  async holdersOf(role: Role): Promise<RoleGrant[]> {
    return this.grantsWhere((g) => g.role === role);
  }

  private async grantsWhere(matches: (grant: RoleGrant) => boolean): Promise<RoleGrant[]> {
    await this.readable();
    return jsonCopy([...this.state.grants.values()].filter(matches).sort(compareGrants));
  }

  // ── Submissions ───────────────────────────────────────────────────────────────────────────

  async addSubmission(submission: NewSubmission): Promise<Submission> {
    this.assertOpen();
    const record = submissionRecord(submission);
    const revision = this.state.revisions(record.periodId, record.agencyId).length + 1;
    const numbered: Submission = { ...record, revision };
    await this.commit({ op: 'add-submission', submission: numbered });
    return jsonCopy(numbered);
  }

  async latestSubmission(periodId: string, agencyId: string): Promise<Submission | undefined> {
    await this.readable();
    return copyOf(this.state.revisions(periodId, agencyId).at(-1));
  }

  async submissionHistory(periodId: string, agencyId: string): Promise<Submission[]> {
    await this.readable();
    return jsonCopy(this.state.revisions(periodId, agencyId));
  }

  async latestSubmissions(periodId: string): Promise<Map<string, Submission>> {
    await this.readable();
    const latest = new Map<string, Submission>();
    for (const [agencyId, revisions] of this.state.submissions.get(periodId) ?? []) {
      const last = revisions.at(-1);
      if (last) latest.set(agencyId, jsonCopy(last));
    }
    return latest;
  }

  // ── Conversations ─────────────────────────────────────────────────────────────────────────

  async getConversation<T>(key: string): Promise<T | undefined> {
    await this.readable();
    const entry = this.state.live(this.state.conversations, key, this.clock.now());
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  async putConversation<T>(key: string, state: T, ttlMs: number): Promise<void> {
    this.assertOpen();
    const json = conversationJson(state);
    const expiresAt = this.clock.now() + checkedTtl(ttlMs);
    await this.commit({ op: 'put-conversation', key, json, expiresAt });
  }

  async countConversations(kind: string): Promise<number> {
    await this.readable();
    const now = this.clock.now();
    let open = 0;
    for (const [key, entry] of this.state.conversations) if (key.startsWith(`${kind}:`) && entry.expiresAt > now) open++;
    return open;
  }

  async deleteConversation(key: string): Promise<void> {
    this.assertOpen();
    if (this.state.live(this.state.conversations, key, this.clock.now())) {
      await this.commit({ op: 'delete-conversation', key });
    } else {
      await this.log.synced();
    }
  }

  // ── Leases and the sent ledger ────────────────────────────────────────────────────────────

  async claimLease(key: string, owner: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    const now = this.clock.now();
    const expiresAt = now + checkedTtl(ttlMs);
    if (this.state.live(this.state.leases, key, now)) {
      await this.log.synced();
      return false;
    }
    await this.commit({ op: 'claim-lease', key, owner, expiresAt });
    return true;
  }

  async claimOnce(key: string, token: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    const now = this.clock.now();
    const held = this.state.live(this.state.leases, key, now);
    if (held) {
      await this.log.synced();
      return held.owner === token;
    }
    await this.commit({ op: 'claim-lease', key, owner: token, expiresAt: now + checkedTtl(ttlMs) });
    return true;
  }

  async renewLease(key: string, owner: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    const now = this.clock.now();
    if (this.state.live(this.state.leases, key, now)?.owner !== owner) {
      await this.log.synced();
      return false;
    }
    await this.commit({ op: 'claim-lease', key, owner, expiresAt: now + checkedTtl(ttlMs) });
    return true;
  }

  async releaseLease(key: string, owner: string): Promise<boolean> {
    this.assertOpen();
    if (this.state.live(this.state.leases, key, this.clock.now())?.owner !== owner) {
      await this.log.synced();
      return false;
    }
    await this.commit({ op: 'release-lease', key });
    return true;
  }

  async markDone(key: string, detail?: string): Promise<boolean> {
    this.assertOpen();
    const now = this.clock.now();
    if (this.state.live(this.state.done, key, now)) {
      await this.log.synced();
      return false;
    }
    await this.commit({ op: 'mark-done', key, detail: detail ?? '', expiresAt: now + DONE_RETENTION_MS });
    return true;
  }

  async isDone(key: string): Promise<boolean> {
    await this.readable();
    return this.state.live(this.state.done, key, this.clock.now()) !== undefined;
  }

  // ── Invites ───────────────────────────────────────────────────────────────────────────────

  async createInvite(invite: Invite): Promise<void> {
    this.assertOpen();
    const record = inviteRecord(invite);
    const now = this.clock.now();
    if (this.state.live(this.state.invites, record.id, now)) throw new Error(`an invite with id ${record.id} already exists`);
    await this.commit({ op: 'put-invite', invite: record, forgetAt: now + inviteKeepMs(record) });
  }

  async getInvite(id: string): Promise<Invite | undefined> {
    await this.readable();
    return copyOf(this.state.live(this.state.invites, id, this.clock.now())?.invite);
  }

  async redeemInvite(id: string, account: AccountId, at: number): Promise<RedeemResult> {
    this.assertOpen();
    checkedInstant(at, 'the redemption time');
    const entry = this.state.live(this.state.invites, id, this.clock.now());
    const outcome = redeemOutcome(entry?.invite, account, at);
    if (outcome.ok && entry) await this.commit({ op: 'put-invite', invite: outcome.invite, forgetAt: entry.expiresAt });
    else await this.log.synced();
    return jsonCopy(outcome);
  }

  async revokeInvite(id: string, by: AccountId, at: number): Promise<boolean> {
    this.assertOpen();
    checkedInstant(at, 'the revocation time');
    const entry = this.state.live(this.state.invites, id, this.clock.now());
    if (!entry || !inviteIsOpen(entry.invite)) {
      await this.log.synced();
      return false;
    }
    const revoked: Invite = { ...entry.invite, revokedAt: at, revokedBy: by };
    await this.commit({ op: 'put-invite', invite: revoked, forgetAt: entry.expiresAt });
    return true;
  }

  async listOpenInvites(): Promise<Invite[]> {
    await this.readable();
    const open = this.state
      .liveValues(this.state.invites, this.clock.now())
      .map((entry) => entry.invite)
      .filter(inviteIsOpen);
    return jsonCopy(open.sort(compareInvitesNewestFirst));
  }

  // ── Group chats ───────────────────────────────────────────────────────────────────────────

  async bindChat(binding: ChatBinding): Promise<void> {
    this.assertOpen();
    await this.commit({ op: 'bind-chat', binding: chatBindingRecord(binding) });
  }

  async unbindChat(platform: Platform, chatId: string): Promise<boolean> {
    this.assertOpen();
    if (!this.state.chats.has(chatKey(platform, chatId))) {
      await this.log.synced();
      return false;
    }
    await this.commit({ op: 'unbind-chat', platform, chatId });
    return true;
  }

  async chatBinding(platform: Platform, chatId: string): Promise<ChatBinding | undefined> {
    await this.readable();
    return copyOf(this.state.chats.get(chatKey(platform, chatId)));
  }

  async listChatBindings(): Promise<ChatBinding[]> {
    await this.readable();
    return jsonCopy([...this.state.chats.values()].sort(compareChatBindings));
  }

  // ── Ad-hoc requests ───────────────────────────────────────────────────────────────────────

  async putAdHocRequest(request: AdHocRequest): Promise<void> {
    this.assertOpen();
    await this.commit({ op: 'put-adhoc', request: adHocRecord(request) });
  }

  async createAdHocRequest(request: AdHocRequest): Promise<boolean> {
    this.assertOpen();
    const record = adHocRecord(request);
    if (this.state.adHoc.has(record.period.id)) return false;
    await this.commit({ op: 'put-adhoc', request: record });
    return true;
  }

  async listAdHocRequests(): Promise<AdHocRequest[]> {
    await this.readable();
    return jsonCopy([...this.state.adHoc.values()].sort(compareAdHocRequests));
  }

  // ── Delegations ───────────────────────────────────────────────────────────────────────────

  async setDelegation(delegation: Delegation): Promise<void> {
    this.assertOpen();
    await this.commit({ op: 'set-delegation', delegation: delegationRecord(delegation) });
  }

  async getDelegation(agencyId: string): Promise<Delegation | undefined> {
    await this.readable();
    return copyOf(this.state.delegations.get(agencyId));
  }

  async clearDelegation(agencyId: string): Promise<boolean> {
    this.assertOpen();
    if (!this.state.delegations.has(agencyId)) {
      await this.log.synced();
      return false;
    }
    await this.commit({ op: 'clear-delegation', agencyId });
    return true;
  }

  // ── Contacts ──────────────────────────────────────────────────────────────────────────────

  async getContact(account: AccountId): Promise<Contact | undefined> {
    await this.readable();
    return copyOf(this.state.contacts.get(account));
  }

  async putContact(contact: Contact): Promise<void> {
    this.assertOpen();
    await this.commit({ op: 'put-contact', contact: contactRecord(contact) });
  }

  async getContacts(accounts: readonly AccountId[]): Promise<Map<AccountId, Contact>> {
    await this.readable();
    const contacts = new Map<AccountId, Contact>();
    for (const account of accounts) {
      const contact = this.state.contacts.get(account);
      if (contact) contacts.set(account, jsonCopy(contact));
    }
    return contacts;
  }

  // ── Audit ─────────────────────────────────────────────────────────────────────────────────

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.assertOpen();
    await this.commit({ op: 'append-audit', entry: auditRecord(entry) });
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    await this.readable();
    const count = checkedLimit(limit, AUDIT_CAP);
    const { audit } = this.state;
    return jsonCopy(audit.slice(Math.max(0, audit.length - count)).reverse());
  }

  async listAuditArchive(limit: number): Promise<AuditEntry[]> {
    await this.readable();
    const archive = this.state.auditArchive;
    const count = checkedLimit(limit, archive.length);
    return jsonCopy(archive.slice(archive.length - count).reverse());
  }

  // ── Rate limiting (in memory only, see the class comment) ─────────────────────────────────

  async hit(key: string, windowMs: number): Promise<number> {
    this.assertOpen();
    const ttl = checkedTtl(windowMs);
    const now = this.clock.now();
    const entry = this.state.live(this.hits, key, now);
    if (entry) {
      entry.count += 1;
      return entry.count;
    }
    this.hits.set(key, { count: 1, expiresAt: now + ttl });
    // Windows nobody hits again are never looked up, so sweep them out now and then.
    if (++this.hitsSinceSweep >= 1_000) {
      this.hitsSinceSweep = 0;
      this.state.liveValues(this.hits, now);
    }
    return 1;
  }

  // ── Meta ──────────────────────────────────────────────────────────────────────────────────

  async getMeta(key: string): Promise<string | undefined> {
    await this.readable();
    return this.state.meta.get(key);
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.assertOpen();
    await this.commit({ op: 'set-meta', key, value });
  }

  // ── Health ────────────────────────────────────────────────────────────────────────────────

  async ping(): Promise<number> {
    const started = performance.now();
    await this.readable();
    return performance.now() - started;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeRecovery?.();
    await this.recovering;
    await this.log.close();
  }

  /** Logs the change, then applies it, in the same tick: nothing can slip in between. */
  private commit(mutation: Mutation): Promise<void> {
    const durable = this.log.append(mutation); // throws, leaving memory untouched, if the log cannot write
    this.state.apply(mutation);
    return durable;
  }

  private async readable(): Promise<void> {
    this.assertOpen();
    await this.log.synced();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the embedded store is closed');
  }
}

function copyOf<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : jsonCopy(value);
}
