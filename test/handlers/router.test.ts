import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId } from '../../src/domain/roles.js';
import { parseCommand } from '../../handlers/router.js';
import { ADMIN, createTestBot, textOf, type TestBot } from '../helpers/bot.js';

const HEAD_YTE = accountId('telegram', '1001');
const COORDINATOR = accountId('telegram', '2002');
const STRANGER = accountId('telegram', '3003');

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ now: '2025-06-10T08:00:00+07:00' });
  await bot.grant({ account: HEAD_YTE, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
  await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
});
afterEach(() => bot.close());

describe('reading commands', () => {
  it('accepts /cmd, /cmd@BotName, upper case and arguments', () => {
    expect(parseCommand('/kyhan')).toEqual({ name: 'kyhan', args: '' });
    expect(parseCommand('/KyHan@DonDocLaiChauBot  so-y-te ')).toEqual({ name: 'kyhan', botName: 'DonDocLaiChauBot', args: 'so-y-te' });
    expect(parseCommand('kyhan')).toBeUndefined();
    expect(parseCommand('/kỳhạn')).toBeUndefined();
  });
});

describe('help', () => {
  it('a stranger gets help in Vietnamese and is told how to register', async () => {
    const text = textOf(await bot.say(STRANGER, '/trogiup'));
    expect(text).toContain('Các lệnh đồng chí có thể dùng:');
    expect(text).toContain('/trogiup (/help)');
    expect(text).not.toContain('/kyhan');
    expect(text).toContain('/dangky MÃ');
  });
  it('the head of Sở Y tế sees the deadlines command; an English phone gets English', async () => {
    expect(textOf(await bot.say(HEAD_YTE, '/help'))).toContain('/kyhan (/deadlines) — Các kỳ báo cáo và hạn gửi');
    expect(textOf(await bot.say(HEAD_YTE, '/help', { languageCode: 'en' }))).toContain('/deadlines — Reporting periods and deadlines');
  });
});

describe('deadlines (/kyhan)', () => {
  it('the head of Sở Y tế sees the 6-month period due Wednesday 18/06/2025, 8 days away, not yet reported', async () => {
    const text = textOf(await bot.say(HEAD_YTE, '/kyhan'));
    expect(text).toContain('Kính gửi đồng chí Giám đốc Sở Y tế,');
    expect(text).toContain('Phong trào thi đua năm 2025 — sơ kết 6 tháng đầu năm 2025');
    expect(text).toContain('Căn cứ: Chỉ thị số 09/CT-UBND ngày 31/12/2024');
    expect(text).toContain('Số liệu tính từ 15/12/2024 đến 14/06/2025');
    expect(text).toContain('Hạn gửi: thứ Tư, 18/06/2025');
    expect(text).toContain('Còn 8 ngày đến hạn (6 ngày làm việc)');
    expect(text).toContain('Chưa báo cáo — gửi bằng lệnh /baocao');
    expect(text).toContain('Lời nhắc tiếp theo: 08:00 thứ Sáu, 13/06/2025');
    expect(text).toContain('tổng kết năm 2025');
  });

  it('after Sở Y tế reports, its head sees when; the coordinator sees 1 of 55 agencies', async () => {
    const plan = bot.plan;
    const campaign = plan.campaigns[0];
    if (!campaign) throw new Error('no campaign');
    await bot.store.reports.add({
      campaignId: campaign.id,
      periodId: '2025-6-thang',
      agencyId: 'so-y-te',
      answers: campaign.items.map((i) => ({
        itemNo: i.no,
        status: 'done',
        percent: 100,
        note: '',
        ...(i.quantity ? { quantity: 1 } : {}),
      })),
      submittedBy: { account: HEAD_YTE, name: 'Nguyễn Văn An', role: 'head' },
      submittedAt: bot.clock.now(),
      late: false,
    });
    expect(textOf(await bot.say(HEAD_YTE, '/kyhan'))).toContain('✅ Đã báo cáo lúc 08:00 10/06/2025');
    expect(textOf(await bot.say(COORDINATOR, '/kyhan'))).toContain('Đã báo cáo: 1/55 cơ quan, đơn vị');
  });

  it('counts days in Vietnam time and says when the deadline is today or passed', async () => {
    bot.clock.set(Date.parse('2025-06-18T16:00:00+07:00'));
    expect(textOf(await bot.say(HEAD_YTE, '/kyhan'))).toContain('Hôm nay là hạn cuối');
    bot.clock.set(Date.parse('2025-06-20T08:00:00+07:00'));
    expect(textOf(await bot.say(HEAD_YTE, '/kyhan'))).toContain('Đã quá hạn 2 ngày');
  });

  it('a stranger is told to register, not shown any agency', async () => {
    expect(textOf(await bot.say(STRANGER, '/kyhan'))).toBe(
      'Tài khoản của đồng chí chưa được đăng ký. Đề nghị liên hệ Sở Nội vụ để nhận mã mời, sau đó gửi /dangky MÃ.',
    );
  });

  it('works in a group as /kyhan@DonDocLaiChauBot but ignores commands meant for another bot', async () => {
    expect(textOf(await bot.say(HEAD_YTE, '/kyhan', { chat: 'group' }))).toContain('Nhóm này chưa được liên kết');
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: '-100123',
      target: { kind: 'agency', agencyId: 'so-y-te' },
      boundBy: HEAD_YTE,
      boundAt: bot.clock.now(),
    });
    expect(textOf(await bot.say(HEAD_YTE, '/kyhan@DonDocLaiChauBot', { chat: 'group' }))).toContain('Hạn gửi');
    expect(await bot.say(HEAD_YTE, '/kyhan@OtherBot', { chat: 'group' })).toEqual([]);
  });
});

