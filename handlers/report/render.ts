import type { Campaign, ReportItem } from '../../src/domain/campaign.js';
import type { LocalDate } from '../../src/domain/local-date.js';
import { findAgency } from '../../src/domain/plan.js';
import { canKeep, choiceIds, currentQuestion, type ReportConversation } from '../../src/domain/report/conversation.js';
import { NOTE_MAX_LENGTH, REMARK_MAX_LENGTH, type ItemAnswer } from '../../src/domain/submission.js';
import type { Choice, Reply } from '../../src/messaging/reply.js';
import { formatDate, formatDateWithWeekdayEn, formatDateWithWeekdayVi } from '../../src/texts/format.js';
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

/** What a kept answer is, for "Lần trước: …". */
function keptDescription(texts: Texts, kind: 'status' | 'percent' | 'quantity' | 'note', item: ReportItem, keep: ItemAnswer): string {
  switch (kind) {
    case 'status':
      return answerLine(texts, item, keep).replace(/^\d+\.\s[^:]*:\s/, '');
    case 'percent':
      return `${keep.percent}%`;
    case 'quantity':
      return `${keep.quantity ?? 0} ${item.quantity?.unit ?? ''}`.trim();
    case 'note':
      return keep.note ? `"${keep.note}"` : '—';
  }
}

/** Names of the agencies and periods a conversation offers or is about. */
export async function conversationNames(services: Services, state: ReportConversation): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of [...state.agencyOptions, ...(state.agencyId ? [state.agencyId] : [])]) names.set(`agency:${id}`, findAgency(services.plan, id)?.name ?? id);
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
export async function questionReply(services: Services, texts: Texts, state: ReportConversation, campaign: Campaign | undefined, inGroup = false): Promise<Reply> {
  const q = currentQuestion(state, campaign);
  const names = await conversationNames(services, state);
  const name = (kind: string, id: string) => names.get(`${kind}:${id}`) ?? id;
  const out = (text: string, choices: Choice[] = []): Reply => (choices.length > 0 ? { text, choices } : { text });
  switch (q.kind) {
    case 'agency':
      return out(texts.report.chooseAgency, q.options.map((id) => ({ id: choiceIds.agency(id), label: name('agency', id) })));
    case 'period':
      return out(
        texts.report.choosePeriod,
        q.options.map((id) => ({ id: choiceIds.period(id), label: texts.report.periodOption(name('period', id), name('deadline', id)) })),
      );
    case 'begin':
      return out(texts.report.chooseAgency);
    case 'review': {
      const lines = campaign ? answerLines(texts, campaign, q.answers) : [];
      const choices: Choice[] = [
        { id: choiceIds.confirm(q.baseRevision), label: texts.report.choiceConfirm },
        ...(campaign?.items ?? []).map((i) => ({ id: choiceIds.edit(q.baseRevision, i.no), label: texts.report.choiceEdit(i.no) })),
        { id: choiceIds.cancel(q.baseRevision), label: texts.report.choiceCancel },
      ];
      const header = texts.report.reviewHeader(name('agency', state.agencyId ?? ''), name('period', state.periodId ?? ''));
      return out([header, ...lines, '', texts.report.reviewRemarks(state.remarks ?? {}), '', texts.report.reviewFooter].join('\n'), choices);
    }
    case 'difficulties':
    case 'proposals': {
      const text = q.kind === 'difficulties' ? texts.report.askDifficulties(REMARK_MAX_LENGTH) : texts.report.askProposals(REMARK_MAX_LENGTH);
      return inGroup ? { text, expectsReply: true } : out(text, [{ id: choiceIds.skipRemark(q.kind), label: texts.report.choiceSkipRemark }]);
    }
    default: {
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
