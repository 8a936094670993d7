import { randomUUID } from 'node:crypto';
import { localDateAt } from '../../src/domain/vietnam-time.js';
import { findAgency } from '../../src/domain/plan.js';
import { reportStatusFor } from '../../src/domain/report/approval.js';
import type { ReportConversation } from '../../src/domain/report/conversation.js';
import { referenceNumber } from '../../src/domain/report/reference.js';
import { timelinessOf, timelinessStamp } from '../../src/domain/report/timeliness.js';
import { prepareSubmission, type ItemAnswer, type Submission } from '../../src/domain/submission.js';
import { remarksForSubmission } from '../../src/domain/report/remarks.js';
import type { Reply } from '../../src/messaging/reply.js';
import { formatDateTime } from '../../src/texts/format.js';
import type { Texts } from '../../src/texts/index.js';
import { countingSubmissionOf } from '../counting-reports.js';
import type { Services } from '../services.js';
import { periodAndCampaign, roleFor, showAgain, type ReportTurn } from './turn.js';
import { approvalRequests, coordinatorNotices } from './notify.js';
import { deputyReportNotices } from './sign-off.js';
import { answerLines, longDate } from './render.js';
import { endConversation } from './session.js';

/** How long the confirm step may hold its (period, agency) lease; it takes milliseconds. */
export const CONFIRM_LEASE_MS = 15_000;

/** The lease that keeps two confirmations (or a confirmation and an approval) of one agency's report apart. */
export function reportLeaseKey(periodId: string, agencyId: string): string {
  return `report-confirm:${periodId}:${agencyId}`;
}

/**
 * Runs `work` holding the (period, agency) lease, or returns undefined when someone else holds it.
 * The lease is released afterwards whatever happens; if the process dies, it expires by itself.
 *
 * When the store drops out mid-confirmation (a Redis restart), the lease may stay behind: its claim
 * ran but the answer was lost, or its release could not be sent. It is then remembered here, and
 * the next confirmation of the same report in this process releases it first: that attempt is
 * over, and without this the person who retries is told for up to CONFIRM_LEASE_MS that "another
 * official" is sending — their own failed attempt. Saved work is never undone by a failed release:
 * the result stands and the lease is left to expire or to be released then.
 */
export async function withReportLease<T>(
  services: Services,
  periodId: string,
  agencyId: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const key = reportLeaseKey(periodId, agencyId);
  const { store, logger } = services;
  const leftBehind = leasesLeftBehind(store);
  const stale = leftBehind.get(key);
  if (stale !== undefined) {
    // Still unreachable: the claim below fails the same way, and the owner stays remembered.
    await store.leases.release(key, stale).then(
      () => leftBehind.delete(key),
      () => undefined,
    );
  }
  const owner = randomUUID();
  let claimed: boolean;
  try {
    claimed = await store.leases.claim(key, owner, CONFIRM_LEASE_MS);
  } catch (err) {
    leftBehind.set(key, owner);
    throw err;
  }
  if (!claimed) return undefined;
  try {
    return await work();
  } finally {
    try {
      await store.leases.release(key, owner);
    } catch (err) {
      leftBehind.set(key, owner);
      logger.warn(
        { err, lease: key },
        'report lease not released (the store is unreachable); released at the next confirmation or when it expires',
      );
    }
  }
}

/** Per store: confirmation leases this process may have left held, by lease key (see withReportLease). */
const leftBehindByStore = new WeakMap<object, Map<string, string>>();
function leasesLeftBehind(store: object): Map<string, string> {
  let found = leftBehindByStore.get(store);
  if (!found) {
    found = new Map();
    leftBehindByStore.set(store, found);
  }
  return found;
}

/** The receipt for a saved revision. */
export async function receipt(services: Services, texts: Texts, saved: Submission, notified: boolean): Promise<string> {
  const { period, campaign } = await periodAndCampaign(services, saved);
  const t = period ? timelinessOf(period, saved) : undefined;
  return texts.report.receipt({
    agency: findAgency(services.plan, saved.agencyId)?.name ?? saved.agencyId,
    period: period?.name ?? saved.periodId,
    campaign: campaign?.name ?? saved.campaignId,
    at: formatDateTime(saved.submittedAt),
    late: saved.late,
    notified,
    deadline: period ? longDate(texts, period.deadline) : '',
    reference: referenceNumber(saved.periodId, saved.agencyId, saved.revision),
    revision: saved.revision,
    draft: saved.status === 'draft',
    ...(t && saved.firstCountedAt !== undefined && saved.status !== 'draft'
      ? { firstAt: formatDateTime(t.firstCountedAt), revisedAfterDeadline: t.revisedAfterDeadline }
      : {}),
  });
}

