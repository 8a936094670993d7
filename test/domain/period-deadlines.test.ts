import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, resolveDeadline, type DeadlineRule } from '../../src/domain/calendar/index.js';
import { presetWindow, type PresetRef } from '../../src/domain/period.js';

const calendar = createWorkingCalendar();
const after = (days: number): DeadlineRule => ({ kind: 'working-days-after-cutoff', days });
const dayOfLastMonth = (day: number): DeadlineRule => ({ kind: 'day-of-last-month', day });
const fixed = (date: string): DeadlineRule => ({ kind: 'fixed', date });

/**
 * Period windows (Decree 09 Art. 12) and deadlines across 2025–2027, with the next-working-day
 * policy of Civil Code Art. 148.5 and, for comparison, the previous-working-day policy.
 */
const CASES: [story: string, ref: PresetRef, rule: DeadlineRule, window: [string, string], next: string, previous: string][] = [
  [
    'January 2026 crosses the year boundary',
    { kind: 'monthly', year: 2026, month: 1 },
    after(2),
    ['2025-12-15', '2026-01-14'],
    '2026-01-16',
    '2026-01-16',
  ],
  [
    'Q1 2026 cut-off on Saturday 14/3',
    { kind: 'quarterly', year: 2026, quarter: 1 },
    after(2),
    ['2025-12-15', '2026-03-14'],
    '2026-03-17',
    '2026-03-17',
  ],
  [
    'day 18 of February 2026 falls in the Tết week (14–22/2)',
    { kind: 'monthly', year: 2026, month: 2 },
    dayOfLastMonth(18),
    ['2026-01-15', '2026-02-14'],
    '2026-02-23',
    '2026-02-13',
  ],
  [
    'day 8 of February 2027 falls in Tết Đinh Mùi (5–11/2 with compensatory days)',
    { kind: 'monthly', year: 2027, month: 2 },
    dayOfLastMonth(8),
    ['2027-01-15', '2027-02-14'],
    '2027-02-12',
    '2027-02-04',
  ],
  [
    '30/4/2025 is in the 30/4–4/5 break',
    { kind: 'monthly', year: 2025, month: 4 },
    dayOfLastMonth(30),
    ['2025-03-15', '2025-04-14'],
    '2025-05-05',
    '2025-04-29',
  ],
  [
    'Saturday 26/4/2025 was a swapped working day',
    { kind: 'monthly', year: 2025, month: 4 },
    fixed('2025-04-26'),
    ['2025-03-15', '2025-04-14'],
    '2025-04-26',
    '2025-04-26',
  ],
  [
    '1/5/2026 is a holiday, with 30/4–3/5 off',
    { kind: 'monthly', year: 2026, month: 5 },
    dayOfLastMonth(1),
    ['2026-04-15', '2026-05-14'],
    '2026-05-04',
    '2026-04-29',
  ],
  [
    '2/9/2025 is Quốc khánh (30/8–2/9 off)',
    { kind: 'quarterly', year: 2025, quarter: 3 },
    fixed('2025-09-02'),
    ['2025-06-15', '2025-09-14'],
    '2025-09-03',
    '2025-08-29',
  ],
  [
    '1/9/2025 is in the Quốc khánh break too',
    { kind: 'quarterly', year: 2025, quarter: 3 },
    fixed('2025-09-01'),
    ['2025-06-15', '2025-09-14'],
    '2025-09-03',
    '2025-08-29',
  ],
  [
    'a Saturday deadline, 14/6/2025',
    { kind: 'half-year-1', year: 2025 },
    fixed('2025-06-14'),
    ['2024-12-15', '2025-06-14'],
    '2025-06-16',
    '2025-06-13',
  ],
  [
    '6 months of 2026, day 18 of June is a Thursday',
    { kind: 'half-year-1', year: 2026 },
    dayOfLastMonth(18),
    ['2025-12-15', '2026-06-14'],
    '2026-06-18',
    '2026-06-18',
  ],
  ['second half of 2025', { kind: 'half-year-2', year: 2025 }, after(3), ['2025-06-15', '2025-12-14'], '2025-12-17', '2025-12-17'],
  ['9 months of 2026', { kind: 'nine-month', year: 2026 }, after(2), ['2025-12-15', '2026-09-14'], '2026-09-16', '2026-09-16'],
  ['the year 2027', { kind: 'yearly', year: 2027 }, after(3), ['2026-12-15', '2027-12-14'], '2027-12-17', '2027-12-17'],
  [
    'day 31 of a 30-day month is clamped to the 30th',
    { kind: 'monthly', year: 2026, month: 6 },
    dayOfLastMonth(31),
    ['2026-05-15', '2026-06-14'],
    '2026-06-30',
    '2026-06-30',
  ],
];

describe('period windows and deadlines, 2025–2027', () => {
  it.each(CASES)('%s', (_story, ref, rule, window, next, previous) => {
    const w = presetWindow(ref);
    expect([w.from, w.to]).toEqual(window);
    expect(resolveDeadline(rule, w, 'next', calendar)).toBe(next);
    expect(resolveDeadline(rule, w, 'previous', calendar)).toBe(previous);
    // 'keep' leaves a fixed date as written, even on a day off.
    if (rule.kind === 'fixed') expect(resolveDeadline(rule, w, 'keep', calendar)).toBe(rule.date);
  });
});
