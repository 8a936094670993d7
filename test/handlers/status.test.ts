import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, type AccountId } from '../../src/domain/roles.js';
import type { ItemAnswer, NewSubmission } from '../../src/domain/submission.js';
import type { Reply } from '../../src/messaging/reply.js';
import { createTestBot, textOf, type TestBot } from '../helpers/bot.js';

const COORDINATOR = accountId('telegram', '2002');
const HEAD_YTE = accountId('telegram', '1001');
const HEAD_TC = accountId('telegram', '1003');
const DEPUTY_PAU = accountId('telegram', '1005');
const at = (iso: string) => Date.parse(`${iso}+07:00`);

function answers(percents: readonly number[], quantities: Record<number, number> = {}): ItemAnswer[] {
  return percents.map((percent, i) => ({
    itemNo: i + 1,
    status: percent === 100 ? 'done' : percent === 0 ? 'not-started' : 'in-progress',
    percent,
    note: i === 0 ? 'Đã quán triệt tới 100% cán bộ' : '',
    ...([4, 6, 7].includes(i + 1) ? { quantity: quantities[i + 1] ?? 0 } : {}),
  }));
}

function report(
  agencyId: string,
  percents: number[],
  submittedAt: string,
  options: Partial<NewSubmission> = {},
  quantities: Record<number, number> = {},
): NewSubmission {
  return {
    campaignId: 'thi-dua-2025',
    periodId: '2025-6-thang',
    agencyId,
    answers: answers(percents, quantities),
    submittedBy: { account: HEAD_YTE, name: 'Nguyễn Văn An', role: 'head' },
    submittedAt: at(submittedAt),
    late: at(submittedAt) > at('2025-06-18T23:59:59'),
    ...options,
  };
}

const choose = (bot: TestBot, from: AccountId, value: string, languageCode?: string): Promise<Reply[]> =>
  bot.send({
    chat: { id: from.split(':')[1] ?? '', kind: 'private' },
    sender: { account: from, name: 'Trần Thị Bình', ...(languageCode ? { languageCode } : {}) },
    content: { type: 'choice', value },
  });

