import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Campaign } from '../../../src/domain/campaign.js';
import type { DraftAnswer } from '../../../src/domain/report/answers.js';
import { looksLikeQuickForm, parseQuickForm, type QuickReading } from '../../../src/domain/report/quick-form.js';
import { loadPlan } from '../../../src/plan/load-plan.js';

/**
 * The quick form as heads of the Lai Châu agencies type it: the plan's 7 items, of which 4
 * (khen thưởng: "tập thể, cá nhân"), 6 ("hội nghị") and 7 ("tin, bài") carry a count. The rule
 * under test: every item is either read exactly as meant or named as a doubt — never filed wrong.
 */
let campaign: Campaign;
beforeAll(async () => {
  const plan = await loadPlan('examples/lai-chau-2025.yaml');
  const c = plan.campaigns[0];
  if (!c) throw new Error('no campaign');
  campaign = c;
});

const D = (itemNo: number, extra: Partial<DraftAnswer> = {}): DraftAnswer => ({ itemNo, status: 'done', percent: 100, note: '', ...extra });
const P = (itemNo: number, percent: number, extra: Partial<DraftAnswer> = {}): DraftAnswer => ({
  itemNo,
  status: 'in-progress',
  percent,
  note: '',
  ...extra,
});
const N = (itemNo: number, extra: Partial<DraftAnswer> = {}): DraftAnswer => ({
  itemNo,
  status: 'not-started',
  percent: 0,
  note: '',
  ...extra,
});
const read = (text: string): QuickReading => parseQuickForm(text, campaign);
const doubtKinds = (r: QuickReading) => r.doubts.map((d) => [d.itemNo, d.problem.kind]);

describe('messages in the shapes heads use (the shared examples)', () => {
  it.each<[string, string, DraftAnswer[]]>([
    ['three lines, no diacritics, the rest left to ask', '1 xong\n2 dang lam 40%\n3 chua', [D(1), P(2, 40), N(3)]],
    [
      'a whole report, numbered "1." with full phrases, counts with their units',
      '1. Đã hoàn thành\n2. Hoàn thành\n3. Đang thực hiện, đạt 55%\n4. Hoàn thành, khen thưởng 8 tập thể, cá nhân\n5. Hoàn thành\n6. Đã tổ chức 1 hội nghị\n7. Đang thực hiện 30%, 20 tin, bài',
      [D(1), D(2), P(3, 55), D(4, { quantity: 8 }), D(5), D(6, { quantity: 1 }), P(7, 30, { quantity: 20 })],
    ],
    ['several items on one line with abbreviations', '1 ht, 2 ht, 3 dth 90%', [D(1), D(2), P(3, 90)]],
    ['ND markers separated by a semicolon', 'ND2: chưa thực hiện; ND5: hoàn thành', [N(2), D(5)]],
    [
      '"Mục" markers after a full stop, "được 25%", a count by its unit',
      'Mục 3: được 25%. Mục 4: xong, 3 tập thể',
      [P(3, 25), D(4, { quantity: 3 })],
    ],
    ['"6 -", "đã tổ chức 2 hội nghị" without diacritics', '6 - da to chuc 2 hoi nghi', [D(6, { quantity: 2 })]],
    ['"7/", a percent and "sl 14"', '7/ dang thuc hien 50% sl 14', [P(7, 50, { quantity: 14 })]],
    ['100% is done and 0% not started', '1: 100%\n2: 0%', [D(1), N(2)]],
    ['filler words are not a note', '3 xong roi a', [D(3)]],
    ['a not-started item with a count has 0 and no count question', '4 chua', [N(4, { quantity: 0 })]],
    ['one status for a list of items', 'HOAN THANH 1, 2, 5', [D(1), D(2), D(5)]],
  ])('%s', (_name, text, drafts) => {
    expect(read(text)).toEqual({ drafts, doubts: [] });
  });

  it('asks about a percent over 100 and files nothing for that item', () => {
    expect(read('2 120%')).toEqual({ drafts: [], doubts: [{ itemNo: 2, text: '2 120%', problem: { kind: 'percent-over', value: 120 } }] });
  });

  it('asks about an item the plan does not have (items 1–7)', () => {
    expect(read('8 xong')).toEqual({ drafts: [], doubts: [{ text: '8 xong', problem: { kind: 'unknown-item', itemNo: 8, max: 7 } }] });
  });

  it('asks about a stray number and never files it as the note of the item before', () => {
    const r = read('1 xong 2');
    expect(r.drafts).toEqual([D(1)]);
    expect(doubtKinds(r)).toEqual([[2, 'stray-number']]);
  });

  it('reads the message the issue was filed for: "1 xong, 2 50% dang trien khai"', () => {
    expect(read('1 xong, 2 50% dang trien khai')).toEqual({ drafts: [D(1), P(2, 50)], doubts: [] });
  });
});

