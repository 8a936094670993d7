import type { NewSubmission, Submission } from '../../domain/submission.js';

/** The agencies' reports, every revision kept. */
export interface Reports {
  /** Appends a revision, numbered 1, 2, … per (period, agency) atomically even under concurrency. */
  add(submission: NewSubmission): Promise<Submission>;
  latest(periodId: string, agencyId: string): Promise<Submission | undefined>;
  /** Oldest first. */
  history(periodId: string, agencyId: string): Promise<Submission[]>;
  /**
   * The latest revision of every agency that reported for a period, keyed by agency id. A new Map
   * each call; treat the submissions in it as read-only (the Redis store shares them from a cache).
   */
  latestOfPeriod(periodId: string): Promise<Map<string, Submission>>;
}
