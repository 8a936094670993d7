import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, DEFAULT_OFFICE_HOURS, isInOfficeHours } from '../../../src/domain/calendar/index.js';
import { ON_TET_2026, SIX_MONTHS_2025, YEAR_2025, vn } from '../../helpers/periods.js';
import {
  checkReminderPolicy,
  DEFAULT_REMINDER_POLICY,
  periodSlots,
  type ReminderPolicy,
  type ReminderSlot,
} from '../../../src/domain/reminders/index.js';

const calendar = createWorkingCalendar();

const sixMonths = SIX_MONTHS_2025;
const yearly = YEAR_2025;
const onTet = ON_TET_2026;

/** A slot as `kind[ n] day`, to read the schedules below at a glance. */
const brief = (s: ReminderSlot) => `${s.kind}${s.n === undefined ? '' : ` ${s.n}`} ${s.day} ${s.daysToDeadline}`;

describe('the schedule of a period under the default policy', () => {
  it.each([
    [
      '6 tháng 2025, deadline Wed 18/06',
      sixMonths,
      [
        'before 7 2025-06-09 7',
        'before 3 2025-06-13 3',
        'before 1 2025-06-17 1',
        'deadline-day 2025-06-18 0',
        'overdue 1 2025-06-19 -1',
        'overdue 2 2025-06-20 -2',
        'overdue 3 2025-06-23 -3',
        'escalation 2025-06-23 -3',
        'overdue 4 2025-06-24 -4',
        'overdue 5 2025-06-25 -5',
      ],
    ],
    [
      'cả năm 2025, deadline Wed 17/12',
      yearly,
      [
        'before 7 2025-12-08 7',
        'before 3 2025-12-12 3',
        'before 1 2025-12-16 1',
        'deadline-day 2025-12-17 0',
        'overdue 1 2025-12-18 -1',
        'overdue 2 2025-12-19 -2',
        'overdue 3 2025-12-22 -3',
        'escalation 2025-12-22 -3',
        'overdue 4 2025-12-23 -4',
        'overdue 5 2025-12-24 -5',
      ],
    ],
    [
      // T−1 and the deadline-day slot are both Fri 13/2, the last working day before the break: one
      // reminder, the deadline-day one. The counts are the working days really left (Wed 11/2 has
      // Thu 12 and Fri 13 after it), one less than the policy's n since the deadline day is off.
      'a deadline kept on Tết, Wed 18/02/2026',
      onTet,
      [
        'before 7 2026-02-05 6',
        'before 3 2026-02-11 2',
        'deadline-day 2026-02-13 0',
        'overdue 1 2026-02-23 -1',
        'overdue 2 2026-02-24 -2',
        'overdue 3 2026-02-25 -3',
        'escalation 2026-02-25 -3',
        'overdue 4 2026-02-26 -4',
        'overdue 5 2026-02-27 -5',
      ],
    ],
    [
      // The default deadline rule moves a Tết deadline to Mon 23/2; "1 working day before" is then Fri 13/2.
      'a Tết deadline moved to the next working day, Mon 23/02/2026',
      { ...onTet, deadline: '2026-02-23' },
      [
        'before 7 2026-02-05 7',
        'before 3 2026-02-11 3',
        'before 1 2026-02-13 1',
        'deadline-day 2026-02-23 0',
        'overdue 1 2026-02-24 -1',
        'overdue 2 2026-02-25 -2',
        'overdue 3 2026-02-26 -3',
        'escalation 2026-02-26 -3',
        'overdue 4 2026-02-27 -4',
        'overdue 5 2026-03-02 -5',
      ],
    ],
  ])('%s', (_story, period, expected) => {
    expect(periodSlots(period, DEFAULT_REMINDER_POLICY, calendar).map(brief)).toEqual(expected);
  });

  it('sends each at 08:00 Hà Nội time on its day', () => {
    const slots = periodSlots(sixMonths, DEFAULT_REMINDER_POLICY, calendar);
    expect(slots.map((s) => s.dueAt)).toEqual(slots.map((s) => vn(`${s.day}T08:00`)));
  });

  it('never sends on a day off: every slot day is a working day', () => {
    for (const period of [sixMonths, yearly, onTet]) {
      for (const s of periodSlots(period, DEFAULT_REMINDER_POLICY, calendar)) expect(calendar.isWorkingDay(s.day), s.day).toBe(true);
    }
  });
});

