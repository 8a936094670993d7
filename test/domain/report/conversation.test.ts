import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Campaign } from '../../../src/domain/campaign.js';
import {
  answer,
  beginReport,
  choiceIds,
  currentQuestion,
  parseApproveChoice,
  startItems,
  withPeriods,
  type ConversationInput,
  type Outcome,
  type ReportConversation,
} from '../../../src/domain/report/conversation.js';
import { loadPlan } from '../../../src/plan/load-plan.js';

let campaign: Campaign;
beforeAll(async () => {
  const c = (await loadPlan('examples/lai-chau-2025.yaml')).campaigns[0];
  if (!c) throw new Error('no campaign');
  campaign = c;
});

const AN = 'telegram:1001' as const;
const names = {
  nameOf: (kind: 'agency' | 'period', id: string) =>
    ({ 'so-y-te': 'Sở Y tế', 'so-tai-chinh': 'Sở Tài chính', '2025-6-thang': 'sơ kết 6 tháng đầu năm 2025' })[id] ?? `${kind} ${id}`,
};
const ctx = () => ({ campaign, ...names });

function started(latest?: Parameters<typeof startItems>[2], quickText?: string): ReportConversation {
  const begun = withPeriods(beginReport({ account: AN, now: 0, agencies: ['so-y-te'], ...(quickText ? { quickText } : {}) }), [
    '2025-6-thang',
  ]);
  if (!begun) throw new Error('no period');
  const r = startItems(begun, campaign, latest);
  if (r.quick?.doubts.length) throw new Error(JSON.stringify(r.quick.doubts));
  return r.state;
}

function next(outcome: Outcome): ReportConversation {
  if (outcome.kind !== 'next') throw new Error(`expected next, got ${JSON.stringify(outcome)}`);
  return outcome.state;
}
const text = (t: string): ConversationInput => ({ type: 'text', text: t });

