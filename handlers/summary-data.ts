import type { Campaign } from '../src/domain/campaign.js';
import type { Period } from '../src/domain/period.js';
import { agenciesOfPeriod, findCampaign } from '../src/domain/plan.js';
import { rowsOf, summarise, type HeadContact, type SummaryModel } from '../src/domain/summary/index.js';
import { summaryAgencyIds } from '../src/reports/progress-text.js';
import type { Submission } from '../src/domain/submission.js';
import type { Store } from '../src/store/store.js';
import type { Contact } from '../src/domain/contact.js';
import type { AccountId } from '../src/domain/roles.js';
import type { AgencyReach } from '../src/reports/missing-split.js';
import type { Services } from './services.js';
import { remindedTimes } from './reminded.js';
import { reportsOfPeriod } from './counting-reports.js';
import { localDateAt } from '../src/domain/vietnam-time.js';

/** The campaign a period belongs to; an unknown one (a plan edited under a running bot) has no items. */
export function campaignOf(services: Pick<Services, 'plan'>, period: Period): Campaign {
  return findCampaign(services.plan, period.campaignId) ?? { id: period.campaignId, name: period.campaignId, legalBasis: '', items: [] };
}

/**
 * Heads' names of some agencies (those a view shows: a page of /status, the names a summary lists),
 * with whether the bot can write to them first. One read per agency, in parallel, and one for the
 * contacts — so the cost follows what is shown, not the size of the province.
 */
export async function headsOf(store: Store, agencyIds: readonly string[]): Promise<Map<string, HeadContact[]>> {
  const members = await Promise.all(
    agencyIds.map(async (id) => [id, (await store.people.membersOf(id)).filter((m) => m.role === 'head')] as const),
  );
  const accounts = [...new Set(members.flatMap(([, heads]) => heads.map((h) => h.account)))];
  const contacts = accounts.length > 0 ? await store.contacts.getMany(accounts) : new Map<AccountId, Contact>();
  return new Map(
    members.map(([id, heads]) => [
      id,
      heads.map((h) => ({ name: h.name ?? h.account, reachable: contacts.get(h.account)?.reachable === true })),
    ]),
  );
}

/**
 * The model with the heads of the given agencies found (SummaryModel.headsFound; headsOfRow reads
 * them). Its rows stay the counted model's very rows: a page names 40 agencies of up to 10,000, and
 * the lists made of those rows (rowsOf) are made once for every page shown of them.
 */
export async function withHeads(store: Store, model: SummaryModel, agencyIds: readonly string[]): Promise<SummaryModel> {
  if (agencyIds.length === 0) return model;
  const found = await headsOf(store, agencyIds);
  const headsFound = new Map<string, readonly HeadContact[]>(model.headsFound);
  for (const [id, contacts] of found) headsFound.set(id, contacts);
  return { ...model, headsFound };
}

/**
 * Reads what a period's summary needs from the store and computes it as of `now`: one read of the
 * period's reports (plus the history of an agency with a pending draft). Heads are not looked up
 * here: see withHeads, for the rows a view actually shows.
 */
export async function loadSummary(
  services: Pick<Services, 'plan' | 'store' | 'calendar'>,
  period: Period,
  now: number,
): Promise<SummaryModel> {
  const { plan, store, calendar } = services;
  const { counting, draftsPending } = await reportsOfPeriod(store, period.id);
  const campaign = campaignOf(services, period);
  const today = localDateAt(now);
  const same = counted.get(period.id);
  if (
    same &&
    same.plan === plan &&
    same.period === period &&
    same.campaign === campaign &&
    same.calendar === calendar &&
    same.today === today &&
    sameEntries(same.counting, counting) &&
    sameMembers(same.draftsPending, draftsPending)
  )
    return { ...same.model, asOf: now };
  const model = summarise({ period, campaign, agencies: agenciesOfPeriod(plan, period), latest: counting, draftsPending, now, calendar });
  counted.delete(period.id);
  if (counted.size >= COUNTED_PERIODS) counted.delete(counted.keys().next().value as string);
  counted.set(period.id, { plan, period, campaign, calendar, today, counting, draftsPending, model });
  return model;
}

