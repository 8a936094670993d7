import type { AccountId, Role } from './roles.js';
import type { Campaign } from './campaign.js';
import { isLate, type Period } from './period.js';

/** Progress of one report item, in the words agencies use. */
export const ITEM_STATUSES = ['done', 'in-progress', 'not-started'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Longest note accepted for one item; longer text is sent back to be shortened, never cut. */
export const NOTE_MAX_LENGTH = 500;

/** Longest "khó khăn, vướng mắc" or "kiến nghị, đề xuất" accepted; longer is sent back, never cut. */
export const REMARK_MAX_LENGTH = 1000;

/** One agency's answer for one report item. */
export interface ItemAnswer {
  itemNo: number;
  status: ItemStatus;
  /** 0–100, in tenths at most (72.5); 100 when done, 0 when not started. */
  percent: number;
  note: string;
  /** The count asked for by items with a quantity. */
  quantity?: number;
}

/** Who sent a report, kept with it for the record. */
export interface Submitter {
  account: AccountId;
  name: string;
  role: Extract<Role, 'head' | 'deputy' | 'coordinator' | 'admin'>;
}

/**
 * One revision of an agency's report for a period. Every revision is kept; the latest counts.
 * `revision` is assigned by the store, 1 for the first report.
 */
export interface Submission {
  campaignId: string;
  periodId: string;
  agencyId: string;
  revision: number;
  answers: ItemAnswer[];
  submittedBy: Submitter;
  submittedAt: number;
  /**
   * The agency's FIRST counting report came after the deadline (see report/timeliness.ts): later
   * revisions carry it unchanged, so a correction never makes an on-time agency late.
   */
  late: boolean;
  /**
   * When the agency's first counting revision for the period started to count, carried on every
   * later revision; absent on a draft with nothing counting before it, and on older records.
   */
  firstCountedAt?: number;
  /**
   * `draft` while a deputy's report waits for the head's sign-off (campaigns with
   * `requiresApproval`); a draft does not count as reported. Absent (older revisions) means final.
   */
  status?: SubmissionStatus;
  /** Set on the revision that records the head's sign-off of a draft (same answers, status final). */
  approvedBy?: { account: AccountId; name: string };
  approvedAt?: number;
  /**
   * The two optional last answers of a report, quoted in the draft report's sections III and IV:
   * "Khó khăn, vướng mắc" and "Kiến nghị, đề xuất". Absent (or empty) when the agency skipped them.
   */
  difficulties?: string;
  proposals?: string;
}

export type SubmissionStatus = 'draft' | 'final';

/** A submission before the store numbers it. */
export type NewSubmission = Omit<Submission, 'revision'>;

export type AnswerProblem =
  | { kind: 'unknown-item'; itemNo: number }
  | { kind: 'duplicate-item'; itemNo: number }
  | { kind: 'missing-item'; itemNo: number }
  | { kind: 'percent-out-of-range'; itemNo: number; percent: number }
  | { kind: 'note-too-long'; itemNo: number; length: number; max: number }
  | { kind: 'quantity-invalid'; itemNo: number }
  | { kind: 'quantity-missing'; itemNo: number };

/** Checks a full set of answers against the campaign's items; an empty list means acceptable. */
export function checkAnswers(campaign: Campaign, answers: readonly ItemAnswer[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Set<number>();
  const items = new Map(campaign.items.map((i) => [i.no, i]));
  for (const a of answers) {
    const item = items.get(a.itemNo);
    if (!item) {
      problems.push({ kind: 'unknown-item', itemNo: a.itemNo });
      continue;
    }
    if (seen.has(a.itemNo)) problems.push({ kind: 'duplicate-item', itemNo: a.itemNo });
    seen.add(a.itemNo);
    // Tenths are allowed ("72,5%", as heads write it); finer than that is a slip.
    if (!Number.isFinite(a.percent) || Math.abs(Math.round(a.percent * 10) - a.percent * 10) > 1e-9 || a.percent < 0 || a.percent > 100) {
      problems.push({ kind: 'percent-out-of-range', itemNo: a.itemNo, percent: a.percent });
    }
    const length = [...a.note].length;
    if (length > NOTE_MAX_LENGTH) problems.push({ kind: 'note-too-long', itemNo: a.itemNo, length, max: NOTE_MAX_LENGTH });
    if (item.quantity) {
      if (a.quantity === undefined) problems.push({ kind: 'quantity-missing', itemNo: a.itemNo });
      else if (!Number.isSafeInteger(a.quantity) || a.quantity < 0) problems.push({ kind: 'quantity-invalid', itemNo: a.itemNo });
    } else if (a.quantity !== undefined) {
      problems.push({ kind: 'quantity-invalid', itemNo: a.itemNo });
    }
  }
  for (const no of items.keys()) if (!seen.has(no)) problems.push({ kind: 'missing-item', itemNo: no });
  return problems;
}

/** Brings an answer's percent in line with its status: done is 100 %, not started is 0 %. */
export function normaliseAnswer(answer: ItemAnswer): ItemAnswer {
  if (answer.status === 'done') return { ...answer, percent: 100 };
  if (answer.status === 'not-started') return { ...answer, percent: 0 };
  return answer;
}

/**
 * Prepares a report for the store: answers normalised and sorted, lateness judged at this moment.
 * Lateness is a fact about the agency's first counting report, so the caller that knows what counts
 * now stamps it over this with `timelinessStamp` (report/timeliness.ts) before saving; a revision
 * saved unstamped is judged from the agency's history when read (handlers/counting-reports.ts).
 */
export function prepareSubmission(input: {
  campaign: Campaign;
  period: Period;
  agencyId: string;
  answers: readonly ItemAnswer[];
  submittedBy: Submitter;
  submittedAt: number;
}): { ok: true; submission: NewSubmission } | { ok: false; problems: AnswerProblem[] } {
  const answers = input.answers.map(normaliseAnswer).sort((a, b) => a.itemNo - b.itemNo);
  const problems = checkAnswers(input.campaign, answers);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    submission: {
      campaignId: input.campaign.id,
      periodId: input.period.id,
      agencyId: input.agencyId,
      answers,
      submittedBy: input.submittedBy,
      submittedAt: input.submittedAt,
      late: isLate(input.period, input.submittedAt),
    },
  };
}
