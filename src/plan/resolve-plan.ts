import { compareLocalDates } from '../domain/vietnam-time.js';
import {
  createWorkingCalendar,
  DEFAULT_NON_WORKING_DAY_POLICY,
  resolveDeadline,
  type DeadlineRule,
  type WorkingCalendar,
} from '../domain/calendar/index.js';
import { checkReminderPolicy, DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../domain/reminders/index.js';
import { presetName, presetWindow, type Period, type PresetRef } from '../domain/period.js';
import type { Plan } from '../domain/plan.js';
import { DEFAULT_SUMMARY_POLICY, type SummaryPolicy } from '../domain/summary/slots.js';
import type { PlanFile, PlanFilePeriod } from './plan-schema.js';

function deadlineRule(value: PlanFilePeriod['deadline']): DeadlineRule {
  if (typeof value === 'string') return { kind: 'fixed', date: value };
  if ('day_of_last_month' in value) return { kind: 'day-of-last-month', day: value.day_of_last_month };
  return { kind: 'working-days-after-cutoff', days: value.working_days_after_cutoff };
}

function reminderPolicy(file: PlanFile): ReminderPolicy {
  const r = file.reminders;
  const d = DEFAULT_REMINDER_POLICY;
  if (!r) return d;
  return {
    before: r.before_working_days ?? d.before,
    onDeadlineDay: r.on_deadline_day ?? d.onDeadlineDay,
    at: r.at ?? d.at,
    overdue: r.overdue ? { everyWorkingDay: r.overdue.every_working_day, maxTimes: r.overdue.max_times } : d.overdue,
    escalateAfter: r.escalate_after_working_days === undefined ? d.escalateAfter : r.escalate_after_working_days,
    officeHours: r.office_hours ? { windows: r.office_hours } : d.officeHours,
    channels: r.channels ?? d.channels,
    recipients: r.recipients ? [...new Set(r.recipients)] : d.recipients,
  };
}

function summaryPolicy(file: PlanFile): SummaryPolicy {
  const s = file.summaries;
  const d = DEFAULT_SUMMARY_POLICY;
  return {
    ...(s?.deadline_at ? { deadlineAt: s.deadline_at } : {}),
    weeklyDigest: s?.weekly_digest ?? d.weeklyDigest,
    weekday: s?.weekday ?? d.weekday,
    at: s?.at ?? d.at,
  };
}

/** A problem found after the shape is right: references, duplicates, impossible dates. */
export interface PlanProblem {
  path: (string | number)[];
  message: string;
}

function presetRef(p: PlanFilePeriod): PresetRef | string {
  if (p.preset === 'custom') return 'custom';
  if (p.year === undefined) return `a ${p.preset} period needs a year`;
  if (p.preset === 'monthly')
    return p.month === undefined ? 'a monthly period needs a month (1–12)' : { kind: 'monthly', year: p.year, month: p.month };
  if (p.preset === 'quarterly')
    return p.quarter === undefined ? 'a quarterly period needs a quarter (1–4)' : { kind: 'quarterly', year: p.year, quarter: p.quarter };
  return { kind: p.preset, year: p.year };
}

function duplicates(values: readonly (string | number)[]): Set<string | number> {
  const seen = new Set<string | number>();
  const dup = new Set<string | number>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return dup;
}

/** Checks cross-references and turns the file's shape into the domain's Plan. */
export function resolvePlan(file: PlanFile): { plan: Plan; problems: [] } | { plan?: undefined; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const dupAgencies = duplicates(file.agencies.map((a) => a.id));
  file.agencies.forEach((a, i) => {
    if (dupAgencies.has(a.id)) problems.push({ path: ['agencies', i, 'id'], message: `duplicate agency id "${a.id}"` });
  });
  if (!file.agencies.some((a) => a.id === file.coordinator)) {
    problems.push({ path: ['coordinator'], message: `"${file.coordinator}" is not one of the agencies` });
  }
  const dupCampaigns = duplicates(file.campaigns.map((c) => c.id));
  file.campaigns.forEach((c, ci) => {
    if (dupCampaigns.has(c.id)) problems.push({ path: ['campaigns', ci, 'id'], message: `duplicate campaign id "${c.id}"` });
    c.items.forEach((it, ii) => {
      if (it.no !== ii + 1)
        problems.push({
          path: ['campaigns', ci, 'items', ii, 'no'],
          message: `items must be numbered 1, 2, 3 … in order; expected ${ii + 1}, got ${it.no}`,
        });
    });
  });
  const calendarSettings = {
    overrides: { daysOff: file.calendar?.days_off ?? [], workingDays: file.calendar?.working_days ?? [] },
    includeProposals: file.calendar?.include_proposals ?? false,
  };
  let calendar: WorkingCalendar;
  try {
    calendar = createWorkingCalendar(calendarSettings.overrides, { includeProposals: calendarSettings.includeProposals });
  } catch (err) {
    problems.push({ path: ['calendar'], message: err instanceof Error ? err.message : String(err) });
    calendar = createWorkingCalendar();
  }
  const reminders = reminderPolicy(file);
  try {
    checkReminderPolicy(reminders);
    for (const w of reminders.officeHours.windows)
      if (w.start >= w.end) throw new RangeError(`office hours ${w.start}–${w.end} end before they start`);
  } catch (err) {
    problems.push({ path: ['reminders'], message: err instanceof Error ? err.message : String(err) });
  }
  const deadlineAt = file.summaries?.deadline_at;
  if (deadlineAt && !reminders.officeHours.windows.some((w) => w.start <= deadlineAt && deadlineAt < w.end)) {
    problems.push({
      path: ['summaries', 'deadline_at'],
      message: `${deadlineAt} is outside office hours; the deadline summary must go out on the deadline day`,
    });
  }
  const dupPeriods = duplicates(file.periods.map((p) => p.id));
  const periods: Period[] = [];
  file.periods.forEach((p, i) => {
    const at = (field: string) => ['periods', i, field];
    if (dupPeriods.has(p.id)) problems.push({ path: at('id'), message: `duplicate period id "${p.id}"` });
    if (!file.campaigns.some((c) => c.id === p.campaign))
      problems.push({ path: at('campaign'), message: `"${p.campaign}" is not one of the campaigns` });
    const ref = presetRef(p);
    if (typeof ref === 'string' && ref !== 'custom') {
      problems.push({ path: at('preset'), message: ref });
      return;
    }
    if (ref === 'custom' && !p.cutoff) {
      problems.push({ path: at('cutoff'), message: 'a custom period needs cutoff: { from, to }' });
      return;
    }
    const cutoff = p.cutoff ?? presetWindow(ref as PresetRef);
    if (compareLocalDates(cutoff.from, cutoff.to) > 0)
      problems.push({ path: at('cutoff'), message: `the cut-off starts (${cutoff.from}) after it ends (${cutoff.to})` });
    const deadline = resolveDeadline(
      deadlineRule(p.deadline),
      cutoff,
      p.deadline_on_non_working_day ?? DEFAULT_NON_WORKING_DAY_POLICY,
      calendar,
    );
    if (compareLocalDates(deadline, cutoff.to) <= 0) {
      problems.push({
        path: at('deadline'),
        message: `the deadline ${deadline} must fall after the cut-off ends (${cutoff.to}); Decree 09 leaves at least one working day between them`,
      });
    }
    const opensOn = p.opens_on ?? cutoff.from;
    if (compareLocalDates(opensOn, deadline) > 0)
      problems.push({ path: at('opens_on'), message: `the period opens (${opensOn}) after its deadline (${deadline})` });
    const name = p.name ?? (typeof ref === 'object' ? presetName(ref) : p.id);
    periods.push({ id: p.id, campaignId: p.campaign, kind: p.preset, name, cutoff, deadline, opensOn });
  });
  if (problems.length > 0) return { problems };
  return {
    problems: [],
    plan: {
      province: file.province,
      coordinatorAgencyId: file.coordinator,
      agencies: file.agencies.map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        ...(a.group ? { group: a.group } : {}),
        ...(a.reports === false ? { reports: false } : {}),
        ...(a.title ? { title: a.title } : {}),
        ...(a.deputy_title ? { deputyTitle: a.deputy_title } : {}),
      })),
      campaigns: file.campaigns.map((c) => ({
        id: c.id,
        name: c.name,
        legalBasis: c.legal_basis,
        ...(c.issuer ? { issuer: c.issuer } : {}),
        items: c.items.map((it) => ({ no: it.no, title: it.title, short: it.short, ...(it.quantity ? { quantity: it.quantity } : {}) })),
        requiresApproval: c.requires_approval,
      })),
      periods,
      calendar: calendarSettings,
      reminders,
      summaries: summaryPolicy(file),
      ...(file.report
        ? {
            report: {
              ...(file.report.title ? { title: file.report.title } : {}),
              ...(file.report.signer ? { signer: file.report.signer } : {}),
              ...(file.report.recipients ? { recipients: file.report.recipients } : {}),
            },
          }
        : {}),
    },
  };
}
