import { isLocalDate, localDate, type LocalDate } from '../vietnam-time.js';

/**
 * Reads a date as people type it in Vietnam: `20/06/2025`, `20/6/2025`, `20-6-2025`, `20.6.25`,
 * `20/6` (this year) or `2025-06-20`. Undefined when it is not a real date.
 */
export function parseTypedDate(text: string, currentYear: number): LocalDate | undefined {
  const t = text.trim();
  if (isLocalDate(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(t);
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = m[3] === undefined ? currentYear : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const date = localDate(year, month, day);
  // localDate normalises 31/6 to 1/7; a typed date must exist as written.
  return date === `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` ? date : undefined;
}
