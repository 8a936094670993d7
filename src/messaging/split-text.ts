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
  // Without surrogate pairs (Vietnamese text has none; emoji do) a code point is one unit: the text
  // is cut where it is, without an array of its characters (a long /status page, many times a second).
  const chars: ArrayLike<string> = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text;
  const slice =
    typeof chars === 'string'
      ? (a: number, b: number) => chars.slice(a, b)
      : (a: number, b: number) => Array.prototype.slice.call(chars, a, b).join('');
  if (chars.length <= limit) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (chars.length - start > limit) {
    const cut = lastBoundary(chars, start, limit);
    const piece = slice(start, start + cut).replace(/\s+$/u, '');
    if (piece.length > 0) pieces.push(piece);
    start += cut;
    while (start < chars.length && /\s/u.test(chars[start] ?? '')) start++;
  }
  const rest = slice(start, chars.length).replace(/\s+$/u, '');
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** The best place to cut within the first `limit` characters from `start` (at least limit + 1 follow it). */
function lastBoundary(chars: ArrayLike<string>, start: number, limit: number): number {
  const at = (i: number) => chars[start + i];
  const atLeast = Math.floor(limit / 2);
  const find = (test: (i: number) => boolean): number => {
    for (let i = limit; i > atLeast; i--) if (test(i)) return i;
    return -1;
  };
  const paragraph = find((i) => at(i - 1) === '\n' && at(i - 2) === '\n');
  if (paragraph > 0) return paragraph;
  const line = find((i) => at(i) === '\n' || at(i - 1) === '\n');
  if (line > 0) return line;
  const word = find((i) => /\s/u.test(at(i) ?? ''));
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