describe('the conversation, step by step', () => {
  it('asks for the agency only when there are several, and the period only when several are open', () => {
    expect(beginReport({ account: AN, now: 0, agencies: ['so-y-te'] }).phase).toBe('begin');
    const two = beginReport({ account: AN, now: 0, agencies: ['so-tai-chinh', 'so-y-te'] });
    expect(currentQuestion(two, undefined)).toEqual({ kind: 'agency', options: ['so-tai-chinh', 'so-y-te'] });
    expect(next(answer(two, text('y te'), ctx()))).toMatchObject({ agencyId: 'so-y-te', phase: 'begin' });
    expect(next(answer(two, { type: 'choice', id: choiceIds.agency('so-tai-chinh') }, ctx()))).toMatchObject({ agencyId: 'so-tai-chinh' });
    expect(answer(two, { type: 'choice', id: choiceIds.agency('so-xay-dung') }, ctx())).toEqual({ kind: 'stale' });
    const periods = withPeriods(beginReport({ account: AN, now: 0, agencies: ['so-y-te'] }), ['a', 'b']);
    expect(periods?.phase).toBe('period');
    expect(withPeriods(beginReport({ account: AN, now: 0, agencies: ['so-y-te'] }), [])).toBeUndefined();
  });

  it('asks status, then percent (not when done), count where the item has one, then a note', () => {
    let s = started();
    expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'status', index: 1, total: 7 });
    s = next(answer(s, text('đang thực hiện'), ctx()));
    expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'percent', index: 1 });
    s = next(answer(s, text('80%'), ctx()));
    expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'note', index: 1 });
    s = next(answer(s, text('Đã quán triệt'), ctx()));
    for (const no of [2, 3]) {
      expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'status', index: no });
      s = next(answer(s, { type: 'choice', id: choiceIds.status(no, 'done') }, ctx()));
      s = next(answer(s, { type: 'choice', id: choiceIds.noNote(no) }, ctx()));
    }
    s = next(answer(s, text('xong'), ctx()));
    expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'quantity', index: 4 });
    s = next(answer(s, text('12'), ctx()));
    s = next(answer(s, text('không'), ctx()));
    s = next(answer(s, text('chưa'), ctx()));
    s = next(answer(s, text('không'), ctx()));
    s = next(answer(s, text('ht, đã tổ chức 2 hội nghị'), ctx()));
    expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'status', index: 7 });
    s = next(answer(s, text('hoan thanh sl 35 dang tin bai'), ctx()));
    // Then the two optional questions, once: typed, or skipped with "không" or the button.
    expect(currentQuestion(s, campaign)).toEqual({ kind: 'difficulties' });
    s = next(answer(s, text('khong'), ctx()));
    expect(currentQuestion(s, campaign)).toEqual({ kind: 'proposals' });
    expect(answer(s, { type: 'choice', id: choiceIds.skipRemark('difficulties') }, ctx())).toEqual({ kind: 'stale' });
    s = next(answer(s, text('Đề nghị tỉnh mở lớp tập huấn'), ctx()));
    expect(s.remarks).toEqual({ difficulties: '', proposals: 'Đề nghị tỉnh mở lớp tập huấn' });
    expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'review' });
    expect(s.answers).toEqual([
      { itemNo: 1, status: 'in-progress', percent: 80, note: 'Đã quán triệt' },
      { itemNo: 2, status: 'done', percent: 100, note: '' },
      { itemNo: 3, status: 'done', percent: 100, note: '' },
      { itemNo: 4, status: 'done', percent: 100, note: '', quantity: 12 },
      { itemNo: 5, status: 'not-started', percent: 0, note: '' },
      { itemNo: 6, status: 'done', percent: 100, note: 'đã tổ chức 2 hội nghị', quantity: 2 },
      { itemNo: 7, status: 'done', percent: 100, note: 'dang tin bai', quantity: 35 },
    ]);
    expect(answer(s, text('xác nhận'), ctx())).toEqual({ kind: 'confirm' });
    expect(answer(s, { type: 'choice', id: choiceIds.confirm(0) }, ctx())).toEqual({ kind: 'confirm' });
    expect(answer(s, { type: 'choice', id: choiceIds.confirm(1) }, ctx())).toEqual({ kind: 'stale' });
    expect(currentQuestion(next(answer(s, text('sửa mục 4'), ctx())), campaign)).toMatchObject({
      kind: 'status',
      index: 4,
      keep: { quantity: 12 },
    });
    expect(answer(s, text('sua 9'), ctx())).toEqual({ kind: 'problem', problem: { kind: 'unknown-item', itemNo: 9, max: 7 } });
    expect(answer(s, text('huỷ'), ctx())).toEqual({ kind: 'cancel' });
  });

  it('keeps the previous answer on "bỏ qua" when amending, field by field', () => {
    const previous = { revision: 1, answers: [{ itemNo: 1, status: 'in-progress' as const, percent: 60, note: 'Lần 1' }] };
    let s = started(previous);
    expect(currentQuestion(s, campaign)).toMatchObject({ kind: 'status', keep: previous.answers[0] });
    s = next(answer(s, text('dang lam'), ctx()));
    s = next(answer(s, text('bỏ qua'), ctx()));
    expect(s.pending[0]).toEqual({ itemNo: 1, status: 'in-progress', percent: 60 });
    s = next(answer(s, text('bo qua'), ctx()));
    expect(s.answers).toEqual([previous.answers[0]]);
    // Item 2 had no answer before: nothing to keep at the status.
    expect(answer(s, text('bỏ qua'), ctx())).toEqual({ kind: 'problem', problem: { kind: 'nothing-to-keep' } });
  });

  it('a quick form covering some items keeps the rest of the latest revision, or asks for them', () => {
    const all = campaign.items.map((i) => ({
      itemNo: i.no,
      status: 'done' as const,
      percent: 100,
      note: '',
      ...(i.quantity ? { quantity: 1 } : {}),
    }));
    const amended = started({ revision: 1, answers: all }, '3 80% đã tổ chức 2 hội nghị');
    expect(amended.phase).toBe('review');
    expect(amended.answers.find((a) => a.itemNo === 3)).toEqual({
      itemNo: 3,
      status: 'in-progress',
      percent: 80,
      note: 'đã tổ chức 2 hội nghị',
    });
    expect(amended.answers).toHaveLength(7);
    const first = started(undefined, '3 80% đã tổ chức 2 hội nghị\n4 xong');
    expect(first.pending.map((d) => d.itemNo)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(currentQuestion({ ...first, pending: first.pending.slice(2) }, campaign)).toMatchObject({ kind: 'quantity', index: 4 });
  });

  it('does not take "xác nhận" or "ok" typed while items are asked for an answer, nor at a note for the note', () => {
    expect(answer(started(), text('xác nhận'), ctx())).toEqual({ kind: 'problem', problem: { kind: 'confirm-too-early' } });
    const atNote = next(answer(started(), text('xong'), ctx()));
    expect(currentQuestion(atNote, campaign)).toMatchObject({ kind: 'note', index: 1 });
    for (const typed of ['xác nhận', 'Xac nhan', 'ok', 'gửi'])
      expect(answer(atNote, text(typed), ctx())).toEqual({ kind: 'problem', problem: { kind: 'confirm-too-early' } });
    expect(next(answer(atNote, text('không'), ctx())).answers[0]).toMatchObject({ itemNo: 1, note: '' });
    expect(next(answer(atNote, text('xác nhận đã quán triệt tại 12 hội nghị'), ctx())).answers[0]).toMatchObject({
      note: 'xác nhận đã quán triệt tại 12 hội nghị',
    });
  });

  it('refuses bad answers without changing anything', () => {
    const s = started();
    const atPercent = next(answer(s, text('2'), ctx()));
    for (const [typed, kind] of [
      ['150%', 'percent-over'],
      ['-3', 'percent-negative'],
      ['', 'empty'],
      ['abc', 'percent-not-number'],
    ] as const) {
      expect(answer(atPercent, text(typed), ctx())).toEqual({ kind: 'problem', problem: expect.objectContaining({ kind }) as unknown });
    }
    expect(answer(s, text('có lẽ'), ctx())).toEqual({ kind: 'problem', problem: { kind: 'not-understood' } });
    // "80" at the status question: out of range, with the hint that a percent is typed "80%".
    expect(answer(s, text('80'), ctx())).toEqual({ kind: 'problem', problem: { kind: 'choice-out-of-range', max: 3, percent: 80 } });
    expect(answer(s, text('7'), ctx())).toEqual({ kind: 'problem', problem: { kind: 'choice-out-of-range', max: 3 } });
    expect(answer(s, text('250'), ctx())).toEqual({ kind: 'problem', problem: { kind: 'choice-out-of-range', max: 3 } });
    expect(next(answer(s, text('80%'), ctx())).answers[0]).toBeUndefined();
    expect(answer(s, { type: 'choice', id: choiceIds.status(2, 'done') }, ctx())).toEqual({ kind: 'stale' });
    expect(answer(s, { type: 'choice', id: 'rv:0:ok' }, ctx())).toEqual({ kind: 'stale' });
  });

  it('survives any sequence of inputs: answers stay valid and the state stays JSON', () => {
    const inputs = fc.oneof(
      fc
        .constantFrom(
          'xong',
          'dang lam',
          'chua',
          '80',
          '150%',
          '-3',
          'bỏ qua',
          'không',
          '12',
          'sửa 3',
          'xác nhận',
          '3 50% ok',
          '',
          'x'.repeat(600),
        )
        .map(text),
      fc.string({ maxLength: 30 }).map(text),
      fc
        .constantFrom('st:1:done', 'st:2:prog', 'nt:1:none', 'rv:0:ok', 'rv:0:edit:2', 'pc:1:keep', 'ag:so-y-te')
        .map((id): ConversationInput => ({ type: 'choice', id })),
    );
    fc.assert(
      fc.property(fc.array(inputs, { maxLength: 40 }), (seq) => {
        let s = started();
        for (const input of seq) {
          const o = answer(s, input, ctx());
          if (o.kind === 'next') s = o.state;
          if (o.kind === 'cancel' || o.kind === 'confirm') break;
        }
        expect(JSON.parse(JSON.stringify(s))).toEqual(s);
        for (const a of s.answers) {
          expect(campaign.items.some((i) => i.no === a.itemNo)).toBe(true);
          expect(a.percent >= 0 && a.percent <= 100).toBe(true);
          expect([...a.note].length).toBeLessThanOrEqual(500);
        }
      }),
    );
  });
});

describe('approval option ids', () => {
  it('round-trip and fit in 64 bytes for the Lai Châu plan', () => {
    const id = choiceIds.approve('2025-6-thang', 'so-nong-nghiep-moi-truong', 12);
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
    expect(parseApproveChoice(id)).toEqual({ periodId: '2025-6-thang', agencyId: 'so-nong-nghiep-moi-truong', revision: 12 });
    expect(parseApproveChoice('rv:0:ok')).toBeUndefined();
  });
});
