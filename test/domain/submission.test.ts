import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign.js';
import type { Period } from '../../src/domain/period.js';
import { NOTE_MAX_LENGTH, prepareSubmission, type ItemAnswer } from '../../src/domain/submission.js';

const campaign: Campaign = {
  id: 'thi-dua-2025',
  name: 'Phong trào thi đua năm 2025',
  legalBasis: 'Chỉ thị số 09/CT-UBND ngày 31/12/2024',
  items: [
    { no: 1, title: 'Quán triệt, tuyên truyền', short: 'Tuyên truyền' },
    {
      no: 2,
      title: 'Khen thưởng',
      short: 'Khen thưởng',
      quantity: { label: 'Số tập thể, cá nhân được khen thưởng', unit: 'tập thể, cá nhân' },
    },
  ],
};
const period: Period = {
  id: '2025-6-thang',
  campaignId: campaign.id,
  kind: 'half-year-1',
  name: '6 tháng đầu năm 2025',
  cutoff: { from: '2024-12-15', to: '2025-06-14' },
  deadline: '2025-06-18',
  opensOn: '2025-06-01',
};
const by = { account: 'telegram:1001' as const, name: 'Nguyễn Văn An', role: 'head' as const };

function prepare(answers: ItemAnswer[], at = '2025-06-17T09:00+07:00') {
  return prepareSubmission({ campaign, period, agencyId: 'so-y-te', answers, submittedBy: by, submittedAt: Date.parse(at) });
}

describe('the head of Sở Y tế submits a report', () => {
  it('is on time the day before the deadline, with answers sorted and percents matching the status', () => {
    const result = prepare([
      { itemNo: 2, status: 'done', percent: 40, note: 'Đã khen thưởng', quantity: 12 },
      { itemNo: 1, status: 'not-started', percent: 30, note: '' },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.submission.late).toBe(false);
    expect(result.submission.answers).toEqual([
      { itemNo: 1, status: 'not-started', percent: 0, note: '' },
      { itemNo: 2, status: 'done', percent: 100, note: 'Đã khen thưởng', quantity: 12 },
    ]);
  });

  it('is marked late after the deadline day', () => {
    const result = prepare(
      [
        { itemNo: 1, status: 'in-progress', percent: 50, note: '' },
        { itemNo: 2, status: 'in-progress', percent: 50, note: '', quantity: 0 },
      ],
      '2025-06-19T08:00+07:00',
    );
    expect(result.ok && result.submission.late).toBe(true);
  });

  it('is refused, with every problem named, when answers are missing or out of range', () => {
    const result = prepare([
      { itemNo: 1, status: 'in-progress', percent: 120, note: 'x'.repeat(NOTE_MAX_LENGTH + 1) },
      { itemNo: 9, status: 'done', percent: 100, note: '' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { kind: 'percent-out-of-range', itemNo: 1, percent: 120 },
        { kind: 'note-too-long', itemNo: 1, length: NOTE_MAX_LENGTH + 1, max: NOTE_MAX_LENGTH },
        { kind: 'unknown-item', itemNo: 9 },
        { kind: 'missing-item', itemNo: 2 },
      ]),
    );
  });

  it('needs a whole, non-negative count for items that ask for one', () => {
    const bad = prepare([
      { itemNo: 1, status: 'done', percent: 100, note: '' },
      { itemNo: 2, status: 'done', percent: 100, note: '', quantity: 2.5 },
    ]);
    expect(bad.ok).toBe(false);
    const missing = prepare([
      { itemNo: 1, status: 'done', percent: 100, note: '' },
      { itemNo: 2, status: 'done', percent: 100, note: '' },
    ]);
    expect(missing.ok ? [] : missing.problems).toEqual([{ kind: 'quantity-missing', itemNo: 2 }]);
  });

  it('counts a note in characters, so a 500-letter Vietnamese note fits', () => {
    const note = 'ệ'.repeat(NOTE_MAX_LENGTH);
    const result = prepare([
      { itemNo: 1, status: 'done', percent: 100, note },
      { itemNo: 2, status: 'done', percent: 100, note: '', quantity: 1 },
    ]);
    expect(result.ok).toBe(true);
  });
});
