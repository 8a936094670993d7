// The audit log port on Redis: a capped list of AuditEntry JSON, newest first, and its never-trimmed archive.
import type { AuditEntry } from '../../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import { isAuditEntry } from '../record-shapes.js';
import { AUDIT_CAP, auditRecord, checkedLimit } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisAuditLog implements AuditLog {
  constructor(private readonly ctx: RedisContext) {}

  async append(entry: AuditEntry): Promise<void> {
    const json = JSON.stringify(auditRecord(entry));
    this.ctx.assertOpen();
    await this.ctx.scripts.dondocAppendAudit(this.ctx.keys.audit(), this.ctx.keys.auditArchive(), json, AUDIT_CAP);
  }

  async list(limit: number): Promise<AuditEntry[]> {
    this.ctx.assertOpen();
    const count = checkedLimit(limit, AUDIT_CAP);
    if (count === 0) return []; // LRANGE 0 -1 would mean everything
    const key = this.ctx.keys.audit();
    return this.ctx.parseAll(await this.ctx.redis.lrange(key, 0, count - 1), isAuditEntry, key);
  }

  async listArchive(limit: number): Promise<AuditEntry[]> {
    this.ctx.assertOpen();
    const count = checkedLimit(limit, Number.MAX_SAFE_INTEGER);
    if (count === 0) return [];
    const key = this.ctx.keys.auditArchive();
    return this.ctx.parseAll(await this.ctx.redis.lrange(key, 0, count - 1), isAuditEntry, key);
  }
}
