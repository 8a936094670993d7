import type { Campaign, ReportItem } from '../campaign.js';
import type { AccountId } from '../roles.js';
import type { ItemAnswer, ItemStatus, Submission } from '../submission.js';
import { foldVietnamese } from '../typed-text/fold.js';
import {
  completeAnswer,
  foldAnswer,
  isCancelWord,
  isConfirmWord,
  isKeepWord,
  missingField,
  parseItemText,
  parseNote,
  parsePercent,
  parseQuantity,
  parseStatus,
  STATUS_OPTIONS,
  type DraftAnswer,
  type InputProblem,
} from './answers.js';
import { looksLikeQuickForm, parseQuickForm, type Doubt } from './quick-form.js';
import { hasRemarkLines, parseRemark, splitRemarks, type RemarkField, type Remarks } from './remarks.js';

/**
 * The report conversation as a pure state machine. The state is plain JSON, kept in the store under
 * one key per (platform, chat, sender) so that a restart or another instance carries on; the
 * handlers load it, call `answer`, and save what comes back. Nothing here reads the store or the
 * clock.
 *
 * Phases: `agency` (only for someone reporting for several agencies) → `begin`, where the handler
 * offers the periods open to that agency (`withPeriods`: `period` when there are several) and then
 * fetches the latest revision and calls `startItems` → `items` (status, percent, count and note of
 * each item still pending) → `review` (confirm, edit item N, cancel). Confirming is the handler's:
 * it saves the submission and ends the conversation.
 */
export interface ReportConversation {
  v: 1;
  account: AccountId;
  startedAt: number;
  /** When it lapses by the bot's clock; refreshed at every step. */
  expiresAt: number;
  phase: 'agency' | 'period' | 'begin' | 'items' | 'remarks' | 'review';
  /** Agencies offered when the person reports for several. */
  agencyOptions: string[];
  agencyId?: string;
  /** Periods offered when several are open. */
  periodOptions: string[];
  periodId?: string;
  /** Quick-form text sent with /baocao, applied once the agency and period are known. */
  quickText?: string;
  /** The latest revision when the items began (or when someone else's report was last shown); 0 for none. */
  baseRevision: number;
  /** That revision's answers: what "bỏ qua" keeps and what a partial quick form leaves as it was. */
  previous: ItemAnswer[];
  /** Complete answers so far, by item number. */
  answers: ItemAnswer[];
  /** Items still to ask, the first one being asked now, with what is already known of each. */
  pending: DraftAnswer[];
  /** "Khó khăn, vướng mắc" and "Kiến nghị, đề xuất" ('' when skipped); see remarks.ts. */
  remarks?: Remarks;
  /** The two optional questions were asked (or the quick form was used): not asked again. */
  remarksAsked?: boolean;
  /** When the person last answered (the bot's clock); a long pause offers "tiếp tục" / "làm lại". */
  lastActiveAt?: number;
  /** Interrupted (a pause, another command, /baocao again): the next message chooses to go on or start over. */
  paused?: boolean;
}

/** What the person is being asked now. */
export type Question =
  | { kind: 'agency'; options: string[] }
  | { kind: 'period'; options: string[] }
  | { kind: 'begin' }
  | {
      kind: 'status' | 'percent' | 'quantity' | 'note';
      item: ReportItem;
      index: number;
      total: number;
      draft: DraftAnswer;
      keep?: ItemAnswer;
    }
  | { kind: RemarkField }
  | { kind: 'review'; answers: ItemAnswer[]; baseRevision: number }
  /** After an interruption: go on where it stopped, or start the items over. */
  | { kind: 'resume'; answered: number; total: number };

/** One message from the person: text, or an option picked. */
export type ConversationInput = { type: 'text'; text: string } | { type: 'choice'; id: string };

