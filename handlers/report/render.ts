import type { Campaign, ReportItem } from '../../src/domain/campaign.js';
import type { LocalDate } from '../../src/domain/vietnam-time.js';
import { findAgency } from '../../src/domain/plan.js';
import type { DraftAnswer } from '../../src/domain/report/answers.js';
import { canKeep, choiceIds, currentQuestion, type QuickOutcome, type ReportConversation } from '../../src/domain/report/conversation.js';
import { NOTE_MAX_LENGTH, REMARK_MAX_LENGTH, type ItemAnswer } from '../../src/domain/submission.js';
import type { Choice, Reply } from '../../src/messaging/reply.js';
import { formatDate, formatDateTime, formatDateWithWeekdayEn, formatDateWithWeekdayVi } from '../../src/texts/format.js';
import { en } from '../../src/texts/en.js';
import type { Texts } from '../../src/texts/index.js';
import type { Services } from '../services.js';

/** A deadline as the texts' language writes it: "thứ Tư, 18/06/2025" or "Wednesday 18/06/2025". */
export function longDate(texts: Texts, date: LocalDate): string {
  return texts === en ? formatDateWithWeekdayEn(date) : formatDateWithWeekdayVi(date);
}

/** One answer as a line of text: "4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; 12 tập thể, cá nhân; ghi chú: …". */
export function answerLine(texts: Texts, item: ReportItem, answer: ItemAnswer): string {
  return texts.report.answerLine({
    no: item.no,
    short: item.short,
    status: texts.report.statusNames[answer.status],
    ...(answer.status === 'in-progress' ? { percent: answer.percent } : {}),
    ...(item.quantity && answer.quantity !== undefined ? { quantity: answer.quantity, unit: item.quantity.unit } : {}),
    note: answer.note,
  });
}

/** Every item of the campaign with its answer (or "not answered"). */
export function answerLines(texts: Texts, campaign: Campaign, answers: readonly ItemAnswer[]): string[] {
  return campaign.items.map((item) => {
    const a = answers.find((x) => x.itemNo === item.no);
    return a ? answerLine(texts, item, a) : texts.report.notAnswered(item.no, item.short);
  });
}

/** A percent as the texts' language writes it: "72,5" in Vietnamese, "72.5" in English. */
export function percentText(texts: Texts, percent: number): string {
  return texts === en ? String(percent) : String(percent).replace('.', ',');
}

/**
 * One item in the review, every field shown ("Hoàn thành 100%; số lượng: 12 tập thể, cá nhân;
 * không ghi chú"), written so that the line sent back as a quick form reads as the same answer.
 */
export function reviewLine(texts: Texts, item: ReportItem, answer: ItemAnswer): string {
  return texts.report.reviewLine({
    no: item.no,
    short: item.short,
    status: texts.report.statusNames[answer.status],
    percent: percentText(texts, answer.percent),
    ...(item.quantity ? { quantity: answer.quantity ?? 0, unit: item.quantity.unit } : {}),
    note: answer.note,
  });
}

/** What a quick form said of an item still to be completed. */
function draftSoFar(texts: Texts, item: ReportItem, draft: DraftAnswer): string {
  return texts.report.draftSoFar({
    ...(draft.status ? { status: texts.report.statusNames[draft.status] } : {}),
    ...(draft.percent !== undefined && draft.status === 'in-progress' ? { percent: percentText(texts, draft.percent) } : {}),
    ...(item.quantity ? { unit: item.quantity.unit, ...(draft.quantity !== undefined ? { quantity: draft.quantity } : {}) } : {}),
    ...(draft.note ? { note: draft.note } : {}),
  });
}

/**
 * A quick form shown back item by item — what was read, what is not clear and why, what is still
 * to be asked — when anything is left to ask; undefined when it went straight to the review (which
 * lists every item anyway). `onlyNamed`: just the items the message named (a line typed mid-way).
 */
