/** The most sends in any window of `windowMs` (how a pacer's limit is checked). */
export function busiest(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
