import { reply } from '../src/messaging/reply.js';
import { currentPeriods, periodStanding, type Period } from '../src/domain/period.js';
import { agenciesOfPeriod, findAgency, findCampaign } from '../src/domain/plan.js';
import { periodConcerns } from './period-catalog.js';
import { countingSubmissionOf, countingSubmissions } from './counting-reports.js';
import type { Handler, HandlerContext } from './services.js';
import { localDateAt } from '../src/domain/local-date.js';
import { nextDueAt } from '../src/domain/reminders/index.js';
import { formatInstantVi } from '../src/texts/when.js';
import { timelinessOf } from '../src/domain/report/timeliness.js';

/**
 * `/kyhan`: the reporting periods that matter now and their deadlines. An agency head sees whether
 * their agency has reported each one; a coordinator sees how many agencies have.
 */
export const deadlinesHandler: Handler = async (ctx) => {
  const { services, texts, identity } = ctx;
  const now = services.clock.now();
  const periods = currentPeriods(await services.periods.all(), now);
  if (periods.length === 0) return [reply(texts.deadlinesNone)];

  const replies = [];
  if (identity.agencies.length > 0) {
    for (const { agencyId } of identity.agencies) {
      const agency = findAgency(services.plan, agencyId);
      const own = periods.filter((p) => periodConcerns(p, agencyId));
      if (own.length === 0) {
        replies.push(reply([texts.deadlinesFor(agency?.name ?? agencyId), texts.deadlinesNone].join('\n\n')));
        continue;
      }
      const blocks = await Promise.all(own.map((p) => periodLines(ctx, p, now, agencyId)));
      replies.push(reply([texts.deadlinesFor(agency?.name ?? agencyId), ...blocks].join('\n\n')));
    }
  }
  if (identity.isCoordinator || identity.isAdmin) {
    const blocks = await Promise.all(periods.map((p) => periodLines(ctx, p, now)));
    replies.push(reply([texts.deadlinesAll, ...blocks].join('\n\n')));
  }
  return replies;
};

async function periodLines(ctx: HandlerContext, period: Period, now: number, agencyId?: string): Promise<string> {
  const { services, texts } = ctx;
  const campaign = findCampaign(services.plan, period.campaignId);
  const standing = periodStanding(period, now);
  const lines = [
    texts.periodBlock({ period, campaign: campaign?.name ?? period.campaignId, legalBasis: campaign?.legalBasis ?? '' }),
    texts.daysLeft(standing.daysToDeadline, services.calendar.workingDaysBetween(localDateAt(now), period.deadline), standing.phase, period.opensOn),
  ];
  if (agencyId) {
    const latest = await countingSubmissionOf(services.store, period.id, agencyId);
    if (latest) {
      const t = timelinessOf(period, latest);
      lines.push(texts.reportedAt(t.firstCountedAt, t.late, latest.revision, t.revisedAfterDeadline ? t.lastRevisedAt : undefined));
    } else lines.push(texts.notReported);
    const next = latest ? undefined : nextDueAt({ periods: [period], policy: services.plan.reminders, calendar: services.calendar, afterMs: now });
    if (next !== undefined) lines.push(texts.nextReminder(formatInstantVi(next)));
  } else {
    const latest = await countingSubmissions(services.store, period.id);
    const agencies = agenciesOfPeriod(services.plan, period);
    const reported = agencies.filter((a) => latest.has(a.id)).length;
    lines.push(texts.periodTally(reported, agencies.length));
  }
  return lines.join('\n');
}