export function quickReadingText(
  texts: Texts,
  campaign: Campaign,
  state: ReportConversation,
  quick: QuickOutcome,
  onlyNamed = false,
): string | undefined {
  if (quick.doubts.length === 0 && (state.phase === 'review' || onlyNamed)) return undefined;
  const named = new Set([...quick.drafts.map((d) => d.itemNo), ...quick.doubts.map((d) => d.itemNo)]);
  const lines: string[] = [];
  for (const item of campaign.items) {
    if (onlyNamed && !named.has(item.no)) continue;
    const doubt = quick.doubts.find((d) => d.itemNo === item.no);
    const answer = state.answers.find((a) => a.itemNo === item.no);
    const draft = state.pending.find((d) => d.itemNo === item.no);
    if (doubt) lines.push(texts.report.quickFormUnclear(item.no, item.short, doubt.text, texts.report.problem(doubt.problem)));
    else if (answer && named.has(item.no)) lines.push(reviewLine(texts, item, answer));
    else if (answer) lines.push(texts.report.quickFormOpen(item.no, item.short, texts.report.quickFormKept));
    else if (draft && named.has(item.no)) lines.push(texts.report.quickFormOpen(item.no, item.short, draftSoFar(texts, item, draft)));
    else lines.push(texts.report.quickFormOpen(item.no, item.short, texts.report.quickFormNotGiven));
  }
  for (const d of quick.doubts)
    if (d.itemNo === undefined) lines.push(texts.report.quickFormStray(d.text, texts.report.problem(d.problem)));
  return [texts.report.quickFormRead, ...lines, texts.report.quickFormAskNext].join('\n');
}

/** What a kept answer is, for "Lần trước: …". */
function keptDescription(texts: Texts, kind: 'status' | 'percent' | 'quantity' | 'note', item: ReportItem, keep: ItemAnswer): string {
  switch (kind) {
    case 'status':
      return answerLine(texts, item, keep).replace(/^\d+\.\s[^:]*:\s/, '');
    case 'percent':
      return `${percentText(texts, keep.percent)}%`;
    case 'quantity':
      return `${keep.quantity ?? 0} ${item.quantity?.unit ?? ''}`.trim();
    case 'note':
      return keep.note ? `"${keep.note}"` : '—';
  }
}

/** Names of the agencies and periods a conversation offers or is about. */
export async function conversationNames(services: Services, state: ReportConversation): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of [...state.agencyOptions, ...(state.agencyId ? [state.agencyId] : [])])
    names.set(`agency:${id}`, findAgency(services.plan, id)?.name ?? id);
  for (const id of [...state.periodOptions, ...(state.periodId ? [state.periodId] : [])]) {
    const p = await services.periods.find(id);
    names.set(`period:${id}`, p?.name ?? id);
    if (p) names.set(`deadline:${id}`, formatDate(p.deadline));
  }
  return names;
}

/**
 * The question the conversation is at, as a reply with its options. In a group, questions answered
 * by typing (percent, count, note) carry no buttons but `expectsReply`: in a Telegram group the bot
 * only sees replies to its own messages, and a message cannot carry both buttons and a reply
 * prompt. Their text says what to type instead ("không", "bỏ qua").
 */
