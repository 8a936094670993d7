import { describe, expect, it } from 'vitest';
import { currentPeriods, isLate, periodStanding, presetName, presetWindow } from '../../src/domain/period.js';
import { SIX_MONTHS_2025, YEAR_2025 } from '../helpers/periods.js';

const at = (iso: string) => Date.parse(iso);

describe('Decree 09 cut-off windows', () => {
  it.each([
    [{ kind: 'monthly', year: 2025, month: 1 } as const, '2024-12-15', '2025-01-14'],
    [{ kind: 'monthly', year: 2025, month: 6 } as const, '2025-05-15', '2025-06-14'],
    [{ kind: 'quarterly', year: 2025, quarter: 1 } as const, '2024-12-15', '2025-03-14'],
    [{ kind: 'quarterly', year: 2025, quarter: 2 } as const, '2025-03-15', '2025-06-14'],
    [{ kind: 'quarterly', year: 2025, quarter: 3 } as const, '2025-06-15', '2025-09-14'],
    [{ kind: 'quarterly', year: 2025, quarter: 4 } as const, '2025-09-15', '2025-12-14'],
    [{ kind: 'half-year-1', year: 2025 } as const, '2024-12-15', '2025-06-14'],
    [{ kind: 'half-year-2', year: 2025 } as const, '2025-06-15', '2025-12-14'],
    [{ kind: 'nine-month', year: 2025 } as const, '2024-12-15', '2025-09-14'],
    [{ kind: 'yearly', year: 2025 } as const, '2024-12-15', '2025-12-14'],
  ])('%o runs from %s to %s', (ref, from, to) => {
    expect(presetWindow(ref)).toEqual({ from, to });
  });

  it('names periods the way a report title does', () => {
    expect(presetName({ kind: 'quarterly', year: 2025, quarter: 2 })).toBe('quý II năm 2025');
    expect(presetName({ kind: 'half-year-1', year: 2025 })).toBe('6 tháng đầu năm 2025');
    expect(presetName({ kind: 'monthly', year: 2026, month: 3 })).toBe('tháng 3/2026');
  });
});

const sixMonths = SIX_MONTHS_2025;
const yearly = YEAR_2025;

describe('a report sent on the deadline day', () => {
  it('is on time up to 23:59:59.999 Hà Nội time', () => {
    expect(isLate(sixMonths, at('2025-06-18T23:59:59.999+07:00'))).toBe(false);
  });
  it('is late from midnight, even though it is still the 18th in UTC', () => {
    expect(isLate(sixMonths, at('2025-06-19T00:00:00.000+07:00'))).toBe(true);
    expect(new Date(at('2025-06-19T00:00:00.000+07:00')).getUTCDate()).toBe(18);
  });
});

describe('where a period stands', () => {
  it('is upcoming before it opens, open until the deadline day, then overdue', () => {
    expect(periodStanding(sixMonths, at('2025-05-31T08:00+07:00'))).toEqual({ phase: 'upcoming', daysToDeadline: 18 });
    expect(periodStanding(sixMonths, at('2025-06-10T08:00+07:00'))).toEqual({ phase: 'open', daysToDeadline: 8 });
    expect(periodStanding(sixMonths, at('2025-06-18T16:59+07:00'))).toEqual({ phase: 'open', daysToDeadline: 0 });
    expect(periodStanding(sixMonths, at('2025-06-20T08:00+07:00'))).toEqual({ phase: 'overdue', daysToDeadline: -2 });
  });
  it('counts days in Vietnam time: 01:00 on the 10th in Hà Nội is still the 9th in UTC', () => {
    expect(periodStanding(sixMonths, at('2025-06-10T01:00+07:00')).daysToDeadline).toBe(8);
  });
});

describe('periods shown now', () => {
  it('shows the open period and the next upcoming one', () => {
    expect(currentPeriods([yearly, sixMonths], at('2025-06-10T08:00+07:00')).map((p) => p.id)).toEqual(['2025-6-thang', '2025-ca-nam']);
  });
  it('keeps an overdue period for a while so a late agency still sees it', () => {
    expect(currentPeriods([sixMonths, yearly], at('2025-07-01T08:00+07:00')).map((p) => p.id)).toEqual(['2025-6-thang', '2025-ca-nam']);
    expect(currentPeriods([sixMonths, yearly], at('2025-09-01T08:00+07:00')).map((p) => p.id)).toEqual(['2025-ca-nam']);
  });
  it('shows nothing long after the last deadline', () => {
    expect(currentPeriods([sixMonths, yearly], at('2026-11-25T08:00+07:00'))).toEqual([]);
  });
});
