// The agencies' reports, every revision a row of the `submissions` table.
import type { NewSubmission, Submission } from '../../domain/submission.js';
import type { Reports } from '../ports/reports.js';
import { isSubmission } from '../record-shapes.js';
import { jsonCopy, submissionRecord } from '../records.js';
import type { EmbeddedDatabase, Row } from './database.js';

export class EmbeddedReports implements Reports {
  /**
   * The latest revision per agency of the periods read so far, kept up to date by `add`:
   * `/status` reads a whole period each time, and this process is the database's only writer (the
   * data-dir lock), so nothing can change it behind the cache's back.
   */
  private readonly latestByPeriod = new Map<string, Map<string, Submission>>();

  constructor(private readonly db: EmbeddedDatabase) {}

  async add(submission: NewSubmission): Promise<Submission> {
    const record = submissionRecord(submission);
    const numbered = this.db.write(() => {
      const { last } = this.db.get(
        'SELECT max(revision) AS last FROM submissions WHERE period_id = ? AND agency_id = ?',
        record.periodId,
        record.agencyId,
      ) as { last: number | null };
      const next: Submission = { ...record, revision: (last ?? 0) + 1 };
      insertSubmission(this.db, next);
      return next;
    });
    // Only once committed: a rolled-back write never reaches the cache.
    this.latestByPeriod.get(numbered.periodId)?.set(numbered.agencyId, jsonCopy(numbered));
    return numbered;
  }

  async latest(periodId: string, agencyId: string): Promise<Submission | undefined> {
    return this.db.read(() =>
      this.db.one(
        isSubmission,
        'SELECT record FROM submissions WHERE period_id = ? AND agency_id = ? ORDER BY revision DESC LIMIT 1',
        periodId,
        agencyId,
      ),
    );
  }

  async history(periodId: string, agencyId: string): Promise<Submission[]> {
    return this.db.read(() =>
      this.db.all(
        isSubmission,
        'SELECT record FROM submissions WHERE period_id = ? AND agency_id = ? ORDER BY revision',
        periodId,
        agencyId,
      ),
    );
  }

  async latestOfPeriod(periodId: string): Promise<Map<string, Submission>> {
    return this.db.read(() => {
      let latest = this.latestByPeriod.get(periodId);
      if (!latest) {
        // SQLite's bare-column rule: with max(), `record` comes from the row holding the maximum.
        const sql = 'SELECT agency_id, record, max(revision) FROM submissions WHERE period_id = ? GROUP BY agency_id';
        latest = new Map();
        for (const row of this.db.rows(sql, periodId) as Row<'agency_id' | 'record'>[]) {
          // An agency whose latest revision is corrupt is left out, not shown an older one.
          const submission = this.db.parse(row.record, isSubmission, sql, [periodId]);
          if (submission) latest.set(row.agency_id as string, submission);
        }
        this.latestByPeriod.set(periodId, latest);
      }
      return new Map(latest);
    });
  }
}

/** Also the importer's way in, so imported revisions are stored exactly as new ones. */
export function insertSubmission(db: EmbeddedDatabase, submission: Submission): void {
  db.run(
    'INSERT INTO submissions (period_id, agency_id, revision, record) VALUES (?, ?, ?, ?)',
    submission.periodId,
    submission.agencyId,
    submission.revision,
    JSON.stringify(submission),
  );
}