const sameAnswers = (a: readonly ItemAnswer[], b: readonly ItemAnswer[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * "Xác nhận": saves the report as a new revision, unless someone else of the agency saved one
 * since this conversation began — then their report is shown and this one is put back to review,
 * never silently written over it. A short lease per (period, agency) keeps two confirmations from
 * both passing that check at once.
 */
export async function confirmReport(turn: ReportTurn, key: string, state: ReportConversation): Promise<Reply[]> {
  const { services, texts, incoming, identity } = turn;
  const { period, campaign } = await periodAndCampaign(services, state);
  const agencyId = state.agencyId ?? '';
  const role = roleFor(identity, agencyId);
  if (!period || !campaign || !role) {
    await endConversation(services, key);
    return [{ text: texts.report.notAllowedAnymore(findAgency(services.plan, agencyId)?.name ?? agencyId) }];
  }
  const now = services.clock.now();
  const prepared = prepareSubmission({
    campaign,
    period,
    agencyId,
    answers: state.answers,
    submittedBy: { account: incoming.sender.account, name: incoming.sender.name, role },
    submittedAt: now,
  });
  if (!prepared.ok) {
    // Only when the plan changed under the conversation: ask for what is missing.
    const missing = [...new Set(prepared.problems.map((p) => p.itemNo))].filter((n) => campaign.items.some((i) => i.no === n));
    const next: ReportConversation = {
      ...state,
      answers: state.answers.filter((a) => !missing.includes(a.itemNo)),
      pending: missing.map((itemNo) => ({ itemNo })),
      phase: missing.length > 0 ? 'items' : 'review',
    };
    return showAgain(turn, key, next, []);
  }

  const outcome = await withReportLease(services, period.id, agencyId, async (): Promise<Reply[]> => {
    const latest = await services.store.reports.latest(period.id, agencyId);
    if (latest && latest.revision > state.baseRevision) {
      if (
        latest.submittedBy.account === incoming.sender.account &&
        latest.submittedAt >= state.startedAt &&
        sameAnswers(latest.answers, prepared.submission.answers)
      ) {
        // The same confirmation twice (a double tap): the first one saved it.
        await endConversation(services, key);
        return [{ text: `${texts.report.alreadyReceived}\n\n${await receipt(services, texts, latest, latest.late)}` }];
      }
      const conflict: Reply = {
        text: texts.report.conflict({
          name: latest.submittedBy.name,
          agency: findAgency(services.plan, agencyId)?.name ?? agencyId,
          revision: latest.revision,
          at: formatDateTime(latest.submittedAt),
          lines: answerLines(texts, campaign, latest.answers),
        }),
      };
      return showAgain(turn, key, { ...state, baseRevision: latest.revision, previous: latest.answers, phase: 'review', pending: [] }, [
        conflict,
      ]);
    }
    const delegation = role === 'deputy' && campaign.requiresApproval ? await services.store.delegations.get(agencyId) : undefined;
    const status = reportStatusFor({ campaign, role, account: incoming.sender.account, delegation, today: localDateAt(now) });
    // Timeliness is a fact about the agency's first counting report: a correction carries it over.
    const previousCounting = latest ? await countingSubmissionOf(services.store, period.id, agencyId) : undefined;
    const saved = await services.store.reports.add({
      ...prepared.submission,
      ...remarksForSubmission(state.remarks),
      status,
      ...timelinessStamp(period, previousCounting, status === 'final', now),
    });
    await endConversation(services, key);
    services.logger.info({ period: period.id, agency: agencyId, revision: saved.revision, late: saved.late, status }, 'report received');
    if (status === 'draft') {
      const requests = await approvalRequests(services, saved);
      const text = await receipt(services, texts, saved, false);
      return [{ text: requests.length > 0 ? text : `${text}\n${texts.report.noHeadToApprove}` }, ...requests];
    }
    const notices = await coordinatorNotices(services, saved);
    // Without sign-off a deputy's report counts at once; the head is still told of it.
    const toHeads = await deputyReportNotices(services, saved);
    return [{ text: await receipt(services, texts, saved, notices.length > 0) }, ...toHeads, ...notices];
  });
  return outcome ?? showAgain(turn, key, state, [{ text: texts.report.busy }]);
}
