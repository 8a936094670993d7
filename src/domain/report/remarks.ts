import { REMARK_MAX_LENGTH } from '../submission.js';
import { foldVietnamese } from '../typed-text/fold.js';
import { isNoNoteWord, isKeepWord, type InputProblem } from './answers.js';

/**
 * The two optional last answers of a report: "Khó khăn, vướng mắc" and "Kiến nghị, đề xuất". Asked
 * after the items (each skippable), and accepted in the quick form as lines of their own:
 *
 *   kho khan: thiếu kinh phí tổ chức hội nghị
 *   kiến nghị, đề xuất: đề nghị tỉnh bổ sung kinh phí
 *
 * Pure; kept apart from the items' parser so the quick form's item lines read exactly as before.
 */
export type RemarkField = 'difficulties' | 'proposals';

export interface Remarks {
  difficulties?: string;
  proposals?: string;
}

/** The order they are asked in. */
export const REMARK_FIELDS: readonly RemarkField[] = ['difficulties', 'proposals'];

/** Labels as typed, folded (no diacritics, lower case); the longest match wins. */
const LABELS: readonly [string, RemarkField][] = [
  ['kho khan, vuong mac', 'difficulties'],
  ['kho khan vuong mac', 'difficulties'],
  ['kho khan', 'difficulties'],
  ['vuong mac', 'difficulties'],
  ['kien nghi, de xuat', 'proposals'],
  ['kien nghi de xuat', 'proposals'],
  ['kien nghi', 'proposals'],
  ['de xuat', 'proposals'],
];

/** A line "khó khăn: …" / "kien nghi: …" as its field and text; undefined for any other line. */
export function remarkLine(line: string): { field: RemarkField; text: string } | undefined {
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  const label = foldVietnamese(line.slice(0, colon))
    .replace(/^[\s\-–•*+]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const found = LABELS.find(([l]) => l === label);
  return found ? { field: found[1], text: line.slice(colon + 1).trim() } : undefined;
}

/**
 * Takes the remark lines out of a message: what is left (the item lines, for the quick form) and
 * the remarks found. A remark too long to keep whole is a problem, never cut.
 */
export function splitRemarks(text: string): { rest: string; remarks: Remarks; problem?: InputProblem } {
  const rest: string[] = [];
  const remarks: Remarks = {};
  let problem: InputProblem | undefined;
  for (const line of text.split(/\r?\n/)) {
    const found = remarkLine(line);
    if (!found) {
      rest.push(line);
      continue;
    }
    const parsed = parseRemark(found.text);
    if (!parsed.ok) problem ??= parsed.problem;
    else remarks[found.field] = parsed.text;
  }
  return { rest: rest.join('\n').trim(), remarks, ...(problem ? { problem } : {}) };
}

/** One remark typed as the answer to its question: free text; "không", "-" or "bỏ qua" for none. */
export function parseRemark(text: string): { ok: true; text: string } | { ok: false; problem: InputProblem } {
  const trimmed = text.trim();
  if (trimmed === '' || isNoNoteWord(trimmed) || isKeepWord(trimmed)) return { ok: true, text: '' };
  const length = [...trimmed].length;
  if (length > REMARK_MAX_LENGTH) return { ok: false, problem: { kind: 'note-too-long', length, max: REMARK_MAX_LENGTH } };
  return { ok: true, text: trimmed };
}

/** Whether a message has remark lines (and so is more than an answer to the current question). */
export function hasRemarkLines(text: string): boolean {
  return text.split(/\r?\n/).some((l) => remarkLine(l) !== undefined);
}

/** The remarks as they go into a submission: empty ones left out. */
export function remarksForSubmission(remarks: Remarks | undefined): Remarks {
  return {
    ...(remarks?.difficulties ? { difficulties: remarks.difficulties } : {}),
    ...(remarks?.proposals ? { proposals: remarks.proposals } : {}),
  };
}
