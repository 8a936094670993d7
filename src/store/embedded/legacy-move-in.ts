// The one-time move of an old-format data dir into the database: what `legacy-import.ts` read, written in one transaction.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../domain/clock.js';
import type { StoreLogger } from '../records.js';
import { StoreRefusedError } from '../store-refused.js';
import { appendAuditRecord } from './audit-log.js';
import type { EmbeddedDatabase, Row } from './database.js';
import { putLease } from './leases.js';
import { legacyFilesIn, readLegacyDataDir, type LegacyData } from './legacy-import.js';
import { insertSubmission } from './reports.js';

/**
 * The one-time import of an old-format data dir: read it (refusing damage), write all of it in one
 * transaction together with a note that it was imported, then move the old files to
 * `legacy-<date>/`. A crash before the commit leaves the old files to import again; one after it
 * finds the note and only moves the files. They are kept, never deleted: remove the folder by hand
 * once the bot runs well on the new database.
 */
export function importLegacyDataDir(db: EmbeddedDatabase, dataDir: string, clock: Clock, logger: StoreLogger | undefined): void {
  const files = legacyFilesIn(dataDir);
  const hasData = files.includes('snapshot.json') || files.includes('log.jsonl');
  if (hasData && info(db, 'legacy-import') === undefined) {
    const data = readLegacyDataDir(dataDir, logger);
    const counts = importLegacy(db, data, clock.now());
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

/** One of the store's own notes (`store_info`). */
function info(db: EmbeddedDatabase, key: string): string | undefined {
  return db.read(
    () => (db.get('SELECT value FROM store_info WHERE key = ?', key) as Row<'value'> | undefined)?.value as string | undefined,
  );
}

/** Writes everything an old-format data dir held, in one transaction; refuses a database in use. */
function importLegacy(db: EmbeddedDatabase, data: LegacyData, at: number): Record<string, number> {
  return db.write(() => {
    const { rows } = db.get(
      'SELECT (SELECT count(*) FROM agencies) + (SELECT count(*) FROM grants) + (SELECT count(*) FROM submissions) AS rows',
    ) as { rows: number };
    if (rows > 0) {
      throw new StoreRefusedError(
        `Thư mục dữ liệu có cả tệp kiểu cũ (snapshot.json, log.jsonl) lẫn một cơ sở dữ liệu đã có dữ liệu; Đôn Đốc không tự gộp hai nguồn. Hãy chuyển một trong hai đi chỗ khác.\n` +
          `The data dir holds both old-format files (snapshot.json, log.jsonl) and a database that already has data; Đôn Đốc will not merge them. Move one of them away.`,
      );
    }
    const json = JSON.stringify;
    for (const agency of data.agencies.values()) db.run('INSERT INTO agencies (id, record) VALUES (?, ?)', agency.id, json(agency));
    for (const g of data.grants.values())
      db.run('INSERT INTO grants (account, role, agency_id, record) VALUES (?, ?, ?, ?)', g.account, g.role, g.agencyId ?? '', json(g));
    for (const revisions of data.submissions.values()) for (const submission of revisions) insertSubmission(db, submission);
    for (const [key, c] of data.conversations)
      db.run('INSERT INTO conversations (key, json, expires_at) VALUES (?, ?, ?)', key, c.json, c.expiresAt);
    for (const [key, l] of data.leases) putLease(db, key, l.owner, l.expiresAt);
    for (const [key, d] of data.done) db.run('INSERT INTO done (key, detail, expires_at) VALUES (?, ?, ?)', key, d.detail, d.expiresAt);
    for (const [key, value] of data.meta) db.run('INSERT INTO meta (key, value) VALUES (?, ?)', key, value);
    for (const { invite, expiresAt } of data.invites.values())
      db.run('INSERT INTO invites (id, record, forget_at) VALUES (?, ?, ?)', invite.id, json(invite), expiresAt);
    for (const [key, binding] of data.chats) db.run('INSERT INTO chats (chat_key, record) VALUES (?, ?)', key, json(binding));
    for (const d of data.delegations.values()) db.run('INSERT INTO delegations (agency_id, record) VALUES (?, ?)', d.agencyId, json(d));
    for (const r of data.adHoc.values()) db.run('INSERT INTO ad_hoc_requests (id, record) VALUES (?, ?)', r.period.id, json(r));
    for (const c of data.contacts.values()) db.run('INSERT INTO contacts (account, record) VALUES (?, ?)', c.account, json(c));
    for (const entry of data.audit) appendAuditRecord(db, entry);
    const counts = {
      agencies: data.agencies.size,
      grants: data.grants.size,
      submissions: [...data.submissions.values()].reduce((n, r) => n + r.length, 0),
      invites: data.invites.size,
      audit: data.audit.length,
      logEntries: data.logEntries,
      ignoredChars: data.ignoredChars,
    };
    db.run('INSERT INTO store_info (key, value) VALUES (?, ?)', 'legacy-import', json({ at, ...counts }));
    return counts;
  });
}
