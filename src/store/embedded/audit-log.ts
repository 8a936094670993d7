// Who did what, appended to the `audit` table in order (seq) and never deleted.
import type { AuditEntry } from '../../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import { isAuditEntry } from '../record-shapes.js';
import { AUDIT_CAP, auditRecord, checkedLimit } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

export class EmbeddedAuditLog implements AuditLog {
  constructor(private readonly db: EmbeddedDatabase) {}

  async append(entry: AuditEntry): Promise<void> {
    const record = auditRecord(entry);
    this.db.write(() => {
      appendAuditRecord(this.db, record);
    });
  }

  async list(limit: number): Promise<AuditEntry[]> {
    const count = checkedLimit(limit, AUDIT_CAP);
    return this.db.read(() => this.db.all(isAuditEntry, 'SELECT record FROM audit ORDER BY seq DESC LIMIT ?', count));
  }

  async listArchive(limit: number): Promise<AuditEntry[]> {
    const count = checkedLimit(limit, Number.MAX_SAFE_INTEGER);
    return this.db.read(() => this.db.all(isAuditEntry, 'SELECT record FROM audit ORDER BY seq DESC LIMIT ? OFFSET ?', count, AUDIT_CAP));
  }
}

/**
 * Also the importer's way in. Nothing is ever deleted: the most recent AUDIT_CAP entries are the
 * log (`list`), older ones the archive (`listArchive`), so a flood cannot push real entries out of
 * existence.
 */
export function appendAuditRecord(db: EmbeddedDatabase, entry: AuditEntry): void {
  db.run('INSERT INTO audit (record) VALUES (?)', JSON.stringify(entry));
}
