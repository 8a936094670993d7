import type { Period, PeriodKind } from '../period.js';
import { foldVietnamese } from '../typed-text/fold.js';

/**
 * A period named as people name it: by its code ("2025-6-thang"), by its name with or without
 * diacritics ("sơ kết 6 tháng", "6 thang"), or by the customary words for its kind ("cả năm",
 * "quý II", "9 tháng"), optionally with the year. Every period that fits is returned, soonest
 * deadline first; the caller decides what to do with none or several.
 */
const KIND_WORDS: Partial<Record<PeriodKind, readonly string[]>> = {
  'half-year-1': ['6 thang', '6 thang dau nam', 'sau thang', 'so ket', 'so ket 6 thang', 'nua nam', 'giua nam'],
  'half-year-2': ['6 thang cuoi nam'],
  'nine-month': ['9 thang', 'chin thang'],
  yearly: ['ca nam', 'nam', 'tong ket', 'tong ket nam', 'hang nam'],
  'ad-hoc': ['dot xuat'],
};
const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export function findPeriodsByWords(periods: readonly Period[], typed: string): Period[] {
  const raw = typed.trim().toLowerCase();
  if (raw === '') return [];
  const byCode = periods.filter((p) => p.id.toLowerCase() === raw);
  if (byCode.length > 0) return byCode;
  const folded = foldVietnamese(typed).replace(/^(?:ky|ki|ky bao cao)\s+/, '');
  const year = /\b(20\d\d)\b/.exec(folded)?.[1];
  const bare = folded
    .replace(/\b20\d\d\b/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // "cả năm 2025" and "6 tháng năm 2025": the "năm" before the year may or may not belong to the name.
  const variants = [...new Set([bare, bare.replace(/\s*\bnam$/, '').trim()])];
  const fitsWords = (p: Period, words: string): boolean => {
    if (words === '') return false;
    if (foldVietnamese(p.name).includes(words)) return true;
    const quarter = /^quy\s+(i{1,3}|iv|[1-4])$/.exec(words);
    if (quarter) return p.kind === 'quarterly' && Number(p.cutoff.to.slice(5, 7)) === (ROMAN[quarter[1] ?? ''] ?? 0) * 3;
    return (KIND_WORDS[p.kind] ?? []).includes(words);
  };
  const fits = (p: Period): boolean => {
    if (year && !(p.id.includes(year) || p.cutoff.to.startsWith(year))) return false;
    if (bare === '' || bare === 'nam') return Boolean(year) && bare === '';
    return variants.some((w) => fitsWords(p, w));
  };
  return periods.filter(fits).sort((a, b) => a.deadline.localeCompare(b.deadline));
}