export async function questionReply(
  services: Services,
  texts: Texts,
  state: ReportConversation,
  campaign: Campaign | undefined,
  inGroup = false,
): Promise<Reply> {
  const q = currentQuestion(state, campaign);
  const names = await conversationNames(services, state);
  const name = (kind: string, id: string) => names.get(`${kind}:${id}`) ?? id;
  const out = (text: string, choices: Choice[] = []): Reply => (choices.length > 0 ? { text, choices } : { text });
  switch (q.kind) {
    case 'agency':
      return out(
        texts.report.chooseAgency(q.options.length),
        q.options.map((id) => ({ id: choiceIds.agency(id), label: name('agency', id) })),
      );
    case 'period':
      return out(
        texts.report.choosePeriod(q.options.length),
        q.options.map((id) => ({ id: choiceIds.period(id), label: texts.report.periodOption(name('period', id), name('deadline', id)) })),
      );
    case 'begin':
      return out(texts.report.chooseAgency());
    case 'resume':
      return out(
        texts.report.resumeOffer({
          answered: q.answered,
          total: q.total,
          at: state.lastActiveAt !== undefined ? formatDateTime(state.lastActiveAt) : '',
        }),
        [
          { id: choiceIds.resume('go'), label: texts.report.choiceResume },
          { id: choiceIds.resume('over'), label: texts.report.choiceRestart },
          { id: choiceIds.resume('cancel'), label: texts.report.choiceCancel },
        ],
      );
    case 'review': {
      const lines = campaign
        ? campaign.items.map((item) => {
            const a = q.answers.find((x) => x.itemNo === item.no);
            return a ? reviewLine(texts, item, a) : texts.report.notAnswered(item.no, item.short);
          })
        : [];
      const choices: Choice[] = [
        { id: choiceIds.confirm(q.baseRevision), label: texts.report.choiceConfirm },
        ...(campaign?.items ?? []).map((i) => ({ id: choiceIds.edit(q.baseRevision, i.no), label: texts.report.choiceEdit(i.no) })),
        { id: choiceIds.cancel(q.baseRevision), label: texts.report.choiceCancel },
      ];
      const header = texts.report.reviewHeader(name('agency', state.agencyId ?? ''), name('period', state.periodId ?? ''));
      return out(
        [header, ...lines, '', texts.report.reviewRemarks(state.remarks ?? {}), '', texts.report.reviewFooter].join('\n'),
        choices,
      );
    }
    case 'difficulties':
    case 'proposals': {
      const text =
        q.kind === 'difficulties' ? texts.report.askDifficulties(REMARK_MAX_LENGTH) : texts.report.askProposals(REMARK_MAX_LENGTH);
      return inGroup
        ? { text, expectsReply: true }
        : out(text, [{ id: choiceIds.skipRemark(q.kind), label: texts.report.choiceSkipRemark }]);
    }
    case 'status':
    case 'percent':
    case 'quantity':
    case 'note': {
      const { item } = q;
      const header = texts.report.itemHeader(q.index, q.total, item.short);
      const keep = canKeep(q) && q.keep ? texts.report.keepHint(keptDescription(texts, q.kind, item, q.keep)) : undefined;
      const keepChoice = (id: string): Choice[] => (keep ? [{ id, label: texts.report.choiceKeep }] : []);
      const typed = (text: string, choices: Choice[]): Reply => (inGroup ? { text, expectsReply: true } : out(text, choices));
      const lines = (...parts: (string | undefined)[]) => parts.filter((p): p is string => Boolean(p)).join('\n');
      switch (q.kind) {
        case 'status':
          return out(lines(header, item.title, texts.report.askStatus, keep), [
            { id: choiceIds.status(item.no, 'done'), label: texts.report.statusNames.done },
            { id: choiceIds.status(item.no, 'in-progress'), label: texts.report.statusNames['in-progress'] },
            { id: choiceIds.status(item.no, 'not-started'), label: texts.report.statusNames['not-started'] },
            ...keepChoice(choiceIds.status(item.no, 'keep')),
          ]);
        case 'percent':
          return typed(lines(header, texts.report.askPercent, keep), keepChoice(choiceIds.keep('percent', item.no)));
        case 'quantity':
          return typed(
            lines(header, texts.report.askQuantity(item.quantity?.label ?? '', item.quantity?.unit ?? ''), keep),
            keepChoice(choiceIds.keep('quantity', item.no)),
          );
        case 'note':
          return typed(lines(header, texts.report.askNote(NOTE_MAX_LENGTH), keep), [
            { id: choiceIds.noNote(item.no), label: texts.report.choiceNoNote },
            ...keepChoice(choiceIds.keep('note', item.no)),
          ]);
      }
    }
  }
}
