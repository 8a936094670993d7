import { reply } from '../src/messaging/reply.js';
import { currentPeriods, periodStanding, type Period } from '../src/domain/period.js';
import { agenciesOfPeriod, findAgency, findCampaign } from '../src/domain/plan.js';
import { periodConcerns } from './period-catalog.js';
import { countingSubmissionOf, countingSubmissions } from './counting-reports.js';
import type { Store } from '../src/store/store.js';
import type { Handler, HandlerContext } from './services.js';
import type { Submission } from '../src/domain/submission.js';
import { localDateAt } from '../src/domain/vietnam-time.js';
import { nextDueAt } from '../src/domain/reminders/index.js';
import { formatInstantVi } from '../src/texts/when.js';
import { timelinessOf } from '../src/domain/report/timeliness.js';
import { officeOf } from '../src/domain/titles.js';
import { isReminded, reminderRecipients } from './reminder-recipients.js';
import { waitingDraft } from './report/sign-off.js';
import { onceByArguments, started } from './read-once.js';

/**
 * `/kyhan`: the reporting periods that matter now and their deadlines. An agency head sees whether
 * their agency has reported each one; a coordinator sees how many agencies have.
 */
export const deadlinesHandler: Handler = async (ctx) => {
  const { services, texts, identity } = ctx;
  const now = services.clock.now();
  // The plan's own periods are known without the store: what they need is read at once, in the same
  // round trip as the ad-hoc periods; only a current ad-hoc period is read after.
  const reads = reportReads(ctx);
  for (const p of currentPeriods(services.plan.periods, now)) reads.prefetch(p);
  // Whether reminders reach this person does not depend on the period: read in that round trip too.
  const reminding = new Map(identity.agencies.map(({ agencyId }) => [agencyId, started(remindsPerson(ctx, agencyId, now))]));
  const periods = currentPeriods(await services.periods.all(), now);
  if (periods.length === 0) return [reply(texts.deadlinesNone)];

  const replies = [];
  if (identity.agencies.length > 0) {
    for (const { agencyId, role } of identity.agencies) {
      const agency = findAgency(services.plan, agencyId);
      // Each person greeted by their own office: a deputy as a deputy.
      const greeting = texts.deadlinesFor(agency ? officeOf(agency, role) : agencyId);
      const own = periods.filter((p) => periodConcerns(p, agencyId, services.plan));
      if (own.length === 0) {
        replies.push(reply([greeting, texts.deadlinesNone].join('\n\n')));
        continue;
      }
      const reminded = await (reminding.get(agencyId) ?? remindsPerson(ctx, agencyId, now));
      const blocks = await Promise.all(own.map((p) => periodLines(ctx, reads, p, now, agencyId, reminded)));
      replies.push(reply([greeting, ...blocks].join('\n\n')));
    }
  }
  if (identity.isCoordinator || identity.isAdmin) {
    const blocks = await Promise.all(periods.map((p) => periodLines(ctx, reads, p, now)));
    replies.push(reply([texts.deadlinesAll, ...blocks].join('\n\n')));
  }
  return replies;
};

/**
 * Whether reminders for the agency reach this person today (the plan's recipients, delegation and
 * channels, as the scheduler decides): /kyhan shows a "next reminder" only to those who get one.
 */
async function remindsPerson(ctx: HandlerContext, agencyId: string, now: number): Promise<boolean> {
  const { services, incoming } = ctx;
  const [members, delegation] = await Promise.all([services.store.people.membersOf(agencyId), services.store.delegations.get(agencyId)]);
  const policy = services.plan.reminders;
  return isReminded(
    reminderRecipients({
      members,
      delegation,
      groups: [],
      today: localDateAt(now),
      channels: policy.channels,
      recipients: policy.recipients,
    }),
    incoming.sender.account,
  );
}

/** The reports /kyhan shows, each read once: an agency's counting revision, or a period's for the tally. */
interface ReportReads {
  /** Starts the reads `period` needs for this person (a rejection is kept for whoever awaits it). */
  prefetch(period: Period): void;
  own(periodId: string, agencyId: string): Promise<Submission | undefined>;
  /** A deputy's draft of the agency waiting for its head's sign-off. */
  draft(periodId: string, agencyId: string): Promise<Submission | undefined>;
  all(periodId: string): Promise<Map<string, Submission>>;
}

function reportReads(ctx: HandlerContext): ReportReads {
  const { identity } = ctx;
  // The counting revision and a waiting draft both start from the agency's latest revision: read once.
  const latest = onceByArguments((periodId: string, agencyId: string) => ctx.services.store.reports.latest(periodId, agencyId));
  const reports: Store['reports'] = Object.assign(Object.create(ctx.services.store.reports) as Store['reports'], { latest });
  const services = { ...ctx.services, store: Object.assign(Object.create(ctx.services.store) as Store, { reports }) };
  const own = onceByArguments((periodId: string, agencyId: string) => countingSubmissionOf(services.store, periodId, agencyId));
  const draft = onceByArguments((periodId: string, agencyId: string) => waitingDraft(services, periodId, agencyId));
  const all = onceByArguments((periodId: string) => countingSubmissions(services.store, periodId));
  return {
    prefetch(period) {
      for (const { agencyId } of identity.agencies)
        if (periodConcerns(period, agencyId)) {
          void own(period.id, agencyId);
          void draft(period.id, agencyId);
        }
      if (identity.isCoordinator || identity.isAdmin) void all(period.id);
    },
    own,
    draft,
    all,
  };
}

async function periodLines(
  ctx: HandlerContext,
  reads: ReportReads,
  period: Period,
  now: number,
  agencyId?: string,
  reminded = false,
): Promise<string> {
  const { services, texts } = ctx;
  const campaign = findCampaign(services.plan, period.campaignId);
  const standing = periodStanding(period, now);
  const lines = [
    texts.periodBlock({ period, campaign: campaign?.name ?? period.campaignId, legalBasis: campaign?.legalBasis ?? '' }),
    texts.daysLeft(
      standing.daysToDeadline,
      services.calendar.workingDaysBetween(localDateAt(now), period.deadline),
      standing.phase,
      period.opensOn,
    ),
  ];
  if (agencyId) {
    const [latest, draft] = await Promise.all([reads.own(period.id, agencyId), reads.draft(period.id, agencyId)]);
    if (latest) {
      const t = timelinessOf(period, latest);
      lines.push(texts.reportedAt(t.firstCountedAt, t.late, latest.revision, t.revisedAfterDeadline ? t.lastRevisedAt : undefined));
    } else lines.push(texts.notReported);
    // A deputy's draft waiting for sign-off is shown to everyone of the agency, the head first of all.
    if (draft) lines.push(texts.report.draftWaiting(draft.submittedBy.name));
    const next =
      latest || !reminded
        ? undefined
        : nextDueAt({ periods: [period], policy: services.plan.reminders, calendar: services.calendar, afterMs: now });
    if (next !== undefined) lines.push(texts.nextReminder(formatInstantVi(next)));
  } else {
    const latest = await reads.all(period.id);
    const agencies = agenciesOfPeriod(services.plan, period);
    const reported = agencies.filter((a) => latest.has(a.id)).length;
    lines.push(texts.periodTally(reported, agencies.length));
  }
  return lines.join('\n');
}
