// The embedded store's tables, the steps that create them, and which of their rows expire.
import type Database from 'better-sqlite3';
import { StoreRefusedError } from '../store-refused.js';

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
export const EXPIRING: readonly [table: string, column: string][] = [
  ['conversations', 'expires_at'],
  ['leases', 'expires_at'],
  ['done', 'expires_at'],
  ['invites', 'forget_at'],
];

/** Brings the schema up to date in one transaction; refuses a database from a newer version. */
export function migrate(db: Database.Database, file: string): void {
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
