import { describe, expect, it } from 'vitest';
import type { Period } from '../../../src/domain/period.js';
import { approvedRevision } from '../../../src/domain/report/approval.js';
import { timelinessFromHistory, timelinessOf, timelinessStamp } from '../../../src/domain/report/timeliness.js';
import type { Submission } from '../../../src/domain/submission.js';

const period: Period = {
  id: '2025-6-thang',
  campaignId: 'thi-dua-2025',
  kind: 'half-year-1',
  name: 'sơ kết 6 tháng đầu năm 2025',
  cutoff: { from: '2024-12-15', to: '2025-06-14' },
  deadline: '2025-06-18',
  opensOn: '2025-06-01',
};
const at = (s: string) => Date.parse(`${s}+07:00`);
const base: Omit<Submission, 'revision' | 'submittedAt' | 'late'> = {
  campaignId: 'thi-dua-2025',
  periodId: period.id,
  agencyId: 'so-y-te',
  answers: [],
  submittedBy: { account: 'telegram:1001', name: 'Nguyễn Văn An', role: 'head' },
};

/** Builds a history the way the bot writes it: each revision stamped from the one counting before it. */
function write(steps: { at: string; status?: 'draft' | 'final'; approve?: string }[]): Submission[] {
  const history: Submission[] = [];
  for (const step of steps) {
    const counting = [...history].reverse().find((s) => s.status !== 'draft');
    const status = step.status ?? 'final';
    const s: Submission = {
      ...base,
      revision: history.length + 1,
      submittedAt: at(step.at),
      status,
      ...timelinessStamp(period, counting, status === 'final', at(step.at)),
    };
    history.push(s);
    if (step.approve)
      history.push({
        ...approvedRevision(s, period, { account: 'telegram:1001', name: 'Nguyễn Văn An' }, at(step.approve)),
        revision: history.length + 1,
      });
  }
  return history;
}

describe('timeliness is a fact about the first counting report', () => {
  const cases: { story: string; steps: Parameters<typeof write>[0]; late: boolean; revisedAfterDeadline: boolean }[] = [
    { story: 'on time, never revised', steps: [{ at: '2025-06-10T08:00:00' }], late: false, revisedAfterDeadline: false },
    {
      story: 'on time, corrected two days after the deadline',
      steps: [{ at: '2025-06-10T08:00:00' }, { at: '2025-06-20T10:00:00' }],
      late: false,
      revisedAfterDeadline: true,
    },
    {
      story: 'on time, corrected before the deadline ends (23:59 on the day)',
      steps: [{ at: '2025-06-10T08:00:00' }, { at: '2025-06-18T23:59:00' }],
      late: false,
      revisedAfterDeadline: false,
    },
    {
      story: 'first report late, corrected later',
      steps: [{ at: '2025-06-19T08:00:00' }, { at: '2025-06-20T08:00:00' }],
      late: true,
      revisedAfterDeadline: true,
    },
    {
      story: "deputy's draft approved after the deadline: late from the approval",
      steps: [{ at: '2025-06-18T16:00:00', status: 'draft', approve: '2025-06-19T08:00:00' }],
      late: true,
      revisedAfterDeadline: false,
    },
    {
      story: "head on time, deputy's amendment approved after the deadline",
      steps: [{ at: '2025-06-10T08:00:00' }, { at: '2025-06-19T08:00:00', status: 'draft', approve: '2025-06-19T09:00:00' }],
      late: false,
      revisedAfterDeadline: true,
    },
    {
      story: 'a pending draft after the deadline changes nothing',
      steps: [{ at: '2025-06-10T08:00:00' }, { at: '2025-06-19T08:00:00', status: 'draft' }],
      late: false,
      revisedAfterDeadline: false,
    },
  ];
  it.each(cases)('$story', ({ steps, late, revisedAfterDeadline }) => {
    const history = write(steps);
    const fromHistory = timelinessFromHistory(period, history);
    expect(fromHistory).toMatchObject({ late, revisedAfterDeadline });
    // The stamp carried on the counting revision gives the same answer without the history.
    const counting = [...history].reverse().find((s) => s.status !== 'draft');
    expect(counting && timelinessOf(period, counting)).toEqual(fromHistory);
    expect(counting?.late).toBe(late);
  });

  it('nothing counts while only a draft exists', () => {
    expect(timelinessFromHistory(period, write([{ at: '2025-06-10T08:00:00', status: 'draft' }]))).toBeUndefined();
  });

  it('a revision written before the stamp existed counts from its own time', () => {
    const old: Submission = { ...base, revision: 1, submittedAt: at('2025-06-19T08:00:00'), late: true };
    expect(timelinessOf(period, old)).toEqual({
      firstCountedAt: old.submittedAt,
      late: true,
      lastRevisedAt: old.submittedAt,
      revision: 1,
      revisedAfterDeadline: false,
    });
  });
});
