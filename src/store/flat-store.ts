import type { Agency } from '../domain/agency.js';
import type { AccountId, Role, RoleGrant } from '../domain/roles.js';
import type { NewSubmission, Submission } from '../domain/submission.js';
import type { Invite, RedeemResult } from '../domain/invite.js';
import type { ChatBinding } from '../domain/chat-binding.js';
import type { Delegation } from '../domain/delegation.js';
import type { AuditEntry } from '../domain/audit.js';
import type { Contact } from '../domain/contact.js';
import type { AdHocRequest } from '../domain/ad-hoc.js';
import type { Platform } from '../domain/roles.js';
import type { AgencySyncResult, DeliveryClaim, Store } from './store.js';

/** The store as one flat interface: what each implementation still is inside, until it is split by port. */
export interface FlatStore {
  /** Which implementation this is, for logs and /healthz. */
  readonly kind: 'redis' | 'embedded';

  // ── Agencies (written from the plan) ────────────────────────────────────────────────────────
  /** Upserts the plan's agencies; those no longer listed are archived, never deleted. */
  syncAgencies(agencies: readonly Agency[]): Promise<AgencySyncResult>;
  getAgency(id: string): Promise<Agency | undefined>;
  /** Sorted by id; archived agencies only when asked for. */
  listAgencies(options?: { includeArchived?: boolean }): Promise<Agency[]>;

  // ── Roles ───────────────────────────────────────────────────────────────────────────────────
  /**
   * Idempotent per (account, role, agency): granting again updates the name and time. Rejects with
   * a RangeError, writing nothing, for a head or deputy grant without an agency, or an admin or
   * coordinator grant with one.
   */
  grantRole(grant: RoleGrant): Promise<void>;
  /** True when a grant existed and is now gone. */
  revokeRole(account: AccountId, role: Role, agencyId?: string): Promise<boolean>;
  rolesOf(account: AccountId): Promise<RoleGrant[]>;
  /** Heads and deputies of one agency. */
  agencyMembers(agencyId: string): Promise<RoleGrant[]>;
  /** Every grant of a role across the province, e.g. all coordinators. */
  holdersOf(role: Role): Promise<RoleGrant[]>;

  // ── Submissions (every revision kept) ──────────────────────────────────────────────────────
  /** Appends a revision, numbered 1, 2, … per (period, agency) atomically even under concurrency. */
  addSubmission(submission: NewSubmission): Promise<Submission>;
  latestSubmission(periodId: string, agencyId: string): Promise<Submission | undefined>;
  /** Oldest first. */
  submissionHistory(periodId: string, agencyId: string): Promise<Submission[]>;
  /**
   * The latest revision of every agency that reported for a period, keyed by agency id. A new Map
   * each call; treat the submissions in it as read-only (the Redis store shares them from a cache).
   */
  latestSubmissions(periodId: string): Promise<Map<string, Submission>>;

  // ── Conversations in progress (expire by themselves) ────────────────────────────────────────
  getConversation<T>(key: string): Promise<T | undefined>;
  putConversation<T>(key: string, state: T, ttlMs: number): Promise<void>;
  deleteConversation(key: string): Promise<void>;
  /**
   * How many conversations of one kind are open: keys `<kind>:…` (e.g. `report`) not yet expired.
   * For metrics; on Redis it reads an index that may lag a write by a moment.
   */
  countConversations(kind: string): Promise<number>;

  // ── Leases and the sent ledger (the scheduler's exactly-once machinery) ────────────────────
  /** Takes a lease if nobody holds it (or theirs expired). */

