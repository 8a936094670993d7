import { z } from 'zod';
import { AGENCY_KINDS } from '../domain/agency.js';
import { isLocalDate } from '../domain/vietnam-time.js';
import { PERIOD_KINDS } from '../domain/period.js';

/** The YAML plan file as written by a province; field names are snake_case as is usual in YAML. */

const id = z
  .string({ error: 'expected an id (text)' })
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'expected a lower-case id of 2–48 characters: a–z, 0–9 and -, e.g. so-y-te');
const text = (max: number) => z.string({ error: 'expected text' }).trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const date = z
  .union([z.string(), z.date()], { error: 'expected a date YYYY-MM-DD' })
  // YAML reads an unquoted 2025-06-18 as a timestamp; take its calendar day back.
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isLocalDate, 'expected a real calendar date YYYY-MM-DD, e.g. 2025-06-18');

const agency = z.strictObject({
  id,
  name: text(200),
  kind: z.enum(AGENCY_KINDS, { error: `expected one of ${AGENCY_KINDS.join(', ')}` }),
  group: text(200).optional(),
  /** false: listed but never reports (not counted, reminded or offered /baocao). */
  reports: z.boolean({ error: 'expected true or false' }).optional(),
  /** The head's office, when the default for the kind does not fit, e.g. "Chỉ huy trưởng". */
  title: text(80).optional(),
  deputy_title: text(80).optional(),
});

const item = z.strictObject({
  no: z.number({ error: 'expected the item number' }).int().min(1).max(99),
  title: text(1000),
  short: text(80),
  quantity: z.strictObject({ label: text(200), unit: text(40) }).optional(),
});

const campaign = z.strictObject({
  id,
  name: text(300),
  legal_basis: text(300),
  issuer: text(200).optional(),
  items: z.array(item).min(1, 'a campaign needs at least one report item'),
  /** A deputy's report is a draft until the head approves it (default false). */
  requires_approval: z.boolean({ error: 'expected true or false' }).default(false),
});

const year = z.number({ error: 'expected a year' }).int().min(2000).max(2100);

/** A fixed date, "day N of the period's last month", or "N working days after the cut-off". */
const deadline = z.union(
  [
    date,
    z.strictObject({ day_of_last_month: z.number().int().min(1).max(31) }),
    z.strictObject({ working_days_after_cutoff: z.number().int().min(1).max(60) }),
  ],
  { error: 'expected a date YYYY-MM-DD, { day_of_last_month: N } or { working_days_after_cutoff: N }' },
);
const nonWorkingDayPolicy = z.enum(['keep', 'previous', 'next'], { error: 'expected keep, previous or next' });

const period = z.strictObject({
  id,
  campaign: id,
  preset: z.enum(PERIOD_KINDS, { error: `expected one of ${PERIOD_KINDS.join(', ')}` }),
  year: year.optional(),
  month: z.number().int().min(1).max(12).optional(),
  quarter: z.number().int().min(1).max(4).optional(),
  name: text(200).optional(),
  cutoff: z.strictObject({ from: date, to: date }).optional(),
  deadline,
  deadline_on_non_working_day: nonWorkingDayPolicy.optional(),
  opens_on: date.optional(),
});

const calendarDay = z.strictObject({ date, name: text(200) });
const calendar = z.strictObject({
  /** Extra days off (e.g. a newly announced holiday) and swapped working Saturdays, beyond the built-in table. */
  days_off: z.array(calendarDay).default([]),
  working_days: z.array(calendarDay).default([]),
  /** Apply announced proposals (e.g. a holiday swap still under discussion) as if official. */
  include_proposals: z.boolean().default(false),
});

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:mm, e.g. 08:00');
const reminders = z.strictObject({
  before_working_days: z.array(z.number().int().min(1).max(60)).optional(),
  on_deadline_day: z.boolean().optional(),
  at: timeOfDay.optional(),
  overdue: z.strictObject({ every_working_day: z.boolean(), max_times: z.number().int().min(0).max(60) }).optional(),
  escalate_after_working_days: z.number().int().min(1).max(60).nullable().optional(),
  office_hours: z
    .array(z.strictObject({ start: timeOfDay, end: timeOfDay }))
    .min(1)
    .optional(),
  channels: z.strictObject({ dm: z.boolean(), group: z.boolean() }).optional(),
  /** Who of an agency is reminded in private: its head, its registered deputies, or both (default both). */
  recipients: z
    .array(z.enum(['head', 'deputy'], { error: 'expected head or deputy' }))
    .min(1, 'name at least one of head, deputy')
    .optional(),
});

/** Summaries to the coordinators: the deadline and final ones always; a weekly digest when asked. */
const summaries = z.strictObject({
  deadline_at: timeOfDay.optional(),
  weekly_digest: z.boolean({ error: 'expected true or false' }).optional(),
  weekday: z.number({ error: 'expected 1 (Monday) … 7 (Sunday)' }).int().min(1).max(7).optional(),
  at: timeOfDay.optional(),
});

/**
 * The draft report (/xuat): its title under "BÁO CÁO" ({period}, {legal_basis}, {issuer} and
 * {campaign} are filled in), the signer's title over the signature, and the recipients ("Nơi nhận").
 */
const report = z.strictObject({
  title: text(500).optional(),
  signer: text(200).optional(),
  recipients: z.array(text(300)).min(1, 'list at least one recipient, e.g. "UBND tỉnh (b/c)"').max(30).optional(),
});

export const planFileSchema = z.strictObject({
  province: z.strictObject({ name: text(100), authority: text(200) }),
  coordinator: id,
  agencies: z.array(agency).min(1, 'list at least one agency'),
  campaigns: z.array(campaign).min(1, 'list at least one campaign'),
  periods: z.array(period).min(1, 'list at least one reporting period'),
  calendar: calendar.optional(),
  reminders: reminders.optional(),
  summaries: summaries.optional(),
  report: report.optional(),
});

export type PlanFile = z.infer<typeof planFileSchema>;
export type PlanFilePeriod = z.infer<typeof period>;
