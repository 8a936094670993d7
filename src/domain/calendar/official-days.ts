import { addDays, compareLocalDates, type LocalDate } from '../vietnam-time.js';
import type { HolidayId } from './holiday-ids.js';

/** A named calendar day: a day off or a made-up working day. */
export interface CalendarDay {
  date: LocalDate;
  name: string;
}

/**
 * What a plan file may add on top of the built-in table: days off (e.g. a provincial day, or
 * 24/11 "Ngày Văn hóa Việt Nam" should Resolution 80-NQ/TW become law) and working days (a
 * swapped Saturday announced after this table was written). Plan entries win over the table.
 */
export interface CalendarOverrides {
  daysOff: readonly CalendarDay[];
  workingDays: readonly CalendarDay[];
}

/** `official` = announced by the Government; `proposal` = drafted only, not applied by default. */
export type AnnouncementStatus = 'official' | 'proposal';

/**
 * How the Government arranged one holiday (or two adjacent ones) in one year. When applied it
 * replaces the rule-derived days of `holidays` in `year`, compensatory days included, because the
 * Prime Minister's arrangement already accounts for weekends.
 */
export interface HolidayAnnouncement {
  year: number;
  holidays: readonly HolidayId[];
  status: AnnouncementStatus;
  /** Where the arrangement comes from, so an auditor can check it. */
  source: string;
  daysOff: readonly CalendarDay[];
  workingDays: readonly CalendarDay[];
}

const NEWS = 'announced by the Government (Labour Code 2019 Art. 112.2: the PM fixes the days); recorded from press reports';

const TET_DL = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const HUNG = 'Giỗ Tổ Hùng Vương';
const APRIL_30 = 'Ngày Giải phóng miền Nam, thống nhất đất nước';
const MAY_1 = 'Ngày Quốc tế Lao động';
const MAY_BREAK = 'Nghỉ lễ 30/4 – 1/5';
const NATIONAL = 'Quốc khánh';

/** Consecutive days `from`..`to` with one name; only for the long Tết breaks, to keep the table short. */
function span(from: LocalDate, to: LocalDate, name: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let date = from; compareLocalDates(date, to) <= 0; date = addDays(date, 1)) days.push({ date, name });
  return days;
}

/**
 * The officially announced days off and swapped working Saturdays for civil servants (public
 * holidays: Labour Code 45/2019/QH14 Art. 112; compensatory days: Art. 111.3; Monday–Friday week:
 * QĐ 188/1999/QĐ-TTg). Weekend days inside a break are listed too, so the bot can name them.
 * Years or holidays missing here fall back to the rule in holidays.ts.
 */
export const OFFICIAL_ANNOUNCEMENTS: readonly HolidayAnnouncement[] = [
  // ── 2025 ──
  {
    year: 2025,
    holidays: ['new-year'],
    status: 'official',
    source: NEWS,
    daysOff: [{ date: '2025-01-01', name: TET_DL }],
    workingDays: [],
  },
  // Ất Tỵ: 9 days, Sat 25/1 – Sun 2/2, no swapped Saturday.
  { year: 2025, holidays: ['tet'], status: 'official', source: NEWS, daysOff: span('2025-01-25', '2025-02-02', TET), workingDays: [] },
  {
    year: 2025,
    holidays: ['hung-kings'],
    status: 'official',
    source: NEWS,
    daysOff: [{ date: '2025-04-07', name: HUNG }],
    workingDays: [],
  },
  {
    year: 2025,
    holidays: ['reunification', 'labour-day'],
    status: 'official',
    source: NEWS,
    daysOff: [
      { date: '2025-04-30', name: APRIL_30 },
      { date: '2025-05-01', name: MAY_1 },
      { date: '2025-05-02', name: `${MAY_BREAK} (hoán đổi, làm bù thứ Bảy 26/4)` },
      { date: '2025-05-03', name: MAY_BREAK },
      { date: '2025-05-04', name: MAY_BREAK },
    ],
    workingDays: [{ date: '2025-04-26', name: 'Làm bù cho thứ Sáu 2/5' }],
  },
  {
    year: 2025,
    holidays: ['national-day'],
    status: 'official',
    source: NEWS,
    daysOff: span('2025-08-30', '2025-09-02', NATIONAL),
    workingDays: [],
  },

  // ── 2026 ──
  {
    year: 2026,
    holidays: ['new-year'],
    status: 'official',
    source: 'Công văn 12729/VPCP-KGVX (25/12/2025) of the Government Office',
    daysOff: [
      { date: '2026-01-01', name: TET_DL },
      { date: '2026-01-02', name: `${TET_DL} (hoán đổi, làm bù thứ Bảy 10/1)` },
      { date: '2026-01-03', name: TET_DL },
      { date: '2026-01-04', name: TET_DL },
    ],
    workingDays: [{ date: '2026-01-10', name: 'Làm bù cho thứ Sáu 2/1' }],
  },
  // Bính Ngọ: 9 days, Sat 14/2 – Sun 22/2.
  { year: 2026, holidays: ['tet'], status: 'official', source: NEWS, daysOff: span('2026-02-14', '2026-02-22', TET), workingDays: [] },
  {
    year: 2026,
    holidays: ['hung-kings'],
    status: 'official',
    source: NEWS,
    daysOff: [
      { date: '2026-04-26', name: HUNG },
      { date: '2026-04-27', name: `Nghỉ bù ${HUNG}` },
    ],
    workingDays: [],
  },
  {
    year: 2026,
    holidays: ['reunification', 'labour-day'],
    status: 'official',
    source: NEWS,
    daysOff: [
      { date: '2026-04-30', name: APRIL_30 },
      { date: '2026-05-01', name: MAY_1 },
      { date: '2026-05-02', name: MAY_BREAK },
      { date: '2026-05-03', name: MAY_BREAK },
    ],
    workingDays: [],
  },
  // Only proposed so far: until it is official the rule gives Tue 1/9 + Wed 2/9 off; a plan file
  // can adopt it by adding 31/8 as a day off and 22/8 as a working day.
  {
    year: 2026,
    holidays: ['national-day'],
    status: 'proposal',
    source: 'draft arrangement reported in the press; not yet decided',
    daysOff: [
      { date: '2026-08-29', name: NATIONAL },
      { date: '2026-08-30', name: NATIONAL },
      { date: '2026-08-31', name: `${NATIONAL} (hoán đổi, làm bù thứ Bảy 22/8)` },
      { date: '2026-09-01', name: NATIONAL },
      { date: '2026-09-02', name: NATIONAL },
    ],
    workingDays: [{ date: '2026-08-22', name: 'Làm bù cho thứ Hai 31/8' }],
  },
];
