import type { Campaign } from '../src/domain/campaign.js';
import type { Period } from '../src/domain/period.js';
import { agenciesOfPeriod, findCampaign } from '../src/domain/plan.js';
import { countingSubmission, countsAsReported } from '../src/domain/report/approval.js';
import type { Submission } from '../src/domain/submission.js';
import { summarise, type HeadContact, type SummaryModel } from '../src/domain/summary/index.js';
import type { Store } from '../src/store/store.js';
import type { Services } from './services.js';

/** The campaign a period belongs to; an unknown one (a plan edited under a running bot) has no items. */
export function campaignOf(services: Pick<Services, 'plan'>, period: Period): Campaign {
  return findCampaign(services.plan, period.campaignId) ?? { id: period.campaignId, name: period.campaignId, legalBasis: '', items: [] };
}

/**
 * The revision that counts for every agency of a period, and the agencies with a draft waiting for
 * sign-off. One store read for the period; the history is read only for an agency whose latest
 * revision is a draft (rare), to find the final report it amends — all of them at once. The same
 * rule as counting-reports.ts (countingSubmissions), plus which agencies have a draft pending.
 */
export async function reportsOfPeriod(store: Store, periodId: string): Promise<{ counting: Map<string, Submission>; draftsPending: Set<string> }> {
  const latest = await store.latestSubmissions(periodId);
  const draftsPending = new Set<string>();
  const drafts: string[] = [];
  for (const [agencyId, s] of latest) {
    if (countsAsReported(s)) continue;
    draftsPending.add(agencyId);
    drafts.push(agencyId);
  }
  for (const agencyId of drafts) latest.delete(agencyId);
  const earlier = await Promise.all(drafts.map(async (agencyId) => [agencyId, countingSubmission(await store.submissionHistory(periodId, agencyId))] as const));
  for (const [agencyId, s] of earlier) if (s) latest.set(agencyId, s);
  return { counting: latest, draftsPending };
}

/**
 * Heads' names of some agencies (those a view shows: a page of /status, the names a summary lists),
 * with whether the bot can write to them first. One read per agency, in parallel, and one for the
 * contacts — so the cost follows what is shown, not the size of the province.
 */
export async function headsOf(store: Store, agencyIds: readonly string[]): Promise<Map<string, HeadContact[]>> {
  const members = await Promise.all(agencyIds.map(async (id) => [id, (await store.agencyMembers(id)).filter((m) => m.role === 'head')] as const));
  const accounts = [...new Set(members.flatMap(([, heads]) => heads.map((h) => h.account)))];
  const contacts = accounts.length > 0 ? await store.getContacts(accounts) : new Map();
  return new Map(members.map(([id, heads]) => [id, heads.map((h) => ({ name: h.name ?? h.account, reachable: contacts.get(h.account)?.reachable === true }))]));
}

/** The model with the heads of the given agencies filled in (the other rows are left as they were). */
export async function withHeads(store: Store, model: SummaryModel, agencyIds: readonly string[]): Promise<SummaryModel> {
  if (agencyIds.length === 0) return model;
  const heads = await headsOf(store, agencyIds);
  return { ...model, rows: model.rows.map((r) => (heads.has(r.agency.id) ? { ...r, heads: heads.get(r.agency.id) ?? [] } : r)) };
}

/**
 * Reads what a period's summary needs from the store and computes it as of `now`: one read of the
 * period's reports (plus the history of an agency with a pending draft). Heads are not looked up
 * here: see withHeads, for the rows a view actually shows.
 */
export async function loadSummary(services: Pick<Services, 'plan' | 'store' | 'calendar'>, period: Period, now: number): Promise<SummaryModel> {
  const { plan, store, calendar } = services;
  const { counting, draftsPending } = await reportsOfPeriod(store, period.id);
  return summarise({ period, campaign: campaignOf(services, period), agencies: agenciesOfPeriod(plan, period), latest: counting, draftsPending, now, calendar });
}
