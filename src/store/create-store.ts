import type { Agency } from '../domain/agency.js';
import type { Clock } from '../domain/clock.js';
import { AGENCY_ROLES, ROLES, type RoleGrant } from '../domain/roles.js';
import type { NewSubmission } from '../domain/submission.js';
import type { AgencySyncResult, Store } from './store.js';

/** The one thing the store logs: data it had to skip. Pino's logger fits this shape. */
export interface StoreLogger {
  warn(obj: object, msg: string): void;
}

/** Where the store lives: Redis when `redisUrl` is set, otherwise files under `dataDir`. */
export interface CreateStoreOptions {
  redisUrl?: string;
  /** Prefix of every Redis key, e.g. `dondoc:`. */
  redisPrefix: string;
  dataDir: string;
  /** Drives expiry in the embedded store; Redis expires keys on its own (real) clock. */
  clock: Clock;
  logger?: StoreLogger;
}

/** Opens the configured store; rejects with a readable message when it cannot be reached or locked. */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  // Imported on demand so an embedded deployment never loads ioredis, and the implementations can
  // import the shared rules below without an import cycle.
  if (options.redisUrl) {
    const { openRedisStore } = await import('./redis-store.js');
    return openRedisStore({ url: options.redisUrl, prefix: options.redisPrefix, logger: options.logger });
  }
  const { openEmbeddedStore } = await import('./embedded-store.js');
  return openEmbeddedStore({ dataDir: options.dataDir, clock: options.clock, logger: options.logger });
}

// ── Rules both implementations apply, so that they return identical results ──────────────────

/** How long the sent ledger remembers: longer than any yearly period's reminders run. */
export const DONE_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;

/** A deep copy through JSON: exactly what survives a trip through Redis or the log. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** JSON with object keys sorted, so two records compare equal whatever order their keys were set in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

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
    ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
    compareText(a.agencyId ?? '', b.agencyId ?? '') ||
    compareText(a.account, b.account)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The stored form of a new submission: a JSON copy with any stray `revision` dropped. */
export function submissionRecord(submission: NewSubmission): NewSubmission {
  const { revision: _ignored, ...rest } = submission as NewSubmission & { revision?: unknown };
  if (!rest.periodId || !rest.agencyId) throw new RangeError('a submission needs a period id and an agency id');
  return jsonCopy(rest);
}

/** Conversation state as stored; throws for values JSON cannot hold (e.g. `undefined`). */
export function conversationJson(state: unknown): string {
  const json = JSON.stringify(state) as string | undefined;
  if (json === undefined) throw new TypeError('conversation state must be JSON-serialisable');
  return json;
}

/** A TTL Redis accepts: a positive whole number of milliseconds. */
export function checkedTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`TTL must be a positive number of ms, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}
