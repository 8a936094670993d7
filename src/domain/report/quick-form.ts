import type { Campaign, ReportItem } from '../campaign.js';
import { NOTE_MAX_LENGTH, type ItemStatus } from '../submission.js';
import { foldVietnamese } from '../typed-text/fold.js';
import { countInNote, isNoNoteWord, QUANTITY_MAX, STATUS_PHRASES, type DraftAnswer, type InputProblem } from './answers.js';
import { rawBetween, tokenize, type Token } from './quick-form-tokens.js';

/**
 * The quick form: a whole report (or part of one) in one message, the way heads type it on a
 * phone — one item per line or several on one line, in any order, with or without diacritics:
 *
 *   1. Đã hoàn thành
 *   3 dth 90%, 4 xong sl 12
 *   ✅ Mục 6: đã tổ chức 2 hội nghị
 *   7/ dang thuc hien 50% sl 14
 *
 * Read in four steps: tokens (quick-form-tokens.ts) → item segments (a marker "3", "3.", "3:",
 * "3)", "3-", "3/", "ND3", "Mục 3", "Nội dung 3" at a line start, or mid-line after a separator or
 * after a status or percent when a status or percent follows it) → the fields of each segment
 * (status, percent, count, note) → an explicit list of doubts. The rule is never to guess: what is
 * not certain is not read into any item but named as a doubt, and the conversation asks it again.
 * Nothing here is saved; the reading is shown back for review first.
 */
export interface QuickReading {
  /** What was read without doubt, one draft per item, by item number. */
  drafts: DraftAnswer[];
  /** What was not certain, in the order of the message; items named here have no draft. */
  doubts: Doubt[];
}

/** Something in the message that is not filed: the item it concerns (if any), the words, why. */
export interface Doubt {
  itemNo?: number;
  text: string;
  problem: InputProblem;
}

// ── Word lists (folded) ────────────────────────────────────────────────────────────────────────

const PREFIXES: readonly string[][] = [['noi', 'dung'], ['nd'], ['muc'], ['item'], ['phan']];
/** Words that add nothing ("xong rồi ạ", "được 25%"): skipped, never a note. */
const FILLERS = new Set([
  'roi',
  'het',
  'duoc',
  // "được" as typed in chat ("dc", "đc").
  'dc',
  'a',
  'nhe',
  'nha',
  'nhé',
  'ok',
  'luon',
  'oi',
  'rui',
  'voi',
  'la',
  'dat',
  'muc',
  'ca',
  'tat',
]);
/** Before a percent: "đạt 70%", "tỷ lệ 70%", "tiến độ 70%". */
const PERCENT_LEADS: readonly string[][] = [
  ['dat', 'duoc'],
  ['dat', 'dc'],
  ['dat'],
  ['duoc'],
  ['dc'],
  ['ty', 'le'],
  ['ti', 'le'],
  ['tien', 'do'],
  ['khoang'],
];
/** "Done" phrases that describe an activity rather than a result: a percent below 100 wins. */
const WEAK_DONE: ReadonlyMap<string, ItemStatus> = new Map([
  ['da to chuc', 'done'],
  ['da thuc hien', 'done'],
  ['da trien khai', 'done'],
]);
const MORE_STATUS: ReadonlyMap<string, ItemStatus> = new Map([
  ['chua to chuc', 'not-started'],
  ['chua co', 'not-started'],
  ['xong roi', 'done'],
  ['hoan thanh xong', 'done'],
  ['da hoan thanh xong', 'done'],
]);
const MARKER_SIGNS = new Set([':', ')', '.', '-', '–', '—', '/', ']', '>']);
const SEPARATORS = new Set([',', ';', '.', '\n', '|']);

function statusOf(phrase: string): { status: ItemStatus; weak: boolean } | undefined {
  const weak = WEAK_DONE.get(phrase);
  if (weak) return { status: weak, weak: true };
  const strong = MORE_STATUS.get(phrase) ?? STATUS_PHRASES.get(phrase);
  return strong ? { status: strong, weak: false } : undefined;
}

// ── Token helpers ──────────────────────────────────────────────────────────────────────────────

/** The plan's own words (units, labels, titles), tokenised once: they are looked up at every token. */
const planWords = new Map<string, Token[]>();
function wordsOf(text: string): Token[] {
  let found = planWords.get(text);
  if (!found) {
    found = tokenize(text);
    if (planWords.size > 1000) planWords.clear();
    planWords.set(text, found);
  }
  return found;
}

const isSign = (t: Token | undefined, ...signs: string[]) => t?.kind === 'sign' && (signs.length === 0 || signs.includes(t.raw));
/** A sign that ends one item's words: ",", ";", ".", a line end, "|". */
const isSeparator = (t: Token | undefined) => t?.kind === 'sign' && SEPARATORS.has(t.raw);

/** Whether the folded words at `i` are `words`, one token each, with nothing between. */
function wordsAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[i + k]?.kind === 'word' && tokens[i + k]?.fold === w);
}

