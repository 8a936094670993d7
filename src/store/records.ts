import type { Agency } from '../domain/agency.js';
import { AUDIT_ACTIONS, type AuditEntry } from '../domain/audit.js';
import { chatKey, type ChatBinding } from '../domain/chat-binding.js';
import type { Contact } from '../domain/contact.js';
import type { Delegation } from '../domain/delegation.js';
import type { AdHocRequest } from '../domain/ad-hoc.js';
import { INVITE_KINDS, inviteState, type Invite, type RedeemResult } from '../domain/invite.js';
import { compareLocalDates, isLocalDate } from '../domain/vietnam-time.js';
import { AGENCY_ROLES, PLATFORMS, ROLES, type AccountId, type RoleGrant } from '../domain/roles.js';
import { REMARK_MAX_LENGTH, type NewSubmission } from '../domain/submission.js';
import type { AgencySyncResult } from './store.js';

/**
 * Rules both store implementations apply, so that they return identical results: what a valid
 * record is, the stored form of each, the order lists come back in, and how long things are kept.
 * Nothing here touches Redis or the disk.
 */

/** The one thing the store logs: data it had to skip. Pino's logger fits this shape. */
export interface StoreLogger {
  warn(obj: object, msg: string): void;
}

// ── Retention ────────────────────────────────────────────────────────────────────────────────

/** How long the sent ledger remembers: longer than any yearly period's reminders run. */
export const DONE_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;

/** How long an invite is kept after its lifetime ends, used or not, for the record. */
export const INVITE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** The audit log lists this many of its most recent entries; older ones move to the archive. */
export const AUDIT_CAP = 10_000;

// ── Generic helpers ──────────────────────────────────────────────────────────────────────────

/** A deep copy through JSON: exactly what survives a trip through Redis or the log. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** JSON with object keys sorted, so two records compare equal whatever order their keys were set in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareText(a, b))) : v,
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function requireText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value === '') throw new RangeError(`${what} must be a non-empty string`);
}

/** An instant the store compares or stores: a finite number of ms since the epoch. */
export function checkedInstant(ms: number, what = 'time'): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new RangeError(`${what} must be a finite number of ms, got ${String(ms)}`);
  return ms;
}

/** A TTL Redis accepts: a positive whole number of milliseconds. */
export function checkedTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`TTL must be a positive number of ms, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}

/** How many entries a list call may return: a whole number ≥ 0, no more than the store keeps. */
export function checkedLimit(limit: number, max: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number ≥ 0, got ${limit}`);
  return Math.min(limit, max);
}

// ── Agencies ─────────────────────────────────────────────────────────────────────────────────

/** The stored form of an agency: a JSON copy, with `archived` only when it is true. */
export function agencyRecord(agency: Agency): Agency {
  const record = jsonCopy(agency);
  if (!record.archived) delete record.archived;
  return record;
}

/** What `syncAgencies` must write, given what is stored and what the plan lists. */
export function planAgencySync(
  stored: ReadonlyMap<string, Agency>,
  listed: readonly Agency[],
): { result: AgencySyncResult; writes: Agency[] } {
  const result: AgencySyncResult = { added: [], updated: [], archived: [] };
  const writes: Agency[] = [];
  const wanted = new Map(listed.map((a) => [a.id, agencyRecord(a)]));
  for (const [id, record] of wanted) {
    const before = stored.get(id);
    if (!before) result.added.push(id);
    else if (stableJson(before) !== stableJson(record)) result.updated.push(id);
    else continue;
    writes.push(record);
  }
  for (const [id, before] of stored) {
    if (wanted.has(id) || before.archived) continue;
    result.archived.push(id);
    writes.push({ ...before, archived: true });
  }
  result.added.sort();
  result.updated.sort();
  result.archived.sort();
  return { result, writes };
}

// ── Roles ────────────────────────────────────────────────────────────────────────────────────