export type Outcome =
  /**
   * Moved on: save the state and ask its current question. `recorded`: items a quick-form line
   * typed mid-conversation answered (say so, since the question may stay the same).
   */
  | { kind: 'next'; state: ReportConversation; recorded?: readonly number[]; quick?: QuickOutcome }
  /** Not taken: explain and ask the same question again; the state is unchanged. */
  | { kind: 'problem'; problem: InputProblem }
  /** An option that does not belong to the current question (an old button). */
  | { kind: 'stale' }
  | { kind: 'confirm' }
  | { kind: 'cancel' };

/**
 * What a quick form said, for showing it back item by item: the drafts read without doubt and the
 * doubts (items named in a doubt are asked again in full; nothing of them is kept).
 */
export interface QuickOutcome {
  drafts: readonly DraftAnswer[];
  doubts: readonly Doubt[];
}

/** Names of the agencies and periods offered, for typed answers ("2", "y te", "6 thang"). */
export interface ConversationContext {
  campaign?: Campaign;
  nameOf(kind: 'agency' | 'period', id: string): string;
}

// ── Option ids (≤ 64 bytes: Telegram callback data) ─────────────────────────────────────────────

const STATUS_CODE: Record<ItemStatus, string> = { done: 'done', 'in-progress': 'prog', 'not-started': 'none' };

export const choiceIds = {
  agency: (agencyId: string) => `ag:${agencyId}`,
  period: (periodId: string) => `p:${periodId}`,
  status: (itemNo: number, status: ItemStatus | 'keep') => `st:${itemNo}:${status === 'keep' ? 'keep' : STATUS_CODE[status]}`,
  keep: (field: 'percent' | 'quantity' | 'note', itemNo: number) =>
    `${field === 'percent' ? 'pc' : field === 'quantity' ? 'qt' : 'nt'}:${itemNo}:keep`,
  noNote: (itemNo: number) => `nt:${itemNo}:none`,
  confirm: (baseRevision: number) => `rv:${baseRevision}:ok`,
  edit: (baseRevision: number, itemNo: number) => `rv:${baseRevision}:edit:${itemNo}`,
  cancel: (baseRevision: number) => `rv:${baseRevision}:cancel`,
  /** Skips one of the two optional last questions. */
  skipRemark: (field: RemarkField) => `rk:${field}:skip`,
  resume: (how: 'go' | 'over' | 'cancel') => `rs:${how}`,
  /** In the notice to the head: approve this draft. */
  approve: (periodId: string, agencyId: string, revision: number) => `ap:${periodId}:${agencyId}:${revision}`,
} as const;

/** Reads an approval option back; undefined for anything else. */
export function parseApproveChoice(id: string): { periodId: string; agencyId: string; revision: number } | undefined {
  const m = /^ap:([a-z0-9-]+):([a-z0-9-]+):(\d{1,9})$/.exec(id);
  return m ? { periodId: m[1] ?? '', agencyId: m[2] ?? '', revision: Number(m[3]) } : undefined;
}

/** Whether an option id belongs to the report conversation (so an old one is answered as stale). */
export function isReportChoice(id: string): boolean {
  return /^(ag|p|st|pc|qt|nt|rv|ap|rk|rs):/.test(id);
}

// ── Starting ───────────────────────────────────────────────────────────────────────────────────

/**
 * A new conversation: asks for the agency only when the person reports for several. The handler
 * then offers the periods open for that agency (`withPeriods`) and fetches the latest revision.
 */
export function beginReport(input: {
  account: AccountId;
  now: number;
  agencies: readonly string[];
  quickText?: string;
}): ReportConversation {
  const state: ReportConversation = {
    v: 1,
    account: input.account,
    startedAt: input.now,
    expiresAt: input.now,
    phase: 'begin',
    agencyOptions: input.agencies.length > 1 ? [...input.agencies] : [],
    periodOptions: [],
    baseRevision: 0,
    previous: [],
    answers: [],
    pending: [],
  };
  const only = input.agencies.length === 1 ? input.agencies[0] : undefined;
  if (only) state.agencyId = only;
  else state.phase = 'agency';
  if (input.quickText) state.quickText = input.quickText;
  return state;
}

/**
 * The periods open to the chosen agency: one is taken as it is, several are asked about; none
 * gives undefined (nothing to report now).
 */
