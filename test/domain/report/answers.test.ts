import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ReportItem } from '../../../src/domain/campaign.js';
import { countInNote, parseItemText, parseNote, parsePercent, parseQuantity, parseStatus } from '../../../src/domain/report/answers.js';

const PLAIN: ReportItem = { no: 3, title: 'Các phong trào thi đua', short: 'Phong trào thi đua' };
const AWARDS: ReportItem = {
  no: 4,
  title: 'Khen thưởng',
  short: 'Khen thưởng',
  quantity: { label: 'Số tập thể, cá nhân được khen thưởng', unit: 'tập thể, cá nhân' },
};
const CONFERENCES: ReportItem = { no: 6, title: 'Hội nghị', short: 'Hội nghị', quantity: { label: 'Số hội nghị', unit: 'hội nghị' } };

describe('a status typed the way people type it', () => {
  it.each([
    ['Hoàn thành', 'done'],
    ['hoan thanh', 'done'],
    ['HOÀN THÀNH!', 'done'],
    ['xong', 'done'],
    ['ht', 'done'],
    ['đã xong', 'done'],
    ['Đang thực hiện', 'in-progress'],
    ['dang lam', 'in-progress'],
    ['đang triển khai', 'in-progress'],
    ['chưa xong', 'in-progress'],
    ['Chưa thực hiện', 'not-started'],
    ['chua', 'not-started'],
    ['1', 'done'],
    ['2', 'in-progress'],
    ['3', 'not-started'],
  ])('"%s" is %s', (typed, status) => {
    expect(parseStatus(typed)).toBe(status);
  });
  it('anything else is not a status', () => {
    expect(parseStatus('có lẽ')).toBeUndefined();
    expect(parseStatus('4')).toBeUndefined();
    expect(parseStatus('')).toBeUndefined();
  });
});

describe('a percent', () => {
  it.each([
    ['80', 80],
    ['80%', 80],
    ['80 %', 80],
    [' 0 ', 0],
    ['100', 100],
    ['45 phần trăm', 45],
    ['72,5%', 72.5],
    ['72.5', 72.5],
  ])('"%s" is %d', (typed, percent) => {
    expect(parsePercent(typed)).toEqual({ ok: true, percent });
  });
  it.each([
    ['150%', 'percent-over'],
    ['-3', 'percent-negative'],
    ['-3%', 'percent-negative'],
    ['80,55', 'percent-not-whole'],
    ['tám mươi', 'percent-not-number'],
    ['', 'empty'],
  ])('"%s" is refused (%s)', (typed, kind) => {
    expect(parsePercent(typed)).toEqual({ ok: false, problem: expect.objectContaining({ kind }) as unknown });
  });
});

describe('a count', () => {
  it.each([
    ['12', 12],
    ['0', 0],
    ['1.250', 1250],
    ['12 tập thể', 12],
    ['sl 12', 12],
    ['SL: 3', 3],
    ['số lượng 1.250', 1250],
    ['3 hội nghị', 3],
    ['không', 0],
  ])('"%s" is %d', (typed, quantity) => {
    expect(parseQuantity(typed)).toEqual({ ok: true, quantity });
  });
  it.each([
    ['-3', 'quantity-negative'],
    ['2,5', 'quantity-not-whole'],
    ['mười hai', 'quantity-not-number'],
    ['99999999999', 'quantity-too-large'],
  ])('"%s" is refused (%s)', (typed, kind) => {
    expect(parseQuantity(typed)).toEqual({ ok: false, problem: expect.objectContaining({ kind }) as unknown });
  });
});

describe('a note', () => {
  it('is kept as typed, "không" means none, and one over 500 characters is sent back, never cut', () => {
    expect(parseNote('  Đã tổ chức 2 hội nghị ')).toEqual({ ok: true, note: 'Đã tổ chức 2 hội nghị' });
    expect(parseNote('không')).toEqual({ ok: true, note: '' });
    expect(parseNote('-')).toEqual({ ok: true, note: '' });
    expect(parseNote('ầ'.repeat(500))).toEqual({ ok: true, note: 'ầ'.repeat(500) });
    expect(parseNote('ầ'.repeat(501))).toEqual({ ok: false, problem: { kind: 'note-too-long', length: 501, max: 500 } });
  });
});

