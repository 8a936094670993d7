import { formatVietnamTime, parseLocalDate, weekday, type LocalDate } from '../domain/vietnam-time.js';

const WEEKDAYS_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `18/06/2025`: the dd/MM/yyyy form used in running text. */
export function formatDate(date: LocalDate): string {
  const p = parseLocalDate(date);
  if (!p) return date;
  return `${String(p.day).padStart(2, '0')}/${String(p.month).padStart(2, '0')}/${p.year}`;
}

/** `thứ Tư, 18/06/2025` */
export function formatDateWithWeekdayVi(date: LocalDate): string {
  return `${WEEKDAYS_VI[weekday(date)]}, ${formatDate(date)}`;
}

/** `Wednesday 18/06/2025` */
export function formatDateWithWeekdayEn(date: LocalDate): string {
  return `${WEEKDAYS_EN[weekday(date)]} ${formatDate(date)}`;
}

/** `08:00 18/06/2025` in Vietnam time. */
export function formatDateTime(ms: number): string {
  return formatVietnamTime(ms, 'HH:mm dd/MM/yyyy');
}
