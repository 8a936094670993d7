import { isLate, type Period } from '../period.js';
import type { Submission } from '../submission.js';
import { countsAsReported } from './approval.js';

/**
 * Whether an agency reported on time is a fact about its FIRST report that counted (complete, and
 * approved where sign-off applies): later revisions never change it. A revision that counts and
 * arrives after the deadline, on top of an earlier counting one, is "bổ sung sau hạn" — shown
 * beside "đúng hạn" or "muộn", never instead of it. Every view (receipt, notices, /status,
 * summaries, XLSX, DOCX, chart, the dashboard) reads this one rule.
 */
export interface Timeliness {
  /** When the agency's first counting revision started to count (its sign-off, else when it was sent). */
  firstCountedAt: number;
  /** That first counting revision came after the end of the deadline day. */
  late: boolean;
  /** When the latest counting revision started to count (equal to firstCountedAt when never revised). */
  lastRevisedAt: number;
  /** The revision number of the latest counting revision. */
  revision: number;
  /** A counting revision after the first one arrived after the deadline. */
  revisedAfterDeadline: boolean;
}

/** When a revision started to count: its sign-off for an approved draft, else when it was sent. */
export function countedAt(submission: Pick<Submission, 'submittedAt' | 'approvedAt'>): number {
  return submission.approvedAt ?? submission.submittedAt;
}

/**
 * The timeliness of an agency from its full history (oldest first); undefined while no revision
 * counts. The reference implementation: `timelinessOf` must agree with it.
 */
export function timelinessFromHistory(period: Period, history: readonly Submission[]): Timeliness | undefined {
  const counting = history.filter(countsAsReported);
  const first = counting[0];
  const last = counting[counting.length - 1];
  if (!first || !last) return undefined;
  return build(period, countedAt(first), last);
}

/**
 * The timeliness of an agency from its counting revision alone: every revision carries when the
 * agency first counted (`firstCountedAt`, stamped by prepareSubmission / approvedRevision), so
 * summaries need no history. Revisions written before that stamp existed count from their own time.
 */
export function timelinessOf(period: Period, counting: Submission): Timeliness {
  return build(period, counting.firstCountedAt ?? countedAt(counting), counting);
}

function build(period: Period, firstCountedAt: number, last: Submission): Timeliness {
  const lastRevisedAt = Math.max(firstCountedAt, countedAt(last));
  return {
    firstCountedAt,
    late: isLate(period, firstCountedAt),
    lastRevisedAt,
    revision: last.revision,
    revisedAfterDeadline: lastRevisedAt > firstCountedAt && isLate(period, lastRevisedAt),
  };
}

/**
 * What a new revision records about timeliness, given the agency's revision that counts now (if
 * any): when the agency first counted, and `late` for that first count. A draft does not count, so
 * a draft with nothing counting before it has no first count yet (its `late` says how it would
 * stand if it counted now).
 */
export function timelinessStamp(
  period: Period,
  previousCounting: Submission | undefined,
  countsNow: boolean,
  at: number,
): Pick<Submission, 'late' | 'firstCountedAt'> {
  if (previousCounting) {
    const first = previousCounting.firstCountedAt ?? countedAt(previousCounting);
    return { firstCountedAt: first, late: isLate(period, first) };
  }
  return countsNow ? { firstCountedAt: at, late: isLate(period, at) } : { late: isLate(period, at) };
}