describe('bad input gets a clear Vietnamese reply, and groups are not spammed', () => {
  it('an unknown command in a private chat', async () => {
    expect(textOf(await bot.say(HEAD_YTE, '/xyz'))).toBe('Lệnh /xyz không có. Đề nghị gõ /trogiup để xem các lệnh.');
  });
  it('an unknown command or chatter in a group is left alone', async () => {
    expect(await bot.say(HEAD_YTE, '/xyz', { chat: 'group' })).toEqual([]);
    expect(await bot.say(HEAD_YTE, 'chào mọi người', { chat: 'group' })).toEqual([]);
  });
  it('plain text in a private chat points to the commands', async () => {
    expect(textOf(await bot.say(HEAD_YTE, 'xin chao'))).toContain('/trogiup');
  });
  it('a sticker, an edit, an over-long message', async () => {
    expect(textOf(await bot.send({ content: { type: 'unsupported', what: 'sticker' } }))).toContain('chỉ đọc được tin nhắn chữ');
    expect(textOf(await bot.send({ content: { type: 'text', text: '/kyhan' }, edited: true }))).toContain(
      'Tin nhắn đã sửa không được ghi nhận',
    );
    expect(textOf(await bot.say(HEAD_YTE, `/kyhan ${'a'.repeat(5000)}`))).toContain('dài quá 4000 ký tự');
  });
  it('a handler that fails gets an apology, not a crash', async () => {
    await bot.store.close();
    expect(textOf(await bot.say(HEAD_YTE, '/kyhan'))).toContain('Xin lỗi, đã có lỗi khi xử lý yêu cầu');
  });
});

describe('who am I (/toi)', () => {
  it('lists an administrator from ADMIN_IDS and the agency roles of a head', async () => {
    expect(textOf(await bot.say(ADMIN, '/toi', { name: 'Lê Quản Trị' }))).toContain('Quản trị viên');
    expect(textOf(await bot.say(HEAD_YTE, '/toi'))).toContain('Thủ trưởng — Sở Y tế');
  });
});