/** The longest status phrase starting at `i` (up to 5 words), or undefined. */
function statusAt(tokens: readonly Token[], i: number, to: number): { status: ItemStatus; weak: boolean; next: number } | undefined {
  for (let n = Math.min(5, to - i + 1); n >= 1; n--) {
    const words = tokens.slice(i, i + n);
    if (!words.every((t) => t.kind === 'word')) continue;
    const found = statusOf(words.map((t) => t.fold).join(' '));
    if (found) return { ...found, next: i + n };
  }
  return undefined;
}

/** A status phrase ending at `i` (so a number after it may start the next item). */
function statusEndsAt(tokens: readonly Token[], i: number): boolean {
  for (let n = 1; n <= 5; n++) {
    const words = tokens.slice(i - n + 1, i + 1);
    if (words.length === n && words.every((t) => t.kind === 'word') && statusOf(words.map((t) => t.fold).join(' '))) return true;
  }
  return false;
}

/**
 * A number at `i`, with a decimal part ("72,5") or thousands ("1.250") written without spaces:
 * its value, its text, and where it ends.
 */
function numberAt(tokens: readonly Token[], i: number): { value: number; text: string; decimals: number; next: number } | undefined {
  const t = tokens[i];
  if (t?.kind !== 'num') return undefined;
  const sep = tokens[i + 1];
  const after = tokens[i + 2];
  const glued = sep && after && isSign(sep, '.', ',') && !sep.spaced && after.kind === 'num' && !after.spaced;
  if (glued && after.raw.length === 3 && t.raw.length <= 3) {
    // "1.250": thousands, as written in Vietnam (possibly "1.250.000").
    let text = t.raw + after.raw;
    let next = i + 3;
    while (
      isSign(tokens[next], '.', ',') &&
      tokens[next]?.raw === sep.raw &&
      !tokens[next]?.spaced &&
      tokens[next + 1]?.kind === 'num' &&
      tokens[next + 1]?.raw.length === 3 &&
      !tokens[next + 1]?.spaced
    ) {
      text += tokens[next + 1]?.raw ?? '';
      next += 2;
    }
    return { value: Number(text), text, decimals: 0, next };
  }
  if (glued) return { value: Number(`${t.raw}.${after.raw}`), text: `${t.raw},${after.raw}`, decimals: after.raw.length, next: i + 3 };
  return { value: Number(t.raw), text: t.raw, decimals: 0, next: i + 1 };
}

/** "70%", "70 %", "72,5%", "70 phần trăm", with "đạt"/"được" before it: value and end. */
function percentAt(tokens: readonly Token[], i: number): { value: number; decimals: number; negative: boolean; next: number } | undefined {
  let j = i;
  for (const lead of PERCENT_LEADS) {
    if (wordsAt(tokens, j, lead)) {
      j += lead.length;
      break;
    }
  }
  if (isSign(tokens[j], ':')) j++;
  const negative = isSign(tokens[j], '-') && tokens[j + 1]?.kind === 'num' && !tokens[j + 1]?.spaced;
  if (negative) j++;
  const n = numberAt(tokens, j);
  if (!n) return undefined;
  if (isSign(tokens[n.next], '%')) return { value: n.value, decimals: n.decimals, negative, next: n.next + 1 };
  if (wordsAt(tokens, n.next, ['phan', 'tram'])) return { value: n.value, decimals: n.decimals, negative, next: n.next + 2 };
  return undefined;
}

/** The unit's words after a count ("tập thể, cá nhân", or a part: "tập thể"): where they end. */
function unitAt(tokens: readonly Token[], i: number, item: ReportItem): number | undefined {
  const unit = item.quantity?.unit;
  if (!unit) return undefined;
  const whole = wordsOf(unit).filter((t) => t.kind === 'word' || isSign(t, ','));
  const parts = unit
    .split(/[,/]| và /)
    .map((p) =>
      wordsOf(p)
        .filter((t) => t.kind === 'word')
        .map((t) => t.fold),
    )
    .filter((p) => p.length > 0);
  // The whole unit first, its commas optional ("tập thể cá nhân" or "tập thể, cá nhân").
  let j = i;
  let matched = 0;
  for (const u of whole) {
    if (u.kind === 'sign') {
      if (isSign(tokens[j], ',')) j++;
      continue;
    }
    if (tokens[j]?.kind !== 'word' || tokens[j]?.fold !== u.fold) break;
    j++;
    matched++;
  }
  if (matched === whole.filter((u) => u.kind === 'word').length) return j;
  for (const p of parts) if (wordsAt(tokens, i, p)) return i + p.length;
  return undefined;
}