export function withPeriods(state: ReportConversation, periodIds: readonly string[]): ReportConversation | undefined {
  if (periodIds.length === 0) return undefined;
  if (periodIds.length === 1) return { ...state, periodId: periodIds[0] ?? '', periodOptions: [], phase: 'begin' };
  return { ...state, periodOptions: [...periodIds], phase: 'period' };
}

/**
 * Begins the items once the agency and period are known, from the latest revision (if any): step by
 * step through every item, or — with a quick form — straight to the review when it covers
 * everything (items it leaves out keep the latest revision's answers, or are asked for).
 */
export function startItems(
  state: ReportConversation,
  campaign: Campaign,
  latest: Pick<Submission, 'revision' | 'answers'> | undefined,
): { state: ReportConversation; quick?: QuickOutcome } {
  const itemNos = new Set(campaign.items.map((i) => i.no));
  const previous = (latest?.answers ?? []).filter((a) => itemNos.has(a.itemNo));
  const base: ReportConversation = { ...state, baseRevision: latest?.revision ?? 0, previous, answers: [], pending: [] };
  delete base.quickText;
  if (!state.quickText) {
    return { state: { ...base, phase: 'items', pending: campaign.items.map((i) => ({ itemNo: i.no })) } };
  }
  // A quick form is not followed by the two optional questions: its own "kho khan: …" and
  // "kien nghi: …" lines (if any) answer them. A remark too long to keep whole is a doubt, shown back.
  const split = splitRemarks(state.quickText);
  base.remarks = split.remarks;
  base.remarksAsked = true;
  const remarkDoubts: Doubt[] = split.problem ? [{ text: state.quickText.trim(), problem: split.problem }] : [];
  if (split.rest === '') {
    const pending = campaign.items.map((i) => ({ itemNo: i.no }));
    return {
      state: { ...base, phase: 'items', pending },
      ...(remarkDoubts.length > 0 ? { quick: { drafts: [], doubts: remarkDoubts } } : {}),
    };
  }
  const parsed = parseQuickForm(split.rest, campaign);
  const quick = { ...parsed, doubts: [...parsed.doubts, ...remarkDoubts] };
  const doubted = doubtedItems(quick.doubts, campaign);
  const given = new Set([...quick.drafts.map((d) => d.itemNo), ...doubted]);
  // Items the message does not name keep the latest revision's answers; doubted ones never do.
  const kept = previous.filter((a) => !given.has(a.itemNo));
  const withQuick = applyDrafts({ ...base, answers: kept }, campaign, quick.drafts, doubted);
  const unanswered = campaign.items
    .filter((i) => !withQuick.answers.some((a) => a.itemNo === i.no) && !withQuick.pending.some((d) => d.itemNo === i.no))
    .map((i) => ({ itemNo: i.no }));
  const pending = [...withQuick.pending, ...unanswered].sort((a, b) => a.itemNo - b.itemNo);
  return { state: { ...withQuick, pending, phase: pending.length > 0 ? 'items' : 'review' }, quick };
}

/** The campaign's items a quick form's doubts are about: they are asked again in full. */
function doubtedItems(doubts: readonly Doubt[], campaign: Campaign): number[] {
  return [...new Set(doubts.map((d) => d.itemNo).filter((n): n is number => n !== undefined && campaign.items.some((i) => i.no === n)))];
}

/**
 * Applies quick-form drafts to a conversation: complete ones become answers (replacing earlier
 * ones), incomplete ones are asked for; items they cover are no longer pending otherwise.
 */
function applyDrafts(
  state: ReportConversation,
  campaign: Campaign,
  drafts: readonly DraftAnswer[],
  doubted: readonly number[] = [],
): ReportConversation {
  let answers = [...state.answers];
  const covered = new Set([...drafts.map((d) => d.itemNo), ...doubted]);
  const pending = state.pending.filter((d) => !covered.has(d.itemNo));
  for (const d of drafts) {
    const item = campaign.items.find((i) => i.no === d.itemNo);
    if (!item) continue;
    if (missingField(d, item) === undefined) answers = upsert(answers, completeAnswer(d, item));
    else pending.push(d);
  }
  // A doubted item loses what this conversation had for it: it is asked again, not kept.
  answers = answers.filter((a) => !doubted.includes(a.itemNo));
  for (const itemNo of doubted) pending.push({ itemNo });
  pending.sort((a, b) => a.itemNo - b.itemNo);
  return { ...state, answers, pending, phase: pending.length > 0 ? 'items' : 'review' };
}

