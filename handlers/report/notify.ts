import { findAgency, findCampaign } from '../../src/domain/plan.js';
import { referenceNumber } from '../../src/domain/report/reference.js';
import { countedAt, timelinessOf } from '../../src/domain/report/timeliness.js';
import type { Submission } from '../../src/domain/submission.js';
import type { Reply } from '../../src/messaging/reply.js';
import { privateChatOf } from '../../src/messaging/targets.js';
import { formatDateTime } from '../../src/texts/format.js';
import { vi, type Texts } from '../../src/texts/index.js';
import type { Services } from '../services.js';
import { draftReview } from './sign-off.js';
import { longDate } from './render.js';

/**
 * What coordinators are told about a late report (for now: a private message to each coordinator;
 * the summaries of a later issue may reuse the text). The text alone, without a target.
 */
export async function lateReportNotice(services: Services, submission: Submission, texts: Texts = vi): Promise<Reply> {
  const period = await services.periods.find(submission.periodId);
  const campaign = findCampaign(services.plan, submission.campaignId);
  const countsFrom = submission.approvedAt ?? submission.submittedAt;
  return {
    text: texts.report.lateNotice({
      agency: findAgency(services.plan, submission.agencyId)?.name ?? submission.agencyId,
      period: period?.name ?? submission.periodId,
      campaign: campaign?.name ?? submission.campaignId,
      at: formatDateTime(countsFrom),
      deadline: period ? longDate(texts, period.deadline) : '',
      reference: referenceNumber(submission.periodId, submission.agencyId, submission.revision),
      revision: submission.revision,
      by: submission.approvedBy ? `${submission.submittedBy.name}, ${submission.approvedBy.name}` : submission.submittedBy.name,
    }),
  };
}

/**
 * What coordinators are told when an agency that already reported sends a revision after the
 * deadline: "Sở Y tế bổ sung báo cáo …", with its first report's time and standing, which do not
 * change — never "báo cáo muộn" for an agency that reported on time.
 */
export async function revisionAfterDeadlineNotice(
  services: Services,
  submission: Submission,
  texts: Texts = vi,
): Promise<Reply | undefined> {
  const period = await services.periods.find(submission.periodId);
  if (!period) return undefined;
  const t = timelinessOf(period, submission);
  const campaign = findCampaign(services.plan, submission.campaignId);
  return {
    text: texts.report.revisionNotice({
      agency: findAgency(services.plan, submission.agencyId)?.name ?? submission.agencyId,
      period: period.name,
      campaign: campaign?.name ?? submission.campaignId,
      at: formatDateTime(t.lastRevisedAt),
      firstAt: formatDateTime(t.firstCountedAt),
      firstLate: t.late,
      deadline: longDate(texts, period.deadline),
      reference: referenceNumber(submission.periodId, submission.agencyId, submission.revision),
      revision: submission.revision,
      by: submission.approvedBy ? `${submission.submittedBy.name}, ${submission.approvedBy.name}` : submission.submittedBy.name,
    }),
  };
}

/**
 * What coordinators hear of a revision that now counts, addressed to every coordinator's private
 * chat (`store.people.holdersOf('coordinator')`), in Vietnamese: the late-report notice when it is the
 * agency's first counting report and it came after the deadline; "bổ sung báo cáo … sau hạn" when
 * it revises an earlier counting report after the deadline; nothing otherwise, or when nobody
 * coordinates yet. Returned by the report confirmation and the head's approval.
 */
export async function coordinatorNotices(services: Services, submission: Submission, texts: Texts = vi): Promise<Reply[]> {
  if (submission.status === 'draft') return [];
  const period = await services.periods.find(submission.periodId);
  if (!period) return [];
  const t = timelinessOf(period, submission);
  const firstCount = t.firstCountedAt === countedAt(submission);
  if (firstCount ? !t.late : !t.revisedAfterDeadline) return [];
  const coordinators = await services.store.people.holdersOf('coordinator');
  if (coordinators.length === 0) return [];
  const notice = firstCount
    ? await lateReportNotice(services, submission, texts)
    : await revisionAfterDeadlineNotice(services, submission, texts);
  if (!notice) return [];
  const accounts = [...new Set(coordinators.map((c) => c.account))];
  return accounts.map((account) => ({ ...notice, to: privateChatOf(account) }));
}

/**
 * A deputy's draft as the agency's head(s) hear of it: privately, with the answers and a button to
 * approve it (when its id fits Telegram's 64 bytes; `/duyet` works either way).
 */
export async function approvalRequests(services: Services, draft: Submission, texts: Texts = vi): Promise<Reply[]> {
  const heads = (await services.store.people.membersOf(draft.agencyId)).filter((m) => m.role === 'head');
  if (heads.length === 0) return [];
  // The draft in full, with what changed, then Duyệt / Trả lại (sign-off.ts).
  const review = await draftReview(services, draft, texts);
  return [...new Set(heads.map((h) => h.account))].map((account) => ({ ...review, to: privateChatOf(account) }));
}
