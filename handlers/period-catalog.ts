import { periodStanding, type Period } from '../src/domain/period.js';
import { findPeriodsByWords } from '../src/domain/report/period-words.js';
import { agencyIdReports, type Plan } from '../src/domain/plan.js';
import type { Store } from '../src/store/store.js';
import type { PeriodCatalog } from '../src/ports/services.js';

export type { PeriodCatalog };

export function createPeriodCatalog(plan: Plan, store: Store): PeriodCatalog {
  const all = async () => [...plan.periods, ...(await store.adHocRequests.list()).map((r) => r.period)];
  return {
    all,
    find: async (id) => plan.periods.find((p) => p.id === id) ?? (await all()).find((p) => p.id === id),
  };
}

/**
 * Whether an agency must report for a period (ad-hoc requests name their agencies). With the plan,
 * an agency marked `reports: false` (or archived) concerns no period: it is never offered /baocao.
 */
export function periodConcerns(period: Period, agencyId: string, plan?: Plan): boolean {
  if (plan && !agencyIdReports(plan, agencyId)) return false;
  return !period.agencyIds || period.agencyIds.includes(agencyId);
}

/**
 * The period a command names (code, name, or the words for its kind): the one that fits, or among
 * several the one open now, else the next to open; undefined when none fits.
 */
export async function resolvePeriod(catalog: PeriodCatalog, typed: string, now: number): Promise<Period | undefined> {
  const found = findPeriodsByWords(await catalog.all(), typed);
  if (found.length <= 1) return found[0];
  return (
    found.find((p) => periodStanding(p, now).phase === 'open') ??
    found.find((p) => periodStanding(p, now).phase === 'upcoming') ??
    found.at(-1)
  );
}

/** Whether a period has not opened yet (it is answered "chưa mở, mở từ …", not "không tìm thấy"). */
export function notOpenYet(period: Period, now: number): boolean {
  return periodStanding(period, now).phase === 'upcoming';
}