/** A count: "sl 12", "số lượng: 12", "12 tập thể" (the item's unit), "khen thưởng 8 tập thể". */
function countAt(
  tokens: readonly Token[],
  i: number,
  item: ReportItem,
): { value: number; decimals: number; labelled: boolean; next: number } | undefined {
  let j = i;
  let labelled = false;
  if (wordsAt(tokens, j, ['so', 'luong'])) j += 2;
  else if (wordsAt(tokens, j, ['sl']) || wordsAt(tokens, j, ['slg'])) j += 1;
  if (j > i) {
    labelled = true;
    while (isSign(tokens[j], ':', '=', '-')) j++;
    if (wordsAt(tokens, j, ['la'])) j++;
  } else if (item.quantity) {
    // Words of the item's own question before the number: "khen thưởng 8", "tuyên truyền 20 tin".
    const label = new Set(wordsOf(item.quantity.label).map((t) => t.fold));
    for (const w of ['so', 'da', 'duoc', 'cac', 'va']) label.delete(w);
    while (tokens[j]?.kind === 'word' && label.has(tokens[j]?.fold ?? '')) j++;
    if (j > i && tokens[j]?.kind !== 'num') return undefined;
  }
  const n = numberAt(tokens, j);
  if (!n) return undefined;
  const unitEnd = unitAt(tokens, n.next, item);
  // Without "sl", only the unit makes a number a count: "tổ chức 3 đợt tập huấn" is not 3 hội nghị.
  if (!labelled && unitEnd === undefined) return undefined;
  return { value: n.value, decimals: n.decimals, labelled, next: unitEnd ?? n.next };
}

// ── Segments: which words belong to which item ─────────────────────────────────────────────────

interface Segment {
  itemNo: number;
  /** The marker's first token and the content's last token (inclusive). */
  from: number;
  contentFrom: number;
  to: number;
  /** A number standing alone after an item ("1 xong 2"): a doubt, not an item. */
  stray?: boolean;
  /**
   * An item number and a bare number after a separator ("…, 5 60"): item 5 at 60 %, a count of 60,
   * or part of the note? A doubt for that item, and not left in the note of the item before.
   */
  unclear?: boolean;
}

/** An item marker at `i`: "3", "3.", "3:", "3)", "3-", "3/", "ND3", "NĐ 3", "Mục 3", "Nội dung 3". */
function markerAt(tokens: readonly Token[], i: number): { itemNo: number; explicit: boolean; punct: boolean; next: number } | undefined {
  let j = i;
  let explicit = false;
  for (const p of PREFIXES) {
    if (wordsAt(tokens, j, p)) {
      j += p.length;
      explicit = true;
      break;
    }
  }
  if (explicit && wordsAt(tokens, j, ['so'])) j++;
  if (explicit && isSign(tokens[j], '.', ':') && tokens[j + 1]?.kind === 'num') j++;
  const t = tokens[j];
  if (t?.kind !== 'num' || t.raw.length > 3) return undefined;
  // Not part of a longer number ("1.250", "72,5", "05/6").
  const before = tokens[j - 1];
  if (
    !explicit &&
    before &&
    !t.spaced &&
    !before.spaced &&
    (before.kind === 'num' || isSign(before, '/', '.', ',')) &&
    tokens[j - 2]?.kind === 'num'
  )
    return undefined;
  const n = numberAt(tokens, j);
  if (!n || n.next !== j + 1) return undefined;
  const after = tokens[j + 1];
  if (isSign(after, '%') || wordsAt(tokens, j + 1, ['phan', 'tram'])) return undefined;
  if (after && MARKER_SIGNS.has(after.raw) && after.kind === 'sign') {
    const next = tokens[j + 2];
    // "1/2", "1-3" are not markers.
    if (next && next.kind === 'num' && !next.spaced) return undefined;
    return { itemNo: Number(t.raw), explicit, punct: true, next: j + 2 };
  }
  return { itemNo: Number(t.raw), explicit, punct: false, next: j + 1 };
}

/** Whether a count or percent follows a marker's number, meaning it is not a marker at all. */
function unitFollows(tokens: readonly Token[], i: number, campaign: Campaign): boolean {
  return campaign.items.some((item) => unitAt(tokens, i, item) !== undefined);
}

/** Whether what follows `i` makes a mid-line number the start of an item: a status or a percent. */
function answerFollows(tokens: readonly Token[], i: number, to: number): boolean {
  return statusAt(tokens, i, to) !== undefined || percentAt(tokens, i) !== undefined;
}

/** A line's first token after bullets and emoji ("✅", "•", "-", "+", "*"). */
function afterBullets(tokens: readonly Token[], i: number, end: number): number {
  let j = i;
  while (j <= end && tokens[j]?.kind === 'sign') j++;
  return j;
}

interface Line {
  from: number;
  to: number;
  /** An empty line before it: a new paragraph, never the continuation of an item. */
  afterBlank: boolean;
}

function linesOf(tokens: readonly Token[]): Line[] {
  const lines: Line[] = [];
  let from = 0;
  let blank = false;
  tokens.forEach((t, i) => {
    if (t.kind === 'nl') {
      if (i > from) {
        lines.push({ from, to: i - 1, afterBlank: blank });
        blank = false;
      } else if (lines.length > 0) blank = true;
      from = i + 1;
    }
  });
  if (from < tokens.length) lines.push({ from, to: tokens.length - 1, afterBlank: blank });
  return lines;
}

