import { addDays, compareLocalDates, daysBetween, endOfLocalDay, localDate, localDateAt, type LocalDate } from './vietnam-time.js';

/**
 * Period presets. The cut-off windows are those of Decree 09/2019/NĐ-CP Art. 12 (from the 15th of
 * the month before to the 14th of the period's last month); `nine-month` is a common provincial
 * addition; `custom` takes its window from the plan.
 */
export const PERIOD_KINDS = ['monthly', 'quarterly', 'half-year-1', 'half-year-2', 'nine-month', 'yearly', 'custom'] as const;
/** Plan presets, plus `ad-hoc`: a báo cáo đột xuất a coordinator requests in chat. */
export type PeriodKind = (typeof PERIOD_KINDS)[number] | 'ad-hoc';

/** The window of data a report covers, both ends inclusive. */
export interface CutOffWindow {
  from: LocalDate;
  to: LocalDate;
}

/** A reporting period of one campaign, with its deadline resolved to a calendar day. */
export interface Period {
  id: string;
  campaignId: string;
  kind: PeriodKind;
  /** Human label, e.g. "6 tháng đầu năm 2025". */
  name: string;
  cutoff: CutOffWindow;
  /** Reports are due by the end of this day, Vietnam time. */
  deadline: LocalDate;
  /** The first day the bot asks for and accepts reports for this period. */
  opensOn: LocalDate;
  /** Only these agencies must report (ad-hoc requests); absent means every reporting agency. */
  agencyIds?: string[];
}

/** Which preset and which year (and month or quarter) a period is. */
export type PresetRef =
  | { kind: 'monthly'; year: number; month: number }
  | { kind: 'quarterly'; year: number; quarter: number }
  | { kind: 'half-year-1' | 'half-year-2' | 'nine-month' | 'yearly'; year: number };

/** The Decree 09 cut-off window of a preset period. */
export function presetWindow(ref: PresetRef): CutOffWindow {
  const window = (fromYear: number, fromMonth: number, toYear: number, toMonth: number): CutOffWindow => ({
    from: localDate(fromYear, fromMonth, 15),
    to: localDate(toYear, toMonth, 14),
  });
  switch (ref.kind) {
    case 'monthly':
      return window(ref.year, ref.month - 1, ref.year, ref.month);
    case 'quarterly': {
      const lastMonth = ref.quarter * 3;
      return window(ref.year, lastMonth - 3, ref.year, lastMonth);
    }
    case 'half-year-1':
      return window(ref.year, 0, ref.year, 6);
    case 'half-year-2':
      return window(ref.year, 6, ref.year, 12);
    case 'nine-month':
      return window(ref.year, 0, ref.year, 9);
    case 'yearly':
      return window(ref.year, 0, ref.year, 12);
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The customary Vietnamese name of a preset period, e.g. "quý II năm 2025". */
export function presetName(ref: PresetRef): string {
  switch (ref.kind) {
    case 'monthly':
      return `tháng ${ref.month}/${ref.year}`;
    case 'quarterly':
      return `quý ${ROMAN[ref.quarter - 1] ?? ref.quarter} năm ${ref.year}`;
    case 'half-year-1':
      return `6 tháng đầu năm ${ref.year}`;
    case 'half-year-2':
      return `6 tháng cuối năm ${ref.year}`;
    case 'nine-month':
      return `9 tháng năm ${ref.year}`;
    case 'yearly':
      return `năm ${ref.year}`;
  }
}

export type PeriodPhase = 'upcoming' | 'open' | 'overdue';

/** Where a period stands on a given day, with whole days to (positive) or past (negative) the deadline. */
export interface PeriodStanding {
  phase: PeriodPhase;
  daysToDeadline: number;
}

export function periodStanding(period: Period, nowMs: number): PeriodStanding {
  const today = localDateAt(nowMs);
  const daysToDeadline = daysBetween(today, period.deadline);
  if (compareLocalDates(today, period.opensOn) < 0) return { phase: 'upcoming', daysToDeadline };
  return { phase: daysToDeadline >= 0 ? 'open' : 'overdue', daysToDeadline };
}

/** A report is late when it arrives after the end of the deadline day, Vietnam time. */
export function isLate(period: Period, submittedAtMs: number): boolean {
  return submittedAtMs > endOfLocalDay(period.deadline);
}

/**
 * Periods to show someone today: those open or overdue (so a late agency still sees what it owes),
 * plus the next upcoming one so nobody is surprised; overdue ones older than `overdueDays` drop off.
 */
export function currentPeriods(periods: readonly Period[], nowMs: number, overdueDays = 60): Period[] {
  const withStanding = periods.map((p) => ({ p, s: periodStanding(p, nowMs) }));
  const shown = withStanding.filter(({ s }) => s.phase === 'open' || (s.phase === 'overdue' && -s.daysToDeadline <= overdueDays));
  const upcoming = withStanding.filter(({ s }) => s.phase === 'upcoming').sort((a, b) => compareLocalDates(a.p.opensOn, b.p.opensOn))[0];
  const result = shown.map(({ p }) => p);
  if (upcoming) result.push(upcoming.p);
  return result.sort((a, b) => compareLocalDates(a.deadline, b.deadline));
}

/** The day after the cut-off: the earliest sensible deadline (Decree 09 Art. 8.5.b wants ≥ 1 working day). */
export function dayAfterCutOff(window: CutOffWindow): LocalDate {
  return addDays(window.to, 1);
}