describe('the range of how items are marked', () => {
  it.each([
    '3 xong',
    '3. xong',
    '3: xong',
    '3) xong',
    '3- xong',
    '3 - xong',
    '3/ xong',
    'ND3 xong',
    'NĐ 3: xong',
    'nd 3 xong',
    'Nội dung 3: xong',
    'noi dung 3 xong',
    'Mục 3: xong',
    'mục 3 xong',
    'MUC 3 xong',
    'Mục số 3: xong',
    '✅ 3. xong',
    '👉 Mục 3: xong',
    '• 3) xong',
    '- 3: xong',
    '*3. xong',
  ])('"%s" is item 3, done', (text) => {
    expect(read(text)).toEqual({ drafts: [D(3)], doubts: [] });
  });

  it('reads Unicode NFD the same as NFC, and any case', () => {
    const nfc = '1. Đã hoàn thành\n3. Đang thực hiện, đạt 55%\n6. Đã tổ chức 1 hội nghị';
    expect(read(nfc.normalize('NFD'))).toEqual(read(nfc));
    expect(read(nfc.toUpperCase())).toEqual(read(nfc));
    expect(read(nfc).drafts).toEqual([D(1), P(3, 55), D(6, { quantity: 1 })]);
  });

  it('takes items in any order, on one line or many, separated by ",", ";", "." or just the next marker', () => {
    const expected = [D(1), P(2, 40), N(3)];
    for (const text of [
      '3 chua\n1 xong\n2 dang lam 40%',
      '1 xong, 2 dang lam 40%, 3 chua',
      '1 xong; 2 đang làm 40%; 3 chưa',
      '1 xong. 2 dang lam 40%. 3 chua',
      '1 xong 2 dang lam 40% 3 chua',
      '2 40% 3 chưa 1 hoàn thành',
    ]) {
      expect(read(text), text).toEqual({ drafts: expected, doubts: [] });
    }
  });

  it('reads percents as heads write them: "đạt 70%", "được 70 %", "70 phần trăm", "72,5%"', () => {
    expect(read('1 đạt 70%\n2 được 70 %\n3 70 phần trăm\n5 dang thuc hien 72,5%')).toEqual({
      drafts: [P(1, 70), P(2, 70), P(3, 70), P(5, 72.5)],
      doubts: [],
    });
  });

  it('reads "được" typed as "dc" or "đc" before a percent, in words or as a sign', () => {
    expect(read('2 dc 80 phan tram\n3 đc 60%\n5 dat dc 40 %')).toEqual({ drafts: [P(2, 80), P(3, 60), P(5, 40)], doubts: [] });
  });

  it('reads counts with their unit or "sl"/"số lượng", thousands written "1.250"', () => {
    expect(read('4 xong sl 12\n6 ht, số lượng: 3\n7 hoàn thành 1.250 tin bài')).toEqual({
      drafts: [D(4, { quantity: 12 }), D(6, { quantity: 3 }), D(7, { quantity: 1250 })],
      doubts: [],
    });
  });

  it('never takes a number in a note for a count unless its unit follows', () => {
    expect(read('6 xong, tổ chức 3 đợt tập huấn')).toEqual({ drafts: [D(6, { note: 'tổ chức 3 đợt tập huấn' })], doubts: [] });
  });

  it('keeps a real note, as typed, and a number inside it is not an item', () => {
    expect(read('1: xong, đã quán triệt tại 12 hội nghị\n3 đang làm 60%, còn chờ kinh phí ạ')).toEqual({
      drafts: [D(1, { note: 'đã quán triệt tại 12 hội nghị' }), P(3, 60, { note: 'còn chờ kinh phí ạ' })],
      doubts: [],
    });
    expect(read('3 80% đã tổ chức 2 hội nghị')).toEqual({ drafts: [P(3, 80, { note: 'đã tổ chức 2 hội nghị' })], doubts: [] });
  });

  it('reads one status for several items however the list is written', () => {
    for (const text of [
      'Mục 1, 2, 5: hoàn thành',
      '1,2,5 xong',
      '1 và 2 và 5 hoàn thành',
      'Hoàn thành nội dung 1, 2 và 5',
      'ND 1; 2; 5 - ht',
    ]) {
      expect(read(text), text).toEqual({ drafts: [D(1), D(2), D(5)], doubts: [] });
    }
  });

  it('reads keycap emoji numbers and Windows line ends', () => {
    expect(read('1️⃣ xong\r\n2️⃣ đang làm 30%')).toEqual({ drafts: [D(1), P(2, 30)], doubts: [] });
  });

  it('passes over a heading line and a blank-line paragraph after the items', () => {
    expect(read('Sở Y tế báo cáo kỳ 6 tháng năm 2025:\n1 xong\n2 xong\n\nTrân trọng.')).toEqual({ drafts: [D(1), D(2)], doubts: [] });
  });

  it('reads the review line the bot prints, title and all', () => {
    const line = '4. Đổi mới công tác thi đua, khen thưởng: Đang thực hiện 72,5%; số lượng: 12 tập thể, cá nhân; ghi chú: 2, 3 xong; 5%';
    expect(read(line)).toEqual({ drafts: [P(4, 72.5, { quantity: 12, note: '2, 3 xong; 5%' })], doubts: [] });
    expect(read('1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%; không ghi chú')).toEqual({ drafts: [D(1)], doubts: [] });
  });

  it('leaves for the conversation what a line does not say: a bare number, a missing percent or count', () => {
    expect(read('3')).toEqual({ drafts: [{ itemNo: 3 }], doubts: [] });
    expect(read('2 đang làm')).toEqual({ drafts: [{ itemNo: 2, status: 'in-progress', note: '' }], doubts: [] });
    expect(read('4 xong')).toEqual({ drafts: [D(4)], doubts: [] });
  });
});