function upsert(answers: readonly ItemAnswer[], answer: ItemAnswer): ItemAnswer[] {
  return [...answers.filter((a) => a.itemNo !== answer.itemNo), answer].sort((a, b) => a.itemNo - b.itemNo);
}

/** What "bỏ qua" keeps for an item: this conversation's answer, else the latest revision's. */
export function keepFor(state: ReportConversation, itemNo: number): ItemAnswer | undefined {
  return state.answers.find((a) => a.itemNo === itemNo) ?? state.previous.find((a) => a.itemNo === itemNo);
}

// ── Asking ─────────────────────────────────────────────────────────────────────────────────────

export function currentQuestion(state: ReportConversation, campaign: Campaign | undefined): Question {
  if (state.paused)
    return { kind: 'resume', answered: state.answers.length, total: campaign?.items.length ?? state.answers.length + state.pending.length };
  switch (state.phase) {
    case 'agency':
      return { kind: 'agency', options: state.agencyOptions };
    case 'period':
      return { kind: 'period', options: state.periodOptions };
    case 'begin':
      return { kind: 'begin' };
    case 'review':
      return { kind: 'review', answers: state.answers, baseRevision: state.baseRevision };
    case 'remarks':
      return { kind: state.remarks?.difficulties === undefined ? 'difficulties' : 'proposals' };
    case 'items': {
      const draft = state.pending[0];
      const item = draft && campaign?.items.find((i) => i.no === draft.itemNo);
      if (!draft || !item || !campaign) return { kind: 'review', answers: state.answers, baseRevision: state.baseRevision };
      const field = missingField(draft, item) ?? 'note';
      const keep = keepFor(state, item.no);
      return { kind: field, item, index: campaign.items.indexOf(item) + 1, total: campaign.items.length, draft, ...(keep ? { keep } : {}) };
    }
  }
}

/** Which "keep" a question offers, if any: only what the kept answer actually has. */
export function canKeep(question: Question): boolean {
  if (!('keep' in question) || !question.keep) return false;
  switch (question.kind) {
    case 'percent':
      return question.keep.status === 'in-progress';
    case 'quantity':
      return question.keep.quantity !== undefined;
    case 'status':
    case 'note':
      return true;
    default:
      return false;
  }
}

// ── Answering ──────────────────────────────────────────────────────────────────────────────────

/**
 * Sets a conversation aside after an interruption; the next message chooses "tiếp tục" or "làm
 * lại". Only once the items have begun: before that there is nothing to lose.
 */
export function pause(state: ReportConversation): ReportConversation {
  return state.phase === 'items' || state.phase === 'review' ? { ...state, paused: true } : state;
}

const RESUME_WORDS = new Set(['tiep tuc', 'tiep', 'lam tiep', 'tiep tuc bao cao', 'continue', 'resume']);
const RESTART_WORDS = new Set(['lam lai', 'bat dau lai', 'lam lai tu dau', 'bao cao lai', 'restart', 'start over']);

