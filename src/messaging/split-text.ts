/**
 * Splits text into pieces of at most `limit` characters (code points, so Vietnamese letters and
 * emoji are never cut in half), preferring paragraph, then line, then word boundaries, and cutting
 * mid-word only when one word is longer than the limit.
 *
 * Example: `splitText(longReport, 4096)` for Telegram, `splitText(longReport, 2000)` for Zalo.
 */
export function splitText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  // Most messages fit: no string has more code points than UTF-16 units.
  if (text.length <= limit) return text.length > 0 ? [text] : [];
  if (!/[\uD800-\uDFFF]/.test(text)) return splitUnits(text, limit);
  const cp = codePoints(text);
  if (cp.count <= limit) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (cp.count - start > limit) {
    const cut = lastBoundary(cp, start, limit);
    const piece = cp.slice(start, start + cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    start += cut;
    while (start < cp.count && cp.isSpace(start)) start++;
  }
  const rest = cp.slice(start, cp.count).trimEnd();
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/**
 * splitText for a text without surrogate pairs (Vietnamese, no emoji: most long replies, a /status
 * page among them), where a code point is one UTF-16 unit: the same cuts, found with the string's
 * own searches instead of a test per character.
 */
function splitUnits(text: string, limit: number): string[] {
  const pieces: string[] = [];
  const atLeast = Math.floor(limit / 2);
  let start = 0;
  while (text.length - start > limit) {
    const end = start + limit;
    let cut = -1;
    // A paragraph: "\n\n" ending at or before the window's last place to cut.
    const paragraph = limit >= 2 ? text.lastIndexOf('\n\n', end - 2) : -1;
    if (paragraph >= start && paragraph - start + 2 > atLeast) cut = paragraph - start + 2;
    if (cut < 0) {
      // A line: just after a line end, or at one (the window's very end).
      const newline = text.lastIndexOf('\n', end);
      if (newline >= start) {
        const at = newline === end ? limit : newline - start + 1;
        if (at > atLeast) cut = at;
      }
    }
    if (cut < 0) for (let i = limit; i > atLeast && cut < 0; i--) if (isSpaceUnit(text.charCodeAt(start + i))) cut = i;
    if (cut < 0) cut = limit;
    const piece = text.slice(start, start + cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    start += cut;
    while (start < text.length && isSpaceUnit(text.charCodeAt(start))) start++;
  }
  const rest = text.slice(start).trimEnd();
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** What /\s/ matches, one UTF-16 unit at a time (trimEnd trims the same set). */
function isSpaceUnit(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A text seen as code points, without an array of them: where each starts in the string, when it has surrogate pairs. */
interface CodePoints {
  count: number;
  slice(from: number, to: number): string;
  isNewline(i: number): boolean;
  isSpace(i: number): boolean;
}

function codePoints(text: string): CodePoints {
  // Vietnamese text has no surrogate pairs (emoji do): then a code point is one unit, and i is its offset.
  let offsets: Int32Array | undefined;
  if (/[\uD800-\uDFFF]/.test(text)) {
    offsets = new Int32Array(text.length + 1);
    let n = 0;
    for (let u = 0; u < text.length; n++) {
      offsets[n] = u;
      u += (text.codePointAt(u) ?? 0) > 0xffff ? 2 : 1;
    }
    offsets[n] = text.length;
    offsets = offsets.subarray(0, n + 1);
  }
  const at = offsets ? (i: number) => offsets[i] ?? text.length : (i: number) => i;
  const count = offsets ? offsets.length - 1 : text.length;
  // Whitespace and line ends are single units; a unit of a surrogate pair is neither.
  const unit = (i: number) => (at(i + 1) - at(i) === 1 ? text[at(i)] : undefined);
  return {
    count,
    slice: (from, to) => text.slice(at(from), at(to)),
    isNewline: (i) => i >= 0 && i < count && unit(i) === '\n',
    isSpace: (i) => i >= 0 && i < count && /\s/u.test(unit(i) ?? ''),
  };
}

/** The best place to cut within the first `limit` code points from `start` (at least limit + 1 follow it). */
function lastBoundary(cp: CodePoints, start: number, limit: number): number {
  // Only the window start … start + limit is looked at, as if cut out of the text.
  const inWindow = (i: number) => i >= 0 && i <= limit;
  const newline = (i: number) => inWindow(i) && cp.isNewline(start + i);
  const atLeast = Math.floor(limit / 2);
  const find = (test: (i: number) => boolean): number => {
    for (let i = limit; i > atLeast; i--) if (test(i)) return i;
    return -1;
  };
  const paragraph = find((i) => newline(i - 1) && newline(i - 2));
  if (paragraph > 0) return paragraph;
  const line = find((i) => newline(i) || newline(i - 1));
  if (line > 0) return line;
  const word = find((i) => inWindow(i) && cp.isSpace(start + i));
  if (word > 0) return word;
  return limit;
}

/**
 * splitText, then any piece still longer than `limit` in UTF-16 code units (emoji count two there)
 * split again at half the limit: for platforms that count UTF-16 (Telegram), or whose count is not
 * documented (Zalo), so a piece fits either way.
 */
export function splitTextUtf16(text: string, limit: number): string[] {
  const out: string[] = [];
  const pending = splitText(text, limit);
  while (pending.length > 0) {
    const piece = pending.shift() as string;
    if (piece.length <= limit) out.push(piece);
    else pending.unshift(...splitText(piece, Math.max(1, Math.floor(limit / 2))));
  }
  return out;
}
