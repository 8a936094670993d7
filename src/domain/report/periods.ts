import { currentPeriods, periodStanding, type Period } from '../period.js';

/**
 * Periods that take reports now: open ones, and overdue ones still shown (a late report is
 * accepted and marked late). Upcoming periods do not take reports yet.
 */
export function periodsOpenForReports(periods: readonly Period[], nowMs: number): Period[] {
  return currentPeriods(periods, nowMs).filter((p) => periodStanding(p, nowMs).phase !== 'upcoming');
}

/** The next period to open, to tell someone who reports too early when to come back. */
export function nextPeriodToOpen(periods: readonly Period[], nowMs: number): Period | undefined {
  return currentPeriods(periods, nowMs).find((p) => periodStanding(p, nowMs).phase === 'upcoming');
}