describe('what the policy changes', () => {
  it('drops “before” reminders that would come before the period opens (opens Mon 16/06)', () => {
    const late = { ...sixMonths, opensOn: '2025-06-16' };
    expect(periodSlots(late, DEFAULT_REMINDER_POLICY, calendar).map(brief).slice(0, 2)).toEqual([
      'before 1 2025-06-17 1',
      'deadline-day 2025-06-18 0',
    ]);
  });

  it('keeps the deadline-day reminder when a T−1 falls on the same day, and never sends two on one day', () => {
    const policy = { ...DEFAULT_REMINDER_POLICY, before: [1, 1, 2] };
    expect(
      periodSlots(onTet, policy, calendar)
        .filter((s) => s.kind !== 'overdue' && s.kind !== 'escalation')
        .map(brief),
    ).toEqual(['before 2 2026-02-12 1', 'deadline-day 2026-02-13 0']);
  });

  it.each([
    ['no overdue reminders', { overdue: { everyWorkingDay: false, maxTimes: 5 } }, 0],
    ['maxTimes 0', { overdue: { everyWorkingDay: true, maxTimes: 0 } }, 0],
    ['maxTimes 2', { overdue: { everyWorkingDay: true, maxTimes: 2 } }, 2],
  ])('%s → %i overdue slots', (_story, change, count) => {
    const slots = periodSlots(sixMonths, { ...DEFAULT_REMINDER_POLICY, ...change }, calendar);
    expect(slots.filter((s) => s.kind === 'overdue')).toHaveLength(count);
  });

  it('escalates after the configured working days, or never', () => {
    const after5 = periodSlots(sixMonths, { ...DEFAULT_REMINDER_POLICY, escalateAfter: 5 }, calendar).find((s) => s.kind === 'escalation');
    expect(after5?.day).toBe('2025-06-25');
    expect(periodSlots(sixMonths, { ...DEFAULT_REMINDER_POLICY, escalateAfter: null }, calendar).some((s) => s.kind === 'escalation')).toBe(
      false,
    );
  });

  it.each([
    ['06:00, before the office opens: 07:30 that day', '06:00', '2025-06-13T07:30'],
    ['12:00, over lunch: 13:30 that day', '12:00', '2025-06-13T13:30'],
    ['19:00, after hours on a Friday: Monday 07:30', '19:00', '2025-06-16T07:30'],
    ['09:45, inside office hours: as asked', '09:45', '2025-06-13T09:45'],
  ])('a send time of %s', (_story, at, expected) => {
    const t3 = periodSlots(sixMonths, { ...DEFAULT_REMINDER_POLICY, at }, calendar).find((s) => s.kind === 'before' && s.n === 3);
    expect(t3?.dueAt).toBe(vn(expected));
    expect(t3?.day).toBe('2025-06-13');
  });

  it('puts nothing outside office hours, whatever the send time', () => {
    for (const at of ['00:00', '07:29', '07:30', '11:30', '13:29', '16:59', '17:00', '23:59']) {
      for (const period of [sixMonths, yearly, onTet]) {
        for (const s of periodSlots(period, { ...DEFAULT_REMINDER_POLICY, at }, calendar)) {
          expect(isInOfficeHours(s.dueAt, DEFAULT_OFFICE_HOURS, calendar), `${period.id} ${s.kind} at ${at}`).toBe(true);
        }
      }
    }
  });
});

describe('a policy the planner cannot follow', () => {
  it.each<[string, Partial<ReminderPolicy>]>([
    ['0 working days before', { before: [3, 0] }],
    ['a fractional day', { before: [1.5] }],
    ['a time that is not HH:mm', { at: '8h' }],
    ['25:00', { at: '25:00' }],
    ['negative maxTimes', { overdue: { everyWorkingDay: true, maxTimes: -1 } }],
    ['escalating after 0 days', { escalateAfter: 0 }],
  ])('is refused: %s', (_story, change) => {
    const policy = { ...DEFAULT_REMINDER_POLICY, ...change };
    expect(() => checkReminderPolicy(policy)).toThrow(RangeError);
    expect(() => periodSlots(sixMonths, policy, calendar)).toThrow(RangeError);
  });

  it('accepts the default', () => {
    expect(() => checkReminderPolicy(DEFAULT_REMINDER_POLICY)).not.toThrow();
  });
});
