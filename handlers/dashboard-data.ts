import { periodConcerns } from './period-catalog.js';
import type { Services } from './services.js';
import type { DashboardData } from '../src/ports/dashboard.js';
import { openPeriods } from './status.js';
import { loadSummary } from './summary-data.js';
import type { Campaign } from '../src/domain/campaign.js';
import { compareLocalDates, localDateAt } from '../src/domain/vietnam-time.js';
import { findAgency } from '../src/domain/plan.js';
import { nextDue } from '../src/domain/reminders/index.js';
import { countingSubmission } from '../src/domain/report/approval.js';
import type { ItemAnswer, Submission } from '../src/domain/submission.js';
import type { SummaryModel } from '../src/domain/summary/index.js';
import { numberVi, percentVi } from '../src/reports/official.js';
import { campaignOf } from './summary-data.js';
import { countingSubmissionOf } from './counting-reports.js';
import type {
  AgencyPeriodView,
  AgencyPerson,
  NextReminder,
  OverviewPeriod,
  OwnAgency,
  RevisionView,
  UnreachablePerson,
} from '../src/http/dashboard/pages.js';
import { STATUS_LABEL } from '../src/http/dashboard/pages.js';

/**
 * What the pages show, read through the same functions `/status`, `/xuat` and the summaries use
 * (openPeriods, loadSummary → summarise), so the dashboard can never disagree with the chat or
 * the files.
 */

/** Agencies whose first counting report was on time and that revised it after the deadline ("bổ sung sau hạn"). */
export function supplementedAfterDeadline(model: SummaryModel): number {
  return model.revisedAfterDeadline;
}

export async function overviewPeriods(services: Services, now: number): Promise<OverviewPeriod[]> {
  const periods = await openPeriods(services, now);
  const models = await Promise.all(periods.map((p) => loadSummary(services, p, now)));
  return models.map((model) => ({ model, supplementedLate: supplementedAfterDeadline(model) }));
}

/** Heads and deputies the bot could not write to (blocked, never opened a chat), with their agency. */
export async function unreachablePeople(services: Services): Promise<UnreachablePerson[]> {
  const grants = [...(await services.store.people.holdersOf('head')), ...(await services.store.people.holdersOf('deputy'))];
  const contacts = await services.store.contacts.getMany([...new Set(grants.map((g) => g.account))]);
  return grants
    .filter((g) => contacts.get(g.account)?.reachable === false)
    .map((g) => {
      const since = contacts.get(g.account)?.unreachableSince;
      return {
        name: g.name ?? g.account,
        agencyName: findAgency(services.plan, g.agencyId ?? '')?.name ?? g.agencyId ?? '',
        ...(since ? { since } : {}),
      };
    });
}

/** The next scheduled reminder of each open period that still has agencies to chase. */
export function nextReminders(services: Services, overview: OverviewPeriod[], now: number): NextReminder[] {
  const found: NextReminder[] = [];
  for (const { model } of overview) {
    if (model.missing === 0) continue;
    const next = nextDue({ periods: [model.period], policy: services.plan.reminders, calendar: services.calendar, afterMs: now });
    if (!next) continue;
    const what =
      next.slot.kind === 'escalation'
        ? 'báo cáo lãnh đạo danh sách chưa gửi'
        : `nhắc ${numberVi(model.missing)} cơ quan, đơn vị chưa báo cáo`;
    found.push({ at: next.slot.dueAt, periodName: model.period.name, what });
  }
  return found.sort((a, b) => a.at - b.at);
}

function answerText(campaign: Campaign, a: ItemAnswer): string {
  const item = campaign.items.find((i) => i.no === a.itemNo);
  const quantity = a.quantity !== undefined ? `, ${numberVi(a.quantity)} ${item?.quantity?.unit ?? ''}`.trimEnd() : '';
  const note = a.note ? `; ghi chú: ${a.note}` : '';
  return `${a.itemNo}. ${item?.short ?? ''}: ${STATUS_LABEL[a.status]}, ${percentVi(a.percent)}${quantity}${note}`;
}

