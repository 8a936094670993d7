import { countingSubmission, countsAsReported } from '../src/domain/report/approval.js';
import type { Submission } from '../src/domain/submission.js';
import type { Store } from '../src/store/store.js';
import { returnedKey } from './report/sign-off.js';
import { countedAt } from '../src/domain/report/timeliness.js';

/**
 * The revision that counts for every agency that has reported a period, and the agencies with a
 * deputy's draft waiting for sign-off. A draft does not count; the head's earlier final report, if
 * any, still does. One store read for the period; history is read only for agencies whose latest
 * revision is a draft (rare).
 */
export async function reportsOfPeriod(
  store: Store,
  periodId: string,
): Promise<{ counting: Map<string, Submission>; draftsPending: Set<string> }> {
  const latest = await store.reports.latestOfPeriod(periodId);
  // A loop, not a spread: a big province's every report, on every /status.
  const draftsPending = new Set<string>();
  for (const [agencyId, s] of latest) if (!countsAsReported(s)) draftsPending.add(agencyId);
  for (const agencyId of draftsPending) latest.delete(agencyId);
  const earlier = await Promise.all(
    [...draftsPending].map(async (agencyId) => {
      const history = await store.reports.history(periodId, agencyId);
      const draft = history[history.length - 1];
      // A draft the head sent back no longer waits for sign-off (report/sign-off.ts).
      const returned = draft ? (await store.settings.get(returnedKey(periodId, agencyId, draft.revision))) !== undefined : false;
      return [agencyId, countingSubmission(history), returned] as const;
    }),
  );
  for (const [agencyId, s, returned] of earlier) {
    if (s) latest.set(agencyId, s);
    if (returned) draftsPending.delete(agencyId);
  }
  await stampLegacy(store, periodId, latest);
  return { counting: latest, draftsPending };
}

/**
 * Revisions written before the timeliness stamp existed (no `firstCountedAt`) would be judged by
 * their own time, so an old correction after the deadline would read as late. For those (only
 * corrections, revision > 1) the agency's first count is taken from its history. New objects: the
 * store's cached submissions are never changed.
 */
async function stampLegacy(store: Store, periodId: string, counting: Map<string, Submission>): Promise<void> {
  const legacy: [string, Submission][] = [];
  for (const [agencyId, s] of counting) if (s.firstCountedAt === undefined && s.revision > 1) legacy.push([agencyId, s]);
  await Promise.all(
    legacy.map(async ([agencyId, s]) => {
      const history = await store.reports.history(periodId, agencyId);
      const first = history.find(countsAsReported);
      if (first) counting.set(agencyId, { ...s, firstCountedAt: countedAt(first) });
    }),
  );
}

/** The counting revision of every agency that has (validly) reported a period. */
export async function countingSubmissions(store: Store, periodId: string): Promise<Map<string, Submission>> {
  return (await reportsOfPeriod(store, periodId)).counting;
}

/** The counting revision of one agency, or undefined while it has not (validly) reported. */
export async function countingSubmissionOf(store: Store, periodId: string, agencyId: string): Promise<Submission | undefined> {
  const latest = await store.reports.latest(periodId, agencyId);
  const counting = !latest || countsAsReported(latest) ? latest : countingSubmission(await store.reports.history(periodId, agencyId));
  if (!counting) return undefined;
  const one = new Map([[agencyId, counting]]);
  await stampLegacy(store, periodId, one);
  return one.get(agencyId);
}
