/**
 * What the dashboard's routes read, and the one path the `/web` command and the dashboard share.
 * handlers/dashboard-data.ts implements DashboardData; the composition root (src/app/dashboard.ts)
 * hands it to the routes, so src/http need not import handlers/.
 */
import type { Period } from '../domain/period.js';
import type { SummaryModel } from '../domain/summary/index.js';
import type {
  AgencyPeriodView,
  AgencyPerson,
  NextReminder,
  OverviewPeriod,
  OwnAgency,
  UnreachablePerson,
} from '../http/dashboard/pages.js';
import type { Services } from './services.js';

/** The path a sign-in link opens; the token is in the query and leaves the address bar at once. */
export const SIGN_IN_PATH = '/dashboard/dangnhap';

export interface DashboardData {
  /** The same numbers `/status`, `/xuat` and the summaries show. */
  loadSummary(services: Pick<Services, 'plan' | 'store' | 'calendar'>, period: Period, now: number): Promise<SummaryModel>;
  overviewPeriods(services: Services, now: number): Promise<OverviewPeriod[]>;
  unreachablePeople(services: Services): Promise<UnreachablePerson[]>;
  nextReminders(services: Services, overview: OverviewPeriod[], now: number): NextReminder[];
  agencyDetail(services: Services, agencyId: string, now: number): Promise<{ people: AgencyPerson[]; periods: AgencyPeriodView[] }>;
  ownAgencies(services: Services, agencyIds: readonly string[], now: number): Promise<OwnAgency[]>;
  /** Agencies whose first counting report was on time and that revised it after the deadline ("bổ sung sau hạn"). */
  supplementedAfterDeadline(model: SummaryModel): number;
}