function resume(state: ReportConversation, input: ConversationInput, ctx: ConversationContext): Outcome {
  const typed = input.type === 'text' ? foldAnswer(input.text) : undefined;
  const go = input.type === 'choice' ? input.id === choiceIds.resume('go') : RESUME_WORDS.has(typed ?? '') || typed === '1';
  const over = input.type === 'choice' ? input.id === choiceIds.resume('over') : RESTART_WORDS.has(typed ?? '') || typed === '2';
  const awake: ReportConversation = { ...state };
  delete awake.paused;
  if (input.type === 'choice' && input.id === choiceIds.resume('cancel')) return { kind: 'cancel' };
  if (go) return { kind: 'next', state: awake };
  if (over && ctx.campaign) {
    return { kind: 'next', state: { ...awake, answers: [], phase: 'items', pending: ctx.campaign.items.map((i) => ({ itemNo: i.no })) } };
  }
  if (input.type === 'choice') return { kind: 'stale' };
  // Answers sent straight away ("4: xong", a whole report): going on is what was meant.
  if (ctx.campaign && (awake.phase === 'items' || awake.phase === 'review') && looksLikeQuickForm(input.text))
    return quickStep(awake, ctx.campaign, input.text);
  return { kind: 'problem', problem: { kind: 'resume-choice' } };
}

export function answer(state: ReportConversation, input: ConversationInput, ctx: ConversationContext): Outcome {
  const outcome = answerStep(state, input, ctx);
  // The items done, the two optional questions come once before the review.
  if (outcome.kind === 'next' && outcome.state.phase === 'review' && state.phase !== 'review' && !outcome.state.remarksAsked) {
    return { ...outcome, state: { ...outcome.state, phase: 'remarks', remarksAsked: true } };
  }
  return outcome;
}

function answerStep(state: ReportConversation, input: ConversationInput, ctx: ConversationContext): Outcome {
  if (input.type === 'text' && input.text.trim() === '') return { kind: 'problem', problem: { kind: 'empty' } };
  if (input.type === 'text' && isCancelWord(input.text)) return { kind: 'cancel' };
  if (state.paused) return resume(state, input, ctx);
  switch (state.phase) {
    case 'agency':
      return select(state, input, ctx, 'agency');
    case 'period':
      return select(state, input, ctx, 'period');
    case 'begin':
      return { kind: 'stale' };
    case 'review':
      return review(state, input, ctx);
    case 'items':
      return item(state, input, ctx);
    case 'remarks':
      return remark(state, input);
  }
}

/** One of the two optional questions: any text, or "không" / "bỏ qua" / the button to skip it. */
function remark(state: ReportConversation, input: ConversationInput): Outcome {
  const question = currentQuestion(state, undefined);
  if (question.kind !== 'difficulties' && question.kind !== 'proposals') return { kind: 'stale' };
  let text: string;
  if (input.type === 'choice') {
    if (input.id !== choiceIds.skipRemark(question.kind)) return { kind: 'stale' };
    text = '';
  } else {
    const parsed = parseRemark(input.text);
    if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
    text = parsed.text;
  }
  const remarks = { ...state.remarks, [question.kind]: text };
  return { kind: 'next', state: { ...state, remarks, phase: question.kind === 'proposals' ? 'review' : 'remarks' } };
}

function select(state: ReportConversation, input: ConversationInput, ctx: ConversationContext, kind: 'agency' | 'period'): Outcome {
  const options = kind === 'agency' ? state.agencyOptions : state.periodOptions;
  const prefix = kind === 'agency' ? 'ag:' : 'p:';
  let chosen: string | undefined;
  if (input.type === 'choice') {
    chosen = input.id.startsWith(prefix) ? options.find((o) => o === input.id.slice(prefix.length)) : undefined;
    if (!chosen) return { kind: 'stale' };
  } else {
    const typed = foldAnswer(input.text);
    if (/^\d{1,3}$/.test(typed)) {
      chosen = options[Number(typed) - 1];
      if (!chosen) return { kind: 'problem', problem: { kind: 'choice-out-of-range', max: options.length } };
    } else {
      const matches = options.filter((o) => o === typed || foldVietnamese(ctx.nameOf(kind, o)).includes(typed));
      chosen = matches.length === 1 ? matches[0] : undefined;
    }
    if (!chosen) return { kind: 'problem', problem: { kind: 'not-understood' } };
  }
  const next: ReportConversation = kind === 'agency' ? { ...state, agencyId: chosen } : { ...state, periodId: chosen };
  return { kind: 'next', state: { ...next, phase: 'begin' } };
}

