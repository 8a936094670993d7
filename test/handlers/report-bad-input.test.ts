import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { AN, FULL_QUICK_FORM, Person, registerPeople, STORES } from './report-helpers.js';

/**
 * Bad input at any step gets a short Vietnamese explanation and the same question again, and
 * nothing is half-saved.
 */
describe.each(STORES)('bad input during a report (%s store)', (store) => {
  let bot: TestBot;
  const an = new Person(() => bot, AN, 'Nguyễn Văn An');
  beforeEach(async () => {
    bot = await createTestBot({ store });
    await registerPeople(bot);
  });
  afterEach(async () => {
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
    await bot.close();
  });

  const STATUS_QUESTION = 'Nội dung 1/7: Quán triệt, tuyên truyền về thi đua\nTiếp tục quán triệt';
  const PERCENT_QUESTION =
    'Nội dung 1/7: Quán triệt, tuyên truyền về thi đua\nĐã thực hiện được bao nhiêu phần trăm? Gõ một số từ 0 đến 100, ví dụ 80 hoặc 72,5.';

  it('at the status: empty text, a sticker, a photo, 5,000 characters, gibberish, a command, an old button', async () => {
    await an.say('/baocao');
    const cases: [() => Promise<string>, string][] = [
      [() => an.say(''), 'Tin nhắn trống.'],
      [() => an.say('   '), 'Tin nhắn trống.'],
      [() => an.send({ type: 'unsupported', what: 'sticker' }), 'Đôn Đốc chỉ đọc được tin nhắn chữ.'],
      [() => an.send({ type: 'unsupported', what: 'photo' }), 'Đôn Đốc chỉ đọc được tin nhắn chữ.'],
      [() => an.say('x'.repeat(5000)), 'Tin nhắn dài quá 4000 ký tự nên chưa được ghi nhận. Đề nghị rút gọn rồi gửi lại.'],
      [() => an.say('có lẽ vậy'), 'Đôn Đốc chưa hiểu câu trả lời này.'],
      [() => an.say('4'), 'Đề nghị chọn từ 1 đến 3.'],
      // Look-ups (/kyhan, /status) are answered mid-report; other commands wait (report.test.ts).
      [
        () => an.say('/dangky ABC'),
        'Đồng chí đang báo cáo dở. Đề nghị trả lời câu hỏi dưới đây, hoặc gõ /huy để hủy phiên báo cáo rồi dùng lệnh khác.',
      ],
      [() => an.say('/moi so-y-te'), 'Đồng chí đang báo cáo dở.'],
      [() => an.pick('st:5:done'), 'Lựa chọn này đã hết hiệu lực. Đề nghị gõ lại lệnh.'],
      [() => an.pick('rv:0:ok'), 'Lựa chọn này đã hết hiệu lực.'],
    ];
    for (const [act, explanation] of cases) {
      const said = await act();
      expect(said.startsWith(explanation)).toBe(true);
      expect(said).toContain(STATUS_QUESTION);
      expect(an.options().map((c) => c.label)).toEqual(['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện']);
    }
    expect(await an.say('bỏ qua')).toContain('Không có câu trả lời lần trước để giữ nguyên; đề nghị trả lời câu hỏi.');
  });

  it('at the percent: "150%", "-3", "80,55", words', async () => {
    await an.say('/baocao');
    await an.tap('Đang thực hiện');
    for (const [typed, explanation] of [
      ['150%', 'Tỷ lệ 150% vượt quá 100%; đề nghị ghi một số từ 0 đến 100.'],
      ['-3', 'Tỷ lệ không được là số âm; đề nghị ghi một số từ 0 đến 100.'],
      ['80,55', 'Đề nghị ghi tỷ lệ là số nguyên, ví dụ 80.'],
      ['tám mươi', 'Tỷ lệ phải là một số từ 0 đến 100, ví dụ 80.'],
    ]) {
      expect(await an.say(typed ?? '')).toBe(`${explanation}\n\n${PERCENT_QUESTION}`);
    }
    expect(await an.say('80 %')).toContain('Ghi chú ngắn');
  });

  it('at the count: "-3", "2,5", words; at the note: over 500 characters is sent back to be shortened, never cut', async () => {
    await an.say('/baocao 1 xong\n2 xong\n3 xong\n4 xong');
    let said = await an.say('-3');
    expect(said).toContain(
      'Số lượng không được là số âm.\n\nNội dung 4/7: Đổi mới công tác thi đua, khen thưởng\nSố tập thể, cá nhân được khen thưởng',
    );
    expect(await an.say('2,5')).toContain('Số lượng phải là số nguyên, không có phần lẻ.');
    expect(await an.say('mười hai')).toContain('Số lượng phải là một số nguyên không âm, ví dụ 12.');
    expect(await an.say('sl 12')).toContain('Nội dung 5/7'); // the count as heads write it
    await an.say('xong');
    const long = 'Đã tổ chức hội nghị. '.repeat(30); // 630 characters
    said = await an.say(long);
    expect(said).toContain(
      `Ghi chú dài ${[...long.trim()].length} ký tự, quá giới hạn 500 ký tự. Đề nghị rút gọn rồi gửi lại (Đôn Đốc không tự cắt bớt).`,
    );
    expect(said).toContain('Nội dung 5/7: Vai trò người đứng đầu\nGhi chú ngắn về kết quả (tối đa 500 ký tự)');
    expect(await an.say(long.slice(0, 200))).toContain('Nội dung 6/7');
  });

  it('an unknown item number, in the quick form and at the review', async () => {
    let said = await an.say('/baocao 9: xong\n2: 150%');
    // Nothing is filed: each doubt is shown back against its item, and the items are asked.
    expect(said).toContain(
      [
        'Đôn Đốc đọc tin nhắn của đồng chí như sau (chưa lưu):',
        '1. Quán triệt, tuyên truyền về thi đua: chưa có trong tin nhắn, sẽ hỏi',
        '2. Đổi mới phương thức lãnh đạo: CHƯA RÕ — "2: 150%": Tỷ lệ 150% vượt quá 100%; đề nghị ghi một số từ 0 đến 100.',
        '3. Các phong trào thi đua của TTg và của tỉnh: chưa có trong tin nhắn, sẽ hỏi',
      ].join('\n'),
    );
    expect(said).toContain(
      'Chưa rõ: "9: xong" — Không có nội dung số 9; báo cáo gồm các nội dung từ 1 đến 7.\nĐề nghị đồng chí trả lời các nội dung chưa rõ hoặc còn thiếu dưới đây; chưa có nội dung nào được lưu.',
    );
    expect(said).toContain('Nội dung 1/7: Quán triệt, tuyên truyền về thi đua');
    expect(await an.say('/huy')).toContain('Đã hủy phiên báo cáo');
    await an.say(FULL_QUICK_FORM);
    said = await an.say('sửa mục 9');
    expect(said).toMatch(/^Không có nội dung số 9; báo cáo gồm các nội dung từ 1 đến 7\.\n\nĐề nghị đồng chí kiểm tra lại báo cáo/);
    said = await an.say('8: xong');
    expect(said).toMatch(/^Không có nội dung số 8/);
    said = await an.say('hmm');
    expect(said).toMatch(/^Đôn Đốc chưa hiểu câu trả lời này\.\n\nĐề nghị đồng chí kiểm tra lại báo cáo/);
    // Editing an item from the review, then back to the review.
    said = await an.say('sua 2');
    expect(said).toContain('Nội dung 2/7: Đổi mới phương thức lãnh đạo');
    expect(said).toContain('Lần trước: Đang thực hiện 80%.');
    await an.say('dang lam');
    await an.say('85');
    said = await an.say('bo qua');
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 85%');
    expect(await an.say('/huy')).toContain('Đã hủy');
  });
});
