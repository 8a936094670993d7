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
  const chars = Array.from(text);
  if (chars.length <= limit) return text.length > 0 ? [text] : [];
  const pieces: string[] = [];
  let start = 0;
  while (chars.length - start > limit) {
    const window = chars.slice(start, start + limit + 1);
    const cut = lastBoundary(window, limit);
    const piece = chars
      .slice(start, start + cut)
      .join('')
      .replace(/\s+$/u, '');
    if (piece.length > 0) pieces.push(piece);
    start += cut;
    while (start < chars.length && /\s/u.test(chars[start] ?? '')) start++;
  }
  const rest = chars.slice(start).join('').replace(/\s+$/u, '');
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** The best place to cut within the first `limit` characters of `window` (which has limit + 1). */
function lastBoundary(window: readonly string[], limit: number): number {
  const atLeast = Math.floor(limit / 2);
  const find = (test: (i: number) => boolean): number => {
    for (let i = limit; i > atLeast; i--) if (test(i)) return i;
    return -1;
  };
  const paragraph = find((i) => window[i - 1] === '\n' && window[i - 2] === '\n');
  if (paragraph > 0) return paragraph;
  const line = find((i) => window[i] === '\n' || window[i - 1] === '\n');
  if (line > 0) return line;
  const word = find((i) => /\s/u.test(window[i] ?? ''));
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
