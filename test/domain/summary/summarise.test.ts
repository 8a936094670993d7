import { describe, expect, it } from 'vitest';
import type { Agency } from '../../../src/domain/agency.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/index.js';
import type { Campaign } from '../../../src/domain/campaign.js';
import type { Period } from '../../../src/domain/period.js';
import type { ItemAnswer, Submission } from '../../../src/domain/submission.js';
import { rowsOf, summarise } from '../../../src/domain/summary/index.js';

const at = (iso: string) => Date.parse(`${iso}+07:00`);
const calendar = createWorkingCalendar();
const period: Period = {
  id: '2025-6-thang',
  campaignId: 'td',
  kind: 'half-year-1',
  name: 'sơ kết 6 tháng đầu năm 2025',
  cutoff: { from: '2024-12-15', to: '2025-06-14' },
  deadline: '2025-06-18',
  opensOn: '2025-06-01',
};
const campaign: Campaign = {
  id: 'td',
  name: 'Phong trào thi đua năm 2025',
  legalBasis: 'Chỉ thị số 09/CT-UBND ngày 31/12/2024',
  items: [
    { no: 1, title: 'Tuyên truyền', short: 'Tuyên truyền' },
    {
      no: 2,
      title: 'Khen thưởng',
      short: 'Khen thưởng',
      quantity: { label: 'Số tập thể, cá nhân được khen thưởng', unit: 'tập thể, cá nhân' },
    },
  ],
};
const agencies: Agency[] = [
  { id: 'so-y-te', name: 'Sở Y tế', kind: 'so', group: 'Khối văn hóa – xã hội' },
  { id: 'so-tai-chinh', name: 'Sở Tài chính', kind: 'so' },
  { id: 'xa-muong-kim', name: 'UBND xã Mường Kim', kind: 'xa' },
  { id: 'xa-pa-u', name: 'UBND xã Pa Ủ', kind: 'xa' },
];

function submission(agencyId: string, answers: ItemAnswer[], options: Partial<Submission> = {}): Submission {
  return {
    campaignId: 'td',
    periodId: period.id,
    agencyId,
    revision: 1,
    answers,
    submittedBy: { account: 'telegram:1', name: 'Nguyễn Văn An', role: 'head' },
    submittedAt: at('2025-06-16T09:00'),
    late: false,
    ...options,
  };
}

describe('summarise: a period at a glance', () => {
  const latest = new Map<string, Submission>([
    [
      'so-y-te',
      submission('so-y-te', [
        { itemNo: 1, status: 'done', percent: 100, note: '' },
        { itemNo: 2, status: 'in-progress', percent: 50, note: '', quantity: 12 },
      ]),
    ],
    [
      'xa-muong-kim',
      submission(
        'xa-muong-kim',
        [
          { itemNo: 1, status: 'not-started', percent: 0, note: '' },
          { itemNo: 2, status: 'in-progress', percent: 70, note: 'đang xét', quantity: 1_200 },
        ],
        { late: true, submittedAt: at('2025-06-19T10:00') },
      ),
    ],
    // A deputy's draft waiting for the head: not reported yet.
    [
      'xa-pa-u',
      submission(
        'xa-pa-u',
        [
          { itemNo: 1, status: 'done', percent: 100, note: '' },
          { itemNo: 2, status: 'done', percent: 100, note: '', quantity: 5 },
        ],
        { status: 'draft' },
      ),
    ],
  ]);
  const model = summarise({
    period,
    campaign,
    agencies,
    latest,
    heads: new Map([['so-tai-chinh', [{ name: 'Lò Văn Tài', reachable: false }]]]),
    now: at('2025-06-19T16:30'),
    calendar,
  });

  it('counts on time, late and missing, and puts the missing first, then the late, then those on time', () => {
    expect({ total: model.total, reported: model.reported, onTime: model.onTime, late: model.late, missing: model.missing }).toEqual({
      total: 4,
      reported: 2,
      onTime: 1,
      late: 1,
      missing: 2,
    });
    expect(model.rows.map((r) => [r.agency.id, r.standing])).toEqual([
      ['so-tai-chinh', 'missing'],
      ['xa-pa-u', 'missing'],
      ['xa-muong-kim', 'late'],
      ['so-y-te', 'on-time'],
    ]);
    expect(rowsOf(model, 'missing')[0]?.heads).toEqual([{ name: 'Lò Văn Tài', reachable: false }]);
    expect(rowsOf(model, 'missing')[1]?.draftPending).toBe(true);
  });

  it('aggregates each item: statuses, the mean percent over those who answered, and the counts added up', () => {
    const [first, second] = model.items;
    expect(first).toMatchObject({ done: 1, inProgress: 0, notStarted: 1, answered: 2, meanPercent: 50 });
    expect(second).toMatchObject({
      done: 0,
      inProgress: 2,
      notStarted: 0,
      answered: 2,
      meanPercent: 60,
      quantity: { total: 1_212, answered: 2, unit: 'tập thể, cá nhân' },
    });
  });

  it('knows where the period stands: a day past the deadline, one working day late', () => {
    expect(model.phase).toBe('overdue');
    expect(model.daysToDeadline).toBe(-1);
    expect(model.workingDaysToDeadline).toBe(-1);
    expect(rowsOf(model, 'late')[0]?.meanPercent).toBe(35);
  });

  it('has no mean for an item nobody answered, and zero counts for a period with no report', () => {
    const empty = summarise({ period, campaign, agencies, latest: new Map(), now: at('2025-06-10T08:00'), calendar });
    expect(empty.reported).toBe(0);
    expect(empty.items[0]?.meanPercent).toBeUndefined();
    expect(empty.items[1]?.quantity?.total).toBe(0);
    expect(empty.rows.every((r) => r.standing === 'missing' && r.heads.length === 0)).toBe(true);
  });

  it('counts an approved draft from the moment it was approved', () => {
    const approved = submission(
      'xa-pa-u',
      [
        { itemNo: 1, status: 'done', percent: 100, note: '' },
        { itemNo: 2, status: 'done', percent: 100, note: '', quantity: 5 },
      ],
      { status: 'final', revision: 2, approvedAt: at('2025-06-17T15:00'), approvedBy: { account: 'telegram:2', name: 'Thủ trưởng' } },
    );
    const m = summarise({ period, campaign, agencies, latest: new Map([['xa-pa-u', approved]]), now: at('2025-06-18T16:30'), calendar });
    expect(rowsOf(m, 'on-time').map((r) => [r.agency.id, r.countedAt])).toEqual([['xa-pa-u', at('2025-06-17T15:00')]]);
  });
});