/**
 * The last model counted per period, with what it was counted from. summarise is pure and, within a
 * day, depends on `now` only through `asOf`: the same plan, period, calendar and day, and the very
 * same revisions (the Redis store hands back the same frozen objects while nothing changed) give
 * the same model. A coordinators' group asking /status at once then counts a 9,000-agency province
 * once, not once per message; any new revision, draft or day counts it again.
 */
interface Counted {
  plan: Services['plan'];
  period: Period;
  campaign: Campaign;
  calendar: Services['calendar'];
  today: string;
  counting: ReadonlyMap<string, Submission>;
  draftsPending: ReadonlySet<string>;
  model: SummaryModel;
}
const COUNTED_PERIODS = 16;
const counted = new Map<string, Counted>();

function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function sameMembers<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * Every revision of each agency that has sent something for the period, oldest first (for the
 * exports: when an agency first reported and last revised, and the revisions sheet). One read per
 * such agency, in parallel; agencies that sent nothing are not read.
 */
export async function historiesOf(store: Store, model: SummaryModel): Promise<Map<string, Submission[]>> {
  const ids = model.rows.filter((r) => r.submission || r.draftPending).map((r) => r.agency.id);
  return new Map(await Promise.all(ids.map(async (id) => [id, await store.reports.history(model.period.id, id)] as const)));
}

/**
 * Who can be reminded among some agencies (a head or deputy is registered, or the agency's group is
 * linked), and for those of `countFor` how many reminders reached them in the period. Three reads
 * for the first part whatever the number of agencies; one per agency counted for the second.
 */
export async function reachOf(
  store: Store,
  periodId: string,
  agencyIds: readonly string[],
  countFor: readonly string[] = agencyIds,
): Promise<Map<string, AgencyReach>> {
  const [heads, deputies, bindings] = await Promise.all([
    store.people.holdersOf('head'),
    store.people.holdersOf('deputy'),
    store.chats.list(),
  ]);
  // Plain loops: a province's every head and deputy, on every /status.
  const registered = new Set<string>();
  for (const g of heads) if (g.agencyId) registered.add(g.agencyId);
  for (const g of deputies) if (g.agencyId) registered.add(g.agencyId);
  for (const b of bindings) if (b.target.kind === 'agency') registered.add(b.target.agencyId);
  const times = await remindedTimes(
    store,
    periodId,
    countFor.filter((id) => registered.has(id)),
  );
  return new Map(agencyIds.map((id) => [id, { registered: registered.has(id), reminded: times.get(id) ?? 0 }]));
}

/**
 * Who can be reminded among a few agencies (those a page shows), read agency by agency: for a big
 * province, where reading every grant (reachOf) would cost /status more than the rest of it.
 */
export async function reachOfFew(store: Store, periodId: string, agencyIds: readonly string[]): Promise<Map<string, AgencyReach>> {
  const [members, bindings, times] = await Promise.all([
    Promise.all(agencyIds.map(async (id) => [id, await store.people.membersOf(id)] as const)),
    store.chats.list(),
    remindedTimes(store, periodId, agencyIds),
  ]);
  const grouped = new Set(bindings.flatMap((b) => (b.target.kind === 'agency' ? [b.target.agencyId] : [])));
  return new Map(
    members.map(([id, grants]) => [
      id,
      { registered: grouped.has(id) || grants.some((g) => g.role === 'head' || g.role === 'deputy'), reminded: times.get(id) ?? 0 },
    ]),
  );
}

/**
 * A summary's model with what its text names filled in: who can be reminded among the missing, how
 * often each was reminded, and the heads of the agencies it lists by name.
 */
export async function forSummaryText(
  store: Store,
  counted: SummaryModel,
): Promise<{ model: SummaryModel; reach: Map<string, AgencyReach> }> {
  const reach = await reachOf(
    store,
    counted.period.id,
    rowsOf(counted, 'missing').map((r) => r.agency.id),
  );
  return { model: await withHeads(store, counted, summaryAgencyIds(counted, reach)), reach };
}
