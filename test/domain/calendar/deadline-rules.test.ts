import { describe, expect, it } from 'vitest';
import type { CutOffWindow } from '../../../src/domain/period.js';
import {
  DEFAULT_NON_WORKING_DAY_POLICY,
  createWorkingCalendar,
  resolveDeadline,
  type DeadlineRule,
} from '../../../src/domain/calendar/index.js';

const calendar = createWorkingCalendar();
const sixMonths2025: CutOffWindow = { from: '2024-12-15', to: '2025-06-14' };
const february2026: CutOffWindow = { from: '2026-01-15', to: '2026-02-14' };
const april2025: CutOffWindow = { from: '2025-03-26', to: '2025-04-25' };

describe('a deadline that lands on a day off', () => {
  it.each([
    ['keep', '2025-06-14'],
    ['previous', '2025-06-13'],
    ['next', '2025-06-16'],
  ] as const)('fixed on Saturday 14/6/2025 with policy %s → %s', (policy, expected) => {
    expect(resolveDeadline({ kind: 'fixed', date: '2025-06-14' }, sixMonths2025, policy, calendar)).toBe(expected);
  });

  it.each([
    ['keep', '2026-02-18'],
    ['previous', '2026-02-13'],
    ['next', '2026-02-23'],
  ] as const)('day 18 of February 2026, in the middle of Tết, with policy %s → %s', (policy, expected) => {
    expect(resolveDeadline({ kind: 'day-of-last-month', day: 18 }, february2026, policy, calendar)).toBe(expected);
  });

  it('moves to the next working day by default, as Civil Code Art. 148.5 would', () => {
    expect(DEFAULT_NON_WORKING_DAY_POLICY).toBe('next');
  });

  it.each(['keep', 'previous', 'next'] as const)('stays put on a working day with policy %s', (policy) => {
    expect(resolveDeadline({ kind: 'fixed', date: '2025-06-18' }, sixMonths2025, policy, calendar)).toBe('2025-06-18');
  });
});

describe('day N of the period’s last month', () => {
  it('is in the month the cut-off ends: 6-month period, cut-off 14/6, day 18 → Wed 18/6/2025', () => {
    expect(resolveDeadline({ kind: 'day-of-last-month', day: 18 }, sixMonths2025, 'next', calendar)).toBe('2025-06-18');
  });

  it.each([
    ['day 31 in June', '2025-06-30', sixMonths2025, 31],
    ['day 30 in February 2026', '2026-02-28', february2026, 30],
    ['day 31 in February of leap year 2028', '2028-02-29', { from: '2028-01-15', to: '2028-02-14' }, 31],
  ] as const)('clamps %s to the month’s last day, %s', (_story, expected, window, day) => {
    expect(resolveDeadline({ kind: 'day-of-last-month', day }, window, 'keep', calendar)).toBe(expected);
  });

  it('rolls a clamped Saturday 28/2/2026 to Monday 2/3 under "next"', () => {
    expect(resolveDeadline({ kind: 'day-of-last-month', day: 30 }, february2026, 'next', calendar)).toBe('2026-03-02');
  });
});

describe('N working days after the cut-off', () => {
  it.each([
    ['cut-off Sat 14/6/2025 + 2', '2025-06-17', sixMonths2025, 2],
    ['cut-off Sat 14/2/2026 (Tết) + 1', '2026-02-23', february2026, 1],
    ['cut-off Fri 25/4/2025 + 1 is the swapped Saturday 26/4', '2025-04-26', april2025, 1],
    ['cut-off Fri 25/4/2025 + 4 skips 30/4–4/5', '2025-05-05', april2025, 4],
  ] as const)('%s → %s', (_story, expected, window, days) => {
    for (const policy of ['keep', 'previous', 'next'] as const) {
      expect(resolveDeadline({ kind: 'working-days-after-cutoff', days }, window, policy, calendar)).toBe(expected);
    }
  });
});

describe('rules that make no sense', () => {
  it.each<DeadlineRule>([
    { kind: 'fixed', date: '2025-06-31' },
    { kind: 'day-of-last-month', day: 0 },
    { kind: 'day-of-last-month', day: 32 },
    { kind: 'day-of-last-month', day: 1.5 },
    { kind: 'working-days-after-cutoff', days: 0 },
    { kind: 'working-days-after-cutoff', days: 2.5 },
  ])('%o is refused', (rule) => {
    expect(() => resolveDeadline(rule, sixMonths2025, 'next', calendar)).toThrow(RangeError);
  });
});
