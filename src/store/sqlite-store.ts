import { mkdirSync, existsSync, openSync, fsyncSync, closeSync, renameSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
// better-sqlite3 rather than node:sqlite, which Node 20 lacks: once Node 20 support is dropped
// (engines >= 22.13), node:sqlite's DatabaseSync can replace it with the same synchronous calls.
import Database from 'better-sqlite3';
import type { AdHocRequest } from '../domain/ad-hoc.js';
import type { Agency } from '../domain/agency.js';
import type { AuditEntry } from '../domain/audit.js';
import { chatKey, type ChatBinding } from '../domain/chat-binding.js';
import type { Clock } from '../domain/clock.js';
import type { Contact } from '../domain/contact.js';
import type { Delegation } from '../domain/delegation.js';
import type { Invite, RedeemResult } from '../domain/invite.js';
import type { AccountId, Platform, Role, RoleGrant } from '../domain/roles.js';
import type { NewSubmission, Submission } from '../domain/submission.js';
import { legacyFilesIn, readLegacyDataDir, type LegacyData } from './legacy-import.js';
import {
  AUDIT_CAP,
  DONE_RETENTION_MS,
  adHocRecord,
  auditRecord,
  chatBindingRecord,
  checkedInstant,
  checkedLimit,
  checkedTtl,
  compareAdHocRequests,
  compareChatBindings,
  compareGrants,
  compareInvitesNewestFirst,
  contactRecord,
  conversationJson,
  delegationRecord,
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
import { StoreRefusedError } from './store-refused.js';
import type { AgencySyncResult, DeliveryClaim, Store } from './store.js';
import { portsOver, type FlatStore } from './flat-store.js';

/** The database file, in DATA_DIR. */
export const DATABASE_FILE = 'don-doc.sqlite';
/** Held locked for the life of the process that has DATA_DIR open (see `lockDataDir`). */
export const LOCK_FILE = 'don-doc.lock';

/** Where the embedded store keeps its files and which clock expires conversations and leases. */
export interface SqliteStoreOptions {
  /** Created if missing; holds `don-doc.sqlite` (and its -wal, -shm) and `don-doc.lock`. */
  dataDir: string;
  clock: Clock;
  logger?: StoreLogger;
}

/**
 * The schema, one step per version (`PRAGMA user_version`). Records are JSON in a `record` column,
 * as the Redis store keeps them, with the columns queries look up or sort by beside them; adding a
 * field to a record needs no step, adding a table or an index adds one at the end. Never edit a
 * step that has shipped.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE agencies (id TEXT PRIMARY KEY, record TEXT NOT NULL) STRICT;
  CREATE TABLE grants (
    account TEXT NOT NULL, role TEXT NOT NULL, agency_id TEXT NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (account, role, agency_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX grants_by_agency ON grants (agency_id);
  CREATE INDEX grants_by_role ON grants (role);
  CREATE TABLE submissions (
    period_id TEXT NOT NULL, agency_id TEXT NOT NULL, revision INTEGER NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (period_id, agency_id, revision)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE conversations (key TEXT PRIMARY KEY, json TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE leases (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE done (key TEXT PRIMARY KEY, detail TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;
  -- forget_at: when the store forgets the invite (not the invite's own expiresAt).
  CREATE TABLE invites (id TEXT PRIMARY KEY, record TEXT NOT NULL, forget_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE chats (chat_key TEXT PRIMARY KEY, record TEXT NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE delegations (agency_id TEXT PRIMARY KEY, record TEXT NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE contacts (account TEXT PRIMARY KEY, record TEXT NOT NULL) STRICT, WITHOUT ROWID;
  -- seq: the order of appending, which listAudit follows (not the entries' own times).
  CREATE TABLE audit (seq INTEGER PRIMARY KEY, record TEXT NOT NULL) STRICT;
  CREATE TABLE ad_hoc_requests (id TEXT PRIMARY KEY, record TEXT NOT NULL) STRICT, WITHOUT ROWID;
  -- The store's own notes, e.g. that old-format files were imported (never the app's meta).
  CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;
  `,
];

/** Tables whose rows expire by the injected clock, and their expiry column. */
const EXPIRING: readonly [table: string, column: string][] = [
  ['conversations', 'expires_at'],
  ['leases', 'expires_at'],
  ['done', 'expires_at'],
  ['invites', 'forget_at'],
];

/**
 * Opens the embedded store: SQLite in `DATA_DIR/don-doc.sqlite`, WAL with synchronous=FULL, so a
 * call that resolved is on disk. Refuses, with a StoreRefusedError, a data dir another process has
 * open and a database `PRAGMA quick_check` finds damaged (leaving it untouched). An old-format data
 * dir (snapshot.json, log.jsonl) is imported once, its files moved to `legacy-<date>/`.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let db: Database.Database | undefined;
  try {
    const file = path.join(dataDir, DATABASE_FILE);
    refuseDamage(file);
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Only this process writes; a `.backup` or an operator's `sqlite3` may hold the file briefly.
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
    const store = new SqliteStore(db, lock, options.clock);
    if (legacyFilesIn(dataDir).length > 0) importLegacyDataDir(store, dataDir, options.clock, options.logger);
    store.sweepExpired();
    return portsOver(store);
  } catch (err) {
    db?.close();
    lock.close();
    throw err;
  }
}

/**
 * Takes the data dir for this process's life: an exclusive SQLite lock (a POSIX record lock, which
 * the kernel keeps per file whatever the PID namespace, and drops when the process dies, even by
 * kill -9) on a small lock database beside the real one. The real database stays in the normal
 * locking mode, so `sqlite3 don-doc.sqlite ".backup …"` can read it while the bot runs. A second
 * open, in this process or any other, on this host or in another container on the same volume,
 * finds the lock taken and is refused. (Network file systems may not honour the lock: keep
 * DATA_DIR on a local disk or a Docker volume.)
 */
function lockDataDir(dataDir: string): Database.Database {
  const file = path.join(dataDir, LOCK_FILE);
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
    return lock;
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StoreRefusedError(
        `Thư mục dữ liệu ${dataDir} đang được một tiến trình Đôn Đốc khác sử dụng (có thể ở container khác). Hãy dừng tiến trình đó trước.\n` +
          `The data dir ${dataDir} is already open in another Đôn Đốc process (perhaps in another container; lock ${file}). Stop that process first.`,
      );
    }
    throw err;
  }
}

