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
  const cp = codePointsOf(text);
  if (cp.count <= limit) return [text];
  const { unitAt, pointAt } = cp;
  const atLeast = Math.floor(limit / 2);
  const pieces: string[] = [];
  let start = 0;
  // Line ends and whitespace are single units, so the string's own searches find them; a place
  // found in units is read back as a code point to measure the piece.
  while (cp.count - start > limit) {
    const end = start + limit;
    let cut = -1;
    // A paragraph: a blank line ending at or before the last place the piece may end.
    const paragraph = limit >= 2 ? text.lastIndexOf('\n\n', unitAt(end - 2)) : -1;
    if (paragraph >= unitAt(start) && pointAt(paragraph) - start + 2 > atLeast) cut = pointAt(paragraph) - start + 2;
    if (cut < 0) {
      // A line: just after a line end, or at one (the piece's last place).
      const newline = text.lastIndexOf('\n', unitAt(end));
      if (newline >= unitAt(start)) {
        const at = pointAt(newline) === end ? limit : pointAt(newline) - start + 1;
        if (at > atLeast) cut = at;
      }
    }
    for (let i = limit; cut < 0 && i > atLeast; i--) if (isSpaceUnit(text.charCodeAt(unitAt(start + i)))) cut = i;
    if (cut < 0) cut = limit;
    const piece = text.slice(unitAt(start), unitAt(start + cut)).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    start += cut;
    while (start < cp.count && isSpaceUnit(text.charCodeAt(unitAt(start)))) start++;
  }
  const rest = text.slice(unitAt(start)).trimEnd();
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** What /\s/ matches, one UTF-16 unit at a time (trimEnd trims the same set; a surrogate is never one). */
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

/**
 * A text's code points without an array of them: how many, where the i-th starts in the string,
 * and which one starts at a unit. Vietnamese text has no surrogate pairs, a /status page a few (its
 * emoji): only where those pairs are is kept, and a place is moved by the pairs before it.
 */
function codePointsOf(text: string): { count: number; unitAt: (point: number) => number; pointAt: (unit: number) => number } {
  if (!/[\uD800-\uDFFF]/.test(text)) return { count: text.length, unitAt: identity, pointAt: identity };
  // Where each pair starts, in units and in code points (both increasing).
  const pairUnits: number[] = [];
  const pairPoints: number[] = [];
  for (const m of text.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)) {
    pairPoints.push(m.index - pairUnits.length);
    pairUnits.push(m.index);
  }
  return {
    count: text.length - pairUnits.length,
    unitAt: (point) => point + countBelow(pairPoints, point),
    pointAt: (unit) => unit - countBelow(pairUnits, unit),
  };
}

/** How many of the increasing `xs` are below `x`. */
function countBelow(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const identity = (i: number) => i;

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
