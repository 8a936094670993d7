import { lookupAgency } from '../src/domain/agency-lookup.js';
import type { Agency } from '../src/domain/agency.js';
import { currentPeriods, periodStanding, type Period } from '../src/domain/period.js';
import { reportingAgencies } from '../src/domain/plan.js';
import { countingSubmission } from '../src/domain/report/approval.js';
import { rowsOf, type SummaryModel } from '../src/domain/summary/index.js';
import type { Choice, Reply } from '../src/messaging/reply.js';
import { reply } from '../src/messaging/reply.js';
import { wasReturned } from './report/sign-off.js';
import { pageAgencyIds, renderAgencyStatus, renderPeriodStatus, statusPages } from '../src/reports/progress-text.js';
import { gridImageAttachment } from '../src/reports/files.js';
import { gridImagePng } from '../src/reports/grid-image.js';
import { notOpenYet, periodConcerns, resolvePeriod } from './period-catalog.js';
import { formatDate } from '../src/texts/format.js';
import type { Handler, HandlerContext, Services } from './services.js';
import { campaignOf, loadSummary, reachOf, reachOfFew, withHeads } from './summary-data.js';
import { pageChoiceId, remindChoiceId } from './status-choices.js';
import { onceByArguments } from './read-once.js';
import type { Role } from '../src/domain/roles.js';
import { reachableCount, type AgencyReach } from '../src/reports/missing-split.js';
import type { Store } from '../src/store/store.js';

/** Up to this many agencies still to report, /status counts who can be reminded among all of them. */
export const STATUS_SPLIT_LIMIT = 1_000;

/** Periods a coordinator asks about: open, or past the deadline within the last 60 days. */
export async function openPeriods(services: Services, now: number): Promise<Period[]> {
  return currentPeriods(await services.periods.all(), now).filter((p) => periodStanding(p, now).phase !== 'upcoming');
}

/**
 * The buttons under one page of a period's status: other pages, and reminding the laggards now —
 * counting those who can be reminded when every laggard's reach is known (none: no button).
 */
function statusChoices(ctx: HandlerContext, model: SummaryModel, page: number, reach: ReadonlyMap<string, AgencyReach>): Choice[] {
  const t = ctx.texts.progress;
  const pages = statusPages(model);
  const choices: Choice[] = [];
  if (page > 1) choices.push({ id: pageChoiceId(model.period.id, page - 1), label: t.previousPage });
  if (page < pages) choices.push({ id: pageChoiceId(model.period.id, page + 1), label: t.nextPage });
  const missing = rowsOf(model, 'missing');
  const reminded = reachableCount(missing, reach) ?? missing.length;
  if (reminded > 0) choices.push({ id: remindChoiceId(model.period.id), label: t.remindButton(reminded) });
  return choices;
}

async function periodReply(ctx: HandlerContext, period: Period, page: number, withImage = false): Promise<Reply> {
  const now = ctx.services.clock.now();
  const counted = await loadSummary(ctx.services, period, now);
  if (page > statusPages(counted)) return reply(ctx.texts.progress.pageGone);
  const shown = pageAgencyIds(counted, page);
  const missing = rowsOf(counted, 'missing');
  // Who can be reminded: counted over every missing agency up to STATUS_SPLIT_LIMIT of them (every
  // grant is read), beyond that only for the page shown, so /status stays quick in a big province.
  const [model, reach] = await Promise.all([
    withHeads(ctx.services.store, counted, shown),
    missing.length <= STATUS_SPLIT_LIMIT
      ? reachOf(
          ctx.services.store,
          period.id,
          missing.map((r) => r.agency.id),
          shown,
        )
      : reachOfFew(ctx.services.store, period.id, shown),
  ]);
  const answer = reply(
    `${renderPeriodStatus(model, ctx.texts, page, undefined, reach)}\n\n${ctx.texts.progress.periodCode(period.id)}`,
    statusChoices(ctx, model, page, reach),
  );
  // The picture of the whole grid, coloured like the dashboard, beside the text.
  return withImage ? { ...answer, attachments: [gridImageAttachment(gridImagePng(counted), period.id, now)] } : answer;
}

