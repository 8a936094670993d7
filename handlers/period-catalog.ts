import type { Period } from '../src/domain/period.js';
import { agencyIdReports, type Plan } from '../src/domain/plan.js';
import type { Store } from '../src/store/store.js';

/** Every reporting period: the plan's, and the ad-hoc requests coordinators made in chat. */
export interface PeriodCatalog {
  all(): Promise<Period[]>;
  find(id: string): Promise<Period | undefined>;
}

export function createPeriodCatalog(plan: Plan, store: Store): PeriodCatalog {
  const all = async () => [...plan.periods, ...(await store.listAdHocRequests()).map((r) => r.period)];
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
