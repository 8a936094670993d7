import { TZDate } from '@date-fns/tz';

/** Vietnam has one time zone, UTC+7, with no daylight saving. */
export const VN_TZ = 'Asia/Ho_Chi_Minh';

/**
 * A calendar day in Vietnam as `YYYY-MM-DD`. Dates in plans and periods are calendar days, not
 * instants: a deadline "10/06/2025" means until the end of that day in Hà Nội time.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Splits a LocalDate into numbers, or returns undefined when it is not a real calendar day. */
export function parseLocalDate(value: string): { year: number; month: number; day: number } | undefined {
  const m = LOCAL_DATE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export function isLocalDate(value: string): boolean {
  return parseLocalDate(value) !== undefined;
}

function must(value: LocalDate): { year: number; month: number; day: number } {
  const parts = parseLocalDate(value);
  if (!parts) throw new RangeError(`not a calendar date: ${value}`);
  return parts;
}

export function localDate(year: number, month: number, day: number): LocalDate {
  // Normalise overflow (day 0, month 13) through UTC arithmetic, which has no DST to trip on.
  const d = new Date(Date.UTC(year, month - 1, day));
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const da = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(da).padStart(2, '0')}`;
}

/** The calendar day in Vietnam at an instant. */
export function localDateAt(ms: number): LocalDate {
  const d = new TZDate(ms, VN_TZ);
  return localDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The first millisecond of a day in Vietnam. */
export function startOfLocalDay(date: LocalDate): number {
  const { year, month, day } = must(date);
  return new TZDate(year, month - 1, day, 0, 0, 0, 0, VN_TZ).getTime();
}

/** The last millisecond of a day in Vietnam: a deadline on this day is met until then. */
export function endOfLocalDay(date: LocalDate): number {
  return startOfLocalDay(addDays(date, 1)) - 1;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = must(date);
  return localDate(year, month, day + days);
}

/** Whole calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const pa = must(a);
  const pb = must(b);
  return Math.round((Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  const { year, month, day } = must(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