/** The stored form of a grant; throws when the role and the agency do not fit together. */
export function grantRecord(grant: RoleGrant): RoleGrant {
  if (!ROLES.includes(grant.role)) throw new RangeError(`unknown role: ${String(grant.role)}`);
  const actsForAgency = AGENCY_ROLES.includes(grant.role);
  if (actsForAgency && !grant.agencyId) throw new RangeError(`a ${grant.role} grant must name an agency`);
  if (!actsForAgency && grant.agencyId !== undefined) {
    throw new RangeError(`a ${grant.role} grant is province-wide and takes no agency`);
  }
  return jsonCopy(grant);
}

/** The order every grant list is returned in: by role (admin first), then agency, then account. */
export function compareGrants(a: RoleGrant, b: RoleGrant): number {
  return (
    ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || compareText(a.agencyId ?? '', b.agencyId ?? '') || compareText(a.account, b.account)
  );
}

// ── Submissions and conversations ───────────────────────────────────────────────────────────

/** The stored form of a new submission: a JSON copy with any stray `revision` dropped. */
export function submissionRecord(submission: NewSubmission): NewSubmission {
  const { revision: _ignored, ...rest } = submission as NewSubmission & { revision?: unknown };
  if (!rest.periodId || !rest.agencyId) throw new RangeError('a submission needs a period id and an agency id');
  for (const field of ['difficulties', 'proposals'] as const) {
    const value: unknown = rest[field];
    if (value !== undefined && (typeof value !== 'string' || [...value].length > REMARK_MAX_LENGTH))
      throw new RangeError(`a submission's ${field} must be text of at most ${REMARK_MAX_LENGTH} characters`);
  }
  return jsonCopy(rest);
}

/** Conversation state as stored; throws for values JSON cannot hold (e.g. `undefined`). */
export function conversationJson(state: unknown): string {
  const json = JSON.stringify(state) as string | undefined;
  if (json === undefined) throw new TypeError('conversation state must be JSON-serialisable');
  return json;
}

// ── Invites ──────────────────────────────────────────────────────────────────────────────────

/** Invite kinds that act for one agency and so must name it; the others are province-wide. */
const AGENCY_INVITE_KINDS: readonly string[] = ['head', 'deputy', 'agency-group'];

/**
 * The stored form of a new invite; throws a RangeError for one that is not new and pending (already
 * used or revoked), lives no time at all, or whose kind and agency do not fit together.
 */
export function inviteRecord(invite: Invite): Invite {
  requireText(invite.id, 'an invite id');
  if (!INVITE_KINDS.includes(invite.kind)) throw new RangeError(`unknown invite kind: ${String(invite.kind)}`);
  const forAgency = AGENCY_INVITE_KINDS.includes(invite.kind);
  if (forAgency && !invite.agencyId) throw new RangeError(`a ${invite.kind} invite must name an agency`);
  if (!forAgency && invite.agencyId !== undefined) throw new RangeError(`a ${invite.kind} invite takes no agency`);
  checkedInstant(invite.createdAt, 'createdAt');
  checkedInstant(invite.expiresAt, 'expiresAt');
  if (invite.expiresAt <= invite.createdAt) throw new RangeError('an invite must expire after it was created');
  if (invite.usedAt !== undefined || invite.usedBy !== undefined || invite.revokedAt !== undefined || invite.revokedBy !== undefined) {
    throw new RangeError('a new invite cannot already be used or revoked');
  }
  return jsonCopy(invite);
}

/**
 * How long the store keeps an invite, counted from when it is stored: its lifetime plus
 * INVITE_RETENTION_MS, whether it is used, revoked or left to lapse. Counted from the invite's own
 * times rather than its absolute `expiresAt`, so that Redis (on real time) and the embedded store (on
 * the injected clock) forget it after the same span even when the bot runs on a virtual clock.
 */
export function inviteKeepMs(invite: Invite): number {
  return invite.expiresAt - invite.createdAt + INVITE_RETENTION_MS;
}

/**
 * The outcome of redeeming `invite` (undefined when unknown) by `account` at `at`. The Redis script
 * `REDEEM_INVITE_LUA` makes the same decision in the same order: used, revoked, then expired.
 */