function review(state: ReportConversation, input: ConversationInput, ctx: ConversationContext): Outcome {
  const campaign = ctx.campaign;
  if (!campaign) return { kind: 'stale' };
  const edit = (itemNo: number): Outcome => {
    if (!campaign.items.some((i) => i.no === itemNo)) {
      return { kind: 'problem', problem: { kind: 'unknown-item', itemNo, max: Math.max(...campaign.items.map((i) => i.no)) } };
    }
    return { kind: 'next', state: { ...state, phase: 'items', pending: [{ itemNo }] } };
  };
  if (input.type === 'choice') {
    const m = /^rv:(\d+):(ok|cancel|edit:(\d{1,3}))$/.exec(input.id);
    if (!m || Number(m[1]) !== state.baseRevision) return { kind: 'stale' };
    if (m[2] === 'ok') return { kind: 'confirm' };
    if (m[2] === 'cancel') return { kind: 'cancel' };
    return edit(Number(m[3]));
  }
  const text = input.text;
  if (isConfirmWord(text)) return { kind: 'confirm' };
  const typedEdit = /^(?:sua|sua lai|chinh|chinh sua|edit)?\s*(?:muc|noi dung|nd|item)?\s*(\d{1,3})$/.exec(foldAnswer(text));
  if (typedEdit) return edit(Number(typedEdit[1]));
  if (hasRemarkLines(text)) {
    // "kho khan: …" / "kien nghi: …" at the review: changes those, and any item lines with them.
    const split = splitRemarks(text);
    if (split.problem) return { kind: 'problem', problem: split.problem };
    const withRemarks: ReportConversation = { ...state, remarks: { ...state.remarks, ...split.remarks } };
    if (split.rest === '') return { kind: 'next', state: withRemarks };
    return quickStep(withRemarks, campaign, split.rest);
  }
  if (looksLikeQuickForm(text)) return quickStep(state, campaign, text);
  return { kind: 'problem', problem: { kind: 'not-understood' } };
}

function item(state: ReportConversation, input: ConversationInput, ctx: ConversationContext): Outcome {
  const outcome = itemStep(state, input, ctx);
  // Quick-form lines sent one by one ("2: 50% đang triển khai") while an item is asked: when the
  // question itself cannot read the text, it is taken as the quick form. Not at the note, where
  // any text is a note.
  const question = outcome.kind === 'problem' ? currentQuestion(state, ctx.campaign) : undefined;
  if (!question || question.kind === 'note' || input.type !== 'text' || !ctx.campaign) return outcome;
  if (!looksLikeQuickForm(input.text) || /^\s*\d+\s*%?\s*$/.test(input.text)) return outcome;
  return quickStep(state, ctx.campaign, input.text);
}

/** Quick-form lines typed during the conversation: what is certain is taken, doubts are asked. */
function quickStep(state: ReportConversation, campaign: Campaign, text: string): Outcome {
  const quick = parseQuickForm(text, campaign);
  if (quick.drafts.length === 0 && quick.doubts.every((d) => d.itemNo === undefined)) {
    return { kind: 'problem', problem: quick.doubts[0]?.problem ?? { kind: 'not-understood' } };
  }
  const next = applyDrafts(state, campaign, quick.drafts, doubtedItems(quick.doubts, campaign));
  return { kind: 'next', state: next, recorded: quick.drafts.map((d) => d.itemNo), quick };
}