/** What one revision changed against the one before it, item by item (everything, for the first). */
export function revisionChanges(campaign: Campaign, previous: Submission | undefined, current: Submission): string[] {
  if (!previous) return current.answers.map((a) => answerText(campaign, a));
  if (current.approvedAt !== undefined && current.approvedBy) return ['Thủ trưởng duyệt bản của cấp phó (nội dung không đổi)'];
  const before = new Map(previous.answers.map((a) => [a.itemNo, a]));
  const changes = current.answers
    .filter((a) => {
      const b = before.get(a.itemNo);
      return !b || b.status !== a.status || b.percent !== a.percent || b.quantity !== a.quantity || b.note !== a.note;
    })
    .map((a) => {
      const b = before.get(a.itemNo);
      return b
        ? `${answerText(campaign, a)} (trước: ${STATUS_LABEL[b.status]}, ${percentVi(b.percent)}${b.quantity !== undefined ? `, ${numberVi(b.quantity)}` : ''})`
        : answerText(campaign, a);
    });
  return changes.length > 0 ? changes : ['Gửi lại, nội dung không đổi'];
}

/** One agency's people, and every period concerning it that has opened, with every revision. */
export async function agencyDetail(
  services: Services,
  agencyId: string,
  now: number,
): Promise<{ people: AgencyPerson[]; periods: AgencyPeriodView[] }> {
  const members = await services.store.people.membersOf(agencyId);
  const contacts = await services.store.contacts.getMany(members.map((m) => m.account));
  const people = members.map((m) => ({
    name: m.name ?? m.account,
    role: m.role === 'head' ? ('head' as const) : ('deputy' as const),
    reachable: contacts.get(m.account)?.reachable !== false,
  }));
  const today = localDateAt(now);
  const periods = (await services.periods.all())
    .filter((p) => periodConcerns(p, agencyId))
    .sort((a, b) => compareLocalDates(b.deadline, a.deadline));
  const views = await Promise.all(
    periods.map(async (period): Promise<AgencyPeriodView> => {
      if (compareLocalDates(period.opensOn, today) > 0) return { period, standing: 'upcoming', revisions: [] };
      const history = await services.store.reports.history(period.id, agencyId);
      const counting = countingSubmission(history);
      const campaign = campaignOf(services, period);
      const revisions: RevisionView[] = history.map((s, i) => ({
        revision: s.revision,
        at: s.submittedAt,
        by: s.submittedBy.name,
        draft: s.status === 'draft',
        late: s.late,
        ...(s.approvedBy ? { approvedBy: s.approvedBy.name } : {}),
        changes: revisionChanges(campaign, history[i - 1], s),
      }));
      return { period, standing: counting ? (counting.late ? 'late' : 'on-time') : 'missing', revisions: revisions.reverse() };
    }),
  );
  return { people, periods: views };
}

/** A head's or deputy's own agencies, with where each stands in every open period concerning it. */
export async function ownAgencies(services: Services, agencyIds: readonly string[], now: number): Promise<OwnAgency[]> {
  const periods = await openPeriods(services, now);
  return Promise.all(
    agencyIds.map(async (id) => ({
      id,
      name: findAgency(services.plan, id)?.name ?? id,
      periods: await Promise.all(
        periods
          .filter((p) => periodConcerns(p, id))
          .map(async (period) => {
            const counting = await countingSubmissionOf(services.store, period.id, id);
            return {
              name: period.name,
              deadline: period.deadline,
              standing: counting ? (counting.late ? ('late' as const) : ('on-time' as const)) : ('missing' as const),
            };
          }),
      ),
    })),
  );
}

/** The dashboard's reads, handed to its routes by the composition root (src/app/dashboard.ts). */
export const dashboardData: DashboardData = {
  loadSummary,
  overviewPeriods,
  unreachablePeople,
  nextReminders,
  agencyDetail,
  ownAgencies,
  supplementedAfterDeadline,
};
