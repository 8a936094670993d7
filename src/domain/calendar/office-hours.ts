import { localDateAt, startOfLocalDay } from '../vietnam-time.js';
import type { WorkingCalendar } from './working-days.js';

/** One stretch of office time in Vietnam, `HH:mm`–`HH:mm`, start included, end excluded. */
export interface OfficeWindow {
  start: string;
  end: string;
}

/** The office hours of a working day, as one or more windows. */
export interface OfficeHours {
  windows: readonly OfficeWindow[];
}

/**
 * The usual hours of a provincial office, with the long lunch break. Lai Châu's own hours are not
 * known to us (provinces set them, often differently in summer and winter), hence configurable.
 */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  windows: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
};

const HH_MM = /^(\d{2}):(\d{2})$/;
const MINUTE_MS = 60_000;

function minutes(value: string): number {
  const m = HH_MM.exec(value);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || (h === 24 && min !== 0)) throw new RangeError(`office hours: not a time HH:mm: ${value}`);
  return h * 60 + min;
}

/** Windows as [start, end) minute offsets from local midnight, earliest first. */
function windowsOf(hours: OfficeHours): [number, number][] {
  if (hours.windows.length === 0) throw new RangeError('office hours: at least one window is needed');
  return hours.windows
    .map((w): [number, number] => {
      const span: [number, number] = [minutes(w.start), minutes(w.end)];
      if (span[0] >= span[1]) throw new RangeError(`office hours: ${w.start}–${w.end} ends before it starts`);
      return span;
    })
    .sort((a, b) => a[0] - b[0]);
}

/** Whether an instant falls inside office hours of a working day, Vietnam time. */
export function isInOfficeHours(ms: number, hours: OfficeHours, calendar: WorkingCalendar): boolean {
  const windows = windowsOf(hours);
  const date = localDateAt(ms);
  if (!calendar.isWorkingDay(date)) return false;
  const offset = ms - startOfLocalDay(date);
  return windows.some(([start, end]) => offset >= start * MINUTE_MS && offset < end * MINUTE_MS);
}

/**
 * The instant itself when it is inside office hours, else the start of the next office window on
 * a working day: when to send a message that should not wake anybody up.
 */
export function nextOfficeTime(ms: number, hours: OfficeHours, calendar: WorkingCalendar): number {
  const windows = windowsOf(hours);
  const date = localDateAt(ms);
  if (calendar.isWorkingDay(date)) {
    const dayStart = startOfLocalDay(date);
    for (const [start, end] of windows) {
      if (ms < dayStart + end * MINUTE_MS) return Math.max(ms, dayStart + start * MINUTE_MS);
    }
  }
  const [first] = windows;
  // windowsOf never returns an empty list; this keeps noUncheckedIndexedAccess satisfied.
  if (!first) throw new RangeError('office hours: at least one window is needed');
  return startOfLocalDay(calendar.nextWorkingDay(date)) + first[0] * MINUTE_MS;
}
