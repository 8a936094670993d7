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
import type { ReportTurn } from './turn.js';
import { longDate } from './render.js';
import { coordinatorNotices } from './notify.js';
import { draftReview, returnedKey, wasReturned, waitingDraft, type ReturnRecord } from './sign-off.js';

/** Agencies this person heads (here: in a group, only the group's agency). */
function headedAgencies(turn: Pick<ReportTurn, 'identity'>): string[] {
  return [...new Set(turn.identity.agencies.filter((a) => a.role === 'head').map((a) => a.agencyId))];
}

/**
 * Drafts waiting for this head: the latest revision of each of their agencies, per current period,
 * when it is a draft not sent back.
 */
async function pendingDrafts(turn: ReportTurn): Promise<{ draft: Submission; period: Period }[]> {
  const { services } = turn;
  const periods = currentPeriods(await services.periods.all(), services.clock.now());
  const found: { draft: Submission; period: Period }[] = [];
  for (const agencyId of headedAgencies(turn)) {
    for (const period of periods.filter((p) => periodConcerns(p, agencyId, services.plan))) {
      const draft = await waitingDraft(services, period.id, agencyId);
      if (draft) found.push({ draft, period });
    }
  }
  return found;
}

/**
 * `/duyet`: shows each draft waiting for this head in full, with what changed since the report that
 * counts, and asks Duyệt / Trả lại — never approves unseen.
 */
export async function approveCommand(turn: ReportTurn): Promise<Reply[]> {
  const { services, texts } = turn;
  const drafts = await pendingDrafts(turn);
  if (drafts.length === 0) return [reply(texts.report.nothingToApprove)];
  return Promise.all(drafts.map(({ draft }) => draftReview(services, draft, texts)));
}

/**
 * `/tralai <lý do>` (or `/tralai <mã cơ quan> <lý do>` when several drafts wait): sends the draft
 * back to the deputy with the reason. The draft stays in the history, no longer waiting.
 */
export async function returnCommand(turn: ReportTurn, args: string): Promise<Reply[]> {
  const { services, texts, incoming } = turn;
  const drafts = await pendingDrafts(turn);
  if (drafts.length === 0) return [reply(texts.report.nothingToApprove)];
  let reason = args.trim();
  let chosen = drafts.length === 1 ? drafts[0] : undefined;
  if (!chosen) {
    const [first = '', ...rest] = reason.split(/\s+/);
    chosen = drafts.find((d) => d.draft.agencyId === first.toLowerCase());
    if (!chosen) return [reply(texts.report.returnWhich(drafts.map((d) => d.draft.agencyId)))];
    reason = rest.join(' ');
  }
  if (!reason) return [reply(texts.report.returnUsage)];
  const { draft, period } = chosen;
  const record: ReturnRecord = { by: incoming.sender.account, byName: incoming.sender.name, reason, at: services.clock.now() };
  await services.store.settings.set(returnedKey(draft.periodId, draft.agencyId, draft.revision), JSON.stringify(record));
  const agency = findAgency(services.plan, draft.agencyId)?.name ?? draft.agencyId;
  const out: Reply[] = [reply(texts.report.returned({ agency, period: period.name, deputy: draft.submittedBy.name, reason }))];
  if (draft.submittedBy.account !== incoming.sender.account) {
    out.push({
      text: vi.report.returnedNotice({
        head: incoming.sender.name,
        agency,
        period: period.name,
        reason,
        reference: referenceNumber(draft.periodId, draft.agencyId, draft.revision),
      }),
      to: privateChatOf(draft.submittedBy.account),
    });
  }
  return out;
}

/** The "Duyệt báo cáo" button: approves that revision, if it is still the draft waiting. */
export async function approveChoice(turn: ReportTurn, target: { periodId: string; agencyId: string; revision: number }): Promise<Reply[]> {
  const { services, texts } = turn;
  if (!headedAgencies(turn).includes(target.agencyId)) return [reply(texts.forbidden(texts.roleNames.head))];
  const period = await services.periods.find(target.periodId);
  const latest = await services.store.reports.latest(target.periodId, target.agencyId);
  if (!period || !latest) return [reply(texts.report.nothingToApprove)];
  if (latest.status !== 'draft' || (await wasReturned(services, latest))) {
    return [
      reply(
        latest.approvedBy
          ? texts.report.alreadyApproved(referenceNumber(latest.periodId, latest.agencyId, latest.revision))
          : texts.report.nothingToApprove,
      ),
    ];
  }
  if (latest.revision !== target.revision) {
    return [
      reply(texts.report.newerDraft(latest.revision), [
        { id: choiceIds.approve(latest.periodId, latest.agencyId, latest.revision), label: texts.report.choiceApprove },
      ]),
    ];
  }
  return approve(turn, latest, period);
}

/** Records the sign-off as a new revision (same answers, status final) and tells the deputy. */
async function approve(turn: ReportTurn, draft: Submission, period: Period): Promise<Reply[]> {
  const { services, texts, incoming } = turn;
  const result = await withReportLease(services, draft.periodId, draft.agencyId, async (): Promise<Reply[]> => {
    const latest = await services.store.reports.latest(draft.periodId, draft.agencyId);
    if (!latest || latest.revision !== draft.revision || latest.status !== 'draft') return [reply(texts.report.nothingToApprove)];
    const now = services.clock.now();
    const saved = await services.store.reports.add(
      approvedRevision(draft, period, { account: incoming.sender.account, name: incoming.sender.name }, now),
    );
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
      out.push({
        text: vi.report.approvedNotice({ head: incoming.sender.name, agency, period: period.name, reference }),
        to: privateChatOf(draft.submittedBy.account),
      });
    }
    return [...out, ...notices];
  });
  return result ?? [reply(texts.report.busy)];
}

/** `/duyet` as a command-table handler. */
export const approveHandler: Handler = (ctx) =>
  approveCommand({ services: ctx.services, incoming: ctx.incoming, texts: ctx.texts, identity: ctx.identity });

/** `/tralai` as a command-table handler. */
export const returnHandler: Handler = (ctx) =>
  returnCommand({ services: ctx.services, incoming: ctx.incoming, texts: ctx.texts, identity: ctx.identity }, ctx.args);
