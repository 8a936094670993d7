import { describe, expect, it } from 'vitest';
import type { Period } from '../../../src/domain/period.js';
import { findPeriodsByWords } from '../../../src/domain/report/period-words.js';

const period = (id: string, kind: Period['kind'], name: string, to: string, deadline: string): Period => ({
  id,
  campaignId: 'thi-dua-2025',
  kind,
  name,
  cutoff: { from: '2024-12-15', to },
  deadline,
  opensOn: deadline.slice(0, 8) + '01',
});
const PERIODS: Period[] = [
  period('2025-6-thang', 'half-year-1', 'sơ kết 6 tháng đầu năm 2025', '2025-06-14', '2025-06-18'),
  period('2025-quy-2', 'quarterly', 'quý II năm 2025', '2025-06-14', '2025-06-20'),
  period('2025-9-thang', 'nine-month', '9 tháng năm 2025', '2025-09-14', '2025-09-18'),
  period('2025-ca-nam', 'yearly', 'tổng kết năm 2025', '2025-12-14', '2025-12-17'),
];
const ids = (typed: string) => findPeriodsByWords(PERIODS, typed).map((p) => p.id);

describe('a period named the way people name it', () => {
  it.each([
    ['2025-6-thang', ['2025-6-thang']],
    ['2025-CA-NAM', ['2025-ca-nam']],
    ['6 thang', ['2025-6-thang']],
    ['6 tháng', ['2025-6-thang']],
    ['sơ kết 6 tháng đầu năm', ['2025-6-thang']],
    ['so ket', ['2025-6-thang']],
    ['kỳ 6 tháng năm 2025', ['2025-6-thang']],
    ['ca nam', ['2025-ca-nam']],
    ['cả năm 2025', ['2025-ca-nam']],
    ['tổng kết năm', ['2025-ca-nam']],
    ['quý II', ['2025-quy-2']],
    ['quy 2', ['2025-quy-2']],
    ['Quý II năm 2025', ['2025-quy-2']],
    ['9 thang', ['2025-9-thang']],
    ['6 thang 2026', []],
    ['quý III', []],
    ['xyz', []],
    ['', []],
  ])('"%s" → %j', (typed, expected) => {
    expect(ids(typed)).toEqual(expected);
  });
});
