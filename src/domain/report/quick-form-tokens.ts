import { foldVietnamese } from '../typed-text/fold.js';

/**
 * The first step of reading a quick form: the message cut into tokens (numbers, words, single
 * signs, line ends), each with its place in the text and its folded form (lower case, no
 * diacritics), so later steps compare "Hoàn thành", "hoàn thành" (NFD) and "HOAN THANH" alike and
 * still copy a note exactly as typed.
 */
export interface Token {
  kind: 'num' | 'word' | 'sign' | 'nl';
  /** As typed (NFC). */
  raw: string;
  /** Folded: "Đã" → "da", "ĐTH" → "dth". */
  fold: string;
  start: number;
  end: number;
  /** Whether a space (or line start) comes before it: "72,5" is one number, "1, 2" two. */
  spaced: boolean;
}

// A word starts with a letter and may carry combining marks (NFD input that did not compose);
// a variation selector after an emoji is a mark too, so a sign swallows its marks.
const TOKEN = /\r?\n|\d+|\p{L}[\p{L}\p{M}]*|[^\s\p{L}\p{M}\d][\p{M}\u200d]*/gu;

export function tokenize(text: string): Token[] {
  const nfc = text.normalize('NFC');
  const tokens: Token[] = [];
  let last = -1;
  for (const m of nfc.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index;
    const kind: Token['kind'] = raw.endsWith('\n') ? 'nl' : /^\d/.test(raw) ? 'num' : /^\p{L}/u.test(raw) ? 'word' : 'sign';
    tokens.push({ kind, raw, fold: kind === 'nl' ? '\n' : foldVietnamese(raw), start, end: start + raw.length, spaced: start !== last });
    last = start + raw.length;
  }
  return tokens;
}

/** The text of the message (NFC) between two tokens, inclusive. */
export function rawBetween(text: string, tokens: readonly Token[], from: number, to: number): string {
  const a = tokens[from];
  const b = tokens[to];
  if (!a || !b || to < from) return '';
  return text.normalize('NFC').slice(a.start, b.end);
}
