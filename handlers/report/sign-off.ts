import { findAgency, findCampaign } from '../../src/domain/plan.js';
import { countingSubmission } from '../../src/domain/report/approval.js';
import { choiceIds } from '../../src/domain/report/conversation.js';
import { referenceNumber } from '../../src/domain/report/reference.js';
import type { Submission } from '../../src/domain/submission.js';
import { officeOf, officeTitle } from '../../src/domain/titles.js';
import type { Choice, Reply } from '../../src/messaging/reply.js';
import { privateChatOf } from '../../src/messaging/targets.js';
import { formatDateTime } from '../../src/texts/format.js';
import { vi, type Texts } from '../../src/texts/index.js';
import type { Services } from '../services.js';
import { answerLines } from './render.js';

/**
 * Sign-off a head can trust: the draft is shown in full with what changed since the revision that
 * counts now, then Duyệt / Trả lại. "Trả lại" takes a reason (`/tralai <lý do>`) and tells the
 * deputy. A returned draft stays in the history (nothing acknowledged is lost) but no longer waits.
 *
 *   rt:<periodId>:<agencyId>:<revision>  →  /tralai   (which asks for the reason)
 */
const RETURN_CHOICE = /^rt:([a-z0-9-]+):([a-z0-9-]+):(\d{1,9})$/;

export const returnChoiceId = (periodId: string, agencyId: string, revision: number): string => `rt:${periodId}:${agencyId}:${revision}`;

/** The command a "Trả lại" button stands for (it asks for the reason), or undefined. */
export function returnChoiceAsCommand(value: string): string | undefined {
  return RETURN_CHOICE.test(value) ? '/tralai' : undefined;
}

/** The meta key that records a returned draft (who, why, when). */
export function returnedKey(periodId: string, agencyId: string, revision: number): string {
  return `draft-returned:${periodId}:${agencyId}:${revision}`;
}

export interface ReturnRecord {
  by: string;
  byName: string;
  reason: string;
  at: number;
}

/** Whether this draft was sent back by a head. */
export async function wasReturned(
  services: Pick<Services, 'store'>,
  draft: Pick<Submission, 'periodId' | 'agencyId' | 'revision'>,
): Promise<boolean> {
  return (await services.store.settings.get(returnedKey(draft.periodId, draft.agencyId, draft.revision))) !== undefined;
}

/** The latest revision when it is a draft still waiting for sign-off (not returned). */
export async function waitingDraft(services: Pick<Services, 'store'>, periodId: string, agencyId: string): Promise<Submission | undefined> {
  const latest = await services.store.reports.latest(periodId, agencyId);
  if (latest?.status !== 'draft') return undefined;
  return (await wasReturned(services, latest)) ? undefined : latest;
}

/** Lines saying what changed between the counting revision and the draft, item by item. */
export async function changeLines(services: Services, draft: Submission, texts: Texts): Promise<string> {
  const campaign = findCampaign(services.plan, draft.campaignId);
  const history = await services.store.reports.history(draft.periodId, draft.agencyId);
  const counting = countingSubmission(history.filter((s) => s.revision < draft.revision));
  if (!counting || !campaign) return texts.report.draftFirst;
  const before = answerLines(texts, campaign, counting.answers);
  const after = answerLines(texts, campaign, draft.answers);
  const lines = after.flatMap((line, i) => (line === before[i] ? [] : [texts.report.draftChangeLine(before[i] ?? '', line)]));
  return texts.report.draftChanges(counting.revision, lines);
}

/** The draft in full, what changed, and the two buttons (when the ids fit Telegram's 64 bytes). */
export async function draftReview(services: Services, draft: Submission, texts: Texts = vi): Promise<Reply> {
  const period = await services.periods.find(draft.periodId);
  const campaign = findCampaign(services.plan, draft.campaignId);
  const agency = findAgency(services.plan, draft.agencyId);
  const notice = texts.report.approvalNotice({
    agency: agency?.name ?? draft.agencyId,
    ...(agency ? { headOffice: officeOf(agency, 'head'), deputyTitle: officeTitle(agency, 'deputy') } : {}),
    deputy: draft.submittedBy.name,
    period: period?.name ?? draft.periodId,
    campaign: campaign?.name ?? draft.campaignId,
    lines: campaign ? answerLines(texts, campaign, draft.answers) : [],
    reference: referenceNumber(draft.periodId, draft.agencyId, draft.revision),
  });
  // The notice's last line explains the old one-tap flow; the review ends with the question instead.
  const body = notice.split('\n').slice(0, -1).join('\n');
  const text = [body, await changeLines(services, draft, texts), texts.report.draftAsk].join('\n');
  const ids = [
    choiceIds.approve(draft.periodId, draft.agencyId, draft.revision),
    returnChoiceId(draft.periodId, draft.agencyId, draft.revision),
  ];
  const choices: Choice[] = ids.every((id) => Buffer.byteLength(id, 'utf8') <= 64)
    ? [
        { id: ids[0] ?? '', label: texts.report.choiceApprove },
        { id: ids[1] ?? '', label: texts.report.choiceReturn },
      ]
    : [];
  return { text, ...(choices.length > 0 ? { choices } : {}) };
}

/**
 * Without sign-off a deputy's report counts at once; the agency's heads still hear of it
 * privately, with the answers, so nothing is sent in their agency's name unknown to them.
 */
export async function deputyReportNotices(services: Services, saved: Submission, texts: Texts = vi): Promise<Reply[]> {
  if (saved.submittedBy.role !== 'deputy' || saved.status === 'draft') return [];
  const heads = (await services.store.people.membersOf(saved.agencyId)).filter(
    (m) => m.role === 'head' && m.account !== saved.submittedBy.account,
  );
  if (heads.length === 0) return [];
  const period = await services.periods.find(saved.periodId);
  const campaign = findCampaign(services.plan, saved.campaignId);
  const agency = findAgency(services.plan, saved.agencyId);
  const text = texts.report.deputyReported({
    headOffice: agency ? officeOf(agency, 'head') : `Thủ trưởng ${saved.agencyId}`,
    deputy: saved.submittedBy.name,
    deputyTitle: agency ? officeTitle(agency, 'deputy') : 'cấp phó',
    agency: agency?.name ?? saved.agencyId,
    period: period?.name ?? saved.periodId,
    campaign: campaign?.name ?? saved.campaignId,
    at: formatDateTime(saved.submittedAt),
    reference: referenceNumber(saved.periodId, saved.agencyId, saved.revision),
    revision: saved.revision,
    lines: campaign ? answerLines(texts, campaign, saved.answers) : [],
  });
  return [...new Set(heads.map((h) => h.account))].map((account) => ({ text, to: privateChatOf(account) }));
}