function itemStep(state: ReportConversation, input: ConversationInput, ctx: ConversationContext): Outcome {
  const question = currentQuestion(state, ctx.campaign);
  if (question.kind !== 'status' && question.kind !== 'percent' && question.kind !== 'quantity' && question.kind !== 'note')
    return { kind: 'stale' };
  const { item: reportItem, draft } = question;
  const keep = canKeep(question) ? question.keep : undefined;
  const set = (fields: Omit<DraftAnswer, 'itemNo'>): Outcome => ({
    kind: 'next',
    state: advance(state, reportItem, { ...draft, ...fields }),
  });

  if (input.type === 'choice') {
    const id = input.id;
    const n = reportItem.no;
    if (question.kind === 'status') {
      if (id === choiceIds.status(n, 'keep') && keep) return set(fillFrom(draft, keep));
      const status = (Object.keys(STATUS_CODE) as ItemStatus[]).find((s) => id === choiceIds.status(n, s));
      if (status) return set(withStatus(status));
    } else if (question.kind === 'note' && id === choiceIds.noNote(n)) {
      return set({ note: '' });
    } else if (id === choiceIds.keep(question.kind, n) && keep) {
      return set(keepField(question.kind, keep));
    }
    return { kind: 'stale' };
  }

  const text = input.text;
  if (isKeepWord(text)) {
    if (question.kind === 'note' && !keep) return set({ note: '' });
    if (!keep) return { kind: 'problem', problem: { kind: 'nothing-to-keep' } };
    return set(question.kind === 'status' ? fillFrom(draft, keep) : keepField(question.kind, keep));
  }
  // "xác nhận", "ok", "gửi" mean to send, never an answer (at a note it would be filed as the note):
  // the report is not ready for that yet.
  if (isConfirmWord(text)) return { kind: 'problem', problem: { kind: 'confirm-too-early' } };
  switch (question.kind) {
    case 'status': {
      const status = parseStatus(text);
      if (status) return set(withStatus(status));
      if (/^\d{1,3}$/.test(foldAnswer(text))) {
        // "80" where 1–3 are offered: likely the percent, which the head is told how to give ("4": a slip).
        const n = Number(foldAnswer(text));
        const percent = n >= 10 && n <= 100 ? { percent: n } : {};
        return { kind: 'problem', problem: { kind: 'choice-out-of-range', max: STATUS_OPTIONS.length, ...percent } };
      }
      const parsed = parseItemText(text, reportItem);
      if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
      if (!parsed.draft.status) return { kind: 'problem', problem: { kind: 'not-understood' } };
      return set(parsed.draft);
    }
    case 'percent': {
      const status = parseStatus(text);
      if (status && !/^\d/.test(foldAnswer(text))) return set(withStatus(status));
      const parsed = parsePercent(text);
      if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
      // 100% is done and 0% not started, as in the quick form, so the review reads back the same.
      if (parsed.percent === 100) return set(withStatus('done'));
      if (parsed.percent === 0) return set(withStatus('not-started'));
      return set({ percent: parsed.percent });
    }
    case 'quantity': {
      const parsed = parseQuantity(text);
      if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
      return set({ quantity: parsed.quantity });
    }
    case 'note': {
      const parsed = parseNote(text);
      if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
      return set({ note: parsed.note });
    }
  }
}

function withStatus(status: ItemStatus): Omit<DraftAnswer, 'itemNo'> {
  if (status === 'done') return { status, percent: 100 };
  if (status === 'not-started') return { status, percent: 0 };
  return { status };
}

/** "bỏ qua" at the status: the kept answer fills whatever is not known yet. */
function fillFrom(draft: DraftAnswer, keep: ItemAnswer): Omit<DraftAnswer, 'itemNo'> {
  return {
    status: keep.status,
    percent: keep.percent,
    ...(draft.quantity === undefined && keep.quantity !== undefined ? { quantity: keep.quantity } : {}),
    ...(draft.note === undefined ? { note: keep.note } : {}),
  };
}

function keepField(field: 'percent' | 'quantity' | 'note', keep: ItemAnswer): Omit<DraftAnswer, 'itemNo'> {
  if (field === 'percent') return { percent: keep.percent };
  if (field === 'quantity') return keep.quantity === undefined ? {} : { quantity: keep.quantity };
  return { note: keep.note };
}

/** Records what is now known of the current item; a complete item moves to the answers. */
function advance(state: ReportConversation, item: ReportItem, draft: DraftAnswer): ReportConversation {
  if (missingField(draft, item) !== undefined) return { ...state, pending: [draft, ...state.pending.slice(1)] };
  const pending = state.pending.slice(1);
  return { ...state, answers: upsert(state.answers, completeAnswer(draft, item)), pending, phase: pending.length > 0 ? 'items' : 'review' };
}
