const UNITS: Record<string, number> = {
  m: 60_000,
  ph: 60_000,
  h: 3_600_000,
  g: 3_600_000,
  d: 86_400_000,
  n: 86_400_000,
  w: 7 * 86_400_000,
  t: 7 * 86_400_000,
};

/**
 * Parses a span like `3d`, `2h`, `90m`, `1w` or `1d12h` (Vietnamese letters too: n = ngày,
 * g = giờ, ph = phút, t = tuần) into milliseconds; undefined when it is not one.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d{1,4}(ph|m|h|g|d|n|w|t))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d{1,4})(ph|m|h|g|d|n|w|t)/g)) total += Number(m[1]) * (UNITS[m[2] ?? ''] ?? 0);
  return total > 0 ? total : undefined;
}
