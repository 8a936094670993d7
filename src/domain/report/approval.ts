import type { Campaign } from '../campaign.js';
import { delegationHolds, type Delegation } from '../delegation.js';
import type { LocalDate } from '../vietnam-time.js';
import { isLate, type Period } from '../period.js';
import type { AccountId } from '../roles.js';
import type { NewSubmission, Submission, SubmissionStatus } from '../submission.js';

/**
 * Whether a revision counts as the agency having reported: everything but a deputy's draft still
 * waiting for the head's sign-off. Revisions written before sign-off existed (no status) count.
 * Reminders and summaries use this on the latest revision.
 */
export function countsAsReported(submission: Pick<Submission, 'status'>): boolean {
  return submission.status !== 'draft';
}

/**
 * The revision that counts for an agency, from its history (oldest first): the latest one that
 * counts as reported. When a deputy drafts an amendment to a report the head already sent, the
 * head's earlier report still counts until the draft is approved.
 */
export function countingSubmission<S extends Pick<Submission, 'status'>>(history: readonly S[]): S | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const s = history[i];
    if (s && countsAsReported(s)) return s;
  }
  return undefined;
}

/**
 * Whether a report sent now is a draft: only when the campaign asks for the head's sign-off and the
 * sender is a deputy who does not hold the head's delegation today.
 */
export function reportStatusFor(input: {
  campaign: Pick<Campaign, 'requiresApproval'>;
  role: 'head' | 'deputy';
  account: AccountId;
  delegation: Delegation | undefined;
  today: LocalDate;
}): SubmissionStatus {
  if (!input.campaign.requiresApproval || input.role === 'head') return 'final';
  const delegated =
    input.delegation !== undefined && input.delegation.to === input.account && delegationHolds(input.delegation, input.today);
  return delegated ? 'final' : 'draft';
}

/**
 * The revision that records the head's sign-off of a draft: the same answers and author, status
 * final, with who approved it and when. When nothing counted before, the agency counts from the
 * approval, so lateness is judged then; an approved amendment keeps the agency's first count (the
 * draft carries it) and never changes its lateness.
 */
export function approvedRevision(
  draft: Submission,
  period: Period,
  approver: { account: AccountId; name: string },
  at: number,
): NewSubmission {
  const { revision: _revision, ...rest } = draft;
  const firstCountedAt = draft.firstCountedAt ?? at;
  return { ...rest, status: 'final', approvedBy: approver, approvedAt: at, firstCountedAt, late: isLate(period, firstCountedAt) };
}