describe('never guessing', () => {
  it.each<[string, string, [number | undefined, string][]]>([
    ['a status that contradicts the percent', '1 xong 50%', [[1, 'status-conflict']]],
    ['"đang thực hiện 100%"', '2 đang thực hiện 100%', [[2, 'status-conflict']]],
    ['two statuses', '3 xong, chưa', [[3, 'two-statuses']]],
    ['a percent inside words with no status', '3 giải ngân 40% kinh phí', [[3, 'percent-in-note']]],
    ['a number left over after the answer', '4 xong 12', [[4, 'leftover']]],
    ['a count for an item without one', '1 xong sl 5', [[1, 'quantity-not-asked']]],
    ['an item given twice', '1 xong\n1 chưa', [[1, 'duplicate-item']]],
    ['a line with a status but no item', 'xong hết', [[undefined, 'no-item-number']]],
    ['a percent with two decimals', '2 dang lam 72,55%', [[2, 'percent-not-whole']]],
    ['a negative percent', '2: -5%', [[2, 'percent-negative']]],
    ['a not-started item with a count above 0', '6 chưa tổ chức 2 hội nghị', [[6, 'status-conflict']]],
    ['an answer run on after a note without a separator', '2 xong phối hợp với Sở 5 hoàn thành', [[2, 'item-in-note']]],
    ['another item inside a note', '1 hoàn thành, 2 chưa, còn 3 đang làm', [[2, 'item-in-note']]],
    ['a bare number that may be a percent', '3 đạt 80', [[3, 'leftover']]],
    ['a number standing after "đã tổ chức" (item 6 is done, its count is asked)', '6 đã tổ chức 2', [[2, 'stray-number']]],
    ['an item number and a bare number after a comma (percent? count?)', '4 xong da khen 12 tap the, 5 60', [[5, 'leftover']]],
    ['"phần trăm" inside words with no status', '3 giai ngan 40 phan tram kinh phi', [[3, 'percent-in-note']]],
  ])('asks about %s', (_name, text, doubts) => {
    const r = read(text);
    expect(doubtKinds(r)).toEqual(doubts);
    for (const [itemNo] of doubts) expect(r.drafts.some((d) => d.itemNo === itemNo)).toBe(false);
  });

  it('reads the loose one-liner a head of Sở Tài chính typed, and asks item 5 instead of leaving "5 60" in item 4\'s note', () => {
    const r = read(
      'muc1 xong, muc 2 dc 80 phan tram, 3 dang trien khai khoang 1 nua, muc 4 xong da khen 12 tap the, 5 60, 6 chua, 7 xong 30 tin bai',
    );
    expect(r.drafts).toEqual([
      D(1),
      P(2, 80),
      { itemNo: 3, status: 'in-progress', note: 'khoang 1 nua' },
      D(4, { quantity: 12, note: 'da khen 12 tap the' }),
      N(6, { quantity: 0 }),
      D(7, { quantity: 30 }),
    ]);
    expect(r.doubts).toEqual([{ itemNo: 5, text: '5 60', problem: { kind: 'leftover', text: '5 60' } }]);
  });

  it("passes over a heading before a colon on the items' own line, and never one that holds an answer", () => {
    expect(read('Báo cáo: 1 hoàn thành. 2 đang thực hiện 60%. 3 chưa. 4 hoàn thành, khen 20 tập thể cá nhân. 7 xong, 12 tin bài')).toEqual({
      drafts: [D(1), P(2, 60), N(3), D(4, { quantity: 20 }), D(7, { quantity: 12 })],
      doubts: [],
    });
    expect(read('Bao cao ky 6 thang: 1 xong, 2 dth 40%')).toEqual({ drafts: [D(1), P(2, 40)], doubts: [] });
    expect(doubtKinds(read('ghi chu: 1 xong'))).toEqual([[undefined, 'no-item-number']]);
    expect(doubtKinds(read('dang lam 50%: 1 xong'))).toEqual([[undefined, 'no-item-number']]);
  });

  it('asks about "3 50" between two answers (percent? count?) and keeps the items on either side', () => {
    const r = read('1 xong 2 xong 3 50 4 xong');
    expect(r.drafts).toEqual([D(1), D(2), D(4)]);
    expect(r.doubts).toEqual([{ itemNo: 3, text: '3 50', problem: { kind: 'leftover', text: '3 50' } }]);
    expect(read('4 xong 12 tap the 5 60 6 chua').drafts).toEqual([D(4, { quantity: 12 }), N(6, { quantity: 0 })]);
    expect(doubtKinds(read('4 xong 12'))).toEqual([[4, 'leftover']]);
    expect(read('2 dc 80 phan tram 3 50 4 xong').drafts).toEqual([P(2, 80), D(4)]);
  });

  it('asks about "2-60%" after an answer (item 2 at 60 %, or a range?) and keeps the items around it', () => {
    const r = read('1-xong 2-60% 3-chua');
    expect(r.drafts).toEqual([D(1), N(3)]);
    expect(r.doubts).toEqual([{ itemNo: 2, text: '2-60%', problem: { kind: 'leftover', text: '2-60%' } }]);
    expect(doubtKinds(read('3 tang 5-10%'))).toEqual([[3, 'percent-in-note']]);
  });

  it('starts the next item right after a count with its unit or "sl N", as heads run items together', () => {
    expect(read('1.ht 2.dth 50% 3.cth 4.ht sl 10 5.ht 6.cth 7.ht sl 25')).toEqual({
      drafts: [D(1), P(2, 50), N(3), D(4, { quantity: 10 }), D(5), N(6, { quantity: 0 }), D(7, { quantity: 25 })],
      doubts: [],
    });
    expect(read('4 ht 15 tap the ca nhan 5 dang th').drafts).toEqual([
      D(4, { quantity: 15 }),
      { itemNo: 5, status: 'in-progress', note: '' },
    ]);
  });

  it('reads "đang th", "chưa th" cut short, and asks an item given only "ok" without losing the item before', () => {
    expect(read('5 dang th 40%\n3 chua th').drafts).toEqual([N(3), P(5, 40)]);
    expect(read('2 đạt 85%; 3 ok')).toEqual({
      drafts: [P(2, 85)],
      doubts: [{ itemNo: 3, text: '3 ok', problem: { kind: 'leftover', text: '3 ok' } }],
    });
  });

  it('keeps a number after a comma in the note when it is not an item and a number alone', () => {
    expect(read('4 xong, 5 ca nhan').drafts).toEqual([D(4, { quantity: 5 })]);
    expect(read('7 xong, tong 1 500 000 dong').drafts).toEqual([D(7, { note: 'tong 1 500 000 dong' })]);
    expect(read('1 xong, 12 60').doubts.map((d) => d.problem.kind)).toEqual(['leftover']);
  });

  it('shows both places an item was given twice', () => {
    expect(read('1 xong\n1 chưa').doubts).toEqual([
      { itemNo: 1, text: '1 xong" / "1 chưa', problem: { kind: 'duplicate-item', itemNo: 1 } },
    ]);
  });

  it('files the certain items of a message and asks only the doubtful ones', () => {
    const r = read('1 xong\n2 120%\n3 dth 60%\n9 xong');
    expect(r.drafts).toEqual([D(1), P(3, 60)]);
    expect(doubtKinds(r)).toEqual([
      [2, 'percent-over'],
      [undefined, 'unknown-item'],
    ]);
  });

  it('is recognised by an item marker at the start', () => {
    expect(looksLikeQuickForm('3 80% xong')).toBe(true);
    expect(looksLikeQuickForm('1: xong\n2: 50%')).toBe(true);
    expect(looksLikeQuickForm('✅ Mục 2: xong')).toBe(true);
    expect(looksLikeQuickForm('Hoàn thành 1, 2, 5')).toBe(true);
    expect(looksLikeQuickForm('xác nhận')).toBe(false);
    expect(looksLikeQuickForm('80% xong')).toBe(false);
  });

  it('never throws on anything typed, and names only items of the plan', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = read(text);
        for (const d of r.drafts) expect(campaign.items.some((i) => i.no === d.itemNo)).toBe(true);
      }),
    );
  });
});