const PAGE_WORDS = /^(.*?)\s+(?:trang|page|#)\s*(\d{1,4})$/i;
/** `/status <period> anh`: the period's grid as a picture too. */
const IMAGE_WORDS = /^(.*?)\s+(?:anh|ảnh|image|hinh|hình)$/i;

/**
 * `/status`: for each open period, X of Y agencies reported (on time, late), days to the deadline,
 * the agencies still to report first with their heads, the aggregate of every report item; buttons
 * to page through a long list and to remind the laggards now. `/status <period id> [trang N]` shows
 * one period (what the page buttons send); `/status <agency>` one agency's latest report and history.
 */
export const statusHandler: Handler = async (ctx) => {
  const { services, texts, args } = ctx;
  const now = services.clock.now();
  if (!args) {
    const periods = await openPeriods(services, now);
    if (periods.length === 0) return [reply(texts.progress.noOpenPeriod)];
    if (periods.length === 1) return [await periodReply(ctx, periods[0] as Period, 1)];
    // Each open period's page reads the grants, the bindings, and the members and reminders of the
    // agencies it shows: read once for all of them.
    const shared: HandlerContext = { ...ctx, services: { ...services, store: readingOnce(services.store) } };
    return Promise.all(periods.map((p) => periodReply(shared, p, 1)));
  }
  const imaged = IMAGE_WORDS.exec(args);
  const imagePeriod = imaged ? await services.periods.find((imaged[1] ?? '').trim().toLowerCase()) : undefined;
  if (imagePeriod) return [await periodReply(ctx, imagePeriod, 1, true)];
  const paged = PAGE_WORDS.exec(args);
  const target = (paged?.[1] ?? args).trim();
  const page = paged ? Math.max(1, Number(paged[2])) : 1;
  const period = await services.periods.find(target.toLowerCase());
  if (period && notOpenYet(period, now)) return [reply(texts.progress.notYetOpen(period.name, period.id, formatDate(period.opensOn)))];
  if (period) return [await periodReply(ctx, period, page)];

  const found = lookupAgency(reportingAgencies(services.plan), args);
  if ('agency' in found) return agencyStatus(ctx, found.agency);
  if (found.candidates.length > 1)
    return [reply(texts.progress.whichAgency(found.candidates.slice(0, 12).map((a) => `• ${a.id} — ${a.name}`)))];
  // A period named by its words ("6 thang", "ca nam", "quý II") when no agency matches.
  const named = await resolvePeriod(services.periods, target, now);
  if (named && notOpenYet(named, now)) return [reply(texts.progress.notYetOpen(named.name, named.id, formatDate(named.opensOn)))];
  if (named) return [await periodReply(ctx, named, page)];
  return [reply(`${texts.progress.notFound(args)}\n${texts.progress.statusUsage}`)];
};

/**
 * The store as one `/status` answer uses it: who belongs to an agency, who holds a role and which
 * chats are bound, asked again with the same arguments, get the same (pending) result; everything
 * else goes straight to the store. Those results are only read by the callers, never changed.
 */
function readingOnce(store: Store): Store {
  // Object.create keeps every other method of the port (on its prototype), bound as before.
  const people: Store['people'] = Object.assign(Object.create(store.people) as Store['people'], {
    membersOf: onceByArguments((agencyId: string) => store.people.membersOf(agencyId)),
    holdersOf: onceByArguments((role: Role) => store.people.holdersOf(role)),
  });
  const chats: Store['chats'] = Object.assign(Object.create(store.chats) as Store['chats'], {
    list: onceByArguments(() => store.chats.list()),
  });
  return Object.assign(Object.create(store) as Store, { people, chats });
}

/** `/status <agency>`: per open period of the agency, its counting report, its answers and every revision. */
async function agencyStatus(ctx: HandlerContext, agency: Agency): Promise<Reply[]> {
  const { services, texts } = ctx;
  const now = services.clock.now();
  const periods = (await openPeriods(services, now)).filter((p) => periodConcerns(p, agency.id, services.plan));
  if (periods.length === 0) return [reply(texts.progress.agencyNoPeriod(agency.name))];
  const heads = (await services.store.people.membersOf(agency.id)).filter((m) => m.role === 'head').map((m) => m.name ?? m.account);
  return Promise.all(
    periods.map(async (period) => {
      const history = await services.store.reports.history(period.id, agency.id);
      const campaign = campaignOf(services, period);
      // Drafts the head sent back (report/sign-off.ts): kept in the history, no longer waiting.
      const drafts = history.filter((s) => s.status === 'draft');
      const returned = new Set(
        (await Promise.all(drafts.map(async (s) => ((await wasReturned(services, s)) ? s.revision : undefined)))).filter(
          (r): r is number => r !== undefined,
        ),
      );
      return reply(
        renderAgencyStatus({
          period,
          campaignName: campaign.name,
          items: campaign.items,
          agencyName: agency.name,
          counting: countingSubmission(history),
          history,
          returned,
          heads,
          texts,
          nowMs: now,
          calendar: services.calendar,
        }),
      );
    }),
  );
}