  /**
   * Claims `key` once for good (until `ttlMs`): true if it was free — or already holds this very
   * `token`, i.e. the same claim arriving again (a Redis client resends a command in flight when
   * its connection drops, and the first copy may have run). Use a token unique to the attempt.
   */
  claimOnce(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease by `ttlMs` from now, only while `owner` still holds it (a poll lock's heartbeat). */
  renewLease(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases a lease only if `owner` still holds it. */
  releaseLease(key: string, owner: string): Promise<boolean>;
  /** Records that something was done; true the first time, false if it was already recorded. */
  markDone(key: string, detail?: string): Promise<boolean>;
  isDone(key: string): Promise<boolean>;
  /**
   * The outbox's claim: in one step, `done` if `key` is recorded in the sent ledger, else its
   * delivery lease taken for `ttlMs` (`claimed`, also when this very `token` already holds it — a
   * resent command), else `busy`. Renew and release the claim with `lease`, the lease's name.
   */
  claimUnlessDone(key: string, token: string, ttlMs: number): Promise<DeliveryClaim>;

  // ── Invites (single use; only the code's hash is stored) ────────────────────────────────────
  //
  // An invite is kept, used or not, for its lifetime (expiresAt − createdAt) plus 30 days counted
  // from when it was stored (see INVITE_RETENTION_MS in records.ts), then forgotten: getInvite
  // returns undefined and redeeming it says `unknown`. The audit log is the lasting record.
  /**
   * Stores a new invite; rejects if an invite with that id is still kept. Rejects with a RangeError
   * an invite already used or revoked, one that expires before it is created, or one whose kind and
   * agency do not fit (head, deputy and agency-group invites name an agency, the others do not).
   */
  createInvite(invite: Invite): Promise<void>;
  getInvite(id: string): Promise<Invite | undefined>;
  /**
   * Atomically marks a pending invite used by `account` at `at`. Exactly one of several concurrent
   * redeemers succeeds; the others get `used`. Decided in the order used, revoked, expired
   * (expiresAt <= at); every failure but `unknown` carries the invite as stored.
   */
  redeemInvite(id: string, account: AccountId, at: number): Promise<RedeemResult>;
  /**
   * Revokes an invite that is neither used nor revoked (an expired one too, which takes it off the
   * open list); false when there was none such (used, already revoked, unknown).
   */
  revokeInvite(id: string, by: AccountId, at: number): Promise<boolean>;
  /**
   * Invites not yet used or revoked, newest first (by createdAt, then id). Expired ones are listed
   * until the store forgets them.
   */
  listOpenInvites(): Promise<Invite[]>;

  // ── Group chats the bot posts to ──────────────────────────────────────────────────────────
  /** Binds a chat (replacing any earlier binding of the same chat). */
  bindChat(binding: ChatBinding): Promise<void>;
  /** True when a binding existed. */
  unbindChat(platform: Platform, chatId: string): Promise<boolean>;
  chatBinding(platform: Platform, chatId: string): Promise<ChatBinding | undefined>;
  /** Every bound chat, sorted by `platform:chatId`: for the directory, reminders and summaries. */
  listChatBindings(): Promise<ChatBinding[]>;

  // ── Delegations (one per agency at a time) ────────────────────────────────────────────────
  /**
   * Sets an agency's delegation, replacing any earlier one. The store keeps it until cleared, even
   * past `endsOn`: whether it holds on a day is for the caller to judge (`delegationHolds`).
   */
  setDelegation(delegation: Delegation): Promise<void>;
  getDelegation(agencyId: string): Promise<Delegation | undefined>;
  /** True when a delegation existed. */
  clearDelegation(agencyId: string): Promise<boolean>;

  // ── Contacts: can the bot write to this person first? ─────────────────────────────────────
  getContact(account: AccountId): Promise<Contact | undefined>;
  /** Stores a contact, replacing the account's earlier one as a whole (no merging of fields). */
  putContact(contact: Contact): Promise<void>;
  /** Contacts of many accounts in one round trip; unknown accounts are absent from the map. */
  getContacts(accounts: readonly AccountId[]): Promise<Map<AccountId, Contact>>;

  // ── Audit log (append-only; the most recent 10 000 entries listed, older ones archived) ─────
  /** Appends an entry; rejects with a RangeError for an unknown action. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /**
   * Up to `limit` of the most recently appended entries, newest first (by order of appending, not
   * by `at`). `limit` is a whole number ≥ 0, else a RangeError.
   */
  listAudit(limit: number): Promise<AuditEntry[]>;
  /**
   * Entries moved out of the log once more than AUDIT_CAP were appended after them, newest first;
   * nothing is ever dropped from the archive. `limit` as for `listAudit` (no upper cap).
   */
  listAuditArchive(limit: number): Promise<AuditEntry[]>;

  // ── Rate limiting ──────────────────────────────────────────────────────────────────────────
  /**
   * Counts a hit in a fixed window that starts at the first hit and lasts `windowMs`; returns the
   * count including this hit (1 for the first hit of a new window). Used to throttle guessed invite
   * codes. Best effort across restarts: the embedded store keeps counters in memory only, so a
   * restart starts every window afresh.
   */
  hit(key: string, windowMs: number): Promise<number>;

  // ── Ad-hoc report requests (báo cáo đột xuất) ─────────────────────────────────────────────
  /** Stores a request, or replaces the one with the same period id. */
  putAdHocRequest(request: AdHocRequest): Promise<void>;
  /**
   * Stores a new request only when no request has its period id yet: true when stored, false
   * (nothing written) when the id is taken — ids are partly random, and two must never merge.
   */
  createAdHocRequest(request: AdHocRequest): Promise<boolean>;
  /** Every request, oldest first (by createdAt, then id). */
  listAdHocRequests(): Promise<AdHocRequest[]>;

  // ── Small settings and cursors (e.g. the scheduler's last tick) ────────────────────────────
  getMeta(key: string): Promise<string | undefined>;
  /** Several settings in one read: the keys that have a value, with it. */
  getMetas(keys: readonly string[]): Promise<Map<string, string>>;
  setMeta(key: string, value: string): Promise<void>;

  /** Round-trip time in ms; throws when the store cannot be reached. */
  ping(): Promise<number>;
  /** Flushes and closes; safe to call twice. Every other call made afterwards rejects. */
  close(): Promise<void>;
}

/** The ports over a flat implementation. */
export function portsOver(flat: FlatStore): Store {
  return {
    kind: flat.kind,
    agencies: {
      sync: flat.syncAgencies.bind(flat),
      get: flat.getAgency.bind(flat),
      list: flat.listAgencies.bind(flat),
    },
    people: {
      grant: flat.grantRole.bind(flat),
      revoke: flat.revokeRole.bind(flat),
      rolesOf: flat.rolesOf.bind(flat),
      membersOf: flat.agencyMembers.bind(flat),
      holdersOf: flat.holdersOf.bind(flat),
    },
    reports: {
      add: flat.addSubmission.bind(flat),
      latest: flat.latestSubmission.bind(flat),
      history: flat.submissionHistory.bind(flat),
      latestOfPeriod: flat.latestSubmissions.bind(flat),
    },
    invites: {
      create: flat.createInvite.bind(flat),
      get: flat.getInvite.bind(flat),
      redeem: flat.redeemInvite.bind(flat),
      revoke: flat.revokeInvite.bind(flat),
      listOpen: flat.listOpenInvites.bind(flat),
    },
    delegations: {
      set: flat.setDelegation.bind(flat),
      get: flat.getDelegation.bind(flat),
      clear: flat.clearDelegation.bind(flat),
    },
    chats: {
      bind: flat.bindChat.bind(flat),
      unbind: flat.unbindChat.bind(flat),
      get: flat.chatBinding.bind(flat),
      list: flat.listChatBindings.bind(flat),
    },
    contacts: {
      get: flat.getContact.bind(flat),
      put: flat.putContact.bind(flat),
      getMany: flat.getContacts.bind(flat),
    },
    audit: {
      append: flat.appendAudit.bind(flat),
      list: flat.listAudit.bind(flat),
      listArchive: flat.listAuditArchive.bind(flat),
    },
    adHocRequests: {
      put: flat.putAdHocRequest.bind(flat),
      create: flat.createAdHocRequest.bind(flat),
      list: flat.listAdHocRequests.bind(flat),
    },
    conversations: {
      get: flat.getConversation.bind(flat),
      put: flat.putConversation.bind(flat),
      delete: flat.deleteConversation.bind(flat),
      count: flat.countConversations.bind(flat),
    },
    leases: {
      claim: flat.claimOnce.bind(flat),
      renew: flat.renewLease.bind(flat),
      release: flat.releaseLease.bind(flat),
    },
    firstClaims: {
      claim: flat.claimOnce.bind(flat),
    },
    deliveries: {
      claim: flat.claimUnlessDone.bind(flat),
      markDone: flat.markDone.bind(flat),
      isDone: flat.isDone.bind(flat),
    },
    hitCounters: {
      hit: flat.hit.bind(flat),
    },
    settings: {
      get: flat.getMeta.bind(flat),
      getMany: flat.getMetas.bind(flat),
      set: flat.setMeta.bind(flat),
    },
    ping: () => flat.ping(),
    close: () => flat.close(),
  };
}
