import { localDate, parseLocalDate, type LocalDate } from '../vietnam-time.js';

/*
 * The Vietnamese lunisolar calendar, after Hồ Ngọc Đức's public-domain algorithm
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/), computed at UTC+7.
 *
 * Why not a Chinese-calendar library: China computes at UTC+8, so a new moon between 23:00 and
 * 24:00 Hà Nội time starts a month a day apart (Tết 1985, 2007, 2030 differ). The npm package
 * date-chinese does shift to +7 and agrees on every Tết and Giỗ Tổ 1968–2100, but places the leap
 * month of 2033 after month 7 instead of month 11 (GB/T 33661-2017) and brings 19 MB of ephemeris
 * for what the code below does.
 *
 * The astronomy (Meeus, truncated) is good enough from 1800 to 2199; outside that we refuse rather
 * than guess. Before 1968 Vietnam printed its calendar at UTC+8, so old dates may differ from what
 * was printed then; the bot never needs them.
 */

/** A day in the Vietnamese lunar calendar; `year` is the Gregorian year in which that lunar year's Tết falls. */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

const TIME_ZONE = 7;
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;
const UNIX_EPOCH_JDN = 2_440_588;
const DAY_MS = 86_400_000;
const SYNODIC_MONTH = 29.530588853;
// The Julian day of the new moon that HND's lunation count k = 0 refers to (1900-01-01).
const K0_JD = 2_415_021.076998695;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`lunar calendar supported for ${MIN_YEAR}–${MAX_YEAR}, not ${year}`);
  }
}

/** Julian day number of a proleptic Gregorian day (integer, noon-based). */
function jdn(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS + UNIX_EPOCH_JDN;
}

function fromJdn(n: number): LocalDate {
  return localDate(1970, 1, 1 + (n - UNIX_EPOCH_JDN));
}

/** Julian day (TT ≈ UT here) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 -= 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude in radians, normalised to [0, 2π). */
function sunLongitude(jd: number): number {
  const T = (jd - 2_451_545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  const L = (L0 + DL) * dr;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** The local day (JDN) on which the k-th new moon falls in Vietnam. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Which of the 12 major solar terms (0–11) the sun is in at the start of a local day. */
function sunSector(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** The first day of lunar month 11 (the month holding the winter solstice) of a Gregorian year. */
function lunarMonth11(year: number): number {
  const off = jdn(year, 12, 31) - 2_415_021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  // Sector 9 starts at longitude 270°, the solstice: a new moon past it belongs to the next month 11.
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** In a 13-month year starting at month 11 `a11`, how many months after it the leap month comes. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - K0_JD) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  // The leap month is the first one without a major solar term: the sector does not change.
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The lunar date of a Gregorian calendar day in Vietnam. */
export function solarToLunar(date: LocalDate): LunarDate {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`not a calendar date: ${date}`);
  const { year, month, day } = parts;
  checkYear(year);
  const dayNumber = jdn(year, month, day);
  const k = Math.floor((dayNumber - K0_JD) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  // Only a year of 13 months between two months 11 has a leap month (GB/T 33661 and HND alike).
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

/**
 * The Gregorian day of a lunar date, or undefined when that day does not exist (no such leap
 * month that year, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate): LocalDate | undefined {
  const { year, month, day, leap } = lunar;
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) return undefined;
  checkYear(year);
  const a11 = month < 11 ? lunarMonth11(year - 1) : lunarMonth11(year);
  const b11 = month < 11 ? lunarMonth11(year) : lunarMonth11(year + 1);
  const k = Math.floor(0.5 + (a11 - K0_JD) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  const result = fromJdn(newMoonDay(k + off) + day - 1);
  // Day 30 of a short month would silently become day 1 of the next: check the round trip.
  const back = solarToLunar(result);
  return back.day === day && back.month === month && back.leap === leap && back.year === year ? result : undefined;
}

const newYearCache = new Map<number, LocalDate>();

/** Tết Nguyên đán (lunar 1/1) of the lunar year that begins in Gregorian `year`. */
export function lunarNewYear(year: number): LocalDate {
  const cached = newYearCache.get(year);
  if (cached) return cached;
  const tet = lunarToSolar({ year, month: 1, day: 1, leap: false });
  // Month 1 is never leap and day 1 always exists, so this only fails on a broken algorithm.
  if (!tet) throw new Error(`no lunar new year for ${year}`);
  newYearCache.set(year, tet);
  return tet;
}
