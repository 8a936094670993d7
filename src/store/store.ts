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

/** What changed when the plan's agencies were written to the store. */
export interface AgencySyncResult {
  added: string[];
  updated: string[];
  /** In the store but no longer in the plan: kept with their reports, marked archived. */
  archived: string[];
}

/**
 * Everything Đôn Đốc keeps at run time. Two implementations (Redis, embedded) pass one contract
 * suite (`test/store/contract.ts`); callers never know which one they hold.
 *
 * Every method is atomic on its own: a crash never leaves half of one call written, and a call
 * that resolved is durable (the embedded store fsyncs before resolving). For Redis, "durable" is
 * only as good as the server's persistence: run it with `appendonly yes` and `appendfsync always`
 * (nothing acknowledged is lost) or `everysec` (up to a second of writes lost on a power cut);
 * without AOF a Redis restart loses everything since the last RDB snapshot.
 *
 * Time: everything that expires by itself (conversations, leases, the sent ledger, kept invites,
 * rate-limit windows) expires on Redis's own real-time clock in the Redis store, and on the injected
 * `Clock` in the embedded store. Times passed in as arguments (`at`, `expiresAt`, `grantedAt`, …) are
 * stored and compared with one another, never with the store's clock: an invite is expired when
 * redeemed at or after its `expiresAt`, whatever either clock says.
 *
 * Bad input (a role that does not fit its agency, an invite that is not new, a TTL ≤ 0, …) is
 * rejected with a RangeError (a TypeError for conversation state JSON cannot hold) before anything
 * is written. Every call made after `close()` rejects.
 */
/** What `claimUnlessDone` found; `lease` is what renewLease and releaseLease take for this claim. */
export type DeliveryClaim = { state: 'claimed'; lease: string } | { state: 'done' } | { state: 'busy' };

export interface Store {
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
  claimLease(key: string, owner: string, ttlMs: number): Promise<boolean>;
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