/**
 * Realistic whole reports, generated: each item's answer written in one of the ways heads write
 * it (markers, status words with or without diacritics, percents, counts with units or "sl",
 * fillers, notes), items in any order, joined by new lines or separators. The property: no item is
 * ever filed with another value than the one meant. The share that goes straight to a review
 * without a question is measured and must be at least 9 in 10.
 */
describe('generated whole reports', () => {
  type Meant = { itemNo: number; status: 'done' | 'in-progress' | 'not-started'; percent: number; quantity?: number; note: string };
  const strip = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D');
  const marker = fc.constantFrom(
    '{n}',
    '{n}.',
    '{n}:',
    '{n})',
    '{n} -',
    '{n}/',
    'ND{n}',
    'NĐ {n}:',
    'Nội dung {n}:',
    'Mục {n}:',
    'mục {n}',
    '✅ {n}.',
    '- {n}.',
  );
  const doneWord = fc.constantFrom('hoàn thành', 'xong', 'đã xong', 'HT', 'ht', 'đã hoàn thành', 'xong rồi', 'hoàn thành ạ', '100%');
  const progWord = fc.constantFrom('đang thực hiện', 'đang làm', 'đang triển khai', 'ĐTH', 'dth');
  const noneWord = fc.constantFrom('chưa thực hiện', 'chưa', 'chưa tổ chức', 'CTH', 'cth', '0%');
  const PLAIN_NOTES = [
    '',
    '',
    '',
    'còn chờ kinh phí',
    'theo kế hoạch của UBND tỉnh',
    'phối hợp với Sở Văn hóa',
    'tổ chức 3 đợt tập huấn',
    'hội nghị ngày 05/6',
    'theo Kế hoạch số 12/KH-UBND',
  ];
  /** Notes that look like answers: numbers, percents, status words, item words. */
  const TRICKY_NOTES = [
    'giai đoạn 1: hoàn thành',
    'đã giải ngân 50% kinh phí',
    'còn 2 xã chưa xong',
    'đạt 3 chỉ tiêu',
    'tổ chức 2 hội nghị',
    'Mục tiêu 100% hoàn thành',
    'ND khác',
    'xong 5 đợt',
    '1 phần',
    'sl: chưa có',
  ];
  const percentText = (p: number, style: number) => {
    const t = Number.isInteger(p) ? String(p) : String(p).replace('.', ',');
    return [`${t}%`, `đạt ${t}%`, `được ${t} %`, `${t} phần trăm`][style % 4] ?? `${t}%`;
  };
  const answerOf = (itemNo: number, note: fc.Arbitrary<string>) =>
    fc
      .record({
        kind: fc.constantFrom('done', 'in-progress', 'not-started'),
        percent: fc.oneof(
          fc.integer({ min: 1, max: 99 }),
          fc.integer({ min: 10, max: 989 }).map((x) => x / 10),
        ),
        quantity: fc.integer({ min: 1, max: 2000 }),
        countStyle: fc.integer({ min: 0, max: 4 }),
        style: fc.integer({ min: 0, max: 3 }),
        marker,
        done: doneWord,
        prog: progWord,
        none: noneWord,
        note,
        plain: fc.boolean(),
      })
      .map((a) => {
        const item = campaign.items.find((i) => i.no === itemNo);
        const unit = item?.quantity?.unit;
        const meant: Meant = {
          itemNo,
          status: a.kind,
          percent: a.kind === 'done' ? 100 : a.kind === 'not-started' ? 0 : a.percent,
          note: a.note,
        };
        const parts: string[] = [];
        if (a.kind === 'done') parts.push(a.done);
        else if (a.kind === 'not-started') parts.push(a.none);
        else if (a.style === 3) parts.push(percentText(a.percent, a.style));
        else parts.push(`${a.prog} ${percentText(a.percent, a.style)}`);
        if (unit && a.kind !== 'not-started') {
          meant.quantity = a.quantity;
          const n =
            a.quantity >= 1000 ? `${Math.floor(a.quantity / 1000)}.${String(a.quantity % 1000).padStart(3, '0')}` : String(a.quantity);
          const label = itemNo === 4 ? 'khen thưởng' : itemNo === 6 ? 'đã tổ chức' : 'tuyên truyền';
          parts.push([`sl ${n}`, `${n} ${unit}`, `số lượng ${n}`, `${label} ${n} ${unit}`, `SL: ${n}`][a.countStyle] ?? `sl ${n}`);
        } else if (unit) meant.quantity = 0;
        if (a.note) parts.push(a.note);
        const text = `${a.marker.replace('{n}', String(itemNo))} ${parts.join(', ')}`;
        if (a.plain) meant.note = strip(meant.note);
        return { meant, text: a.plain ? strip(text) : text };
      });
  const reportWith = (notes: readonly string[]) =>
    fc
      .shuffledSubarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 })
      .chain((nos) =>
        fc.tuple(
          fc.tuple(...nos.map((no) => answerOf(no, fc.constantFrom(...notes)))),
          fc.constantFrom('\n', '\n', '; ', '\n\n', ', ', '. '),
          fc.constantFrom('', '', 'Sở Y tế báo cáo:\n'),
        ),
      )
      .map(([answers, sep, head]) => ({ answers, text: head + answers.map((a) => a.text).join(sep) }));

  /** Reads every generated report; fails on any item filed under another number or with another value. */
  function neverMisfiles(notes: readonly string[], runs: number): { straight: number; total: number } {
    let straight = 0;
    let total = 0;
    fc.assert(
      fc.property(reportWith(notes), ({ answers, text }) => {
        const r = read(text);
        total++;
        if (r.doubts.length === 0) straight++;
        for (const d of r.drafts) {
          const meant = answers.find((a) => a.meant.itemNo === d.itemNo)?.meant;
          expect(meant, `${text}\n→ item ${d.itemNo} was not in the message`).toBeDefined();
          if (!meant) continue;
          if (d.status !== undefined) expect(d.status, text).toBe(meant.status);
          if (d.percent !== undefined) expect(d.percent, text).toBe(meant.percent);
          if (d.quantity !== undefined) expect(d.quantity, text).toBe(meant.quantity);
          if (d.note !== undefined) expect(d.note, text).toBe(meant.note);
        }
      }),
      { numRuns: Number(process.env.QF_RUNS ?? runs), seed: Number(process.env.QF_SEED ?? 14) },
    );
    return { straight, total };
  }

  it('never files an item under another number or with another value, and 9 in 10 need no question', () => {
    const { straight, total } = neverMisfiles(PLAIN_NOTES, 1500);
    // Visible in the test output: the measure the issue asks for.
    console.info(`quick form: ${straight}/${total} generated reports read without a question`);
    expect(straight / total).toBeGreaterThanOrEqual(0.9);
  });

  it('never misfiles either when notes look like answers (those are asked instead)', () => {
    const { straight, total } = neverMisfiles([...PLAIN_NOTES, ...TRICKY_NOTES], 1500);
    console.info(`quick form, tricky notes: ${straight}/${total} read without a question, the rest asked`);
  });
});
