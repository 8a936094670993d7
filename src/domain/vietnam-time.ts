import { TZDate, tz, tzOffset } from '@date-fns/tz';
import { format, isValid, parseISO } from 'date-fns';
import { remembered } from './remembered.js';

/**
 * Vietnam time, the one place the bot turns instants into Vietnamese calendar days and wall-clock
 * times and back (date-fns with @date-fns/tz's zone data, no hand-written "+7 hours"). Pure: the
 * instant always comes from the caller's injected clock, never from `Date.now()` here.
 */

/** Vietnam has one time zone, UTC+7, with no daylight saving. */
export const VN_TZ = 'Asia/Ho_Chi_Minh';

/**
 * A calendar day in Vietnam as `YYYY-MM-DD`. Dates in plans and periods are calendar days, not
 * instants: a deadline "10/06/2025" means until the end of that day in Hà Nội time.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Splits a LocalDate into numbers, or returns undefined when it is not a real calendar day. */
export function parseLocalDate(value: string): Readonly<{ year: number; month: number; day: number }> | undefined {
  if (value.length !== 10) return undefined; // never YYYY-MM-DD; and typed text is not kept below
  // Summaries and /kyhan take the same few days apart thousands of times: each once.
  return remembered(parsedDates, value, (v) => splitLocalDate(v) ?? null, 4_096) ?? undefined;
}
const parsedDates = new Map<string, Readonly<{ year: number; month: number; day: number }> | null>();

function splitLocalDate(value: string): Readonly<{ year: number; month: number; day: number }> | undefined {
  const m = LOCAL_DATE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return Object.freeze({ year, month, day });
}

export function isLocalDate(value: string): boolean {
  return parseLocalDate(value) !== undefined;
}

function must(value: LocalDate): Readonly<{ year: number; month: number; day: number }> {
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

const DAY_MS = 86_400_000;
const UNSETTLED = Number.NaN;
/** Vietnam's UTC offset (minutes) per UTC day, or NaN for a day with a transition in it. */
const offsetOfUtcDay = new Map<number, number>();

/**
 * Vietnam's UTC offset at an instant, from the zone data. Asking Intl for it costs microseconds and
 * /status or a summary asks for thousands of instants, so it is asked once per UTC day: a day whose
 * two ends have the same offset has no transition inside (the zone has had none since 1975), and
 * only a day with one is asked again instant by instant.
 */
function vietnamOffsetMinutes(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const offset = remembered(
    offsetOfUtcDay,
    day,
    (d) => {
      const first = tzOffset(VN_TZ, new Date(d * DAY_MS));
      return first === tzOffset(VN_TZ, new Date(d * DAY_MS + DAY_MS - 1)) ? first : UNSETTLED;
    },
    20_000,
  );
  return Number.isNaN(offset) ? tzOffset(VN_TZ, new Date(ms)) : offset;
}

/** The calendar day in Vietnam at an instant. */
export function localDateAt(ms: number): LocalDate {
  const wall = new Date(ms + vietnamOffsetMinutes(ms) * 60_000);
  return `${String(wall.getUTCFullYear()).padStart(4, '0')}-${String(wall.getUTCMonth() + 1).padStart(2, '0')}-${String(wall.getUTCDate()).padStart(2, '0')}`;
}

/**
 * An instant as read on a clock in Vietnam, in a date-fns pattern:
 * `formatVietnamTime(ms, 'HH:mm dd/MM/yyyy')` → `08:00 18/06/2025`.
 */
export function formatVietnamTime(ms: number, pattern: string): string {
  // Every head's /kyhan shows the same few deadlines: formatted once each.
  return remembered(formatted, `${pattern}\u0000${ms}`, () => format(new TZDate(ms, VN_TZ), pattern), 4_096);
}
const formatted = new Map<string, string>();

/**
 * A Date whose UTC fields read as Vietnam's wall clock at `ms`, for file formats whose dates carry
 * no time zone (an Excel cell shows the UTC fields as they are).
 */
export function vietnamWallClockAsUtc(ms: number): Date {
  return new Date(ms + vietnamOffsetMinutes(ms) * 60_000);
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses `2025-06-10T08:00` (also `2025-06-10`, `… 08:00:30`, or with `Z`/`+09:00`) into epoch ms:
 * Vietnam time unless an offset is given. Undefined for a day or time that does not exist.
 */
export function parseLocalDateTime(value: string): number | undefined {
  const text = value.trim();
  if (!LOCAL_DATE_TIME.test(text)) return undefined;
  // parseISO reads a bare day with an offset (2025-06-10+09:00) as invalid; it means that day's midnight.
  const withTime = /^.{10}(?:[T ]|$)/.test(text) ? text : `${text.slice(0, 10)}T00:00${text.slice(10)}`;
  const at = parseISO(withTime, { in: tz(VN_TZ) });
  return isValid(at) ? at.getTime() : undefined;
}

/**
 * Days already worked out: a summary asks for the same deadline day once per agency, and these are
 * pure functions of the day (bounded, so a long-running process does not collect every day asked).
 */
const midnights = new Map<LocalDate, number>();
const lastMilliseconds = new Map<LocalDate, number>();

/** The first millisecond of a day in Vietnam. */
export function startOfLocalDay(date: LocalDate): number {
  return remembered(midnights, date, computeStartOfLocalDay, 20_000);
}

function computeStartOfLocalDay(date: LocalDate): number {
  const { year, month, day } = must(date);
  const wallMidnight = Date.UTC(year, month - 1, day);
  // The same offset half a day either side: no transition near, midnight is simply shifted by it.
  const before = vietnamOffsetMinutes(wallMidnight - DAY_MS / 2);
  if (before === vietnamOffsetMinutes(wallMidnight + DAY_MS / 2)) return wallMidnight - before * 60_000;
  return new TZDate(year, month - 1, day, 0, 0, 0, 0, VN_TZ).getTime();
}

/** The last millisecond of a day in Vietnam: a deadline on this day is met until then. */
export function endOfLocalDay(date: LocalDate): number {
  return remembered(lastMilliseconds, date, (day) => startOfLocalDay(addDays(day, 1)) - 1, 20_000);
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
