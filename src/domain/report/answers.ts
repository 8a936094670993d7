import type { ReportItem } from '../campaign.js';
import { NOTE_MAX_LENGTH, type ItemAnswer, type ItemStatus } from '../submission.js';
import { foldVietnamese } from '../typed-text/fold.js';

/**
 * Reading what people type in answer to one question, leniently: with or without diacritics, with
 * or without a space before "%", short forms people use on phones ("ht", "xong", "dang lam").
 */

/** An answer in the making: what is known so far of one item. */
export interface DraftAnswer {
  itemNo: number;
  status?: ItemStatus;
  percent?: number;
  quantity?: number;
  note?: string;
}

/** Why a typed answer was not taken; each has a short explanation in the texts. */
export type InputProblem =
  | { kind: 'empty' }
  | { kind: 'not-understood' }
  /** "xác nhận" typed while items are still asked: the report is not finished, and it is no answer. */
  | { kind: 'confirm-too-early' }
  | { kind: 'percent-not-number' }
  | { kind: 'percent-not-whole' }
  | { kind: 'percent-negative' }
  | { kind: 'percent-over'; value: number }
  | { kind: 'status-conflict'; status: ItemStatus; percent: number }
  | { kind: 'quantity-not-number' }
  | { kind: 'quantity-negative' }
  | { kind: 'quantity-not-whole' }
  | { kind: 'quantity-too-large' }
  | { kind: 'quantity-not-asked'; itemNo: number }
  | { kind: 'note-too-long'; length: number; max: number }
  | { kind: 'nothing-to-keep' }
  | { kind: 'unknown-item'; itemNo: number; max: number }
  | { kind: 'duplicate-item'; itemNo: number }
  | { kind: 'no-item-number'; line: string }
  /** Quick form: a number standing alone after an item ("1 xong 2"): an item left blank, or a slip? */
  | { kind: 'stray-number'; text: string }
  /** Quick form: numbers or signs after an item's answer that are neither a count nor a note. */
  | { kind: 'leftover'; text: string }
  /** Quick form: two different statuses for one item ("xong, chưa"). */
  | { kind: 'two-statuses' }
  /** Quick form: a percent inside the words with no status ("giải ngân 40% kinh phí"): progress or not? */
  | { kind: 'percent-in-note'; text: string }
  /** Quick form: a note holding what looks like another item's answer ("… 5 hoàn thành"). */
  | { kind: 'item-in-note'; itemNo: number; text: string }
  /** A numbered option out of range ("4" where 1–3 are offered). */
  | { kind: 'choice-out-of-range'; max: number; percent?: number }
  /** After an interruption, neither "tiếp tục" nor "làm lại". */
  | { kind: 'resume-choice' };

/** Largest count accepted for an item's quantity; anything bigger is surely a typing slip. */
export const QUANTITY_MAX = 1_000_000;

/** Status phrases as typed, folded (no diacritics, lower case). Longest match wins. */
export const STATUS_PHRASES: ReadonlyMap<string, ItemStatus> = new Map<string, ItemStatus>([
  ...['hoan thanh', 'da hoan thanh', 'hoan tat', 'da hoan tat', 'xong', 'da xong', 'ht', 'done', 'completed', 'complete', 'finished'].map(
    (p) => [p, 'done'] as const,
  ),
  ...[
    'dang thuc hien',
    'dang lam',
    'dang trien khai',
    'dang tien hanh',
    // "đang th(ực hiện)", "chưa th(ực hiện)": cut short on a phone.
    'dang th',
    'dang',
    'dth',
    'dtk',
    'tiep tuc',
    'tiep tuc thuc hien',
    'chua xong',
    'chua hoan thanh',
    'in progress',
    'in-progress',
    'ongoing',
    'doing',
  ].map((p) => [p, 'in-progress'] as const),
  ...['chua thuc hien', 'chua th', 'chua lam', 'chua trien khai', 'chua bat dau', 'chua', 'cth', 'not started', 'not-started', 'none'].map(
    (p) => [p, 'not-started'] as const,
  ),
]);
const LONGEST_STATUS_PHRASE = Math.max(...[...STATUS_PHRASES.keys()].map((p) => p.split(' ').length));
/**
 * Phrases taken only as a whole answer, not at the start of a longer line: "dang" is "đang" (in
 * progress) but also "đăng" (to publish) once the diacritics are gone.
 */
