import type { Campaign } from '../campaign.js';
import { parseItemText, type DraftAnswer, type InputProblem } from './answers.js';

/**
 * The quick form for experienced users: a whole report (or part of one) in one message.
 *
 *   /baocao 3 80% đã tổ chức 2 hội nghị
 *   /baocao 1: xong
 *   2: 50% đang triển khai
 *   4 ht sl 12 khen thưởng 12 tập thể, cá nhân
 *
 * One item per line (or per "; " before the next item number), the item number first ("3", "3:",
 * "mục 3"), then what `parseItemText` reads: a status and/or percent, an optional count, a note.
 * A line with only a number asks for that item in full. Nothing here is saved: the result is shown
 * back for confirmation.
 */
export type QuickForm =
  | { ok: true; drafts: DraftAnswer[] }
  | { ok: false; problems: { line: string; problem: InputProblem }[] };

/** Lower case without diacritics, one character for one character, so positions carry over. */
function foldKeepingLength(text: string): string {
  let out = '';
  for (const c of text) {
    const f = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    out += f.length === c.length ? f : c;
  }
  return out;
}

const ITEM_PREFIX = /^\s*(?:(?:muc|noi dung|nd|item)\s*)?(\d{1,3})(?=$|\s|[:.)\-–])\s*[:.)\-–]?\s*/;

/** Splits a message into one segment per item line. */
export function quickFormLines(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\r?\n/)
    .flatMap((line) => line.split(/;(?=\s*(?:(?:mục|muc|Mục|nd)\s*)?\d{1,3}\s*[:.)])/))
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Whether a message looks like quick-form lines (each starting with an item number). */
export function looksLikeQuickForm(text: string): boolean {
  const lines = quickFormLines(text);
  return lines.length > 0 && lines.every((l) => ITEM_PREFIX.test(foldKeepingLength(l)));
}

export function parseQuickForm(text: string, campaign: Campaign): QuickForm {
  const problems: { line: string; problem: InputProblem }[] = [];
  const drafts: DraftAnswer[] = [];
  const max = Math.max(...campaign.items.map((i) => i.no));
  for (const line of quickFormLines(text)) {
    const m = ITEM_PREFIX.exec(foldKeepingLength(line));
    let itemNo: number;
    let rest: string;
    if (m) {
      itemNo = Number(m[1]);
      rest = line.slice(m[0].length);
    } else if (campaign.items.length === 1) {
      itemNo = campaign.items[0]?.no ?? 1;
      rest = line;
    } else {
      problems.push({ line, problem: { kind: 'no-item-number', line } });
      continue;
    }
    const item = campaign.items.find((i) => i.no === itemNo);
    if (!item) {
      problems.push({ line, problem: { kind: 'unknown-item', itemNo, max } });
      continue;
    }
    if (drafts.some((d) => d.itemNo === itemNo)) {
      problems.push({ line, problem: { kind: 'duplicate-item', itemNo } });
      continue;
    }
    if (rest.trim() === '') {
      drafts.push({ itemNo });
      continue;
    }
    const parsed = parseItemText(rest, item);
    if (!parsed.ok) {
      problems.push({ line, problem: parsed.problem });
      continue;
    }
    drafts.push({ itemNo, ...parsed.draft, note: parsed.draft.note ?? '' });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (drafts.length === 0) return { ok: false, problems: [{ line: text.trim(), problem: { kind: 'empty' } }] };
  return { ok: true, drafts: drafts.sort((a, b) => a.itemNo - b.itemNo) };
}
