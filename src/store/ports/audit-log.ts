import type { AuditEntry } from '../../domain/audit.js';

/** Who did what: append-only; the most recent 10 000 entries listed, older ones archived. */
export interface AuditLog {
  /** Appends an entry; rejects with a RangeError for an unknown action. */
  append(entry: AuditEntry): Promise<void>;
  /**
   * Up to `limit` of the most recently appended entries, newest first (by order of appending, not
   * by `at`). `limit` is a whole number ≥ 0, else a RangeError.
   */
  list(limit: number): Promise<AuditEntry[]>;
  /**
   * Entries moved out of the log once more than AUDIT_CAP were appended after them, newest first;
   * nothing is ever dropped from the archive. `limit` as for `list` (no upper cap).
   */
  listArchive(limit: number): Promise<AuditEntry[]>;
}