const ONLY_ALONE: ReadonlySet<string> = new Set(['dang']);

/** The status options in the order they are offered (typed "1", "2", "3" pick them). */
export const STATUS_OPTIONS: readonly ItemStatus[] = ['done', 'in-progress', 'not-started'];

const KEEP_WORDS = new Set(['bo qua', 'giu nguyen', 'giu', 'nhu cu', 'nhu lan truoc', 'giu nhu cu', 'skip', 'keep']);
const NO_NOTE_WORDS = new Set(['khong', 'khong co', 'k', 'ko', 'kg', '-', '.', 'khong ghi chu', 'none', 'no', 'nil']);
const NO_COUNT_WORDS = new Set(['khong', 'khong co', 'chua co', 'ko', 'none']);
const CANCEL_WORDS = new Set(['huy', 'huy bo', 'huy bao cao', 'cancel']);
const CONFIRM_WORDS = new Set([
  'xac nhan',
  'xn',
  'ok',
  'oke',
  'okay',
  'dong y',
  'gui',
  'gui bao cao',
  'co',
  'yes',
  'confirm',
  'dung',
  'chinh xac',
]);

/** Folds and drops punctuation around the text, so "Xong!" and "xong" read the same. */
export function foldAnswer(text: string): string {
  const folded = foldVietnamese(text);
  // "-" and "." alone mean "nothing"; a leading "-" is a minus sign.
  if (/^[-.–—]$/.test(folded)) return '-';
  return folded.replace(/^[\s,;:!?()"'“”…]+|[\s.,;:!?()"'“”…]+$/g, '');
}

export const isKeepWord = (text: string): boolean => KEEP_WORDS.has(foldAnswer(text));
export const isCancelWord = (text: string): boolean => CANCEL_WORDS.has(foldAnswer(text));
export const isConfirmWord = (text: string): boolean => CONFIRM_WORDS.has(foldAnswer(text));
export const isNoNoteWord = (text: string): boolean => NO_NOTE_WORDS.has(foldAnswer(text));

/** A status typed on its own ("hoàn thành", "dang lam", "1"), or undefined. */
export function parseStatus(text: string): ItemStatus | undefined {
  const folded = foldAnswer(text);
  const option = /^[1-3]$/.test(folded) ? STATUS_OPTIONS[Number(folded) - 1] : undefined;
  return option ?? STATUS_PHRASES.get(folded);
}

/** A percent typed on its own: "80", "80%", "80 %", "80 phần trăm", "72,5" (one decimal, comma or point). */
export function parsePercent(text: string): { ok: true; percent: number } | { ok: false; problem: InputProblem } {
  const folded = foldVietnamese(text)
    .replace(/\s*(%|phan tram)\s*\.?$/, '')
    .trim();
  if (folded === '') return { ok: false, problem: { kind: text.trim() === '' ? 'empty' : 'percent-not-number' } };
  if (/^-\s*\d/.test(folded)) return { ok: false, problem: { kind: 'percent-negative' } };
  if (/^\d+[.,]\d{2,}$/.test(folded)) return { ok: false, problem: { kind: 'percent-not-whole' } };
  if (!/^\d{1,6}(?:[.,]\d)?$/.test(folded)) return { ok: false, problem: { kind: 'percent-not-number' } };
  const percent = Number(folded.replace(',', '.'));
  if (percent > 100) return { ok: false, problem: { kind: 'percent-over', value: percent } };
  return { ok: true, percent };
}

/**
 * A count typed on its own: "12", "1.200" (thousands with dots, as written in Vietnam), "12 tập
 * thể" (the unit may follow), "sl 12", "không" for none.
 */
export function parseQuantity(text: string): { ok: true; quantity: number } | { ok: false; problem: InputProblem } {
  // "sl 3", "SL: 3", "số lượng 3" — the label heads write before a count.
  const folded = foldAnswer(text).replace(/^(?:sl|slg|so luong)\s*[:=]?\s*(?=[-\d])/, '');
  if (text.trim() === '') return { ok: false, problem: { kind: 'empty' } };
  if (NO_COUNT_WORDS.has(folded)) return { ok: true, quantity: 0 };
  const m = /^(-\s*)?(\d{1,3}(?:[.,\s]\d{3})+|\d+)([.,]\d+)?(?:\s+[^\d]*)?$/.exec(folded);
  if (!m) return { ok: false, problem: { kind: 'quantity-not-number' } };
  if (m[1]) return { ok: false, problem: { kind: 'quantity-negative' } };
  if (m[3]) return { ok: false, problem: { kind: 'quantity-not-whole' } };
  const quantity = Number((m[2] ?? '').replace(/[.,\s]/g, ''));
  if (!Number.isSafeInteger(quantity) || quantity > QUANTITY_MAX) return { ok: false, problem: { kind: 'quantity-too-large' } };
  return { ok: true, quantity };
}

/** A note: free text up to NOTE_MAX_LENGTH characters; "không" or "-" for none. Never cut. */
export function parseNote(text: string): { ok: true; note: string } | { ok: false; problem: InputProblem } {
  // One line, as the review and the exports print it (a line break would read as a new item).
  const note = text.trim().replace(/\s*\n\s*/g, ' ');
  if (note === '') return { ok: false, problem: { kind: 'empty' } };
  if (isNoNoteWord(note)) return { ok: true, note: '' };
  const length = [...note].length;
  if (length > NOTE_MAX_LENGTH) return { ok: false, problem: { kind: 'note-too-long', length, max: NOTE_MAX_LENGTH } };
  return { ok: true, note };
}

/**
 * What one line says about one item, e.g. "80% đã tổ chức 2 hội nghị", "xong", "đang triển khai
 * 50 %, sl 3": a status and/or a percent (either order), an optional count ("sl 3", "số lượng: 3",
 * or a number followed by the item's unit in the note), then the note.
 */
export function parseItemText(
  text: string,
  item: ReportItem,
): { ok: true; draft: Omit<DraftAnswer, 'itemNo'> } | { ok: false; problem: InputProblem } {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  let status: ItemStatus | undefined;
  let percent: number | undefined;
  let quantity: number | undefined;
  let i = 0;
  const bare = (t: string | undefined) => foldVietnamese(t ?? '').replace(/^[([]+|[.,;:!?)\]]+$/g, '');
  scan: while (i < tokens.length) {
    const t = bare(tokens[i]);
    if (t === '' || /^[-–—:,;]+$/.test(t)) {
      i++;
      continue;
    }
    // A percent: "80%", "80 %", "80 phần trăm".
    const pm = /^(-?)(\d{1,6})([.,]\d+)?%$/.exec(t);
    const next = bare(tokens[i + 1]);
    const spaced = /^-?\d{1,6}([.,]\d+)?$/.test(t) && (next === '%' || (next === 'phan' && bare(tokens[i + 2]) === 'tram'));
    if (percent === undefined && (pm || spaced)) {
      const raw = pm ? `${pm[1]}${pm[2]}${pm[3] ?? ''}` : t;
      const parsed = parsePercent(raw);
      if (!parsed.ok) return parsed;
      percent = parsed.percent;
      i += pm ? 1 : next === '%' ? 2 : 3;
      continue;
    }
    // A count: "sl 12", "sl: 12", "sl=12", "số lượng 12".
    const inline = /^(?:sl|slg)[:=]?(-?\d[\d.,]*)$/.exec(t);
    const label = t === 'sl' || t === 'slg' || t === 'sl:' || t === 'sl=' ? 1 : t === 'so' && /^luong[:=]?$/.test(next) ? 2 : 0;
    if (quantity === undefined && (inline || label > 0)) {
      const raw = inline ? inline[1] : bare(tokens[i + label]);
      const parsed = parseQuantity(raw ?? '');
      if (!parsed.ok) return { ok: false, problem: parsed.problem.kind === 'empty' ? { kind: 'quantity-not-number' } : parsed.problem };
      if (!item.quantity) return { ok: false, problem: { kind: 'quantity-not-asked', itemNo: item.no } };
      quantity = parsed.quantity;
      i += inline ? 1 : label + 1;
      continue;
    }
    // A status phrase, longest first: "chưa xong" before "chưa".
    if (status === undefined) {
      for (let n = Math.min(LONGEST_STATUS_PHRASE, tokens.length - i); n >= 1; n--) {
        const phrase = tokens
          .slice(i, i + n)
          .map(bare)
          .join(' ');
        const found = ONLY_ALONE.has(phrase) ? undefined : STATUS_PHRASES.get(phrase);
        // After a percent, a status that disagrees with it is the start of the note ("50%, chưa có kinh phí").
        if (found && percent !== undefined && found !== statusOfPercent(percent)) break scan;
        if (found) {
          status = found;
          i += n;
          continue scan;
        }
      }
    }
    break;
  }
  const note = tokens
    .slice(i)
    .join(' ')
    .replace(/^[-–—:,;\s]+/, '');
  if ([...note].length > NOTE_MAX_LENGTH)
    return { ok: false, problem: { kind: 'note-too-long', length: [...note].length, max: NOTE_MAX_LENGTH } };
  if (status === 'done' && percent !== undefined && percent !== 100)
    return { ok: false, problem: { kind: 'status-conflict', status, percent } };
  if (status === 'not-started' && percent !== undefined && percent !== 0)
    return { ok: false, problem: { kind: 'status-conflict', status, percent } };
  if (status === undefined && percent !== undefined) status = statusOfPercent(percent);
  if (status === 'done') percent = 100;
  if (status === 'not-started') percent = 0;
  if (quantity === undefined && item.quantity && note) quantity = countInNote(note, item.quantity.unit);
  const draft: Omit<DraftAnswer, 'itemNo'> = {};
  if (status !== undefined) draft.status = status;
  if (percent !== undefined) draft.percent = percent;
  if (quantity !== undefined) draft.quantity = quantity;
  if (note) draft.note = note;
  return { ok: true, draft };
}

/** The status a percent alone implies: 100 is done, 0 not started, anything between in progress. */
function statusOfPercent(percent: number): ItemStatus {
  return percent === 100 ? 'done' : percent === 0 ? 'not-started' : 'in-progress';
}

/**
 * A count read from a note in the item's unit: "đã tổ chức 2 hội nghị" gives 2 for the unit "hội
 * nghị"; "12 tập thể" gives 12 for "tập thể, cá nhân". Only when exactly one number is followed by
 * (a part of) the unit; otherwise the count is asked for.
 */
export function countInNote(note: string, unit: string): number | undefined {
  const parts = unit
    .split(/[,/]| và /)
    .map(foldAnswer)
    .filter(Boolean);
  const folded = foldVietnamese(note);
  const found: number[] = [];
  for (const m of folded.matchAll(/(?<![\d.,])(\d{1,7})\s+(?=([^\d]*))/g)) {
    const after = m[2] ?? '';
    if (
      parts.some(
        (p) =>
          after === p || after.startsWith(`${p} `) || after.startsWith(`${p},`) || after.startsWith(`${p}.`) || after.startsWith(`${p};`),
      )
    ) {
      found.push(Number(m[1]));
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/** What is still to be asked of a draft, in the order asked; undefined when it is complete. */
export function missingField(draft: DraftAnswer, item: ReportItem): 'status' | 'percent' | 'quantity' | 'note' | undefined {
  if (draft.status === undefined) return 'status';
  if (draft.status === 'in-progress' && draft.percent === undefined) return 'percent';
  // A count is not asked of an item not started: it is 0.
  if (item.quantity && draft.quantity === undefined && draft.status !== 'not-started') return 'quantity';
  if (draft.note === undefined) return 'note';
  return undefined;
}

/** A complete draft as an answer: percent in line with the status, a count only where asked. */
export function completeAnswer(draft: DraftAnswer, item: ReportItem): ItemAnswer {
  const status = draft.status ?? 'not-started';
  const percent = status === 'done' ? 100 : status === 'not-started' ? 0 : (draft.percent ?? 0);
  return { itemNo: item.no, status, percent, note: draft.note ?? '', ...(item.quantity ? { quantity: draft.quantity ?? 0 } : {}) };
}
