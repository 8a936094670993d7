import { isLate, type Period } from '../domain/period.js';
import { countsAsReported } from '../domain/report/approval.js';
import type { Submission } from '../domain/submission.js';

/**
 * On time or late, and when an agency's report came and was last revised: the one place every view
 * of src/reports (DOCX, XLSX, chart) asks. The rule itself is the domain's; when it changes (e.g. to
 * "on time when the FIRST counting revision came by the deadline"), only `late` below changes.
 */
export interface Timeliness {
  /** The agency has a revision that counts (a final one). */
  reported: boolean;
  late: boolean;
  /** When the first counting revision started to count (sent, or signed off for a deputy's draft). */
  firstAt?: number;
  /** When the last revision of any kind was sent (a later correction, a draft waiting for sign-off). */
  lastAt?: number;
  /** A counting revision came after the deadline though an earlier one came by it ("bổ sung sau hạn"). */
  revisedAfterDeadline: boolean;
}

const countedAt = (s: Submission) => s.approvedAt ?? s.submittedAt;

/**
 * The timeliness of one agency in one period from its revisions (oldest first) and the revision
 * that counts (as the summary model has it). Today's rule: late when the counting revision is.
 */
export function timelinessOf(period: Period, history: readonly Submission[], counting: Submission | undefined): Timeliness {
  const counted = history.filter(countsAsReported);
  const first = counted[0] ?? counting;
  const last = history[history.length - 1] ?? counting;
  const firstAt = first ? countedAt(first) : undefined;
  const onTimeFirst = firstAt !== undefined && !isLate(period, firstAt);
  return {
    reported: counting !== undefined,
    late: counting?.late ?? false,
    ...(firstAt === undefined ? {} : { firstAt }),
    ...(last ? { lastAt: last.submittedAt } : {}),
    revisedAfterDeadline: onTimeFirst && counted.some((s) => isLate(period, countedAt(s))),
  };
}