export function redeemOutcome(invite: Invite | undefined, account: AccountId, at: number): RedeemResult {
  if (!invite) return { ok: false, reason: 'unknown' };
  const state = inviteState(invite, at);
  if (state !== 'pending') return { ok: false, reason: state, invite };
  return { ok: true, invite: { ...invite, usedBy: account, usedAt: at } };
}

/** Whether an invite can still be revoked: neither used nor revoked (an expired one can). */
export function inviteIsOpen(invite: Invite): boolean {
  return invite.usedAt === undefined && invite.revokedAt === undefined;
}

/** The order of `listOpenInvites`: newest first, ties by id. */
export function compareInvitesNewestFirst(a: Invite, b: Invite): number {
  return b.createdAt - a.createdAt || compareText(a.id, b.id);
}

// ── Chat bindings, delegations, contacts ────────────────────────────────────────────────────

/** The stored form of a chat binding; throws a RangeError when it names no valid chat or target. */
export function chatBindingRecord(binding: ChatBinding): ChatBinding {
  if (!PLATFORMS.includes(binding.platform)) throw new RangeError(`unknown platform: ${String(binding.platform)}`);
  requireText(binding.chatId, 'a chat id');
  const target = binding.target as { kind?: unknown; agencyId?: unknown } | undefined;
  if (target?.kind === 'agency') requireText(target.agencyId, "an agency chat's agency id");
  else if (target?.kind !== 'coordinator') throw new RangeError('a chat binding targets an agency or the coordinators');
  return jsonCopy(binding);
}

/** The order of `listChatBindings`: by `platform:chatId`. */
export function compareChatBindings(a: ChatBinding, b: ChatBinding): number {
  return compareText(chatKey(a.platform, a.chatId), chatKey(b.platform, b.chatId));
}

/** The stored form of a delegation; throws a RangeError without an agency or with bad dates. */
export function delegationRecord(delegation: Delegation): Delegation {
  requireText(delegation.agencyId, 'a delegation agency id');
  if (!isLocalDate(delegation.startsOn) || !isLocalDate(delegation.endsOn)) {
    throw new RangeError(`a delegation runs between calendar dates, got ${delegation.startsOn} – ${delegation.endsOn}`);
  }
  if (compareLocalDates(delegation.startsOn, delegation.endsOn) > 0) throw new RangeError('a delegation cannot end before it starts');
  return jsonCopy(delegation);
}

/** The stored form of a contact; throws a RangeError without an account. */
export function contactRecord(contact: Contact): Contact {
  requireText(contact.account, 'a contact account');
  return jsonCopy(contact);
}

// ── Audit ────────────────────────────────────────────────────────────────────────────────────

/** The stored form of an audit entry; throws a RangeError for an unknown action or a bad time. */
export function auditRecord(entry: AuditEntry): AuditEntry {
  if (!AUDIT_ACTIONS.includes(entry.action)) throw new RangeError(`unknown audit action: ${String(entry.action)}`);
  checkedInstant(entry.at, 'an audit time');
  requireText(entry.actor, 'an audit actor');
  if (typeof entry.subject !== 'string') throw new RangeError('an audit subject must be a string');
  return jsonCopy(entry);
}

// ── Ad-hoc requests ─────────────────────────────────────────────────────────────────────────

/** The stored form of an ad-hoc request; throws a RangeError when it names no agency or no deadline. */
export function adHocRecord(request: AdHocRequest): AdHocRequest {
  requireText(request.period.id, 'an ad-hoc request id');
  if (request.period.kind !== 'ad-hoc') throw new RangeError('an ad-hoc request has an ad-hoc period');
  if (!isLocalDate(request.period.deadline))
    throw new RangeError(`an ad-hoc request needs a deadline date, got ${request.period.deadline}`);
  if (request.period.agencyIds.length === 0) throw new RangeError('an ad-hoc request names at least one agency');
  return jsonCopy(request);
}

/** Oldest first, then by id, so both stores list requests alike. */
export function compareAdHocRequests(a: AdHocRequest, b: AdHocRequest): number {
  return a.createdAt - b.createdAt || (a.period.id < b.period.id ? -1 : a.period.id > b.period.id ? 1 : 0);
}
