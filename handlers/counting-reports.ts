import { countingSubmission, countsAsReported } from '../src/domain/report/approval.js';
import type { Submission } from '../src/domain/submission.js';
import type { Store } from '../src/store/store.js';
import { returnedKey } from './report/sign-off.js';

/**
 * The revision that counts for every agency that has reported a period, and the agencies with a
 * deputy's draft waiting for sign-off. A draft does not count; the head's earlier final report, if
 * any, still does. One store read for the period; history is read only for agencies whose latest
 * revision is a draft (rare).
 */
export async function reportsOfPeriod(store: Store, periodId: string): Promise<{ counting: Map<string, Submission>; draftsPending: Set<string> }> {
  const latest = await store.latestSubmissions(periodId);
  const draftsPending = new Set([...latest].filter(([, s]) => !countsAsReported(s)).map(([agencyId]) => agencyId));
  for (const agencyId of draftsPending) latest.delete(agencyId);
  const earlier = await Promise.all(
    [...draftsPending].map(async (agencyId) => {
      const history = await store.submissionHistory(periodId, agencyId);
      const draft = history[history.length - 1];
      // A draft the head sent back no longer waits for sign-off (report/sign-off.ts).
      const returned = draft ? (await store.getMeta(returnedKey(periodId, agencyId, draft.revision))) !== undefined : false;
      return [agencyId, countingSubmission(history), returned] as const;
    }),
  );
  for (const [agencyId, s, returned] of earlier) {
    if (s) latest.set(agencyId, s);
    if (returned) draftsPending.delete(agencyId);
  }
  return { counting: latest, draftsPending };
}

/** The counting revision of every agency that has (validly) reported a period. */
export async function countingSubmissions(store: Store, periodId: string): Promise<Map<string, Submission>> {
  return (await reportsOfPeriod(store, periodId)).counting;
}

/** The counting revision of one agency, or undefined while it has not (validly) reported. */
export async function countingSubmissionOf(store: Store, periodId: string, agencyId: string): Promise<Submission | undefined> {
  const latest = await store.latestSubmission(periodId, agencyId);
  if (!latest || countsAsReported(latest)) return latest;
  return countingSubmission(await store.submissionHistory(periodId, agencyId));
}
