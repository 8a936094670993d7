import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, DEFAULT_OFFICE_HOURS } from '../../../src/domain/calendar/index.js';
import type { Period } from '../../../src/domain/period.js';
import {
  addendumKey,
  DEFAULT_SUMMARY_POLICY,
  defaultDeadlineMinute,
  dueSummarySlots,
  summaryKey,
  summarySlots,
  type SummaryPolicy,
} from '../../../src/domain/summary/index.js';
import { formatInstantVi } from '../../../src/texts/when.js';

const at = (iso: string) => Date.parse(`${iso}+07:00`);
const calendar = createWorkingCalendar();
const period = (deadline: string, opensOn: string, id = 'p'): Period => ({
  id,
  campaignId: 'c',
  kind: 'custom',
  name: id,
  cutoff: { from: '2025-01-01', to: '2025-05-31' },
  deadline,
  opensOn,
});
const show = (slots: readonly { kind: string; dueAt: number }[]) => slots.map((s) => `${s.kind} ${formatInstantVi(s.dueAt)}`);

describe('summary slots', () => {
  it('sums up on the deadline day half an hour before the office closes, and finally one working day later', () => {
    expect(defaultDeadlineMinute(DEFAULT_OFFICE_HOURS)).toBe(16 * 60 + 30);
    const slots = summarySlots(period('2025-06-18', '2025-06-01'), DEFAULT_SUMMARY_POLICY, DEFAULT_OFFICE_HOURS, calendar);
    expect(show(slots)).toEqual(['deadline 16:30 thứ Tư, 18/06/2025', 'final 16:30 thứ Năm, 19/06/2025']);
    expect(slots.map((s) => s.key)).toEqual(['sum:p:deadline:2025-06-18', 'sum:p:final:2025-06-19']);
  });

  it('skips days off: a deadline before the 2/9 holidays is finally summed up on Wednesday 03/09/2025', () => {
    expect(show(summarySlots(period('2025-08-29', '2025-08-01', 'q3'), DEFAULT_SUMMARY_POLICY, DEFAULT_OFFICE_HOURS, calendar))).toEqual([
      'deadline 16:30 thứ Sáu, 29/08/2025',
      'final 16:30 thứ Tư, 03/09/2025',
    ]);
  });

  it('sums up a deadline kept on a Saturday on the Friday before it', () => {
    expect(show(summarySlots(period('2025-06-21', '2025-06-01', 'sat'), DEFAULT_SUMMARY_POLICY, DEFAULT_OFFICE_HOURS, calendar))).toEqual([
      'deadline 16:30 thứ Sáu, 20/06/2025',
      'final 16:30 thứ Hai, 23/06/2025',
    ]);
  });

  it('adds a weekly digest while the period is open when the plan asks; a holiday Monday moves it to the next working day', () => {
    const weekly: SummaryPolicy = { weeklyDigest: true, weekday: 1, at: '08:00', deadlineAt: '10:00' };
    expect(show(summarySlots(period('2025-06-18', '2025-06-01', 'w'), weekly, DEFAULT_OFFICE_HOURS, calendar))).toEqual([
      'weekly 08:00 thứ Hai, 02/06/2025',
      'weekly 08:00 thứ Hai, 09/06/2025',
      'weekly 08:00 thứ Hai, 16/06/2025',
      'deadline 10:00 thứ Tư, 18/06/2025',
      'final 10:00 thứ Năm, 19/06/2025',
    ]);
    const holiday = summarySlots(period('2025-09-10', '2025-08-25', 'h'), weekly, DEFAULT_OFFICE_HOURS, calendar);
    expect(show(holiday).slice(0, 2)).toEqual(['weekly 08:00 thứ Hai, 25/08/2025', 'weekly 08:00 thứ Tư, 03/09/2025']);
    expect(holiday[1]?.key).toBe('sum:h:weekly:2025-09-01');
  });

  it('sends only the newest picture when a window holds several (the scheduler was down)', () => {
    const weekly: SummaryPolicy = { ...DEFAULT_SUMMARY_POLICY, weeklyDigest: true };
    const slots = summarySlots(period('2025-06-18', '2025-06-01', 'x'), weekly, DEFAULT_OFFICE_HOURS, calendar);
    expect(show(dueSummarySlots(slots, at('2025-06-15T00:00'), at('2025-06-20T09:00'), '2025-06-20'))).toEqual([
      'final 16:30 thứ Năm, 19/06/2025',
    ]);
    expect(dueSummarySlots(slots, at('2025-06-09T00:00'), at('2025-06-10T09:00'), '2025-06-10')).toEqual([]);
    expect(show(dueSummarySlots(slots, at('2025-06-09T07:59'), at('2025-06-09T08:00'), '2025-06-09'))).toEqual([
      'weekly 08:00 thứ Hai, 09/06/2025',
    ]);
  });

  it('names ledger keys without ambiguity', () => {
    expect(summaryKey('2025-6-thang', 'final', '2025-06-19')).toBe('sum:2025-6-thang:final:2025-06-19');
    expect(addendumKey('2025-6-thang', 'so-y-te', 2)).toBe('sum:2025-6-thang:addendum:so-y-te:2');
    expect(() => summaryKey('a:b', 'final', '2025-06-19')).toThrow(RangeError);
  });
});
