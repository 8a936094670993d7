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
 * one message, amended, late, across a restart, cancelled, and after walking away for an hour.
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
    expect(said).toContain('Kính gửi đồng chí Nguyễn Văn An,\nĐề nghị đồng chí báo cáo kết quả thực hiện Phong trào thi đua năm 2025 (Chỉ thị số 09/CT-UBND ngày 31/12/2024) của Sở Y tế, kỳ sơ kết 6 tháng đầu năm 2025');
    expect(said).toContain('hạn gửi: thứ Tư, 18/06/2025');
    expect(said).toContain('Nội dung 1/7: Quán triệt, tuyên truyền về thi đua');
    expect(said).toContain('Tình trạng thực hiện? Chọn một nút, hoặc gõ: hoàn thành, đang thực hiện, chưa thực hiện.');
    expect(an.options().map((c) => c.label)).toEqual(['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện']);

    // 1: done, with a note — no percent asked.
    said = await an.tap('Hoàn thành');
    expect(said).toContain('Ghi chú ngắn về kết quả (tối đa 500 ký tự), hoặc gõ "không" nếu không có ghi chú.');
    said = await an.say('Đã quán triệt tại 12 hội nghị cán bộ chủ chốt');
    expect(said).toContain('Nội dung 2/7: Đổi mới phương thức lãnh đạo');
    // 2: in progress, 80 %.
    said = await an.tap('Đang thực hiện');
    expect(said).toContain('Đã thực hiện được bao nhiêu phần trăm? Gõ một số từ 0 đến 100, ví dụ 80.');
    await an.say('80');
    await an.say('không');
    // 3: typed without diacritics.
    await an.say('dang thuc hien');
    await an.say('50 %');
    await an.say('Đang phát động phong trào thi đua đặc biệt');
    // 4: asks for the number of awards.
    said = await an.say('hoàn thành');
    expect(said).toContain('Số tập thể, cá nhân được khen thưởng (đơn vị: tập thể, cá nhân)? Gõ một số nguyên không âm, ví dụ 12; gõ 0 nếu chưa có.');
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
    expect(said).toContain('1. Quán triệt, tuyên truyền về thi đua: Hoàn thành; ghi chú: Đã quán triệt tại 12 hội nghị cán bộ chủ chốt');
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 80%');
    expect(said).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 50%; ghi chú: Đang phát động phong trào thi đua đặc biệt');
    expect(said).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành; 12 tập thể, cá nhân');
    expect(said).toContain('5. Vai trò người đứng đầu: Chưa thực hiện');
    expect(said).toContain('6. Đại hội thi đua, hội nghị điển hình tiên tiến: Hoàn thành; 2 hội nghị; ghi chú: Hội nghị điển hình tiên tiến ngày 05/6');
    expect(said).toContain('7. Phối hợp thông tin, truyền thông: Hoàn thành; 1250 tin, bài');
    expect(an.options().map((c) => c.label)).toEqual(['Xác nhận', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `Sửa mục ${n}`), 'Hủy']);
    expect(await bot.store.latestSubmission('2025-6-thang', 'so-y-te')).toBeUndefined();

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
    const saved = await bot.store.latestSubmission('2025-6-thang', 'so-y-te');
    expect(saved).toMatchObject({ revision: 1, late: false, status: 'final', submittedBy: { account: AN, name: 'Nguyễn Văn An', role: 'head' }, difficulties: 'Thiếu kinh phí tổ chức hội nghị' });
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
    expect(said).toContain('1. Quán triệt, tuyên truyền về thi đua: Hoàn thành; ghi chú: đã quán triệt tại 12 hội nghị');
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 80%');
    expect(said).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 50%; ghi chú: phat dong thi dua dac biet');
    expect(said).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành; 12 tập thể, cá nhân');
    expect(said).toContain('5. Vai trò người đứng đầu: Chưa thực hiện');
    expect(said).toContain('6. Đại hội thi đua, hội nghị điển hình tiên tiến: Hoàn thành; 2 hội nghị; ghi chú: đã tổ chức 2 hội nghị');
    expect(said).toContain('7. Phối hợp thông tin, truyền thông: Hoàn thành; 35 tin, bài; ghi chú: đăng 35 tin, bài');
    expect(await bot.store.latestSubmission('2025-6-thang', 'so-y-te')).toBeUndefined();
    expect(await an.say('xac nhan')).toContain('✅ Đôn Đốc đã nhận báo cáo.');

    // One line for one item: the other items keep the latest revision's answers.
    said = await an.say('/baocao 3 80% đã tổ chức 2 hội nghị');
    expect(said).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 80%; ghi chú: đã tổ chức 2 hội nghị');
    expect(said).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành; 12 tập thể, cá nhân');
    said = await an.tap('Xác nhận');
    expect(said).toContain(`Số tham chiếu: ${referenceNumber('2025-6-thang', 'so-y-te', 2)} (báo cáo lần 2)`);
    const latest = await bot.store.latestSubmission('2025-6-thang', 'so-y-te');
    expect(latest?.answers.find((a) => a.itemNo === 3)).toEqual({ itemNo: 3, status: 'in-progress', percent: 80, note: 'đã tổ chức 2 hội nghị' });
    expect(latest?.answers.find((a) => a.itemNo === 4)).toMatchObject({ quantity: 12 });
  });

  it('quick-form lines may also come one message at a time while the conversation asks', async () => {
    await start();
    const [first, ...others] = FULL_QUICK_FORM.split('\n');
    expect(await an.say(first ?? '')).toContain('Nội dung 2/7');
    let said = '';
    for (const line of others) said = await an.say(line);
    expect(said).toContain('Đề nghị đồng chí kiểm tra lại báo cáo của Sở Y tế');
    expect(said).toContain('7. Phối hợp thông tin, truyền thông: Hoàn thành; 35 tin, bài; ghi chú: đăng 35 tin, bài');
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
    for (const answer of ['xong', 'khong', 'xong', 'khong', 'xong', 'khong', 'xong', 'khong', 'xong', '2', 'khong', 'xong', '35', 'khong', 'khong', 'khong']) {
      asked.push((await an.say(answer)).split('\n')[0] ?? '');
    }
    expect(asked.some((q) => q.startsWith('Nội dung 4/7'))).toBe(false);
    expect(asked.at(-1)).toContain('Đề nghị đồng chí kiểm tra lại báo cáo');
  });

  it('a first quick form covering only some items asks for the missing ones, then reviews', async () => {
    await start();
    let said = await an.say('/baocao 1: xong\n2: 50% dang trien khai');
    expect(said).toContain('Đã ghi nhận nội dung 1, 2 từ tin nhắn của đồng chí. Đề nghị trả lời các nội dung còn lại.');
    expect(said).toContain('Nội dung 3/7');
    for (const [answer, expected] of [
      ['chua', 'Nội dung 3/7'],
      ['khong', 'Nội dung 4/7'],
      ['chua', 'Số tập thể, cá nhân'],
      ['0', 'Nội dung 4/7'],
      ['khong', 'Nội dung 5/7'],
      ['chua', 'Nội dung 5/7'],
      ['khong', 'Nội dung 6/7'],
      ['chua thuc hien', 'Số hội nghị'],
      ['0', 'Nội dung 6/7'],
      ['khong', 'Nội dung 7/7'],
      ['chua sl 0', 'Nội dung 7/7'],
    ] as const) {
      said = await an.say(answer);
      expect(said).toContain(expected);
    }
    said = await an.say('khong');
    expect(said).toContain('1. Quán triệt, tuyên truyền về thi đua: Hoàn thành');
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 50%');
    expect(said).toContain('7. Phối hợp thông tin, truyền thông: Chưa thực hiện; 0 tin, bài');
  });

  it('reporting again before the deadline makes revision 2; "bỏ qua" keeps the earlier answers, and history keeps both', async () => {
    await start();
    await an.say(FULL_QUICK_FORM);
    await an.say('xác nhận');
    bot.clock.advance(24 * 3_600_000);

    let said = await an.say('/baocao');
    expect(said).toContain('Cơ quan đã báo cáo lần 1 lúc 08:00 10/06/2025. Báo cáo lần này sẽ thay thế báo cáo đó (các lần trước vẫn được lưu). Gõ "bỏ qua" để giữ nguyên câu trả lời lần trước.');
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

    const history = await bot.store.submissionHistory('2025-6-thang', 'so-y-te');
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
    expect(await bot.store.latestSubmission('2025-6-thang', 'so-y-te')).toMatchObject({ late: true, revision: 1 });
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
      said = await an.say('/baocao 3: xong'); // a command in the middle is not run
      expect(said).toContain('Đồng chí đang báo cáo dở.');
      expect(said).toContain('Nội dung 3/7');
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
    expect(await bot.store.latestSubmission('2025-6-thang', 'so-y-te')).toBeUndefined();
    expect(await an.say('80')).toContain('Đôn Đốc chưa hiểu tin nhắn này');
    expect(await an.say('/huy')).toBe('Hiện không có phiên báo cáo nào đang mở.');
    // At the review, typed or tapped.
    await an.say(FULL_QUICK_FORM);
    expect(await an.tap('Hủy')).toBe('Đã hủy phiên báo cáo; chưa có nội dung nào được lưu.');
    await an.say(FULL_QUICK_FORM);
    expect(await an.say('/cancel')).toBe('Đã hủy phiên báo cáo; chưa có nội dung nào được lưu.');
    expect(await bot.store.latestSubmission('2025-6-thang', 'so-y-te')).toBeUndefined();
  });

  it('a phone set to English gets the same conversation in English', async () => {
    await start();
    const english = await bot.send({ chat: { id: '1001', kind: 'private' }, sender: { account: AN, name: 'Nguyễn Văn An', languageCode: 'en' }, content: { type: 'text', text: '/report' } });
    const text = english.map((r) => r.text).join('\n');
    expect(text).toContain('for Sở Y tế, period sơ kết 6 tháng đầu năm 2025; due Wednesday 18/06/2025.');
    expect(text).toContain('Item 1/7: Quán triệt, tuyên truyền về thi đua');
    expect(english[0]?.choices?.map((c) => c.label)).toEqual(['Done', 'In progress', 'Not started']);
    await an.say('/huy');
  });

  it('a conversation left for more than 30 minutes lapses, and the next message says so politely, once', async () => {
    await start();
    await an.say('/baocao');
    await an.tap('Hoàn thành');
    bot.clock.advance(29 * 60_000);
    expect(await an.say('Đã quán triệt')).toContain('Nội dung 2/7'); // each answer gives another 30 minutes
    const options = an.options();
    bot.clock.advance(31 * 60_000);
    expect(await an.say('xong')).toBe(
      'Phiên báo cáo trước của đồng chí đã hết hạn sau 30 phút không trả lời nên chưa được lưu. Đề nghị gõ /baocao để báo cáo lại.',
    );
    expect(await an.say('xong')).toContain('Đôn Đốc chưa hiểu tin nhắn này');
    expect(await an.pick(options[0]?.id ?? '')).toBe('Lựa chọn này đã hết hiệu lực. Đề nghị gõ lại lệnh.');
    expect(await bot.store.latestSubmission('2025-6-thang', 'so-y-te')).toBeUndefined();
    // An old button pressed after the lapse explains it too.
    await an.say('/baocao');
    const stale = an.options()[0]?.id ?? '';
    bot.clock.advance(45 * 60_000);
    expect(await an.pick(stale)).toContain('đã hết hạn sau 30 phút');
    expect((await an.say('/baocao'))).toContain('Nội dung 1/7');
  });
});