/** "Hoàn thành 1, 2, 5" or "1, 2, 5: xong": one status for several items. */
function groupLine(tokens: readonly Token[], from: number, to: number): { itemNos: number[]; status: ItemStatus } | undefined {
  const numbers = (i: number): { itemNos: number[]; next: number } => {
    const itemNos: number[] = [];
    let j = i;
    while (j <= to) {
      const t = tokens[j];
      if (t?.kind === 'num' && t.raw.length <= 3) itemNos.push(Number(t.raw));
      else if (!(isSign(t, ',', ';', '&', '+') || wordsAt(tokens, j, ['va']))) break;
      j++;
    }
    return { itemNos, next: j };
  };
  const skipTail = (i: number) => {
    let j = i;
    while (j <= to && (tokens[j]?.kind === 'sign' || (tokens[j]?.kind === 'word' && FILLERS.has(tokens[j]?.fold ?? '')))) j++;
    return j;
  };
  const lead = statusAt(tokens, from, to);
  if (lead && !lead.weak) {
    let j = lead.next;
    while (isSign(tokens[j], ':', '-')) j++;
    for (const w of ['noi dung', 'nd', 'muc', 'cac muc', 'cac noi dung']) {
      const ws = w.split(' ');
      if (wordsAt(tokens, j, ws)) j += ws.length;
    }
    const list = numbers(j);
    if (list.itemNos.length >= 1 && skipTail(list.next) > to) return { itemNos: list.itemNos, status: lead.status };
  }
  // "Mục 1, 2, 3: xong", "ND 1 và 2 hoàn thành": the prefix word before the list.
  let listFrom = from;
  for (const p of [...PREFIXES, ['cac', 'muc'], ['cac', 'noi', 'dung']]) {
    if (wordsAt(tokens, listFrom, p)) {
      listFrom += p.length;
      break;
    }
  }
  const list = numbers(listFrom);
  if (list.itemNos.length >= 2 && tokens.slice(listFrom, list.next).some((t) => isSign(t, ',', ';', '&', '+') || t.fold === 'va')) {
    let j = list.next;
    while (isSign(tokens[j], ':', '-')) j++;
    const tail = statusAt(tokens, j, to);
    if (tail && !tail.weak && skipTail(tail.next) > to) return { itemNos: list.itemNos, status: tail.status };
  }
  return undefined;
}

// ── Reading one item's words ───────────────────────────────────────────────────────────────────

type ItemReading = { ok: true; draft: DraftAnswer } | { ok: false; problem: InputProblem };

/** The item's short title copied in front ("4. Đổi mới công tác thi đua, khen thưởng: …"): skipped. */
function afterTitle(tokens: readonly Token[], i: number, to: number, item: ReportItem): number {
  const title = wordsOf(item.short).filter((t) => t.kind !== 'sign');
  let j = i;
  for (const w of title) {
    while (j <= to && tokens[j]?.kind === 'sign') j++;
    if (tokens[j]?.fold !== w.fold) return i;
    j++;
  }
  return isSign(tokens[j], ':') ? j + 1 : i;
}

/** A note continued on the next line is kept on one line, as the review prints it. */
function oneLine(note: string): string {
  return note.trim().replace(/\s*\n\s*/g, ' ');
}

function weakEnds(tokens: readonly Token[], i: number, to: number, item: ReportItem): boolean {
  let j = i;
  while (j <= to && (tokens[j]?.kind === 'sign' || (tokens[j]?.kind === 'word' && FILLERS.has(tokens[j]?.fold ?? '')))) j++;
  return j > to || percentAt(tokens, j) !== undefined || countAt(tokens, j, item) !== undefined;
}

