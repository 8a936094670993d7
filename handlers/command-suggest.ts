/**
 * What a mistyped command most likely meant: "/baocaoo", "/bacao", "/kyhna" → the command one or
 * two keystrokes away; "/bao cao" (a space inside) → "/baocao"; short forms heads use ("/bc").
 * Undefined when nothing is close enough to say "did you mean …?" without guessing wildly.
 */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  bc: 'baocao',
  kh: 'kyhan',
  th: 'tonghop',
  tg: 'trogiup',
  hd: 'trogiup',
  huongdan: 'trogiup',
};

export function suggestCommand(typed: string, names: readonly string[], nextWord = ''): string | undefined {
  const known = new Set(names);
  const joined = `${typed}${nextWord.toLowerCase()}`;
  if (nextWord && known.has(joined)) return joined;
  const short = SHORT_FORMS[typed];
  if (short && known.has(short)) return short;
  if (typed.length < 3) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(typed, name);
    const limit = name.length >= 6 ? 2 : 1;
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Edits (insert, delete, replace, swap two neighbours) from one word to the other. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}
