import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar/index.js';
import type { Plan } from '../domain/plan.js';

/** The working calendar a plan asks for: the built-in official table plus the plan's own days. */
export function calendarOf(plan: Plan): WorkingCalendar {
  return createWorkingCalendar(plan.calendar.overrides, { includeProposals: plan.calendar.includeProposals });
}