function readItem(text: string, tokens: readonly Token[], seg: Segment, item: ReportItem, maxItemNo: number): ItemReading {
  const to = seg.to;
  let i = afterTitle(tokens, seg.contentFrom, to, item);
  let status: { status: ItemStatus; weak: boolean } | undefined;
  let percent: { value: number; decimals: number; negative: boolean } | undefined;
  let count: { value: number; decimals: number } | undefined;
  let note: string | undefined;
  let noteLabelled = false;
  // Signs and fillers between fields are passed over, but a note begins at the first of them ("<đợt 1>").
  let signsFrom: number | undefined;
  while (i <= to) {
    const t = tokens[i];
    if (!t) break;
    if (
      t.kind === 'nl' ||
      (t.kind === 'sign' && !isSign(t, '%') && !(isSign(t, '-') && tokens[i + 1]?.kind === 'num' && !tokens[i + 1]?.spaced))
    ) {
      // After a separator a note starts afresh: "xong ạ, đạt 3 chỉ tiêu" has the note "đạt 3 chỉ tiêu".
      if (t.kind === 'nl' || SEPARATORS.has(t.raw)) signsFrom = i;
      else signsFrom ??= i;
      i++;
      continue;
    }
    const fieldFrom = i;
    const before = signsFrom;
    signsFrom = undefined;
    if (wordsAt(tokens, i, ['khong', 'ghi', 'chu']) || wordsAt(tokens, i, ['khong', 'co', 'ghi', 'chu'])) {
      note = '';
      i += tokens[i + 1]?.fold === 'co' ? 4 : 3;
      continue;
    }
    if (wordsAt(tokens, i, ['ghi', 'chu'])) {
      // One ":" (or "-") after the label; everything after it is the note as typed.
      let j = i + 2;
      if (isSign(tokens[j], ':', '-')) j++;
      note = j <= to ? oneLine(rawBetween(text, tokens, j, to)) : '';
      if (isNoNoteWord(note)) note = '';
      noteLabelled = true;
      i = to + 1;
      break;
    }
    const p = percentAt(tokens, i);
    if (p) {
      if (percent) {
        i = before ?? fieldFrom;
        break;
      }
      percent = p;
      i = p.next;
      continue;
    }
    const c = countAt(tokens, i, item);
    if (c) {
      if (count) {
        i = before ?? fieldFrom;
        break;
      }
      if (!item.quantity) return { ok: false, problem: { kind: 'quantity-not-asked', itemNo: item.no } };
      count = c;
      i = c.next;
      continue;
    }
    const s = statusAt(tokens, i, to);
    // "đang" alone is also "đăng" (to publish) once the diacritics are gone: only with a percent or alone.
    const dangAlone =
      s &&
      tokens[i]?.fold === 'dang' &&
      s.next === i + 1 &&
      !(percentAt(tokens, i + 1) || i + 1 > to || tokens.slice(i + 1, to + 1).every((x) => x.kind !== 'word' && x.kind !== 'num'));
    // "Đã tổ chức" is a status only when a count, a percent or nothing follows; before other
    // words it is the start of a note ("80% đã tổ chức 2 hội nghị" for an item without a count).
    const weakNote = s?.weak && !weakEnds(tokens, s.next, to, item);
    if (s && !dangAlone && !weakNote) {
      // A status phrase after another field is part of the note unless only fields follow it
      // ("100%, xong 5 đợt" has the note "xong 5 đợt"; "50% đang triển khai" is a status).
      if ((status || percent || count) && !weakEnds(tokens, s.next, to, item)) {
        i = before ?? fieldFrom;
        break;
      }
      if (status && status.status !== s.status && !(status.weak || s.weak)) {
        i = before ?? fieldFrom;
        break;
      }
      if (!status || status.weak) status = { status: s.status, weak: s.weak };
      i = s.next;
      continue;
    }
    if (t.kind === 'word' && FILLERS.has(t.fold)) {
      // A filler before more words belongs to the note ("đạt 3 chỉ tiêu"); alone it is dropped.
      signsFrom = before ?? fieldFrom;
      i++;
      continue;
    }
    i = before ?? fieldFrom;
    break;
  }
  if (i > to && signsFrom !== undefined) i = signsFrom;
  if (!noteLabelled && i <= to) {
    const tail = tokens.slice(i, to + 1);
    const raw = rawBetween(text, tokens, i, to)
      .replace(/^[\s,;:.\-–—]+|[\s,;:\-–—]+$/g, '')
      .replace(/\.$/, '');
    const words = tail.filter((x) => x.kind === 'word');
    if (words.every((w) => FILLERS.has(w.fold)) && tail.some((x) => x.kind === 'num'))
      return { ok: false, problem: { kind: 'leftover', text: raw } };
    const tailStatus = words.length > 0 ? statusAt(tokens, tokens.indexOf(words[0] as Token), to) : undefined;
    const onlyStatus =
      tailStatus && tokens.slice(tailStatus.next, to + 1).every((x) => x.kind === 'sign' || (x.kind === 'word' && FILLERS.has(x.fold)));
    if (onlyStatus) return { ok: false, problem: { kind: 'two-statuses' } };
    if (!status && !percent && tail.some((x, k) => isSign(x, '%') || wordsAt(tokens, i + k, ['phan', 'tram'])))
      return { ok: false, problem: { kind: 'percent-in-note', text: raw } };
    // "… phối hợp với Sở 5 hoàn thành": another item's answer, run on without a separator?
    const runOn = tail.find((x, k) => {
      const at = i + k;
      const m =
        (x.kind === 'num' || x.kind === 'word') && x.spaced && !isSign(tokens[at - 1], '/', '.', ',') ? markerAt(tokens, at) : undefined;
      return m !== undefined && m.itemNo >= 1 && m.itemNo <= maxItemNo && answerFollows(tokens, m.next, to);
    });
    if (runOn) return { ok: false, problem: { kind: 'item-in-note', itemNo: Number(runOn.raw), text: raw } };
    if (!words.every((w) => FILLERS.has(w.fold))) note = isNoNoteWord(raw) ? '' : oneLine(raw);
  }
  if (note !== undefined && [...note].length > NOTE_MAX_LENGTH)
    return { ok: false, problem: { kind: 'note-too-long', length: [...note].length, max: NOTE_MAX_LENGTH } };
  if (percent) {
    if (percent.negative) return { ok: false, problem: { kind: 'percent-negative' } };
    if (percent.decimals > 1) return { ok: false, problem: { kind: 'percent-not-whole' } };
    if (percent.value > 100) return { ok: false, problem: { kind: 'percent-over', value: percent.value } };
  }
  let finalStatus = status?.status;
  if (status && percent) {
    const implied = percent.value === 100 ? 'done' : percent.value === 0 ? 'not-started' : 'in-progress';
    if (status.weak && implied !== 'not-started') finalStatus = implied;
    else if (implied !== status.status)
      return { ok: false, problem: { kind: 'status-conflict', status: status.status, percent: percent.value } };
  }
  if (!status && percent) finalStatus = percent.value === 100 ? 'done' : percent.value === 0 ? 'not-started' : 'in-progress';
  if (count) {
    if (count.decimals > 0) return { ok: false, problem: { kind: 'quantity-not-whole' } };
    if (count.value > QUANTITY_MAX) return { ok: false, problem: { kind: 'quantity-too-large' } };
  }
  let quantity = count?.value;
  if (quantity === undefined && item.quantity && note && !noteLabelled) quantity = countInNote(note, item.quantity.unit);
  if (finalStatus === 'not-started' && item.quantity) {
    if (quantity !== undefined && quantity !== 0)
      return { ok: false, problem: { kind: 'status-conflict', status: 'not-started', percent: 0 } };
    quantity = 0;
  }
  const draft: DraftAnswer = { itemNo: item.no };
  if (finalStatus) draft.status = finalStatus;
  if (finalStatus === 'done') draft.percent = 100;
  else if (finalStatus === 'not-started') draft.percent = 0;
  else if (percent) draft.percent = percent.value;
  if (quantity !== undefined && item.quantity) draft.quantity = quantity;
  // Something was said of the item: a missing note means none; a bare marker asks everything.
  const said = finalStatus !== undefined || quantity !== undefined || note !== undefined;
  if (said) draft.note = note ?? '';
  return { ok: true, draft };
}

