import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign.js';
import {
  answer,
  beginReport,
  currentQuestion,
  startItems,
  withPeriods,
  type Outcome,
  type ReportConversation,
} from '../../../src/domain/report/conversation.js';
import { parseRemark, remarkLine, remarksForSubmission, splitRemarks } from '../../../src/domain/report/remarks.js';
import { loadPlan } from '../../../src/plan/load-plan.js';

let campaign: Campaign;
beforeAll(async () => {
  const c = (await loadPlan('examples/lai-chau-2025.yaml')).campaigns[0];
  if (!c) throw new Error('no campaign');
  campaign = c;
});

const ctx = () => ({ campaign, nameOf: (_kind: 'agency' | 'period', id: string) => id });
const FULL = ['1 xong', '2 80%', '3 50%', '4 ht sl 12', '5 chua', '6 xong sl 2', '7 xong sl 35'].join('\n');

function startWith(quickText: string): ReturnType<typeof startItems> {
  const begun = withPeriods(beginReport({ account: 'telegram:1001', now: 0, agencies: ['so-y-te'], quickText }), ['2025-6-thang']);
  if (!begun) throw new Error('no period');
  return startItems(begun, campaign, undefined);
}

function next(outcome: Outcome): ReportConversation {
  if (outcome.kind !== 'next') throw new Error(`expected next, got ${JSON.stringify(outcome)}`);
  return outcome.state;
}

describe('"khó khăn" and "kiến nghị", the two optional last answers', () => {
  it('reads their lines with or without diacritics, with the long or the short label', () => {
    expect(remarkLine('kho khan: thieu kinh phi')).toEqual({ field: 'difficulties', text: 'thieu kinh phi' });
    expect(remarkLine('Khó khăn, vướng mắc: Thiếu kinh phí')).toEqual({ field: 'difficulties', text: 'Thiếu kinh phí' });
    expect(remarkLine('- Kiến nghị, đề xuất:  Đề nghị bổ sung kinh phí ')).toEqual({
      field: 'proposals',
      text: 'Đề nghị bổ sung kinh phí',
    });
    expect(remarkLine('de xuat: mo lop tap huan')).toEqual({ field: 'proposals', text: 'mo lop tap huan' });
    // An item's note that merely mentions them is not one.
    expect(remarkLine('1 xong: khó khăn về kinh phí')).toBeUndefined();
    expect(remarkLine('Ghi chú: không')).toBeUndefined();
  });

  it('takes "không" or "bỏ qua" as none, and sends back one too long instead of cutting it', () => {
    expect(parseRemark('không')).toEqual({ ok: true, text: '' });
    expect(parseRemark('bo qua')).toEqual({ ok: true, text: '' });
    expect(parseRemark('x'.repeat(1001))).toEqual({ ok: false, problem: { kind: 'note-too-long', length: 1001, max: 1000 } });
    expect(splitRemarks(`1 xong\nkien nghi: ${'x'.repeat(1001)}`).problem).toMatchObject({ kind: 'note-too-long' });
    expect(remarksForSubmission({ difficulties: '', proposals: 'a' })).toEqual({ proposals: 'a' });
  });

  it('in the quick form: the item lines read as before, the remarks are kept, and the review comes straight away', () => {
    const r = startWith(`${FULL}\nkho khan: Thiếu kinh phí\nkiến nghị: Đề nghị tỉnh mở lớp tập huấn`);
    expect(r.quick?.doubts ?? []).toEqual([]);
    expect(r.state.answers).toHaveLength(7);
    expect(r.state.remarks).toEqual({ difficulties: 'Thiếu kinh phí', proposals: 'Đề nghị tỉnh mở lớp tập huấn' });
    expect(currentQuestion(r.state, campaign)).toMatchObject({ kind: 'review' });
  });

  it('a quick form without them is not followed by the questions; at the review a "kien nghi: …" line adds one', () => {
    const r = startWith(FULL);
    expect(r.quick?.doubts ?? []).toEqual([]);
    expect(currentQuestion(r.state, campaign)).toMatchObject({ kind: 'review' });
    const s = next(answer(r.state, { type: 'text', text: 'kien nghi: Đề nghị bổ sung kinh phí' }, ctx()));
    expect(s.remarks).toEqual({ proposals: 'Đề nghị bổ sung kinh phí' });
    expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'review' });
    const edited = next(answer(s, { type: 'text', text: '2 xong\nkho khan: thiếu người' }, ctx()));
    expect(edited.remarks).toEqual({ proposals: 'Đề nghị bổ sung kinh phí', difficulties: 'thiếu người' });
    expect(edited.answers.find((a) => a.itemNo === 2)).toMatchObject({ status: 'done' });
  });
});
