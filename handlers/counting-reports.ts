import { countingSubmission, countsAsReported } from '../src/domain/report/approval.js';
import type { Submission } from '../src/domain/submission.js';
import type { Store } from '../src/store/store.js';

/**
 * The revision that counts for each agency that has reported a period: its latest, unless that is
 * a deputy's draft awaiting sign-off — then the head's earlier report, if any. Drafts are rare, so
 * history is read only for them.
 */
export async function countingSubmissions(store: Store, periodId: string): Promise<Map<string, Submission>> {
  const latest = await store.latestSubmissions(periodId);
  const counting = new Map<string, Submission>();
  for (const [agencyId, submission] of latest) {
    if (countsAsReported(submission)) {
      counting.set(agencyId, submission);
      continue;
    }
    const earlier = countingSubmission(await store.submissionHistory(periodId, agencyId));
    if (earlier) counting.set(agencyId, earlier);
  }
  return counting;
}

/** The counting revision of one agency, or undefined while it has not (validly) reported. */
export async function countingSubmissionOf(store: Store, periodId: string, agencyId: string): Promise<Submission | undefined> {
  const latest = await store.latestSubmission(periodId, agencyId);
  if (!latest || countsAsReported(latest)) return latest;
  return countingSubmission(await store.submissionHistory(periodId, agencyId));
}