// ── The whole message ──────────────────────────────────────────────────────────────────────────

/** Cuts the message into item segments; what cannot belong to an item becomes a doubt. */
function segmentsOf(
  tokens: readonly Token[],
  text: string,
  campaign: Campaign,
): { segments: Segment[]; groups: { itemNos: number[]; status: ItemStatus; text: string }[]; doubts: Doubt[] } {
  const max = Math.max(...campaign.items.map((i) => i.no));
  const segments: Segment[] = [];
  const groups: { itemNos: number[]; status: ItemStatus; text: string }[] = [];
  const doubts: Doubt[] = [];
  const single = campaign.items.length === 1 ? campaign.items[0] : undefined;
  let current: Segment | undefined;
  let afterGroup = false;
  // Worked out once per item for the whole message, not at every number of it: a 4,000-character
  // message of numbers would otherwise read every count again at each one (seconds of one CPU).
  const countStarts = new Map<number, ReadonlyMap<number, number>>();
  const countStartsEndingAt = (itemNo: number): ReadonlyMap<number, number> => {
    let starts = countStarts.get(itemNo);
    if (!starts) {
      starts = latestCountStarts(
        tokens,
        campaign.items.find((x) => x.no === itemNo),
      );
      countStarts.set(itemNo, starts);
    }
    return starts;
  };
  for (const line of linesOf(tokens)) {
    const start = afterBullets(tokens, line.from, line.to);
    if (start > line.to) continue;
    const lineText = rawBetween(text, tokens, line.from, line.to).trim();
    const group = groupLine(tokens, start, line.to);
    if (group) {
      groups.push({ ...group, text: lineText });
      current = undefined;
      afterGroup = true;
      continue;
    }
    const m = markerAt(tokens, start);
    const isMarker = m && (m.explicit || m.punct || !unitFollows(tokens, m.next, campaign));
    let i: number;
    let heading: ReturnType<typeof headingThenItem>;
    if (m && isMarker) {
      current = { itemNo: m.itemNo, from: start, contentFrom: m.next, to: line.to };
      segments.push(current);
      i = m.next;
    } else if (current && !line.afterBlank) {
      // A line without a marker continues the item above (a long note, a wrapped line).
      current.to = line.to;
      i = start;
    } else if (single && !afterGroup && !current) {
      current = { itemNo: single.no, from: start, contentFrom: start, to: line.to };
      segments.push(current);
      i = start;
    } else if ((heading = headingThenItem(tokens, start, line.to, campaign, max))) {
      // "Báo cáo kỳ 6 tháng: 1 hoàn thành. 2 …": the heading is passed over, the items are read.
      current = { itemNo: heading.itemNo, from: heading.from, contentFrom: heading.next, to: line.to };
      segments.push(current);
      i = heading.next;
    } else {
      // A heading ("Báo cáo kỳ 6 tháng năm 2025:") is passed over; a status or percent is not.
      const meaningful = tokens.slice(start, line.to + 1).some((t) => isSign(t, '%')) || statusInRange(tokens, start, line.to);
      if (meaningful) doubts.push({ text: lineText, problem: { kind: 'no-item-number', line: lineText } });
      continue;
    }
    // Items further along the same line.
    for (let j = i; j <= line.to; j++) {
      const t = tokens[j];
      // After "ghi chú:" the rest of the line is the note, whatever numbers it holds.
      if (wordsAt(tokens, j, ['ghi', 'chu']) && isSign(tokens[j + 2], ':')) break;
      if (t?.kind !== 'num' && t?.kind !== 'word') continue;
      // "2-60%" after an answer: item 2 at 60 %, or a range from 2 to 60 %? Asked, as item 2.
      const ranged = rangedPercentAt(tokens, j, max);
      const mid = ranged ?? markerAt(tokens, j);
      if (!mid || !current) continue;
      const prev = tokens[j - 1];
      // A bullet or emoji between the separator and the number: "…; ✅ 2. xong".
      let k = j - 1;
      while (k > i && tokens[k]?.kind === 'sign' && !isSeparator(tokens[k]) && !isSign(tokens[k], '%')) k--;
      const sep = tokens[k];
      const afterSeparator = isSeparator(sep);
      const afterAnswer: boolean =
        (prev !== undefined && (isSign(prev, '%') || (prev.kind === 'word' && (statusEndsAt(tokens, j - 1) || FILLERS.has(prev.fold))))) ||
        wordsAt(tokens, j - 2, ['phan', 'tram']) ||
        (countStartsEndingAt(current.itemNo).get(j) ?? -1) >= current.contentFrom ||
        // Right after an unclear "3 50": that item is asked whatever follows.
        (current.unclear === true && prev?.kind === 'num');
      if (!afterSeparator && !afterAnswer && !mid.explicit) continue;
      const end = mid.next > line.to;
      const follows = mid.punct || answerFollows(tokens, mid.next, line.to);
      const unclear: boolean =
        (ranged !== undefined && (afterSeparator || afterAnswer)) ||
        (!mid.explicit &&
          !follows &&
          !end &&
          (afterSeparator || afterAnswer) &&
          (bareNumberFollows(tokens, mid.next, line.to) || onlyFillersFollow(tokens, mid.next, line.to)));
      if (mid.explicit ? !(follows || afterSeparator) : !(follows || end || unclear)) continue;
      // A big number standing alone is not an item: it stays with the item before ("4 xong 12": asked).
      if (!mid.explicit && !mid.punct && mid.itemNo > max) continue;
      if (!mid.explicit && unitFollows(tokens, mid.next, campaign)) continue;
      current.to = afterSeparator ? k - 1 : j - 1;
      current = {
        itemNo: mid.itemNo,
        from: j,
        contentFrom: mid.next,
        to: line.to,
        ...(end && !mid.explicit && !mid.punct ? { stray: true } : {}),
        ...(unclear ? { unclear: true } : {}),
      };
      segments.push(current);
      j = mid.next - 1;
    }
  }
  return { segments, groups, doubts };
}

