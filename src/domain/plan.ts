import type { Agency } from './agency.js';
import type { Campaign } from './campaign.js';
import type { Period } from './period.js';
import type { CalendarOverrides } from './calendar/index.js';
import type { ReminderPolicy } from './reminders/index.js';
import type { SummaryPolicy } from './summary/slots.js';
import { positionsById } from './positions-by-id.js';

/**
 * The reporting plan a province maintains in a YAML file: who reports, on what, by when, and who
 * coordinates. Validated and resolved by `src/plan/load-plan.ts`; the domain only sees this shape.
 */
export interface Plan {
  province: {
    /** e.g. "Lai Châu" */
    name: string;
    /** e.g. "UBND tỉnh Lai Châu": the body reports are ultimately for. */
    authority: string;
  };
  /** The agency that collects the reports (Sở Nội vụ). */
  coordinatorAgencyId: string;
  agencies: Agency[];
  campaigns: Campaign[];
  periods: Period[];
  /** Days off and working Saturdays beyond the built-in table of official announcements. */
  calendar: { overrides: CalendarOverrides; includeProposals: boolean };
  reminders: ReminderPolicy;
  /** When the coordinators get summaries (plan file `summaries:`); absent means DEFAULT_SUMMARY_POLICY. */
  summaries?: SummaryPolicy;
  /** The draft report's wording (plan file `report:`); absent parts take the defaults of src/reports/report-model.ts. */
  report?: ReportSettings;
}

/** What a province words its own way in the draft report. */
export interface ReportSettings {
  /** The subject under "BÁO CÁO"; {period}, {legal_basis}, {issuer} and {campaign} are filled in. */
  title?: string;
  /** Over the signature, e.g. "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" (a line break splits it). */
  signer?: string;
  /** "Nơi nhận", one line each, e.g. "UBND tỉnh (b/c);". */
  recipients?: string[];
}

export function findAgency(plan: Plan, id: string): Agency | undefined {
  const i = positionsById(plan.agencies, (a) => a.id).get(id);
  return i === undefined ? undefined : plan.agencies[i];
}

export function findCampaign(plan: Plan, id: string): Campaign | undefined {
  return plan.campaigns.find((c) => c.id === id);
}

export function findPeriod(plan: Plan, id: string): Period | undefined {
  return plan.periods.find((p) => p.id === id);
}

/**
 * Agencies that must report: every active agency the plan lists, the coordinating agency included
 * (Sở Nội vụ reports on its own work like any other), except those marked `reports: false`.
 */
export function reportingAgencies(plan: Plan): Agency[] {
  return plan.agencies.filter(agencyReports);
}

/** Whether an agency reports at all: active and not marked `reports: false` in the plan. */
export function agencyReports(agency: Pick<Agency, 'archived' | 'reports'>): boolean {
  return !agency.archived && agency.reports !== false;
}

/** Whether the agency with this id reports (false for an id the plan does not list). */
export function agencyIdReports(plan: Plan, agencyId: string): boolean {
  const agency = findAgency(plan, agencyId);
  return agency !== undefined && agencyReports(agency);
}

/** The agencies that must report for one period: an ad-hoc request's own list, else all of them. */
export function agenciesOfPeriod(plan: Plan, period: Period): Agency[] {
  const all = reportingAgencies(plan);
  if (!period.agencyIds) return all;
  const wanted = new Set(period.agencyIds);
  return all.filter((a) => wanted.has(a.id));
}
