import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { accountId } from '../../src/domain/roles.js';
import { inviteIdOf } from '../../src/security/invite-code.js';
import { createTestBot, textOf, type TestBot, type TestBotOptions } from '../helpers/bot.js';
import { STORES } from './report-helpers.js';

const COORDINATOR = accountId('telegram', '2002');
const AN = accountId('telegram', '1001'); // head of Sở Y tế
const HOA = accountId('telegram', '1002'); // deputy of Sở Y tế
const NGA = accountId('telegram', '1010'); // head of Sở Nội vụ
const PAO = accountId('telegram', '1005'); // head of UBND xã Pa Ủ

const headsOnly = (plan: Plan): Plan => ({ ...plan, reminders: { ...plan.reminders, recipients: ['head'] } });
const noviNotReporting = (plan: Plan): Plan => ({
  ...plan,
  agencies: plan.agencies.map((a) => (a.id === 'so-noi-vu' ? { ...a, reports: false } : a)),
});

/** Every promise the bot makes about reminders is kept, and everyone is greeted by their office. */
describe.each(STORES)('promises, counts and greetings (%s store)', (store) => {
  let bot: TestBot;
  afterEach(() => bot.close());

  async function start(options: TestBotOptions = {}) {
    bot = await createTestBot({ store, now: '2025-06-10T08:00:00+07:00', ...options });
    await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
  }
  async function register(account: typeof AN, args: string, name: string): Promise<string> {
    const text = textOf(await bot.say(COORDINATOR, `/moi ${args}`, { name: 'Trần Thị Bình' }));
    const code = /\n([A-Za-z0-9_-]{22})\n/.exec(text)?.[1] ?? '';
    return textOf(await bot.say(account, `/dangky ${code}`, { name }));
  }

  it('a deputy who registers is promised reminders, is greeted as Phó Giám đốc in /kyhan and sees her own next reminder', async () => {
    await start();
    await register(AN, 'so-y-te', 'Nguyễn Văn An');
    expect(await register(HOA, 'so-y-te pho', 'Vàng Thị Hoa')).toContain('Đôn Đốc sẽ nhắc hạn báo cáo của Sở Y tế qua tin nhắn này.');
    const kyhan = textOf(await bot.say(HOA, '/kyhan', { name: 'Vàng Thị Hoa' }));
    expect(kyhan).toContain('Kính gửi đồng chí Phó Giám đốc Sở Y tế,');
    expect(kyhan).not.toContain('Kính gửi đồng chí Giám đốc');
    expect(kyhan).toContain('Lời nhắc tiếp theo: 08:00 thứ Sáu, 13/06/2025');
  });

  it('when the plan reminds heads only, the deputy is told reminders go to the head, and /kyhan shows her none', async () => {
    await start({ editPlan: headsOnly });
    await register(AN, 'so-y-te', 'Nguyễn Văn An');
    const welcome = await register(HOA, 'so-y-te pho', 'Vàng Thị Hoa');
    expect(welcome).toContain('lời nhắc hạn báo cáo của Sở Y tế được gửi tới Thủ trưởng cơ quan, không gửi tới đồng chí');
    expect(welcome).not.toContain('Đôn Đốc sẽ nhắc hạn');
    const kyhan = textOf(await bot.say(HOA, '/kyhan', { name: 'Vàng Thị Hoa' }));
    expect(kyhan).not.toContain('Lời nhắc tiếp theo');
    expect(textOf(await bot.say(AN, '/kyhan', { name: 'Nguyễn Văn An' }))).toContain('Lời nhắc tiếp theo');
  });

  it('a deputy of Sở Tài chính who redeems a head code for Sở Tài chính is asked to switch, and never holds both roles', async () => {
    await start();
    await register(HOA, 'so-tai-chinh pho', 'Vàng Thị Hoa');
    const text = textOf(await bot.say(COORDINATOR, '/moi so-tai-chinh', { name: 'Trần Thị Bình' }));
    const code = /\n([A-Za-z0-9_-]{22})\n/.exec(text)?.[1] ?? '';
    const asked = await bot.say(HOA, `/dangky ${code}`, { name: 'Vàng Thị Hoa' });
    expect(textOf(asked)).toContain('Đồng chí đang được ghi nhận là Phó Giám đốc Sở Tài chính; mã này là mã mời Giám đốc Sở Tài chính.');
    expect(asked[0]?.choices).toEqual([{ id: `sw:${code}`, label: 'Chuyển sang vai trò Giám đốc' }]);
    // Nothing changed yet, and the code is still unused.
    expect((await bot.store.people.rolesOf(HOA)).map((g) => g.role)).toEqual(['deputy']);
    expect((await bot.store.invites.get(inviteIdOf(code)))?.usedBy).toBeUndefined();

    const switched = await bot.send({
      chat: { id: '1002', kind: 'private' },
      sender: { account: HOA, name: 'Vàng Thị Hoa' },
      content: { type: 'choice', value: `sw:${code}` },
    });
    expect(textOf(switched)).toContain('Đăng ký thành công.');
    expect((await bot.store.people.rolesOf(HOA)).map((g) => [g.role, g.agencyId])).toEqual([['head', 'so-tai-chinh']]);
    // An account may still serve another agency.
    await register(HOA, 'so-y-te pho', 'Vàng Thị Hoa');
    expect((await bot.store.people.rolesOf(HOA)).map((g) => [g.role, g.agencyId]).sort()).toEqual([
      ['deputy', 'so-y-te'],
      ['head', 'so-tai-chinh'],
    ]);
  });

  it('the chairman of UBND xã Pa Ủ is greeted as Chủ tịch', async () => {
    await start();
    await register(PAO, 'xa-pa-u', 'Vàng A Páo');
    expect(textOf(await bot.say(PAO, '/kyhan', { name: 'Vàng A Páo' }))).toContain('Kính gửi đồng chí Chủ tịch UBND xã Pa Ủ,');
  });

  it("Sở Nội vụ's own report counts: the coordinator sees 1/55 and /status so-noi-vu shows it", async () => {
    await start();
    expect(await register(NGA, 'so-noi-vu', 'Lê Thị Nga')).toContain('Đôn Đốc sẽ nhắc hạn báo cáo của Sở Nội vụ');
    await bot.say(NGA, '/baocao 1: xong\n2: 80%\n3: 50%\n4: ht sl 3\n5: chua\n6: chua sl 0\n7: 100% sl 4', { name: 'Lê Thị Nga' });
    expect(textOf(await bot.say(NGA, 'xác nhận', { name: 'Lê Thị Nga' }))).toContain('✅ Đôn Đốc đã nhận báo cáo.');
    expect(textOf(await bot.say(COORDINATOR, '/status'))).toContain(
      'Đã báo cáo 1/55 cơ quan, đơn vị: đúng hạn 1, muộn 0; chưa báo cáo 54.',
    );
    expect(textOf(await bot.say(COORDINATOR, '/kyhan'))).toContain('Đã báo cáo: 1/55 cơ quan, đơn vị');
    const one = textOf(await bot.say(COORDINATOR, '/status so-noi-vu'));
    expect(one).toContain('📋 Sở Nội vụ — sơ kết 6 tháng đầu năm 2025');
    expect(one).toContain('✅ Đúng hạn — lần 1, lúc 08:00 10/06/2025, người gửi: Lê Thị Nga.');
  });

  it('an agency marked reports: false is never promised reminders nor offered /baocao, and is not counted', async () => {
    await start({ editPlan: noviNotReporting });
    const welcome = await register(NGA, 'so-noi-vu', 'Lê Thị Nga');
    expect(welcome).toContain('Sở Nội vụ không thuộc danh sách cơ quan, đơn vị phải báo cáo, nên Đôn Đốc không nhắc hạn');
    expect(welcome).not.toContain('/baocao');
    expect(textOf(await bot.say(NGA, '/baocao', { name: 'Lê Thị Nga' }))).toContain('không có kỳ báo cáo nào đang nhận báo cáo');
    expect(textOf(await bot.say(NGA, '/kyhan', { name: 'Lê Thị Nga' }))).not.toContain('Lời nhắc tiếp theo');
    expect(textOf(await bot.say(COORDINATOR, '/status'))).toContain('Đã báo cáo 0/54 cơ quan, đơn vị');
  });
});