/**
 * A number on its own at `i` (not a percent, not a count's unit, not the first group of "1 500 000"),
 * ending the line, or followed by a separator or by the next item.
 */
function bareNumberFollows(tokens: readonly Token[], i: number, to: number): boolean {
  const t = tokens[i];
  if (t?.kind !== 'num' || !t.spaced) return false;
  const n = numberAt(tokens, i);
  if (!n) return false;
  if (n.next > to || isSeparator(tokens[n.next])) return true;
  // Or the next item: "3 50 4 xong".
  const next = markerAt(tokens, n.next);
  return next !== undefined && (next.punct || answerFollows(tokens, next.next, to));
}

/**
 * A heading and its colon before the first item on the same line ("Báo cáo kỳ 6 tháng: 1 hoàn thành"):
 * where that item's marker is. Not when the words before the colon hold a status or a percent (they
 * would be an answer without its item, asked instead), nor for "ghi chú:".
 */
function headingThenItem(
  tokens: readonly Token[],
  start: number,
  to: number,
  campaign: Campaign,
  max: number,
): { itemNo: number; from: number; next: number } | undefined {
  for (let c = start + 1; c <= Math.min(to, start + 12); c++) {
    if (!isSign(tokens[c], ':')) continue;
    if (wordsAt(tokens, c - 2, ['ghi', 'chu'])) return undefined;
    if (tokens.slice(start, c).some((t) => isSign(t, '%')) || statusInRange(tokens, start, c - 1)) return undefined;
    const k = afterBullets(tokens, c + 1, to);
    const m = markerAt(tokens, k);
    if (!m || m.itemNo < 1 || m.itemNo > max || unitFollows(tokens, m.next, campaign)) return undefined;
    return m.explicit || m.punct || answerFollows(tokens, m.next, to) ? { itemNo: m.itemNo, from: k, next: m.next } : undefined;
  }
  return undefined;
}

/** "2-60%", "2–60 phần trăm" (an item number up to `max` glued to a percent by a dash): where its marker ends. */
function rangedPercentAt(
  tokens: readonly Token[],
  i: number,
  max: number,
): { itemNo: number; explicit: false; punct: true; next: number } | undefined {
  const t = tokens[i];
  const dash = tokens[i + 1];
  const to = tokens[i + 2];
  if (t?.kind !== 'num' || !/^\d{1,2}$/.test(t.raw) || Number(t.raw) < 1 || Number(t.raw) > max) return undefined;
  if (!isSign(dash, '-', '–') || dash?.spaced || to?.kind !== 'num' || to.spaced) return undefined;
  return percentAt(tokens, i + 2) ? { itemNo: Number(t.raw), explicit: false, punct: true, next: i + 2 } : undefined;
}

