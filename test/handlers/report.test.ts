import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { referenceNumber } from '../../src/domain/report/reference.js';
import { privateChatOf } from '../../src/messaging/targets.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { deleteKeysUnder, uniqueRedisPrefix } from '../helpers/redis.js';
import { AN, BINH, FULL_QUICK_FORM, Person, registerPeople, STORES } from './report-helpers.js';

/**
 * The progress report (/baocao) as the head of Sở Y tế lives it, on both stores: step by step, in
 * one message, amended, late, across a restart, cancelled, and after being called away mid-report.
 */
describe.each(STORES)('reporting progress (%s store)', (store) => {
  let bot: TestBot;
  let open = false;
  const an = new Person(() => bot, AN, 'Nguyễn Văn An');
  async function start(now = '2025-06-10T08:00:00+07:00') {
    bot = await createTestBot({ store, now });
    open = true;
    await registerPeople(bot);
  }
  afterEach(async () => {
    if (open) await bot.close();
    open = false;
  });

  it('the head of Sở Y tế reports all 7 items step by step in a private chat, confirms, and gets a receipt on time', async () => {
    await start();
    let said = await an.say('/baocao');
    expect(said).toContain(
      'Kính gửi đồng chí Giám đốc Sở Y tế,\nĐề nghị đồng chí báo cáo kết quả thực hiện Phong trào thi đua năm 2025 (Chỉ thị số 09/CT-UBND ngày 31/12/2024) của Sở Y tế, kỳ sơ kết 6 tháng đầu năm 2025',
    );
    expect(said).toContain('hạn gửi: thứ Tư, 18/06/2025');
    expect(said).toContain('Nội dung 1/7: Quán triệt, tuyên truyền về thi đua');
    expect(said).toContain('Tình trạng thực hiện? Chọn một nút, hoặc gõ: hoàn thành, đang thực hiện, chưa thực hiện (hoặc số 1, 2, 3).');
    expect(an.options().map((c) => c.label)).toEqual(['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện']);

    // 1: done, with a note — no percent asked.
    said = await an.tap('Hoàn thành');
    expect(said).toContain('Ghi chú ngắn về kết quả (tối đa 500 ký tự), hoặc gõ "không" nếu không có ghi chú.');
    said = await an.say('Đã quán triệt tại 12 hội nghị cán bộ chủ chốt');
    expect(said).toContain('Nội dung 2/7: Đổi mới phương thức lãnh đạo');
    // 2: in progress, 80 %.
    said = await an.tap('Đang thực hiện');
    expect(said).toContain('Đã thực hiện được bao nhiêu phần trăm? Gõ một số từ 0 đến 100, ví dụ 80 hoặc 72,5.');
    await an.say('80');
    await an.say('không');
    // 3: typed without diacritics.
    await an.say('dang thuc hien');
    await an.say('50 %');
    await an.say('Đang phát động phong trào thi đua đặc biệt');
    // 4: asks for the number of awards.
    said = await an.say('hoàn thành');
    expect(said).toContain(
      'Số tập thể, cá nhân được khen thưởng (đơn vị: tập thể, cá nhân)? Gõ một số nguyên không âm, ví dụ 12, "sl 12" hoặc "12 tập thể, cá nhân"; gõ 0 nếu chưa có.',
    );
    await an.say('12');
    await an.tap('Không ghi chú');
    // 5: not started.
    await an.say('chưa');
    await an.say('không');
    // 6: conferences.
    said = await an.say('xong');
    expect(said).toContain('Số hội nghị điển hình tiên tiến đã tổ chức (đơn vị: hội nghị)?');
    await an.say('2');
    await an.say('Hội nghị điển hình tiên tiến ngày 05/6');
    // 7: news items, "1.250" written the Vietnamese way.
    said = await an.say('ht');
    expect(said).toContain('Số tin, bài tuyên truyền (đơn vị: tin, bài)?');
    await an.say('1.250');
    said = await an.say('-');
    // The two optional last questions: a difficulty typed, the proposal skipped.
    expect(said).toContain('Khó khăn, vướng mắc trong quá trình thực hiện (không bắt buộc, tối đa 1000 ký tự).');
    expect(an.options().map((c) => c.label)).toEqual(['Bỏ qua']);
    said = await an.say('Thiếu kinh phí tổ chức hội nghị');
    expect(said).toContain('Kiến nghị, đề xuất với UBND tỉnh, Sở Nội vụ (không bắt buộc');
    said = await an.tap('Bỏ qua');

    expect(said).toContain('Đề nghị đồng chí kiểm tra lại báo cáo của Sở Y tế, kỳ sơ kết 6 tháng đầu năm 2025:');
    expect(said).toContain('Khó khăn, vướng mắc: Thiếu kinh phí tổ chức hội nghị\nKiến nghị, đề xuất: không');
    expect(said).toContain(
      '1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%; ghi chú: Đã quán triệt tại 12 hội nghị cán bộ chủ chốt',
    );
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 80%; không ghi chú');
    expect(said).toContain(
      '3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 50%; ghi chú: Đang phát động phong trào thi đua đặc biệt',
    );
    expect(said).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; số lượng: 12 tập thể, cá nhân; không ghi chú');
    expect(said).toContain('5. Vai trò người đứng đầu: Chưa thực hiện 0%; không ghi chú');
    expect(said).toContain(
      '6. Đại hội thi đua, hội nghị điển hình tiên tiến: Hoàn thành 100%; số lượng: 2 hội nghị; ghi chú: Hội nghị điển hình tiên tiến ngày 05/6',
    );
    expect(said).toContain('7. Phối hợp thông tin, truyền thông: Hoàn thành 100%; số lượng: 1250 tin, bài; không ghi chú');
    expect(an.options().map((c) => c.label)).toEqual(['Xác nhận', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `Sửa mục ${n}`), 'Hủy']);
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();

    bot.clock.advance(5 * 60_000);
    said = await an.tap('Xác nhận');
    const reference = referenceNumber('2025-6-thang', 'so-y-te', 1);
    expect(said).toBe(
      [
        '✅ Đôn Đốc đã nhận báo cáo.',
        'Cơ quan: Sở Y tế',
        'Kỳ báo cáo: sơ kết 6 tháng đầu năm 2025 (Phong trào thi đua năm 2025)',
        'Thời gian nhận: 08:05 10/06/2025',
        'Đúng hạn (hạn gửi: thứ Tư, 18/06/2025).',
        `Số tham chiếu: ${reference}`,
      ].join('\n'),
    );
    expect(reference).toMatch(/^BC-[0-9A-Z]{6}$/);
    const saved = await bot.store.reports.latest('2025-6-thang', 'so-y-te');
    expect(saved).toMatchObject({
      revision: 1,
      late: false,
      status: 'final',
      submittedBy: { account: AN, name: 'Nguyễn Văn An', role: 'head' },
      difficulties: 'Thiếu kinh phí tổ chức hội nghị',
    });
    expect(saved?.proposals).toBeUndefined();
    expect(saved?.answers.map((a) => [a.itemNo, a.status, a.percent, a.quantity])).toEqual([
      [1, 'done', 100, undefined],
      [2, 'in-progress', 80, undefined],
      [3, 'in-progress', 50, undefined],
      [4, 'done', 100, 12],
      [5, 'not-started', 0, undefined],
      [6, 'done', 100, 2],
      [7, 'done', 100, 1250],
    ]);
    expect(an.elsewhere()).toEqual([]);
    // The conversation is over: plain text gets the usual hint again.
    expect(await an.say('xong')).toContain('/trogiup');
    expect(await an.say('/kyhan')).toContain('✅ Đã báo cáo lúc 08:05 10/06/2025');
  });

  it('the quick form in one line, and in several lines with and without diacritics, is shown back before it counts', async () => {
    await start();
    // Several lines covering every item go straight to the review.
    let said = await an.say(FULL_QUICK_FORM);
    expect(said).toContain('Đề nghị đồng chí kiểm tra lại báo cáo của Sở Y tế');
    expect(said).toContain('1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%; ghi chú: đã quán triệt tại 12 hội nghị');
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 80%');
    expect(said).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 50%; ghi chú: phat dong thi dua dac biet');
    expect(said).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; số lượng: 12 tập thể, cá nhân; không ghi chú');
    expect(said).toContain('5. Vai trò người đứng đầu: Chưa thực hiện 0%; không ghi chú');
    // "đã tổ chức 2 hội nghị" is read as the status and the count: nothing is left for a note.
    expect(said).toContain('6. Đại hội thi đua, hội nghị điển hình tiên tiến: Hoàn thành 100%; số lượng: 2 hội nghị; không ghi chú');
    expect(said).toContain('7. Phối hợp thông tin, truyền thông: Hoàn thành 100%; số lượng: 35 tin, bài; ghi chú: đăng 35 tin, bài');
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
    expect(await an.say('xac nhan')).toContain('✅ Đôn Đốc đã nhận báo cáo.');

    // One line for one item: the other items keep the latest revision's answers.
    said = await an.say('/baocao 3 80% đã tổ chức 2 hội nghị');
    expect(said).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 80%; ghi chú: đã tổ chức 2 hội nghị');
    expect(said).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; số lượng: 12 tập thể, cá nhân; không ghi chú');
    said = await an.tap('Xác nhận');
    expect(said).toContain(`Số tham chiếu: ${referenceNumber('2025-6-thang', 'so-y-te', 2)} (báo cáo lần 2)`);
    const latest = await bot.store.reports.latest('2025-6-thang', 'so-y-te');
    expect(latest?.answers.find((a) => a.itemNo === 3)).toEqual({
      itemNo: 3,
      status: 'in-progress',
      percent: 80,
      note: 'đã tổ chức 2 hội nghị',
    });
    expect(latest?.answers.find((a) => a.itemNo === 4)).toMatchObject({ quantity: 12 });
  });

  it('quick-form lines may also come one message at a time while the conversation asks', async () => {
    await start();
    const [first, ...others] = FULL_QUICK_FORM.split('\n');
    expect(await an.say(first ?? '')).toContain('Nội dung 2/7');
    let said = '';
    for (const line of others) said = await an.say(line);
    expect(said).toContain('Đề nghị đồng chí kiểm tra lại báo cáo của Sở Y tế');
    expect(said).toContain('7. Phối hợp thông tin, truyền thông: Hoàn thành 100%; số lượng: 35 tin, bài; ghi chú: đăng 35 tin, bài');
    // At the percent question a bare number is the percent, not an item.
    await an.say('/huy');
    await an.say('/baocao');
    await an.tap('Đang thực hiện');
    expect(await an.say('5')).toContain('Nội dung 1/7: Quán triệt, tuyên truyền về thi đua\nGhi chú ngắn');
    expect(await an.say('9: xong')).toContain('Nội dung 2/7'); // at the note any text is the note …
    expect(await an.say('9: xong')).toMatch(/^Không có nội dung số 9/); // … elsewhere an unknown item is explained
  });

  it('a line for another item typed while item 1 is asked is recorded and said so; item 1 is asked again, that item not at all', async () => {
    await start();
    expect(await an.say('/baocao')).toContain('Nội dung 1/7');
    const said = await an.say('4: chua sl 0');
    expect(said).toMatch(/^Đã ghi nhận nội dung 4\.\n\nNội dung 1\/7: Quán triệt/);
    const asked: string[] = [];
    for (const answer of [
      'xong',
      'khong',
      'xong',
      'khong',
      'xong',
      'khong',
      'xong',
      'khong',
      'xong',
      '2',
      'khong',
      'xong',
      '35',
      'khong',
      'khong',
      'khong',
    ]) {
      asked.push((await an.say(answer)).split('\n')[0] ?? '');
    }
    expect(asked.some((q) => q.startsWith('Nội dung 4/7'))).toBe(false);
    expect(asked.at(-1)).toContain('Đề nghị đồng chí kiểm tra lại báo cáo');
  });

  it('a first quick form covering only some items asks for the missing ones, then reviews', async () => {
    await start();
    let said = await an.say('/baocao 1: xong\n2: 50% dang trien khai');
    expect(said).toContain(
      'Đôn Đốc đọc tin nhắn của đồng chí như sau (chưa lưu):\n1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%; không ghi chú\n2. Đổi mới phương thức lãnh đạo: Đang thực hiện 50%; không ghi chú\n3. Các phong trào thi đua của TTg và của tỉnh: chưa có trong tin nhắn, sẽ hỏi',
    );
    expect(said).toContain('Nội dung 3/7');
    for (const [answer, expected] of [
      ['chua', 'Nội dung 3/7'],
      ['khong', 'Nội dung 4/7'],
      // Not started: no count is asked, it is 0.
      ['chua', 'Nội dung 4/7: Đổi mới công tác thi đua, khen thưởng\nGhi chú ngắn'],
      ['khong', 'Nội dung 5/7'],
      ['chua', 'Nội dung 5/7'],
      ['khong', 'Nội dung 6/7'],
      ['chua thuc hien', 'Nội dung 6/7: Đại hội thi đua, hội nghị điển hình tiên tiến\nGhi chú ngắn'],
      ['khong', 'Nội dung 7/7'],
      ['chua sl 0', 'Nội dung 7/7'],
    ] as const) {
      said = await an.say(answer);
      expect(said).toContain(expected);
    }
    said = await an.say('khong');
    expect(said).toContain('1. Quán triệt, tuyên truyền về thi đua: Hoàn thành');
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 50%');
    expect(said).toContain('7. Phối hợp thông tin, truyền thông: Chưa thực hiện 0%; số lượng: 0 tin, bài; không ghi chú');
  });

  it('reporting again before the deadline makes revision 2; "bỏ qua" keeps the earlier answers, and history keeps both', async () => {
    await start();
    await an.say(FULL_QUICK_FORM);
    await an.say('xác nhận');
    bot.clock.advance(24 * 3_600_000);

    let said = await an.say('/baocao');
    expect(said).toContain(
      'Cơ quan đã báo cáo lần 1 lúc 08:00 10/06/2025. Báo cáo lần này sẽ thay thế báo cáo đó (các lần trước vẫn được lưu). Gõ "bỏ qua" để giữ nguyên câu trả lời lần trước.',
    );
    expect(said).toContain('Lần trước: Hoàn thành; ghi chú: đã quán triệt tại 12 hội nghị. Gõ "bỏ qua" để giữ nguyên.');
    expect(an.options().map((c) => c.label)).toContain('Giữ như lần trước');
    said = await an.say('bỏ qua'); // item 1 as before
    expect(said).toContain('Nội dung 2/7');
    said = await an.say('dang lam'); // item 2: still in progress …
    expect(said).toContain('Lần trước: 80%. Gõ "bỏ qua" để giữ nguyên.');
    await an.say('95'); // … now at 95 %
    expect(await an.say('bo qua')).toContain('Nội dung 3/7'); // same note (none)
    await an.tap('Giữ như lần trước'); // item 3
    for (let i = 4; i <= 7; i++) await an.say('bỏ qua');
    await an.say('bỏ qua'); // no difficulties
    await an.say('bỏ qua'); // no proposals
    said = await an.say('xác nhận');
    expect(said).toContain('(báo cáo lần 2)');
    expect(said).toContain('Thời gian nhận: 08:00 11/06/2025');

    const history = await bot.store.reports.history('2025-6-thang', 'so-y-te');
    expect(history.map((h) => h.revision)).toEqual([1, 2]);
    const [first, second] = history;
    expect(second?.answers.find((a) => a.itemNo === 2)).toEqual({ itemNo: 2, status: 'in-progress', percent: 95, note: '' });
    expect(second?.answers.filter((a) => a.itemNo !== 2)).toEqual(first?.answers.filter((a) => a.itemNo !== 2));
  });

  it('after the deadline the report is accepted, marked late, and the coordinator is told', async () => {
    await start('2025-06-19T09:30:00+07:00');
    await an.say(FULL_QUICK_FORM);
    const said = await an.say('xác nhận');
    expect(said).toContain('Báo cáo muộn: hạn gửi là thứ Tư, 18/06/2025. Sở Nội vụ đã được thông báo.');
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toMatchObject({ late: true, revision: 1 });
    const [notice, ...rest] = an.elsewhere();
    expect(rest).toEqual([]);
    expect(notice?.to).toEqual(privateChatOf(BINH));
    expect(notice?.text).toBe(
      [
        'Kính gửi Sở Nội vụ,',
        'Sở Y tế đã gửi báo cáo muộn kỳ sơ kết 6 tháng đầu năm 2025 (Phong trào thi đua năm 2025) lúc 09:30 19/06/2025, người gửi: Nguyễn Văn An; hạn gửi: thứ Tư, 18/06/2025.',
        `Số tham chiếu: ${referenceNumber('2025-6-thang', 'so-y-te', 1)} (báo cáo lần 1).`,
      ].join('\n'),
    );
  });

  it('a restart in the middle (the store closed and reopened by a new bot) continues the same conversation', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-restart-'));
    const redisPrefix = uniqueRedisPrefix();
    const shared = { store, dataDir, redisPrefix } as const;
    try {
      bot = await createTestBot(shared);
      await registerPeople(bot);
      await an.say('/baocao');
      await an.tap('Hoàn thành');
      await an.say('Đã quán triệt');
      expect(await an.tap('Đang thực hiện')).toContain('Đã thực hiện được bao nhiêu phần trăm?');
      const at = bot.clock.now() + 2 * 60_000;
      await bot.close();

      bot = await createTestBot({ ...shared, now: new Date(at).toISOString() });
      let said = await an.say('70%');
      expect(said).toContain('Nội dung 2/7: Đổi mới phương thức lãnh đạo');
      expect(said).toContain('Ghi chú ngắn về kết quả');
      await an.say('không');
      said = await an.say('/baocao 3: xong'); // a quick-form line with /baocao adds to the draft
      expect(said).toContain('Đã ghi nhận nội dung 3.');
      expect(said).toContain('Nội dung 4/7');
      said = await an.say('/dangky ABC'); // another command in the middle is not run
      expect(said).toContain('Đồng chí đang báo cáo dở.');
      expect(said).toContain('Nội dung 4/7');
    } finally {
      await bot.close();
      await rm(dataDir, { recursive: true, force: true });
      if (store === 'redis') await deleteKeysUnder(redisPrefix);
    }
  });

  it('/huy cancels at any step and nothing is saved', async () => {
    await start();
    await an.say('/baocao');
    await an.tap('Đang thực hiện');
    expect(await an.say('/huy')).toBe('Đã hủy phiên báo cáo; chưa có nội dung nào được lưu.');
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
    expect(await an.say('80')).toContain('Đôn Đốc chưa hiểu tin nhắn này');
    expect(await an.say('/huy')).toBe('Hiện không có phiên báo cáo nào đang mở.');
    // At the review, typed or tapped.
    await an.say(FULL_QUICK_FORM);
    expect(await an.tap('Hủy')).toBe('Đã hủy phiên báo cáo; chưa có nội dung nào được lưu.');
    await an.say(FULL_QUICK_FORM);
    expect(await an.say('/cancel')).toBe('Đã hủy phiên báo cáo; chưa có nội dung nào được lưu.');
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
  });

  it('a phone set to English gets the same conversation in English', async () => {
    await start();
    const english = await bot.send({
      chat: { id: '1001', kind: 'private' },
      sender: { account: AN, name: 'Nguyễn Văn An', languageCode: 'en' },
      content: { type: 'text', text: '/report' },
    });
    const text = english.map((r) => r.text).join('\n');
    expect(text).toContain('for Sở Y tế, period sơ kết 6 tháng đầu năm 2025; due Wednesday 18/06/2025.');
    expect(text).toContain('Item 1/7: Quán triệt, tuyên truyền về thi đua');
    expect(english[0]?.choices?.map((c) => c.label)).toEqual(['Done', 'In progress', 'Not started']);
    await an.say('/huy');
  });

  it('a head answers 3 items, is called away for 2 hours (the bot restarts meanwhile), types "tiếp tục", finishes, and all 7 items are saved', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-resume-'));
    const redisPrefix = uniqueRedisPrefix();
    const shared = { store, dataDir, redisPrefix } as const;
    try {
      bot = await createTestBot({ ...shared, now: '2025-06-10T08:00:00+07:00' });
      open = true;
      await registerPeople(bot);
      let said = await an.say('/baocao');
      expect(said).toContain('nếu phải dừng giữa chừng, phần đã trả lời được giữ đến 23:59 18/06/2025.');
      await an.tap('Hoàn thành');
      await an.say('không');
      await an.tap('Đang thực hiện');
      await an.say('60');
      await an.say('không');
      await an.say('chưa');
      expect(await an.say('không')).toContain('Nội dung 4/7');
      const at = bot.clock.now() + 2 * 3_600_000;
      await bot.close();
      open = false;

      bot = await createTestBot({ ...shared, now: new Date(at).toISOString() });
      open = true;
      // The first message after the pause is not taken as an answer: the draft is offered.
      said = await an.say('xong');
      expect(said).toBe(
        'Đồng chí đang có báo cáo làm dở (đã trả lời 3/7 nội dung, lần cuối lúc 08:00 10/06/2025). Chọn "Tiếp tục" để làm tiếp, "Làm lại" để trả lời lại từ đầu, hoặc gõ: tiếp tục, làm lại, hủy.',
      );
      expect(an.options().map((c) => c.label)).toEqual(['Tiếp tục', 'Làm lại', 'Hủy']);
      said = await an.say('tiep tuc');
      expect(said).toContain('Nội dung 4/7: Đổi mới công tác thi đua, khen thưởng');
      // Gone again for an hour: "tiếp tục" typed straight away goes on at once.
      bot.clock.advance(3_600_000);
      expect(await an.say('tiếp tục')).toContain('Nội dung 4/7: Đổi mới công tác thi đua, khen thưởng');
      // /kyhan mid-report is answered, and the draft kept for later.
      said = await an.say('/kyhan');
      expect(said).toContain('Hạn gửi: thứ Tư, 18/06/2025');
      expect(said).toContain('Báo cáo đang làm dở của đồng chí vẫn được giữ; gõ "tiếp tục" để làm tiếp.');
      expect(await an.say('tiếp tục')).toContain('Nội dung 4/7');
      for (const answer of ['xong', '12', 'không', 'xong', 'không', 'xong', '2', 'không', 'xong', '35']) await an.say(answer);
      said = await an.say('không');
      // The two optional last questions, skipped.
      expect(said).toContain('Khó khăn, vướng mắc trong quá trình thực hiện');
      await an.say('không');
      said = await an.say('không');
      expect(said).toContain('Đề nghị đồng chí kiểm tra lại báo cáo');
      await an.say('xác nhận');
      const saved = await bot.store.reports.latest('2025-6-thang', 'so-y-te');
      expect(saved?.answers.map((a) => [a.itemNo, a.status, a.percent, a.quantity ?? null])).toEqual([
        [1, 'done', 100, null],
        [2, 'in-progress', 60, null],
        [3, 'not-started', 0, null],
        [4, 'done', 100, 12],
        [5, 'done', 100, null],
        [6, 'done', 100, 2],
        [7, 'done', 100, 35],
      ]);
    } finally {
      if (open) await bot.close();
      open = false;
      await rm(dataDir, { recursive: true, force: true });
      if (store === 'redis') await deleteKeysUnder(redisPrefix);
    }
  });

  it('/baocao mid-report offers to go on or start over; "làm lại" starts from item 1 again', async () => {
    await start();
    await an.say('/baocao');
    await an.tap('Hoàn thành');
    await an.say('không');
    let said = await an.say('/baocao');
    expect(said).toContain('Đồng chí đang có báo cáo làm dở (đã trả lời 1/7 nội dung');
    said = await an.say('lam lai');
    expect(said).toContain('Nội dung 1/7');
    await an.tap('Chưa thực hiện');
    said = await an.say('không');
    expect(said).toContain('Nội dung 2/7');
    // Answers sent straight after the offer are taken as going on.
    await an.say('/baocao');
    said = await an.say('2: đang làm 30%');
    expect(said).toContain('Đã ghi nhận nội dung 2.');
    expect(said).toContain('Nội dung 3/7');
    // Anything else than the two choices is asked again.
    await an.say('/baocao');
    said = await an.say('hmm');
    expect(said).toMatch(/^Đề nghị chọn "Tiếp tục" hoặc "Làm lại"\.\n\nĐồng chí đang có báo cáo làm dở/);
  });

  it('a head whose confirmation met an outage looks up /kyhan, then sends the whole report again: the new one is read and shown back', async () => {
    await start();
    await an.say(FULL_QUICK_FORM);
    // Called away before confirming: /kyhan sets the draft aside.
    expect(await an.say('/kyhan')).toContain('Báo cáo đang làm dở của đồng chí vẫn được giữ');
    const said = await an.say(FULL_QUICK_FORM.replace('sl 12', 'sl 14'));
    expect(said).toContain('Đề nghị đồng chí kiểm tra lại báo cáo của Sở Y tế');
    expect(said).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; số lượng: 14 tập thể, cá nhân; không ghi chú');
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
    expect(await an.say('xac nhan')).toContain('✅ Đôn Đốc đã nhận báo cáo.');
    expect((await bot.store.reports.latest('2025-6-thang', 'so-y-te'))?.answers.find((a) => a.itemNo === 4)).toMatchObject({
      quantity: 14,
    });
  });

  it('a draft is kept to the end of the deadline day; after that the next message says it lapsed, once', async () => {
    await start('2025-06-17T16:00:00+07:00');
    await an.say('/baocao');
    await an.tap('Hoàn thành');
    bot.clock.advance(30 * 3_600_000); // 22:00 on 18/06, the deadline day: still kept
    expect(await an.say('xong')).toContain('Đồng chí đang có báo cáo làm dở');
    const options = an.options();
    bot.clock.advance(3 * 3_600_000); // 01:00 on 19/06 — but it was kept 24 h from the last answer
    expect(await an.say('tiếp tục')).toContain('Ghi chú ngắn');
    bot.clock.advance(25 * 3_600_000);
    expect(await an.say('xong')).toBe(
      'Báo cáo đang làm dở của đồng chí chỉ được giữ đến 01:00 20/06/2025 nên đã hết hạn và chưa được lưu. Đề nghị gõ /baocao để báo cáo lại.',
    );
    expect(await an.say('xong')).toContain('Đôn Đốc chưa hiểu tin nhắn này');
    expect(await an.pick(options[0]?.id ?? '')).toBe('Lựa chọn này đã hết hiệu lực. Đề nghị gõ lại lệnh.');
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
  });
});
