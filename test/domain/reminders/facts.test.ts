import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/index.js';
import type { Period } from '../../../src/domain/period.js';
import { ON_TET_2026, SIX_MONTHS_2025, vn } from '../../helpers/periods.js';
import { DEFAULT_REMINDER_POLICY, planDue, reminderMessageFacts, type DueItem } from '../../../src/domain/reminders/index.js';

const calendar = createWorkingCalendar();

const sixMonths = SIX_MONTHS_2025;
const onTet = ON_TET_2026;

/** The first item due in the minute ending at `at` (Hà Nội time). */
function itemAt(period: Period, at: string): DueItem {
  const items = planDue({
    periods: [period],
    policy: DEFAULT_REMINDER_POLICY,
    calendar,
    fromMs: vn(at) - 60_000,
    toMs: vn(at),
    reported: () => false,
    agencies: ['so-y-te'],
  });
  const item = items.at(-1);
  if (!item) throw new Error(`nothing due at ${at}`);
  return item;
}

describe('what a reminder needs to say', () => {
  it('T−3 on Fri 13/06/2025: 3 working days and 5 calendar days left until Wed 18/06', () => {
    expect(reminderMessageFacts(itemAt(sixMonths, '2025-06-13T08:00'), sixMonths, calendar)).toEqual({
      kind: 'before',
      n: 3,
      campaignId: 'thi-dua-2025',
      periodId: '2025-6-thang',
      periodName: 'sơ kết 6 tháng đầu năm 2025',
      cutoff: { from: '2024-12-15', to: '2025-06-14' },
      deadline: '2025-06-18',
      today: '2025-06-13',
      workingDaysLeft: 3,
      calendarDaysLeft: 5,
      overdue: false,
      agencyId: 'so-y-te',
    });
  });

  it.each([
    [
      'the deadline morning',
      sixMonths,
      '2025-06-18T08:00',
      { kind: 'deadline-day', workingDaysLeft: 0, calendarDaysLeft: 0, overdue: false },
    ],
    [
      'the second overdue reminder, Fri 20/06',
      sixMonths,
      '2025-06-20T08:00',
      { kind: 'overdue', n: 2, workingDaysLeft: -2, calendarDaysLeft: -2, overdue: true },
    ],
    [
      'the escalation on Mon 23/06, 3 working days (5 calendar days) late',
      sixMonths,
      '2025-06-23T08:00',
      { kind: 'escalation', missingAgencies: ['so-y-te'], workingDaysLeft: -3, calendarDaysLeft: -5, overdue: true },
    ],
    // The deadline is a Tết day: on Fri 13/02 no working day is left, but 5 calendar days are.
    [
      'the Tết deadline’s last working day, Fri 13/02/2026',
      onTet,
      '2026-02-13T08:00',
      { kind: 'deadline-day', workingDaysLeft: 0, calendarDaysLeft: 5, overdue: false },
    ],
  ])('%s', (_story, period, at, expected) => {
    expect(reminderMessageFacts(itemAt(period, at), period, calendar)).toMatchObject(expected);
  });

  it('counts from the day it is actually sent: the T−3 item sent on Mon 16/06 has 2 working days left', () => {
    const facts = reminderMessageFacts(itemAt(sixMonths, '2025-06-13T08:00'), sixMonths, calendar, vn('2025-06-16T09:00'));
    expect(facts).toMatchObject({ today: '2025-06-16', workingDaysLeft: 2, calendarDaysLeft: 2 });
  });

  it('refuses the wrong period', () => {
    expect(() => reminderMessageFacts(itemAt(sixMonths, '2025-06-13T08:00'), onTet, calendar)).toThrow(RangeError);
  });
});