/**
 * Runs `PRAGMA quick_check` on a read-only connection (which never checkpoints, so the file stays
 * byte for byte as it was) and refuses to start on any finding: nothing is repaired by dropping data.
 */
function refuseDamage(file: string): void {
  let findings: string[];
  let check: Database.Database | undefined;
  try {
    check = new Database(file, { readonly: true, fileMustExist: true });
    findings = (check.pragma('quick_check(20)') as { quick_check: string }[]).map((row) => row.quick_check);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CANTOPEN' && check === undefined) return; // no database yet: a fresh start
    findings = [`${code ?? 'error'}: ${err instanceof Error ? err.message : String(err)}`];
  } finally {
    check?.close();
  }
  if (findings.length === 1 && findings[0] === 'ok') return;
  throw new StoreRefusedError(
    `Cơ sở dữ liệu ${file} bị hỏng; Đôn Đốc không khởi động để không làm mất dữ liệu. Tệp được giữ nguyên: hãy khôi phục từ bản sao lưu (xem README).\n` +
      `The database ${file} is damaged; Đôn Đốc will not start rather than lose data. The file is left as it was: restore it from a backup (see the README).\n` +
      `PRAGMA quick_check: ${findings.join('; ')}`,
  );
}

/** Brings the schema up to date in one transaction; refuses a database from a newer version. */
function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new StoreRefusedError(
      `Cơ sở dữ liệu ${file} do một phiên bản Đôn Đốc mới hơn tạo ra (lược đồ ${version}); hãy dùng phiên bản đó.\n` +
        `The database ${file} was written by a newer Đôn Đốc (schema ${version}, this version knows ${MIGRATIONS.length}); run that version.`,
    );
  }
  if (version === MIGRATIONS.length) return;
  db.transaction(() => {
    for (const step of MIGRATIONS.slice(version)) db.exec(step);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

/**
 * The one-time import of an old-format data dir: read it (refusing damage), write all of it in one
 * transaction together with a note that it was imported, then move the old files to
 * `legacy-<date>/`. A crash before the commit leaves the old files to import again; one after it
 * finds the note and only moves the files. They are kept, never deleted: remove the folder by hand
 * once the bot runs well on the new database.
 */
function importLegacyDataDir(store: SqliteStore, dataDir: string, clock: Clock, logger: StoreLogger | undefined): void {
  const files = legacyFilesIn(dataDir);
  const hasData = files.includes('snapshot.json') || files.includes('log.jsonl');
  if (hasData && store.info('legacy-import') === undefined) {
    const data = readLegacyDataDir(dataDir, logger);
    const counts = store.importLegacy(data, clock.now());
    logger?.warn({ dataDir, ...counts }, 'imported the old-format data dir into the SQLite database');
  }
  const day = new Date(clock.now()).toISOString().slice(0, 10);
  let target = path.join(dataDir, `legacy-${day}`);
  for (let n = 2; existsSync(target); n++) target = path.join(dataDir, `legacy-${day}-${n}`);
  mkdirSync(target);
  for (const name of files) renameSync(path.join(dataDir, name), path.join(target, name));
  syncDirectory(target);
  syncDirectory(dataDir);
  logger?.warn({ from: dataDir, to: target, files }, 'moved the old-format store files aside; delete the folder once the bot runs well');
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

type Row<T extends string> = Record<T, unknown>;

const parse = <T>(json: unknown): T => JSON.parse(json as string) as T;
const parseAll = <T>(rows: unknown[], column = 'record'): T[] => rows.map((row) => parse<T>((row as Row<string>)[column]));

/**
 * Every call is one SQLite transaction, run synchronously: decisions (the next revision number,
 * whether a lease is free, whether an invite can be redeemed) are taken and written with nothing
 * in between, and the commit is fsynced (synchronous=FULL) before the call's promise resolves.
 *
 * Rate-limit counters (`hit`) are the one thing kept in memory only, as the contract allows: a
 * commit per counted guess would let anyone sending codes make the disk work as fast as they type.
 *
 * To add a method: a statement (or a few) in a `this.write`/`this.read` call, and, for a new kind
 * of record, a table in a new MIGRATIONS step.
 */
class SqliteStore implements FlatStore {
  readonly kind = 'embedded' as const;
  private closed = false;
  private readonly hits = new Map<string, { count: number; expiresAt: number }>();
  private hitsSinceSweep = 0;
  private writesSinceSweep = 0;
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * The latest revision per agency of the periods read so far, kept up to date by addSubmission:
   * `/status` reads a whole period each time, and this process is the database's only writer (the
   * data-dir lock), so nothing can change it behind the cache's back.
   */
  private readonly latestByPeriod = new Map<string, Map<string, Submission>>();
  /** Set by a write the disk refused (full, I/O error); cleared by the next write that succeeds. */
  private diskFailure: Error | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly lock: Database.Database,
    private readonly clock: Clock,
  ) {}

  // ── Agencies ──────────────────────────────────────────────────────────────────────────────

  async syncAgencies(agencies: readonly Agency[]): Promise<AgencySyncResult> {
    return this.write(() => {
      const stored = new Map(this.all<Agency>('SELECT record FROM agencies').map((a) => [a.id, a]));
      const { result, writes } = planAgencySync(stored, agencies);
      for (const agency of writes)
        this.run('INSERT OR REPLACE INTO agencies (id, record) VALUES (?, ?)', agency.id, JSON.stringify(agency));
      return result;
    });
  }

  async getAgency(id: string): Promise<Agency | undefined> {
    return this.read(() => this.one<Agency>('SELECT record FROM agencies WHERE id = ?', id));
  }

  async listAgencies(options?: { includeArchived?: boolean }): Promise<Agency[]> {
    return this.read(() =>
      this.all<Agency>('SELECT record FROM agencies ORDER BY id').filter((a) => options?.includeArchived || !a.archived),
    );
  }

  // ── Roles ─────────────────────────────────────────────────────────────────────────────────

  async grantRole(grant: RoleGrant): Promise<void> {
    const record = grantRecord(grant);
    this.write(() => {
      this.run(
        'INSERT OR REPLACE INTO grants (account, role, agency_id, record) VALUES (?, ?, ?, ?)',
        record.account,
        record.role,
        record.agencyId ?? '',
        JSON.stringify(record),
      );
    });
  }

  async revokeRole(account: AccountId, role: Role, agencyId?: string): Promise<boolean> {
    return this.write(
      () => this.run('DELETE FROM grants WHERE account = ? AND role = ? AND agency_id = ?', account, role, agencyId ?? '').changes > 0,
    );
  }

  async rolesOf(account: AccountId): Promise<RoleGrant[]> {
    return this.grantsWhere('account = ?', account);
  }

  async agencyMembers(agencyId: string): Promise<RoleGrant[]> {
    // '' is how a province-wide grant is keyed, never an agency's id.
    return agencyId === '' ? [] : this.grantsWhere('agency_id = ?', agencyId);
  }

  async holdersOf(role: Role): Promise<RoleGrant[]> {
    return this.grantsWhere('role = ?', role);
  }

  private grantsWhere(condition: string, value: string): RoleGrant[] {
    return this.read(() => this.all<RoleGrant>(`SELECT record FROM grants WHERE ${condition}`, value).sort(compareGrants));
  }

  // ── Submissions ───────────────────────────────────────────────────────────────────────────

  async addSubmission(submission: NewSubmission): Promise<Submission> {
    const record = submissionRecord(submission);
    const numbered = this.write(() => {
      const { last } = this.get(
        'SELECT max(revision) AS last FROM submissions WHERE period_id = ? AND agency_id = ?',
        record.periodId,
        record.agencyId,
      ) as { last: number | null };
      const next: Submission = { ...record, revision: (last ?? 0) + 1 };
      this.insertSubmission(next);
      return next;
    });
    // Only once committed: a rolled-back write never reaches the cache.
    this.latestByPeriod.get(numbered.periodId)?.set(numbered.agencyId, jsonCopy(numbered));
    return numbered;
  }

  /** Also the importer's way in, so imported revisions are stored exactly as new ones. */
  insertSubmission(submission: Submission): void {
    this.run(
      'INSERT INTO submissions (period_id, agency_id, revision, record) VALUES (?, ?, ?, ?)',
      submission.periodId,
      submission.agencyId,
      submission.revision,
      JSON.stringify(submission),
    );
  }

  async latestSubmission(periodId: string, agencyId: string): Promise<Submission | undefined> {
    return this.read(() =>
      this.one<Submission>(
        'SELECT record FROM submissions WHERE period_id = ? AND agency_id = ? ORDER BY revision DESC LIMIT 1',
        periodId,
        agencyId,
      ),
    );
  }

  async submissionHistory(periodId: string, agencyId: string): Promise<Submission[]> {
    return this.read(() =>
      this.all<Submission>('SELECT record FROM submissions WHERE period_id = ? AND agency_id = ? ORDER BY revision', periodId, agencyId),
    );
  }

  async latestSubmissions(periodId: string): Promise<Map<string, Submission>> {
    return this.read(() => {
      let latest = this.latestByPeriod.get(periodId);
      if (!latest) {
        // SQLite's bare-column rule: with max(), `record` comes from the row holding the maximum.
        const rows = this.statement('SELECT agency_id, record, max(revision) FROM submissions WHERE period_id = ? GROUP BY agency_id').all(
          periodId,
        ) as Row<'agency_id' | 'record'>[];
        latest = new Map(rows.map((row) => [row.agency_id as string, parse<Submission>(row.record)]));
        this.latestByPeriod.set(periodId, latest);
      }
      return new Map(latest);
    });
  }

  // ── Conversations ─────────────────────────────────────────────────────────────────────────

  async getConversation<T>(key: string): Promise<T | undefined> {
    return this.read(() => {
      const row = this.get('SELECT json FROM conversations WHERE key = ? AND expires_at > ?', key, this.clock.now()) as
        Row<'json'> | undefined;
      return row ? parse<T>(row.json) : undefined;
    });
  }

  async putConversation<T>(key: string, state: T, ttlMs: number): Promise<void> {
    const json = conversationJson(state);
    const ttl = checkedTtl(ttlMs);
    this.write(() => {
      this.run('INSERT OR REPLACE INTO conversations (key, json, expires_at) VALUES (?, ?, ?)', key, json, this.clock.now() + ttl);
    });
  }

  async deleteConversation(key: string): Promise<void> {
    this.write(() => {
      this.run('DELETE FROM conversations WHERE key = ?', key);
    });
  }

  async countConversations(kind: string): Promise<number> {
    return this.read(() => {
      // Keys `<kind>:…` are exactly those from `<kind>:` up to, not including, `<kind>;` (':' + 1).
      const row = this.get(
        'SELECT count(*) AS open FROM conversations WHERE key >= ? AND key < ? AND expires_at > ?',
        `${kind}:`,
        `${kind};`,
        this.clock.now(),
      ) as { open: number };
      return row.open;
    });
  }

  // ── Leases and the sent ledger ────────────────────────────────────────────────────────────

  async claimOnce(key: string, token: string, ttlMs: number): Promise<boolean> {
    const ttl = checkedTtl(ttlMs);
    return this.write(() => {
      const now = this.clock.now();
      const holder = this.leaseHolder(key, now);
      if (holder !== undefined) return holder === token;
      this.putLease(key, token, now + ttl);
      return true;
    });
  }

  async renewLease(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const ttl = checkedTtl(ttlMs);
    return this.write(() => {
      const now = this.clock.now();
      if (this.leaseHolder(key, now) !== owner) return false;
      this.putLease(key, owner, now + ttl);
      return true;
    });
  }

  async releaseLease(key: string, owner: string): Promise<boolean> {
    return this.write(
      () => this.run('DELETE FROM leases WHERE key = ? AND owner = ? AND expires_at > ?', key, owner, this.clock.now()).changes > 0,
    );
  }

  private leaseHolder(key: string, now: number): string | undefined {
    return (this.get('SELECT owner FROM leases WHERE key = ? AND expires_at > ?', key, now) as Row<'owner'> | undefined)?.owner as
      string | undefined;
  }

  /** Also the importer's way in. */
  putLease(key: string, owner: string, expiresAt: number): void {
    this.run('INSERT OR REPLACE INTO leases (key, owner, expires_at) VALUES (?, ?, ?)', key, owner, expiresAt);
  }

  async markDone(key: string, detail?: string): Promise<boolean> {
    return this.write(() => {
      const now = this.clock.now();
      if (this.get('SELECT 1 FROM done WHERE key = ? AND expires_at > ?', key, now)) return false;
      this.run('INSERT OR REPLACE INTO done (key, detail, expires_at) VALUES (?, ?, ?)', key, detail ?? '', now + DONE_RETENTION_MS);
      return true;
    });
  }

  async isDone(key: string): Promise<boolean> {
    return this.read(() => this.get('SELECT 1 FROM done WHERE key = ? AND expires_at > ?', key, this.clock.now()) !== undefined);
  }

  async claimUnlessDone(key: string, token: string, ttlMs: number): Promise<DeliveryClaim> {
    const ttl = checkedTtl(ttlMs);
    // One write transaction: the ledger check and the claim see the same state.
    return this.write((): DeliveryClaim => {
      const now = this.clock.now();
      if (this.get('SELECT 1 FROM done WHERE key = ? AND expires_at > ?', key, now)) return { state: 'done' };
      const holder = this.leaseHolder(key, now);
      if (holder !== undefined) return holder === token ? { state: 'claimed', lease: key } : { state: 'busy' };
      this.putLease(key, token, now + ttl);
      return { state: 'claimed', lease: key };
    });
  }

  // ── Invites ───────────────────────────────────────────────────────────────────────────────

  async createInvite(invite: Invite): Promise<void> {
    const record = inviteRecord(invite);
    this.write(() => {
      const now = this.clock.now();
      if (this.keptInvite(record.id, now)) throw new Error(`an invite with id ${record.id} already exists`);
      this.run(
        'INSERT OR REPLACE INTO invites (id, record, forget_at) VALUES (?, ?, ?)',
        record.id,
        JSON.stringify(record),
        now + inviteKeepMs(record),
      );
    });
  }

  async getInvite(id: string): Promise<Invite | undefined> {
    return this.read(() => this.keptInvite(id, this.clock.now()));
  }

  async redeemInvite(id: string, account: AccountId, at: number): Promise<RedeemResult> {
    checkedInstant(at, 'the redemption time');
    return this.write(() => {
      const outcome = redeemOutcome(this.keptInvite(id, this.clock.now()), account, at);
      if (outcome.ok) this.updateInvite(outcome.invite);
      return outcome;
    });
  }

  async revokeInvite(id: string, by: AccountId, at: number): Promise<boolean> {
    checkedInstant(at, 'the revocation time');
    return this.write(() => {
      const invite = this.keptInvite(id, this.clock.now());
      if (!invite || !inviteIsOpen(invite)) return false;
      this.updateInvite({ ...invite, revokedAt: at, revokedBy: by });
      return true;
    });
  }

  async listOpenInvites(): Promise<Invite[]> {
    return this.read(() =>
      this.all<Invite>('SELECT record FROM invites WHERE forget_at > ?', this.clock.now())
        .filter(inviteIsOpen)
        .sort(compareInvitesNewestFirst),
    );
  }

  private keptInvite(id: string, now: number): Invite | undefined {
    return this.one<Invite>('SELECT record FROM invites WHERE id = ? AND forget_at > ?', id, now);
  }

  /** A redeemed or revoked invite keeps the day the store forgets it. */
  private updateInvite(invite: Invite): void {
    this.run('UPDATE invites SET record = ? WHERE id = ?', JSON.stringify(invite), invite.id);
  }

  // ── Group chats ───────────────────────────────────────────────────────────────────────────

  async bindChat(binding: ChatBinding): Promise<void> {
    const record = chatBindingRecord(binding);
    this.write(() => {
      this.run(
        'INSERT OR REPLACE INTO chats (chat_key, record) VALUES (?, ?)',
        chatKey(record.platform, record.chatId),
        JSON.stringify(record),
      );
    });
  }

  async unbindChat(platform: Platform, chatId: string): Promise<boolean> {
    return this.write(() => this.run('DELETE FROM chats WHERE chat_key = ?', chatKey(platform, chatId)).changes > 0);
  }

  async chatBinding(platform: Platform, chatId: string): Promise<ChatBinding | undefined> {
    return this.read(() => this.one<ChatBinding>('SELECT record FROM chats WHERE chat_key = ?', chatKey(platform, chatId)));
  }

  async listChatBindings(): Promise<ChatBinding[]> {
    return this.read(() => this.all<ChatBinding>('SELECT record FROM chats').sort(compareChatBindings));
  }

  // ── Ad-hoc requests ───────────────────────────────────────────────────────────────────────

  async putAdHocRequest(request: AdHocRequest): Promise<void> {
    const record = adHocRecord(request);
    this.write(() => {
      this.run('INSERT OR REPLACE INTO ad_hoc_requests (id, record) VALUES (?, ?)', record.period.id, JSON.stringify(record));
    });
  }

  async createAdHocRequest(request: AdHocRequest): Promise<boolean> {
    const record = adHocRecord(request);
    return this.write(
      () =>
        this.run('INSERT OR IGNORE INTO ad_hoc_requests (id, record) VALUES (?, ?)', record.period.id, JSON.stringify(record)).changes > 0,
    );
  }

  async listAdHocRequests(): Promise<AdHocRequest[]> {
    return this.read(() => this.all<AdHocRequest>('SELECT record FROM ad_hoc_requests').sort(compareAdHocRequests));
  }

  // ── Delegations ───────────────────────────────────────────────────────────────────────────

  async setDelegation(delegation: Delegation): Promise<void> {
    const record = delegationRecord(delegation);
    this.write(() => {
      this.run('INSERT OR REPLACE INTO delegations (agency_id, record) VALUES (?, ?)', record.agencyId, JSON.stringify(record));
    });
  }

  async getDelegation(agencyId: string): Promise<Delegation | undefined> {
    return this.read(() => this.one<Delegation>('SELECT record FROM delegations WHERE agency_id = ?', agencyId));
  }

  async clearDelegation(agencyId: string): Promise<boolean> {
    return this.write(() => this.run('DELETE FROM delegations WHERE agency_id = ?', agencyId).changes > 0);
  }

  // ── Contacts ──────────────────────────────────────────────────────────────────────────────

  async getContact(account: AccountId): Promise<Contact | undefined> {
    return this.read(() => this.one<Contact>('SELECT record FROM contacts WHERE account = ?', account));
  }

  async putContact(contact: Contact): Promise<void> {
    const record = contactRecord(contact);
    this.write(() => {
      this.run('INSERT OR REPLACE INTO contacts (account, record) VALUES (?, ?)', record.account, JSON.stringify(record));
    });
  }

  async getContacts(accounts: readonly AccountId[]): Promise<Map<AccountId, Contact>> {
    return this.read(() => {
      const contacts = new Map<AccountId, Contact>();
      for (const account of accounts) {
        const contact = this.one<Contact>('SELECT record FROM contacts WHERE account = ?', account);
        if (contact) contacts.set(account, contact);
      }
      return contacts;
    });
  }

  // ── Audit ─────────────────────────────────────────────────────────────────────────────────

  async appendAudit(entry: AuditEntry): Promise<void> {
    const record = auditRecord(entry);
    this.write(() => {
      this.appendAuditRecord(record);
    });
  }

  /**
   * Also the importer's way in. Nothing is ever deleted: the most recent AUDIT_CAP entries are the
   * log (`listAudit`), older ones the archive (`listAuditArchive`), so a flood cannot push real
   * entries out of existence.
   */
  appendAuditRecord(entry: AuditEntry): void {
    this.run('INSERT INTO audit (record) VALUES (?)', JSON.stringify(entry));
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const count = checkedLimit(limit, AUDIT_CAP);
    return this.read(() => this.all<AuditEntry>('SELECT record FROM audit ORDER BY seq DESC LIMIT ?', count));
  }

  async listAuditArchive(limit: number): Promise<AuditEntry[]> {
    const count = checkedLimit(limit, Number.MAX_SAFE_INTEGER);
    return this.read(() => this.all<AuditEntry>('SELECT record FROM audit ORDER BY seq DESC LIMIT ? OFFSET ?', count, AUDIT_CAP));
  }

  // ── Rate limiting (in memory only, see the class comment) ─────────────────────────────────

  async hit(key: string, windowMs: number): Promise<number> {
    this.assertOpen();
    const ttl = checkedTtl(windowMs);
    const now = this.clock.now();
    const entry = this.hits.get(key);
    if (entry && entry.expiresAt > now) return ++entry.count;
    this.hits.set(key, { count: 1, expiresAt: now + ttl });
    // Windows nobody hits again are never looked up, so sweep them out now and then.
    if (++this.hitsSinceSweep >= 1_000) {
      this.hitsSinceSweep = 0;
      for (const [k, e] of this.hits) if (e.expiresAt <= now) this.hits.delete(k);
    }
    return 1;
  }

  // ── Meta ──────────────────────────────────────────────────────────────────────────────────

  async getMeta(key: string): Promise<string | undefined> {
    return this.read(
      () => (this.get('SELECT value FROM meta WHERE key = ?', key) as Row<'value'> | undefined)?.value as string | undefined,
    );
  }

  async getMetas(keys: readonly string[]): Promise<Map<string, string>> {
    return this.read(() => {
      const found = new Map<string, string>();
      for (const key of keys) {
        const value = (this.get('SELECT value FROM meta WHERE key = ?', key) as Row<'value'> | undefined)?.value as string | undefined;
        if (value !== undefined) found.set(key, value);
      }
      return found;
    });
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.write(() => {
      this.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value);
    });
  }

  // ── Health ────────────────────────────────────────────────────────────────────────────────

  async ping(): Promise<number> {
    const started = performance.now();
    this.read(() => this.get('SELECT 1'));
    if (this.diskFailure) {
      // The last write failed on the disk: try a tiny one, so health recovers by itself once there is room.
      try {
        this.write(() => this.run('INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)', 'disk-probe', String(this.clock.now())));
      } catch (err) {
        throw new Error(`the embedded store cannot write to ${DATABASE_FILE}: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
    }
    return performance.now() - started;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // The last connection to close checkpoints the WAL into the database file; the lock goes last.
    this.db.close();
    this.lock.close();
  }

  /** Deletes what has expired by the injected clock (expired rows already read as absent). */
  sweepExpired(): void {
    this.write(() => {
      const now = this.clock.now();
      for (const [table, column] of EXPIRING) this.run(`DELETE FROM ${table} WHERE ${column} <= ?`, now);
    });
  }

  // ── The store's own notes and the one-time import ───────────────────────────────────────

  info(key: string): string | undefined {
    return this.read(
      () => (this.get('SELECT value FROM store_info WHERE key = ?', key) as Row<'value'> | undefined)?.value as string | undefined,
    );
  }

  /** Writes everything an old-format data dir held, in one transaction; refuses a database in use. */
  importLegacy(data: LegacyData, at: number): Record<string, number> {
    return this.write(() => {
      const { rows } = this.get(
        'SELECT (SELECT count(*) FROM agencies) + (SELECT count(*) FROM grants) + (SELECT count(*) FROM submissions) AS rows',
      ) as { rows: number };
      if (rows > 0) {
        throw new StoreRefusedError(
          `Thư mục dữ liệu có cả tệp kiểu cũ (snapshot.json, log.jsonl) lẫn một cơ sở dữ liệu đã có dữ liệu; Đôn Đốc không tự gộp hai nguồn. Hãy chuyển một trong hai đi chỗ khác.\n` +
            `The data dir holds both old-format files (snapshot.json, log.jsonl) and a database that already has data; Đôn Đốc will not merge them. Move one of them away.`,
        );
      }
      const json = JSON.stringify;
      for (const agency of data.agencies.values()) this.run('INSERT INTO agencies (id, record) VALUES (?, ?)', agency.id, json(agency));
      for (const g of data.grants.values())
        this.run('INSERT INTO grants (account, role, agency_id, record) VALUES (?, ?, ?, ?)', g.account, g.role, g.agencyId ?? '', json(g));
      for (const revisions of data.submissions.values()) for (const submission of revisions) this.insertSubmission(submission);
      for (const [key, c] of data.conversations)
        this.run('INSERT INTO conversations (key, json, expires_at) VALUES (?, ?, ?)', key, c.json, c.expiresAt);
      for (const [key, l] of data.leases) this.putLease(key, l.owner, l.expiresAt);
      for (const [key, d] of data.done) this.run('INSERT INTO done (key, detail, expires_at) VALUES (?, ?, ?)', key, d.detail, d.expiresAt);
      for (const [key, value] of data.meta) this.run('INSERT INTO meta (key, value) VALUES (?, ?)', key, value);
      for (const { invite, expiresAt } of data.invites.values())
        this.run('INSERT INTO invites (id, record, forget_at) VALUES (?, ?, ?)', invite.id, json(invite), expiresAt);
      for (const [key, binding] of data.chats) this.run('INSERT INTO chats (chat_key, record) VALUES (?, ?)', key, json(binding));
      for (const d of data.delegations.values()) this.run('INSERT INTO delegations (agency_id, record) VALUES (?, ?)', d.agencyId, json(d));
      for (const r of data.adHoc.values()) this.run('INSERT INTO ad_hoc_requests (id, record) VALUES (?, ?)', r.period.id, json(r));
      for (const c of data.contacts.values()) this.run('INSERT INTO contacts (account, record) VALUES (?, ?)', c.account, json(c));
      for (const entry of data.audit) this.appendAuditRecord(entry);
      const counts = {
        agencies: data.agencies.size,
        grants: data.grants.size,
        submissions: [...data.submissions.values()].reduce((n, r) => n + r.length, 0),
        invites: data.invites.size,
        audit: data.audit.length,
        logEntries: data.logEntries,
        ignoredChars: data.ignoredChars,
      };
      this.run('INSERT INTO store_info (key, value) VALUES (?, ?)', 'legacy-import', json({ at, ...counts }));
      this.latestByPeriod.clear();
      return counts;
    });
  }

  // ── Plumbing ──────────────────────────────────────────────────────────────────────────────

  /** One write transaction (BEGIN IMMEDIATE … COMMIT), durable when it returns. */
  write<T>(body: () => T): T {
    this.assertOpen();
    let result: T;
    try {
      result = this.db.transaction(body).immediate();
    } catch (err) {
      // A full disk or an I/O error: SQLite has rolled the transaction back (nothing half-written,
      // nothing acknowledged) and takes writes again once the disk does. Until a write succeeds,
      // ping() — and so /healthz — says what is wrong.
      if (isDiskFailure(err)) this.diskFailure = err;
      throw err;
    }
    this.diskFailure = undefined;
    // Expired rows are invisible to every query; deleting them now and then keeps the file small.
    if (++this.writesSinceSweep >= 1_000) {
      this.writesSinceSweep = 0;
      this.sweepExpired();
    }
    return result;
  }

  /** One read transaction, so a read of several statements sees one state. */
  private read<T>(body: () => T): T {
    this.assertOpen();
    return this.db.transaction(body).deferred();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  private get(sql: string, ...params: unknown[]): unknown {
    return this.statement(sql).get(...params);
  }

  private one<T>(sql: string, ...params: unknown[]): T | undefined {
    const row = this.get(sql, ...params) as Row<'record'> | undefined;
    return row ? parse<T>(row.record) : undefined;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return parseAll<T>(this.statement(sql).all(...params));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the embedded store is closed');
  }
}

/** SQLite's result codes for a disk that refuses writes (full, an I/O error, gone read-only). */
function isDiskFailure(err: unknown): err is Error {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN)/.test(code);
}