describe.each(['embedded', 'redis'] as const)('/status and friends on the %s store', (store) => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot({ now: '2025-06-19T10:00:00+07:00', store });
    await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
    await bot.grant({ account: HEAD_YTE, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
    await bot.grant({ account: HEAD_TC, role: 'head', agencyId: 'so-tai-chinh', name: 'Lò Văn Tài' });
    await bot.grant({ account: DEPUTY_PAU, role: 'deputy', agencyId: 'xa-pa-u', name: 'Vàng A Páo' });
    // Lò Văn Tài blocked the bot: /status says so beside his name.
    await bot.store.contacts.put({
      account: HEAD_TC,
      name: 'Lò Văn Tài',
      reachable: false,
      unreachableReason: 'blocked',
      unreachableSince: at('2025-06-13T08:00'),
    });
    await bot.store.reports.add(report('so-y-te', [100, 80, 60, 50, 100, 0, 100], '2025-06-16T09:00', {}, { 4: 12, 7: 30 }));
    await bot.store.reports.add(report('so-y-te', [100, 90, 60, 50, 100, 0, 100], '2025-06-17T15:30', {}, { 4: 15, 7: 30 }));
    await bot.store.reports.add(
      report('xa-muong-kim', [100, 100, 100, 100, 100, 100, 100], '2025-06-19T08:30', {}, { 4: 1_200, 6: 2, 7: 5 }),
    );
    await bot.store.reports.add(
      report('xa-pa-u', [50, 50, 50, 50, 50, 50, 50], '2025-06-18T11:00', {
        status: 'draft',
        submittedBy: { account: DEPUTY_PAU, name: 'Vàng A Páo', role: 'deputy' },
      }),
    );
  });
  afterEach(() => bot.close());

  it('answers "who is late, and how far along are we?" for the open period', async () => {
    const replies = await bot.say(COORDINATOR, '/status');
    expect(replies).toHaveLength(1); // the yearly period has not opened yet
    const text = replies[0]?.text ?? '';
    expect(text.split('\n').slice(0, 3)).toEqual([
      '📊 Phong trào thi đua năm 2025 — sơ kết 6 tháng đầu năm 2025',
      'Hạn gửi: thứ Tư, 18/06/2025 — đã quá hạn 1 ngày (1 ngày làm việc).',
      'Đã báo cáo 2/55 cơ quan, đơn vị: đúng hạn 1, muộn 1; chưa báo cáo 53.',
    ]);
    expect(text).toContain(
      [
        '⏳ Chưa báo cáo (53) — trang 1/2:',
        'Trong đó: chưa có ai đăng ký 51 (cần mời người nhận nhắc); có người nhận nhắc 2.',
        '1. Sở Nội vụ — chưa có thủ trưởng đăng ký',
        '2. Văn phòng UBND tỉnh — chưa có thủ trưởng đăng ký',
        '3. Sở Tài chính — Thủ trưởng: Lò Văn Tài (bot chưa nhắn riêng được cho Lò Văn Tài)',
      ].join('\n'),
    );
    expect(text).not.toMatch(/^\d+\. Sở Y tế/m);
    expect(text).toContain('⚠️ Báo cáo muộn (1):\n• UBND xã Mường Kim — gửi lúc 08:30 19/06/2025');
    expect(text).toContain('✅ Đúng hạn: 1 cơ quan, đơn vị.');
    expect(text).toContain('1. Quán triệt, tuyên truyền về thi đua: hoàn thành 2 · đang thực hiện 0 · chưa 0 · bình quân 100%');
    expect(text).toContain('2. Đổi mới phương thức lãnh đạo: hoàn thành 1 · đang thực hiện 1 · chưa 0 · bình quân 95%');
    expect(text).toContain(
      '4. Đổi mới công tác thi đua, khen thưởng: hoàn thành 1 · đang thực hiện 1 · chưa 0 · bình quân 75% · tổng 1.215 tập thể, cá nhân',
    );
    expect(replies[0]?.choices).toEqual([
      { id: 'st:page:2025-6-thang:2', label: 'Trang sau ▶' },
      { id: 'st:remind:2025-6-thang', label: '🔔 Nhắc ngay 2 cơ quan chưa báo cáo' },
    ]);
  });

  it('offers no remind button while none of the laggards has anyone to receive a reminder', async () => {
    await bot.store.people.revoke(HEAD_TC, 'head', 'so-tai-chinh');
    await bot.store.people.revoke(DEPUTY_PAU, 'deputy', 'xa-pa-u');
    const replies = await bot.say(COORDINATOR, '/status');
    expect(replies[0]?.text).toContain('Trong đó: chưa có ai đăng ký 53 (cần mời người nhận nhắc); có người nhận nhắc 0.');
    expect(replies[0]?.choices).toEqual([{ id: 'st:page:2025-6-thang:2', label: 'Trang sau ▶' }]);
  });

  it('pages with the buttons; the deputy’s draft is not a report yet', async () => {
    const page2 = await choose(bot, COORDINATOR, 'st:page:2025-6-thang:2');
    const text = page2[0]?.text ?? '';
    expect(text).toContain(
      '⏳ Chưa báo cáo (53) — trang 2/2:\nTrong đó: chưa có ai đăng ký 51 (cần mời người nhận nhắc); có người nhận nhắc 2.\n41. ',
    );
    expect(text).toContain('UBND xã Pa Ủ — chưa có thủ trưởng đăng ký · có bản nháp chờ Thủ trưởng duyệt');
    expect(text).not.toContain('Kết quả theo nội dung');
    expect(page2[0]?.choices?.map((c) => c.id)).toEqual(['st:page:2025-6-thang:1', 'st:remind:2025-6-thang']);
    expect(textOf(await choose(bot, COORDINATOR, 'st:page:2025-6-thang:9'))).toContain('Trang này không còn');
    // Typed, the same page.
    expect(textOf(await bot.say(COORDINATOR, '/status 2025-6-thang trang 2'))).toContain('trang 2/2');
  });

  it('works in the coordinators’ group, but not in an agency’s group', async () => {
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: '-100999',
      title: 'Sở Nội vụ — điều phối',
      target: { kind: 'coordinator' },
      boundBy: COORDINATOR,
      boundAt: 0,
    });
    const inGroup = (chatId: string) =>
      bot.send({
        chat: { id: chatId, kind: 'group' },
        sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
        content: { type: 'text', text: '/status' },
      });
    expect(textOf(await inGroup('-100999'))).toContain('Đã báo cáo 2/55');
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: '-100555',
      title: 'Sở Y tế',
      target: { kind: 'agency', agencyId: 'so-y-te' },
      boundBy: HEAD_YTE,
      boundAt: 0,
    });
    expect(textOf(await inGroup('-100555'))).toBe(
      'Lệnh này chỉ dùng trong tin nhắn riêng với bot hoặc trong nhóm điều phối của Sở Nội vụ, để thông tin của các cơ quan, đơn vị không hiện trong nhóm của một cơ quan.',
    );
  });

  it('refuses the buttons to anyone who may not use /status', async () => {
    expect(textOf(await choose(bot, HEAD_YTE, 'st:page:2025-6-thang:2'))).toBe('Lệnh này chỉ dành cho cán bộ điều phối của Sở Nội vụ.');
    expect(textOf(await choose(bot, HEAD_YTE, 'st:remind:2025-6-thang'))).toBe('Lệnh này chỉ dành cho cán bộ điều phối của Sở Nội vụ.');
    expect(textOf(await choose(bot, accountId('telegram', '777'), 'st:remind:2025-6-thang'))).toContain('chưa được đăng ký');
  });

  it('shows one agency: its counting report item by item, and every revision', async () => {
    const text = textOf(await bot.say(COORDINATOR, '/status y te'));
    expect(text).toContain('📋 Sở Y tế — sơ kết 6 tháng đầu năm 2025 (Phong trào thi đua năm 2025)');
    expect(text).toContain(
      '✅ Đúng hạn — báo cáo lần đầu lúc 09:00 16/06/2025; bản được tính: lần 2, lúc 15:30 17/06/2025, người gửi: Nguyễn Văn An.',
    );
    expect(text).toContain('1. Quán triệt, tuyên truyền về thi đua: hoàn thành (100%) — Đã quán triệt tới 100% cán bộ');
    expect(text).toContain('4. Đổi mới công tác thi đua, khen thưởng: đang thực hiện (50%) — 15 tập thể, cá nhân');
    expect(text).toContain('Các lần gửi:\n• Lần 1: 09:00 16/06/2025 — Nguyễn Văn An\n• Lần 2: 15:30 17/06/2025 — Nguyễn Văn An');
    const pau = textOf(await bot.say(COORDINATOR, '/status xa-pa-u'));
    expect(pau).toContain('⏳ Chưa báo cáo. Có bản nháp chờ Thủ trưởng duyệt.');
    expect(pau).toContain('• Lần 1: 11:00 18/06/2025 — Vàng A Páo — bản nháp');
    expect(textOf(await bot.say(COORDINATOR, '/status khong-co-dau'))).toContain('Không tìm thấy kỳ báo cáo hay cơ quan "khong-co-dau"');
  });

  it('speaks English to a coordinator whose app is in English', async () => {
    const text = textOf(await bot.say(COORDINATOR, '/status', { languageCode: 'en' }));
    expect(text).toContain('2 of 55 agencies reported: 1 on time, 1 late; 53 not yet.');
    expect(text).toContain('total 1,215 tập thể, cá nhân');
  });

  it('reminds the laggards now with the button, once a day however often it is pressed', async () => {
    // The button asks first, with the count; nothing goes out before the coordinator confirms.
    const asked = await choose(bot, COORDINATOR, 'st:remind:2025-6-thang');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.choices).toEqual([{ id: 'st:remind:2025-6-thang:x', label: '🔔 Xác nhận nhắc 2 cơ quan' }]);
    const replies = await choose(bot, COORDINATOR, 'st:remind:2025-6-thang:x');
    // Sở Tài chính's head, and xa Pa Ủ's deputy (it has no head registered).
    expect(replies[0]?.text).toContain(
      '🔔 Đã nhắc 2 cơ quan, đơn vị chưa báo cáo kỳ sơ kết 6 tháng đầu năm 2025 (2 tin nhắn riêng, 0 nhóm).',
    );
    expect(replies[0]?.text).toContain(
      'Chưa nhắc được (chưa có người đăng ký, chưa liên kết nhóm): Sở Nội vụ, Văn phòng UBND tỉnh, Sở Tư pháp',
    );
    const sent = replies.slice(1);
    expect(sent.map((r) => r.to)).toEqual([
      { platform: 'telegram', chatId: '1003' },
      { platform: 'telegram', chatId: '1005' },
    ]);
    expect(sent[1]?.text.split('\n')[0]).toBe('Kính gửi đồng chí Phó Chủ tịch UBND xã Pa Ủ,');
    expect(sent[0]?.text).toBe(
      [
        'Kính gửi đồng chí Giám đốc Sở Tài chính,',
        'Đề nghị báo cáo kết quả thực hiện Phong trào thi đua năm 2025 (Chỉ thị số 09/CT-UBND ngày 31/12/2024), kỳ sơ kết 6 tháng đầu năm 2025.',
        'Đã quá hạn 1 ngày làm việc (hạn gửi: thứ Tư, 18/06/2025). Đề nghị gửi báo cáo sớm.',
        'Gửi báo cáo bằng lệnh /baocao (trong tin nhắn riêng với bot hoặc trong nhóm của cơ quan).',
      ].join('\n'),
    );
    // A double tap: nothing is sent twice.
    const again = await choose(bot, COORDINATOR, 'st:remind:2025-6-thang:x');
    expect(again).toHaveLength(1);
    expect(again[0]?.text).toContain('2 cơ quan đã được nhắc bằng /nhac hôm nay nên không nhắc lại.');
    // The next day, again.
    bot.clock.set(at('2025-06-20T09:00'));
    expect((await bot.say(COORDINATOR, '/nhac 2025-6-thang xác nhận')).slice(1).map((r) => r.to?.chatId)).toEqual(['1003', '1005']);
    // The summary now tells them apart from those nobody could remind: reminded twice, the double tap not counted.
    const summary = textOf(await bot.say(COORDINATOR, '/tonghop'));
    expect(summary).toContain(
      '🔔 Đã nhắc, chưa gửi (2): Sở Tài chính (đã nhắc 2 lần; Thủ trưởng: Lò Văn Tài); UBND xã Pa Ủ (đã nhắc 2 lần)',
    );
    expect(summary).toMatch(/👤 Chưa có ai đăng ký \(51\)[^\n]*: Sở Nội vụ; Văn phòng UBND tỉnh; Sở Tư pháp;/);
    expect(textOf(await bot.say(COORDINATOR, '/status'))).toContain(
      '3. Sở Tài chính — Thủ trưởng: Lò Văn Tài (bot chưa nhắn riêng được cho Lò Văn Tài) · đã nhắc 2 lần',
    );
  });

  it('/tonghop posts the summary with its chart; /xuat the workbook and the draft report', async () => {
    const [summary] = await bot.say(COORDINATOR, '/tonghop');
    expect(summary?.text.split('\n')[0]).toBe('📊 TỔNG HỢP — sơ kết 6 tháng đầu năm 2025');
    expect(summary?.text).toContain(
      '⏳ Chưa báo cáo: 53 — đã nhắc, chưa gửi: 0; chưa có ai đăng ký: 51; có người đăng ký, chưa nhận được lời nhắc: 2.',
    );
    expect(summary?.text).toContain(
      '🕒 Có người đăng ký, chưa nhận được lời nhắc (2): Sở Tài chính (Thủ trưởng: Lò Văn Tài); UBND xã Pa Ủ',
    );
    expect(summary?.attachments?.map((a) => [a.kind, a.mime, a.filename])).toEqual([
      ['photo', 'image/png', 'tien-do-2025-6-thang-20250619-1000.png'],
    ]);

    const [files] = await bot.say(COORDINATOR, '/xuat');
    expect(files?.text).toContain('dự thảo báo cáo Word kỳ sơ kết 6 tháng đầu năm 2025');
    const [xlsx, docx] = files?.attachments ?? [];
    expect(xlsx?.filename).toBe('tong-hop-bao-cao-20250619-1000.xlsx');
    expect(docx?.filename).toBe('du-thao-bao-cao-2025-6-thang-20250619-1000.docx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx?.data ?? new Uint8Array()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Sơ kết 6 tháng đầu năm 2025',
      'Các lần gửi',
      'Khó khăn, kiến nghị',
    ]);
    expect(workbook.worksheets[1]?.rowCount).toBe(1 + 55 * 7);
    // Every revision in the order sent, the deputy's draft waiting for sign-off included.
    const revisions = (workbook.getWorksheet('Các lần gửi')?.getSheetValues().slice(2) ?? []) as unknown[][];
    expect(revisions.map((r) => [r[2], r[5], r[9]])).toEqual([
      ['so-y-te', 1, 'Chính thức'],
      ['so-y-te', 2, 'Chính thức'],
      ['xa-pa-u', 1, 'Dự thảo chờ duyệt'],
      ['xa-muong-kim', 1, 'Chính thức'],
    ]);
    const docText = (await mammoth.extractRawText({ buffer: Buffer.from(docx?.data ?? new Uint8Array()) })).value;
    expect(docText).toContain('Lai Châu, ngày 19 tháng 6 năm 2025');
    expect(docText).toContain('Báo cáo muộn (1): UBND xã Mường Kim.');
  });
});
