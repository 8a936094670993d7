import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Campaign } from '../../../src/domain/campaign.js';
import { looksLikeQuickForm, parseQuickForm } from '../../../src/domain/report/quick-form.js';
import { loadPlan } from '../../../src/plan/load-plan.js';

let campaign: Campaign;
beforeAll(async () => {
  const plan = await loadPlan('examples/lai-chau-2025.yaml');
  const c = plan.campaigns[0];
  if (!c) throw new Error('no campaign');
  campaign = c;
});

describe('the quick form', () => {
  it('reads one item on one line: "3 80% đã tổ chức 2 hội nghị"', () => {
    expect(parseQuickForm('3 80% đã tổ chức 2 hội nghị', campaign)).toEqual({
      ok: true,
      drafts: [{ itemNo: 3, status: 'in-progress', percent: 80, note: 'đã tổ chức 2 hội nghị' }],
    });
  });

  it('reads several lines, with or without diacritics', () => {
    const withMarks = parseQuickForm('1: xong\n2: 50% đang triển khai\nmục 5: chưa thực hiện', campaign);
    const without = parseQuickForm('1: xong\n2: 50% dang trien khai\nmuc 5: chua thuc hien', campaign);
    const expected = [
      { itemNo: 1, status: 'done', percent: 100, note: '' },
      { itemNo: 2, status: 'in-progress', percent: 50, note: '' },
      { itemNo: 5, status: 'not-started', percent: 0, note: '' },
    ];
    expect(withMarks).toEqual({ ok: true, drafts: expected });
    expect(without).toEqual({ ok: true, drafts: expected });
  });

  it('takes "; " before the next number as a new line, and "1." or "1)" as the number', () => {
    expect(parseQuickForm('1. xong; 2) 30%', campaign)).toMatchObject({ ok: true, drafts: [{ itemNo: 1 }, { itemNo: 2, percent: 30 }] });
    expect(parseQuickForm('3 đang làm; còn chờ kinh phí', campaign)).toMatchObject({ ok: true, drafts: [{ itemNo: 3, status: 'in-progress', note: 'còn chờ kinh phí' }] });
  });

  it('leaves for the conversation what a line does not say: a bare number, a missing percent or count', () => {
    expect(parseQuickForm('3', campaign)).toEqual({ ok: true, drafts: [{ itemNo: 3 }] });
    expect(parseQuickForm('2 đang làm', campaign)).toEqual({ ok: true, drafts: [{ itemNo: 2, status: 'in-progress', note: '' }] });
    expect(parseQuickForm('4 xong', campaign)).toEqual({ ok: true, drafts: [{ itemNo: 4, status: 'done', percent: 100, note: '' }] });
  });

  it('names every line it cannot take', () => {
    const r = parseQuickForm('9: xong\n2: 150%\nxong hết\n1: xong\n1: chưa', campaign);
    expect(r).toEqual({
      ok: false,
      problems: [
        { line: '9: xong', problem: { kind: 'unknown-item', itemNo: 9, max: 7 } },
        { line: '2: 150%', problem: { kind: 'percent-over', value: 150 } },
        { line: 'xong hết', problem: { kind: 'no-item-number', line: 'xong hết' } },
        { line: '1: chưa', problem: { kind: 'duplicate-item', itemNo: 1 } },
      ],
    });
    expect(parseQuickForm('  ', campaign)).toMatchObject({ ok: false });
  });

  it('is recognised by its item numbers', () => {
    expect(looksLikeQuickForm('3 80% xong')).toBe(true);
    expect(looksLikeQuickForm('1: xong\n2: 50%')).toBe(true);
    expect(looksLikeQuickForm('xác nhận')).toBe(false);
    expect(looksLikeQuickForm('80% xong')).toBe(false);
  });

  it('never throws on anything typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseQuickForm(text, campaign);
        if (r.ok) for (const d of r.drafts) expect(campaign.items.some((i) => i.no === d.itemNo)).toBe(true);
      }),
    );
  });
});
