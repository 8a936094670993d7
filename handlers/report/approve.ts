import { currentPeriods, type Period } from '../../src/domain/period.js';
import { findAgency } from '../../src/domain/plan.js';
import { approvedRevision } from '../../src/domain/report/approval.js';
import { choiceIds } from '../../src/domain/report/conversation.js';
import { referenceNumber } from '../../src/domain/report/reference.js';
import { timelinessOf } from '../../src/domain/report/timeliness.js';
import type { Submission } from '../../src/domain/submission.js';
import { reply, type Reply } from '../../src/messaging/reply.js';
import { privateChatOf } from '../../src/messaging/targets.js';
import { formatDateTime } from '../../src/texts/format.js';
import { vi } from '../../src/texts/index.js';
import { periodConcerns } from '../period-catalog.js';
import type { Handler } from '../services.js';
import { withReportLease } from './confirm.js';
import type { ReportTurn } from './flow.js';
import { longDate } from './render.js';
import { coordinatorNotices } from './notify.js';

/** Agencies this person heads (here: in a group, only the group's agency). */
function headedAgencies(turn: Pick<ReportTurn, 'identity'>): string[] {
  return [...new Set(turn.identity.agencies.filter((a) => a.role === 'head').map((a) => a.agencyId))];
}

/** Drafts waiting for this head: the latest revision of each of their agencies, per current period, when it is a draft. */
async function pendingDrafts(turn: ReportTurn): Promise<{ draft: Submission; period: Period }[]> {
  const { services } = turn;
  const periods = currentPeriods(await services.periods.all(), services.clock.now());
  const found: { draft: Submission; period: Period }[] = [];
  for (const agencyId of headedAgencies(turn)) {
    for (const period of periods.filter((p) => periodConcerns(p, agencyId, services.plan))) {
      const latest = await services.store.latestSubmission(period.id, agencyId);
      if (latest?.status === 'draft') found.push({ draft: latest, period });
    }
  }
  return found;
}

/**
 * `/duyet`: the head approves the deputy's draft waiting for them — at once when there is one, or
 * picks among several.
 */
export async function approveCommand(turn: ReportTurn): Promise<Reply[]> {
  const { services, texts } = turn;
  const drafts = await pendingDrafts(turn);
  const only = drafts.length === 1 ? drafts[0] : undefined;
  if (only) return approve(turn, only.draft, only.period);
  if (drafts.length === 0) return [reply(texts.report.nothingToApprove)];
  return [
    reply(
      texts.report.chooseDraft,
      drafts.map(({ draft, period }) => ({
        id: choiceIds.approve(draft.periodId, draft.agencyId, draft.revision),
        label: texts.report.draftOption(findAgency(services.plan, draft.agencyId)?.name ?? draft.agencyId, period.name),
      })),
    ),
  ];
}

/** The "Duyệt báo cáo" button: approves that revision, if it is still the draft waiting. */
export async function approveChoice(turn: ReportTurn, target: { periodId: string; agencyId: string; revision: number }): Promise<Reply[]> {
  const { services, texts } = turn;
  if (!headedAgencies(turn).includes(target.agencyId)) return [reply(texts.forbidden(texts.roleNames.head))];
  const period = await services.periods.find(target.periodId);
  const latest = await services.store.latestSubmission(target.periodId, target.agencyId);
  if (!period || !latest) return [reply(texts.report.nothingToApprove)];
  if (latest.status !== 'draft') {
    return [reply(latest.approvedBy ? texts.report.alreadyApproved(referenceNumber(latest.periodId, latest.agencyId, latest.revision)) : texts.report.nothingToApprove)];
  }
  if (latest.revision !== target.revision) {
    return [reply(texts.report.newerDraft(latest.revision), [{ id: choiceIds.approve(latest.periodId, latest.agencyId, latest.revision), label: texts.report.choiceApprove }])];
  }
  return approve(turn, latest, period);
}

/** Records the sign-off as a new revision (same answers, status final) and tells the deputy. */
async function approve(turn: ReportTurn, draft: Submission, period: Period): Promise<Reply[]> {
  const { services, texts, incoming } = turn;
  const result = await withReportLease(services, draft.periodId, draft.agencyId, async (): Promise<Reply[]> => {
    const latest = await services.store.latestSubmission(draft.periodId, draft.agencyId);
    if (!latest || latest.revision !== draft.revision || latest.status !== 'draft') return [reply(texts.report.nothingToApprove)];
    const now = services.clock.now();
    const saved = await services.store.addSubmission(approvedRevision(draft, period, { account: incoming.sender.account, name: incoming.sender.name }, now));
    services.logger.info({ period: saved.periodId, agency: saved.agencyId, revision: saved.revision, late: saved.late }, 'report approved');
    const agency = findAgency(services.plan, saved.agencyId)?.name ?? saved.agencyId;
    const reference = referenceNumber(saved.periodId, saved.agencyId, saved.revision);
    const notices = await coordinatorNotices(services, saved);
    const t = timelinessOf(period, saved);
    const out: Reply[] = [
      reply(
        texts.report.approved({
          agency,
          period: period.name,
          at: formatDateTime(now),
          late: saved.late,
          notified: notices.length > 0,
          deadline: longDate(texts, period.deadline),
          reference,
          revision: saved.revision,
          firstAt: formatDateTime(t.firstCountedAt),
          revisedAfterDeadline: t.revisedAfterDeadline,
        }),
      ),
    ];
    if (draft.submittedBy.account !== incoming.sender.account) {
      out.push({ text: vi.report.approvedNotice({ head: incoming.sender.name, agency, period: period.name, reference }), to: privateChatOf(draft.submittedBy.account) });
    }
    return [...out, ...notices];
  });
  return result ?? [reply(texts.report.busy)];
}

/** `/duyet` as a command-table handler. */
export const approveHandler: Handler = (ctx) => approveCommand({ services: ctx.services, incoming: ctx.incoming, texts: ctx.texts, identity: ctx.identity });
