import { describe, expect, it } from 'vitest';
import type { Period } from '../../src/domain/period.js';
import type { Submission } from '../../src/domain/submission.js';
import { timelinessOf } from '../../src/reports/timeliness.js';

const at = (iso: string) => Date.parse(`${iso}+07:00`);
const period = {
  id: 'p',
  campaignId: 'c',
  kind: 'half-year-1',
  name: 'sơ kết 6 tháng đầu năm 2025',
  cutoff: { from: '2024-12-15', to: '2025-06-14' },
  deadline: '2025-06-18',
  opensOn: '2025-06-01',
} as Period;

function revision(n: number, iso: string, extra: Partial<Submission> = {}): Submission {
  const submittedAt = at(iso);
  return {
    campaignId: 'c',
    periodId: 'p',
    agencyId: 'a',
    revision: n,
    answers: [],
    submittedBy: { account: 'telegram:1', name: 'An', role: 'head' },
    submittedAt,
    late: submittedAt > at('2025-06-18T23:59:59'),
    ...extra,
  };
}

describe('on time or late, first and last sent, as every export shows them', () => {
  it('a report corrected after the deadline: first sent on time, last revised later, "bổ sung sau hạn"', () => {
    const history = [revision(1, '2025-06-17T10:00'), revision(2, '2025-06-19T09:00')];
    // On time is a fact about the first counting revision (src/domain/report/timeliness.ts).
    expect(timelinessOf(period, history, history[1])).toEqual({
      reported: true,
      late: false,
      firstAt: at('2025-06-17T10:00'),
      lastAt: at('2025-06-19T09:00'),
      revisedAfterDeadline: true,
    });
  });

  it('a first report after the deadline is late, and is not a correction', () => {
    const history = [revision(1, '2025-06-20T10:00')];
    expect(timelinessOf(period, history, history[0])).toMatchObject({ reported: true, late: true, revisedAfterDeadline: false });
  });

  it('a deputy’s draft counts from the head’s sign-off; a draft still waiting is the last revision but not a report', () => {
    const draft = revision(1, '2025-06-18T10:00', { status: 'draft' });
    const signed = revision(2, '2025-06-18T10:00', {
      status: 'final',
      approvedBy: { account: 'telegram:2', name: 'Bình' },
      approvedAt: at('2025-06-18T15:00'),
    });
    const amended = revision(3, '2025-06-19T08:00', { status: 'draft' });
    expect(timelinessOf(period, [draft, signed, amended], signed)).toEqual({
      reported: true,
      late: false,
      firstAt: at('2025-06-18T15:00'),
      lastAt: at('2025-06-19T08:00'),
      revisedAfterDeadline: false,
    });
    expect(timelinessOf(period, [draft], undefined)).toEqual({
      reported: false,
      late: false,
      lastAt: at('2025-06-18T10:00'),
      revisedAfterDeadline: false,
    });
  });
});