/**
 * Where counts of `item` ("sl 10", "15 tập thể, cá nhân") end — its answer is complete there — each
 * with the latest token a count ending there starts at: a count of the current item ends just
 * before `j` when that start is within the item's words.
 */
function latestCountStarts(tokens: readonly Token[], item: ReportItem | undefined): Map<number, number> {
  const starts = new Map<number, number>();
  if (item?.quantity)
    for (let k = 0; k < tokens.length; k++) {
      const count = countAt(tokens, k, item);
      if (count) starts.set(count.next, k);
    }
  return starts;
}

/** Only filler words ("ok", "rồi", "ạ") from `i` to the next separator or the line's end. */
function onlyFillersFollow(tokens: readonly Token[], i: number, to: number): boolean {
  let k = i;
  while (k <= to && tokens[k]?.kind === 'word' && FILLERS.has(tokens[k]?.fold ?? '')) k++;
  return k > i && (k > to || isSeparator(tokens[k]));
}

function statusInRange(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (tokens[i]?.kind === 'word' && statusAt(tokens, i, to)) return true;
  return false;
}

/** Reads a quick form: drafts for what is certain, doubts for everything else. */
export function parseQuickForm(text: string, campaign: Campaign): QuickReading {
  const nfc = text.normalize('NFC');
  const tokens = tokenize(nfc);
  const max = Math.max(...campaign.items.map((i) => i.no));
  const { segments, groups, doubts } = segmentsOf(tokens, nfc, campaign);
  const read: { draft?: DraftAnswer; doubt?: Doubt; itemNo: number; text: string }[] = [];
  for (const seg of segments) {
    const segText = rawBetween(nfc, tokens, seg.from, seg.to).trim();
    const item = campaign.items.find((x) => x.no === seg.itemNo);
    if (seg.stray || seg.unclear) {
      const problem: InputProblem = seg.stray ? { kind: 'stray-number', text: segText } : { kind: 'leftover', text: segText };
      read.push({ itemNo: seg.itemNo, text: segText, doubt: { ...(item ? { itemNo: seg.itemNo } : {}), text: segText, problem } });
      continue;
    }
    if (!item) {
      read.push({
        itemNo: seg.itemNo,
        text: segText,
        doubt: { text: segText, problem: { kind: 'unknown-item', itemNo: seg.itemNo, max } },
      });
      continue;
    }
    const r = readItem(nfc, tokens, seg, item, max);
    read.push(
      r.ok
        ? { itemNo: item.no, text: segText, draft: r.draft }
        : { itemNo: item.no, text: segText, doubt: { itemNo: item.no, text: segText, problem: r.problem } },
    );
  }
  for (const g of groups) {
    for (const no of g.itemNos) {
      const item = campaign.items.find((x) => x.no === no);
      if (!item) {
        read.push({ itemNo: no, text: g.text, doubt: { text: g.text, problem: { kind: 'unknown-item', itemNo: no, max } } });
        continue;
      }
      const draft: DraftAnswer = { itemNo: no, status: g.status, note: '' };
      if (g.status === 'done') draft.percent = 100;
      if (g.status === 'not-started') {
        draft.percent = 0;
        if (item.quantity) draft.quantity = 0;
      }
      read.push({ itemNo: no, text: g.text, draft });
    }
  }
  // An item named twice is asked, whichever of the two was meant.
  const drafts: DraftAnswer[] = [];
  const all = [...doubts];
  const seen = new Map<number, number>();
  for (const r of read) if (r.draft || r.doubt?.itemNo !== undefined) seen.set(r.itemNo, (seen.get(r.itemNo) ?? 0) + 1);
  const reported = new Set<number>();
  for (const r of read) {
    if ((seen.get(r.itemNo) ?? 0) > 1 && campaign.items.some((x) => x.no === r.itemNo)) {
      // Both places are shown back, so the person sees which two answers disagree.
      const texts = read.filter((x) => x.itemNo === r.itemNo).map((x) => x.text);
      if (!reported.has(r.itemNo))
        all.push({ itemNo: r.itemNo, text: texts.join('" / "'), problem: { kind: 'duplicate-item', itemNo: r.itemNo } });
      reported.add(r.itemNo);
      continue;
    }
    if (r.doubt) all.push(r.doubt);
    else if (r.draft) drafts.push(r.draft);
  }
  if (drafts.length === 0 && all.length === 0) all.push({ text: nfc.trim(), problem: { kind: 'empty' } });
  return { drafts: drafts.sort((a, b) => a.itemNo - b.itemNo), doubts: all };
}

/** Whether a message looks like quick-form lines: its first line starts with an item marker. */
export function looksLikeQuickForm(text: string): boolean {
  const tokens = tokenize(text);
  const first = linesOf(tokens)[0];
  if (!first) return false;
  const start = afterBullets(tokens, first.from, first.to);
  if (groupLine(tokens, start, first.to)) return true;
  const m = markerAt(tokens, start);
  return m !== undefined && (m.explicit || m.punct || foldVietnamese(text).split(/\s+/).length > 1);
}
