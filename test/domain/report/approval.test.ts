import { describe, expect, it } from 'vitest';
import type { Delegation } from '../../../src/domain/delegation.js';
import type { Period } from '../../../src/domain/period.js';
import { approvedRevision, countingSubmission, countsAsReported, reportStatusFor } from '../../../src/domain/report/approval.js';
import type { Submission } from '../../../src/domain/submission.js';

const HOA = 'telegram:1002' as const;
const period: Period = {
  id: '2025-6-thang',
  campaignId: 'thi-dua-2025',
  kind: 'half-year-1',
  name: 'sơ kết 6 tháng đầu năm 2025',
  cutoff: { from: '2024-12-15', to: '2025-06-14' },
  deadline: '2025-06-18',
  opensOn: '2025-06-01',
};
const draft: Submission = {
  campaignId: 'thi-dua-2025',
  periodId: period.id,
  agencyId: 'so-y-te',
  revision: 1,
  answers: [{ itemNo: 1, status: 'done', percent: 100, note: '' }],
  submittedBy: { account: HOA, name: 'Vàng Thị Hoa', role: 'deputy' },
  submittedAt: Date.parse('2025-06-17T09:00:00+07:00'),
  late: false,
  status: 'draft',
};
const delegation: Delegation = {
  agencyId: 'so-y-te',
  from: 'telegram:1001',
  fromName: 'Nguyễn Văn An',
  to: HOA,
  toName: 'Vàng Thị Hoa',
  startsOn: '2025-06-15',
  endsOn: '2025-06-25',
  createdAt: 0,
};

describe('what counts as reported', () => {
  it('a draft does not; a final revision and an older one without a status do', () => {
    expect(countsAsReported(draft)).toBe(false);
    expect(countsAsReported({ ...draft, status: 'final' })).toBe(true);
    expect(countsAsReported({})).toBe(true);
  });
  it("the head's earlier report still counts while the deputy's amendment waits", () => {
    const headsReport = { ...draft, revision: 1, status: 'final' as const };
    const amendment = { ...draft, revision: 2 };
    expect(countingSubmission([headsReport, amendment])).toBe(headsReport);
    expect(countingSubmission([amendment])).toBeUndefined();
    expect(countingSubmission([])).toBeUndefined();
  });
});

describe('when a report is a draft', () => {
  const base = { campaign: { requiresApproval: true }, account: HOA, delegation: undefined, today: '2025-06-17' };
  it("only a deputy's report, only when the campaign asks for sign-off, and not while the head's delegation holds", () => {
    expect(reportStatusFor({ ...base, role: 'deputy' })).toBe('draft');
    expect(reportStatusFor({ ...base, role: 'head' })).toBe('final');
    expect(reportStatusFor({ ...base, campaign: {}, role: 'deputy' })).toBe('final');
    expect(reportStatusFor({ ...base, role: 'deputy', delegation })).toBe('final');
    expect(reportStatusFor({ ...base, role: 'deputy', delegation, today: '2025-06-26' })).toBe('draft');
    expect(reportStatusFor({ ...base, role: 'deputy', delegation: { ...delegation, to: 'telegram:9999' } })).toBe('draft');
  });
});

describe("the head's sign-off", () => {
  it('is the same answers and author, final, with who approved and when; late is judged at approval', () => {
    const at = Date.parse('2025-06-19T08:00:00+07:00');
    const approved = approvedRevision(draft, period, { account: 'telegram:1001', name: 'Nguyễn Văn An' }, at);
    expect(approved).toEqual({
      ...draft,
      revision: undefined,
      status: 'final',
      approvedBy: { account: 'telegram:1001', name: 'Nguyễn Văn An' },
      approvedAt: at,
      firstCountedAt: at,
      late: true,
    });
    expect('revision' in approved).toBe(false);
  });
});
