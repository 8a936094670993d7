import type { Period } from '../domain/period.js';
import { timelinessFromHistory, timelinessOf as domainTimelinessOf } from '../domain/report/timeliness.js';
import type { Submission } from '../domain/submission.js';

/**
 * On time or late, and when an agency's report came and was last revised: the one place every view
 * of src/reports (DOCX, XLSX, chart) asks. The rule itself is the domain's
 * (src/domain/report/timeliness.ts): on time when the FIRST counting revision came by the deadline;
 * a later revision after it is "bổ sung sau hạn" and never changes that.
 */
export interface Timeliness {
  /** The agency has a revision that counts (a final one). */
  reported: boolean;
  late: boolean;
  /** When the first counting revision started to count (sent, or signed off for a deputy's draft). */
  firstAt?: number;
  /** When the last revision of any kind was sent (a later correction, a draft waiting for sign-off). */
  lastAt?: number;
  /** A counting revision came after the deadline on top of an earlier counting one ("bổ sung sau hạn"). */
  revisedAfterDeadline: boolean;
}

/**
 * The timeliness of one agency in one period from its revisions (oldest first) and the revision
 * that counts (as the summary model has it). With the full history the history decides; with only
 * the counting revision, the first count it carries (`firstCountedAt`) does.
 */
export function timelinessOf(period: Period, history: readonly Submission[], counting: Submission | undefined): Timeliness {
  const fromHistory = history.length > 1 ? timelinessFromHistory(period, history) : undefined;
  const t = fromHistory ?? (counting ? domainTimelinessOf(period, counting) : undefined);
  const last = history[history.length - 1] ?? counting;
  return {
    reported: counting !== undefined,
    late: t?.late ?? false,
    ...(t ? { firstAt: t.firstCountedAt } : {}),
    ...(last ? { lastAt: last.submittedAt } : {}),
    revisedAfterDeadline: t?.revisedAfterDeadline ?? false,
  };
}