describe('one line about one item', () => {
  it('reads a percent, infers the status and keeps the rest as the note', () => {
    expect(parseItemText('80% đã tổ chức 2 hội nghị', PLAIN)).toEqual({
      ok: true,
      draft: { status: 'in-progress', percent: 80, note: 'đã tổ chức 2 hội nghị' },
    });
    expect(parseItemText('50 % đang triển khai', PLAIN)).toEqual({ ok: true, draft: { status: 'in-progress', percent: 50 } });
    expect(parseItemText('xong', PLAIN)).toEqual({ ok: true, draft: { status: 'done', percent: 100 } });
    expect(parseItemText('100%', PLAIN)).toEqual({ ok: true, draft: { status: 'done', percent: 100 } });
    expect(parseItemText('chua thuc hien - cho kinh phi', PLAIN)).toEqual({
      ok: true,
      draft: { status: 'not-started', percent: 0, note: 'cho kinh phi' },
    });
  });
  it('reads a count given with "sl", or a number in the unit inside the note', () => {
    expect(parseItemText('ht sl 12', AWARDS)).toEqual({ ok: true, draft: { status: 'done', percent: 100, quantity: 12 } });
    expect(parseItemText('xong số lượng: 7 khen thưởng', AWARDS)).toEqual({
      ok: true,
      draft: { status: 'done', percent: 100, quantity: 7, note: 'khen thưởng' },
    });
    expect(parseItemText('ht, đã tổ chức 2 hội nghị', CONFERENCES)).toMatchObject({
      ok: true,
      draft: { quantity: 2, note: 'đã tổ chức 2 hội nghị' },
    });
    expect(parseItemText('xong, khen thưởng 12 tập thể và 5 cá nhân', AWARDS)).toEqual({
      ok: true,
      draft: { status: 'done', percent: 100, note: 'khen thưởng 12 tập thể và 5 cá nhân' },
    });
  });
  it('refuses what does not add up', () => {
    expect(parseItemText('150% xong', PLAIN)).toMatchObject({ ok: false, problem: { kind: 'percent-over' } });
    expect(parseItemText('xong 80%', PLAIN)).toMatchObject({ ok: false, problem: { kind: 'status-conflict' } });
    expect(parseItemText('ht sl 3', PLAIN)).toMatchObject({ ok: false, problem: { kind: 'quantity-not-asked' } });
    expect(parseItemText(`xong ${'a'.repeat(600)}`, PLAIN)).toMatchObject({ ok: false, problem: { kind: 'note-too-long' } });
  });
  it('never throws, and whatever it accepts is in range', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const r = parseItemText(text, AWARDS);
        if (r.ok) {
          if (r.draft.percent !== undefined) expect(r.draft.percent).toBeGreaterThanOrEqual(0);
          if (r.draft.percent !== undefined) expect(r.draft.percent).toBeLessThanOrEqual(100);
          if (r.draft.quantity !== undefined) expect(Number.isSafeInteger(r.draft.quantity) && r.draft.quantity >= 0).toBe(true);
        }
      }),
    );
  });
});

describe('counting in a note', () => {
  it('takes exactly one number followed by the unit', () => {
    expect(countInNote('đã đăng 35 tin, bài', 'tin, bài')).toBe(35);
    expect(countInNote('đã đăng 35 bài', 'tin, bài')).toBe(35);
    expect(countInNote('khen 3 tập thể, 4 cá nhân', 'tập thể, cá nhân')).toBeUndefined();
    expect(countInNote('ngày 05/6 tổ chức', 'hội nghị')).toBeUndefined();
  });
});

describe('words that lose their meaning without diacritics', () => {
  it('"đăng" (to publish) after a percent is not "đang" (in progress); a status that disagrees with the percent starts the note', () => {
    const NEWS: ReportItem = { no: 7, title: 'Tin bài', short: 'Tin bài', quantity: { label: 'Số tin, bài', unit: 'tin, bài' } };
    expect(parseItemText('100% đăng 35 tin, bài', NEWS)).toEqual({
      ok: true,
      draft: { status: 'done', percent: 100, quantity: 35, note: 'đăng 35 tin, bài' },
    });
    expect(parseItemText('50%, chưa có kinh phí', PLAIN)).toEqual({
      ok: true,
      draft: { status: 'in-progress', percent: 50, note: 'chưa có kinh phí' },
    });
    expect(parseStatus('đang')).toBe('in-progress');
  });
});
