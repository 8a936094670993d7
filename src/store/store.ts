import type { Agency } from '../domain/agency.js';
import type { AccountId, Role, RoleGrant } from '../domain/roles.js';
import type { NewSubmission, Submission } from '../domain/submission.js';

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
 * that resolved is durable (the embedded store fsyncs before resolving).
 */
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
  /** Idempotent per (account, role, agency): granting again updates the name and time. */
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
  /** The latest revision of every agency that reported for a period, keyed by agency id. */
  latestSubmissions(periodId: string): Promise<Map<string, Submission>>;

  // ── Conversations in progress (expire by themselves) ────────────────────────────────────────
  getConversation<T>(key: string): Promise<T | undefined>;
  putConversation<T>(key: string, state: T, ttlMs: number): Promise<void>;
  deleteConversation(key: string): Promise<void>;

  // ── Leases and the sent ledger (the scheduler's exactly-once machinery) ────────────────────
  /** Takes a lease if nobody holds it (or theirs expired). */
  claimLease(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases a lease only if `owner` still holds it. */
  releaseLease(key: string, owner: string): Promise<boolean>;
  /** Records that something was done; true the first time, false if it was already recorded. */
  markDone(key: string, detail?: string): Promise<boolean>;
  isDone(key: string): Promise<boolean>;

  // ── Small settings and cursors (e.g. the scheduler's last tick) ────────────────────────────
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  /** Round-trip time in ms; throws when the store cannot be reached. */
  ping(): Promise<number>;
  /** Flushes and closes; safe to call twice. */
  close(): Promise<void>;
}
