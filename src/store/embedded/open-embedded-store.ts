// Opens the embedded store (SQLite in DATA_DIR) and composes the Store from one class per port.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../../domain/clock.js';
import type { StoreLogger } from '../records.js';
import type { Store } from '../store.js';
import { EmbeddedAdHocRequests } from './ad-hoc-requests.js';
import { EmbeddedAgencies } from './agencies.js';
import { EmbeddedAuditLog } from './audit-log.js';
import { EmbeddedChatBindings } from './chats.js';
import { EmbeddedContacts } from './contacts.js';
import { EmbeddedConversations } from './conversations.js';
import { DATABASE_FILE, lockDataDir, refuseDamage } from './data-dir.js';
import { EmbeddedDatabase } from './database.js';
import { EmbeddedDelegations } from './delegations.js';
import { EmbeddedDeliveries } from './deliveries.js';
import { EmbeddedFirstClaims } from './first-claims.js';
import { EmbeddedHitCounters } from './hit-counters.js';
import { EmbeddedInvites } from './invites.js';
import { EmbeddedLeases } from './leases.js';
import { legacyFilesIn } from './legacy-import.js';
import { importLegacyDataDir } from './legacy-move-in.js';
import { EmbeddedPeople } from './people.js';
import { EmbeddedReports } from './reports.js';
import { migrate } from './schema.js';
import { EmbeddedSettings } from './settings.js';

export { DATABASE_FILE, LOCK_FILE } from './data-dir.js';

/** Where the embedded store keeps its files and which clock expires conversations and leases. */
export interface SqliteStoreOptions {
  /** Created if missing; holds `don-doc.sqlite` (and its -wal, -shm) and `don-doc.lock`. */
  dataDir: string;
  clock: Clock;
  logger?: StoreLogger;
}

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
    const database = new EmbeddedDatabase(db, lock, options.clock, options.logger);
    if (legacyFilesIn(dataDir).length > 0) importLegacyDataDir(database, dataDir, options.clock, options.logger);
    database.sweepExpired();
    return composeStore(database);
  } catch (err) {
    db?.close();
    lock.close();
    throw err;
  }
}

/** The ports over one open database. */
function composeStore(db: EmbeddedDatabase): Store {
  return {
    kind: 'embedded',
    agencies: new EmbeddedAgencies(db),
    people: new EmbeddedPeople(db),
    reports: new EmbeddedReports(db),
    invites: new EmbeddedInvites(db),
    delegations: new EmbeddedDelegations(db),
    chats: new EmbeddedChatBindings(db),
    contacts: new EmbeddedContacts(db),
    audit: new EmbeddedAuditLog(db),
    adHocRequests: new EmbeddedAdHocRequests(db),
    conversations: new EmbeddedConversations(db),
    leases: new EmbeddedLeases(db),
    firstClaims: new EmbeddedFirstClaims(db),
    deliveries: new EmbeddedDeliveries(db),
    hitCounters: new EmbeddedHitCounters(db),
    settings: new EmbeddedSettings(db),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}
