import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId } from '../../src/domain/roles.js';
import { createTestBot, textOf, type TestBot } from '../helpers/bot.js';

const AN_TELEGRAM = accountId('telegram', '1001');
const AN_ZALO = accountId('zalo', '7f3a9c2b1d');
const STRANGER_ZALO = accountId('zalo', '00aa11bb22');

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ now: '2025-06-10T09:00:00+07:00' });
  await bot.grant({ account: AN_TELEGRAM, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
});
afterEach(() => bot.close());

function codeIn(text: string): string {
  const m = /\n([A-Za-z0-9_-]{22})\n/.exec(text);
  if (!m?.[1]) throw new Error(`no code in: ${text}`);
  return m[1];
}

describe('one person, two apps', () => {
  it('the head of Sở Y tế pairs his Zalo account with /lienket taikhoan, and can then work from Zalo', async () => {
    const text = textOf(await bot.say(AN_TELEGRAM, '/lienket taikhoan'));
    expect(text).toContain('Mã liên kết tài khoản thứ hai (Zalo hoặc Telegram) của đồng chí:');
    expect(text).toContain('Hết hạn: 09:30 thứ Ba, 10/06/2025');
    const code = codeIn(text);
    expect(textOf(await bot.say(AN_ZALO, `/lienket ${code}`, { name: 'An Nguyễn' }))).toContain(
      'Đã liên kết tài khoản. Tài khoản này giữ cùng vai trò: Thủ trưởng Sở Y tế.',
    );
    expect(await bot.store.people.rolesOf(AN_ZALO)).toEqual([
      expect.objectContaining({ role: 'head', agencyId: 'so-y-te', grantedBy: AN_TELEGRAM }),
    ]);
    expect(textOf(await bot.say(AN_ZALO, '/kyhan'))).toContain('Kính gửi đồng chí Giám đốc Sở Y tế,');
  });

  it('a pairing code works once, not from the same account, not after 30 minutes, and is cancelled if posted in a group', async () => {
    const code = codeIn(textOf(await bot.say(AN_TELEGRAM, '/lienket taikhoan')));
    expect(textOf(await bot.say(AN_TELEGRAM, `/lienket ${code}`))).toContain('được tạo từ chính tài khoản này');
    expect(textOf(await bot.say(AN_ZALO, `/dangky ${code}`))).toContain('Mã này dùng để liên kết tài khoản');
    await bot.say(AN_ZALO, `/lienket ${code}`);
    expect(textOf(await bot.say(STRANGER_ZALO, `/lienket ${code}`))).toContain('Mã mời này đã được sử dụng');

    const late = codeIn(textOf(await bot.say(AN_TELEGRAM, '/lienket taikhoan')));
    bot.clock.advance(31 * 60_000);
    expect(textOf(await bot.say(STRANGER_ZALO, `/lienket ${late}`))).toContain('đã hết hạn');

    const leaked = codeIn(textOf(await bot.say(AN_TELEGRAM, '/lienket taikhoan')));
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: '-100321',
      target: { kind: 'agency', agencyId: 'so-y-te' },
      boundBy: AN_TELEGRAM,
      boundAt: 0,
    });
    expect(textOf(await bot.say(AN_TELEGRAM, `/lienket ${leaked}`, { chat: 'group' }))).toContain('đã bị hủy');
    expect(await bot.store.people.rolesOf(STRANGER_ZALO)).toEqual([]);
  });
});
