import { parseLocalDate, type LocalDate } from '../domain/vietnam-time.js';

/**
 * Helpers for the layout of official documents under Decree 30/2020/NĐ-CP (Nghị định về công tác
 * văn thư). Documents are in Vietnamese by law, so these are not translated.
 */

/** Upper case as Vietnamese writes it: "UBND tỉnh Lai Châu" → "UBND TỈNH LAI CHÂU". */
export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/**
 * The place and date line: "Lai Châu, ngày 05 tháng 01 năm 2026". Decree 30 writes a zero before
 * days under 10 and before months 1 and 2 (so that nobody can add a digit), and none elsewhere:
 * "ngày 18 tháng 6 năm 2025".
 */
export function placeAndDate(place: string, date: LocalDate): string {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  const day = String(p.day).padStart(2, '0');
  const month = p.month <= 2 ? String(p.month).padStart(2, '0') : String(p.month);
  return `${place}, ngày ${day} tháng ${month} năm ${p.year}`;
}

const SMALL_WORDS = new Set(['và', 'của', 'các']);

/**
 * The abbreviation of an issuing body for the symbol of its documents: the initials of its name,
 * upper case, "và" left out; "Sở Nội vụ" → "SNV", "Sở Giáo dục và Đào tạo" → "SGDĐT". Words that
 * are already abbreviations ("UBND") are kept whole.
 */
export function bodyAbbreviation(name: string): string {
  return name
    .split(/[\s,]+/)
    .filter((w) => w && !SMALL_WORDS.has(w.toLocaleLowerCase('vi')))
    .map((w) => (w.length > 1 && w === upperVi(w) ? w : upperVi(w.charAt(0))))
    .join('');
}

/** "Số: …/BC-SNV": the number is left for the clerk, who issues it when the report is signed. */
export function numberAndSymbol(abbreviation: string): string {
  return `Số: ……/BC-${abbreviation}`;
}

/** `1.234`: thousands separated by dots, as Vietnamese documents write numbers. */
export function numberVi(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `62,5%`: at most one decimal, with a comma. */
export function percentVi(p: number): string {
  return `${(Math.round(p * 10) / 10).toString().replace('.', ',')}%`;
}
