import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, type Scheduler } from '../../scheduler/scheduler.js';
import { accountId } from '../../src/domain/roles.js';
import { createDeliver } from '../../src/messaging/delivery.js';
import { createTestBot, textOf, type TestBot } from '../helpers/bot.js';
import { createRecordingMessenger } from '../helpers/recording-messenger.js';
import { STORES } from './report-helpers.js';

const COORDINATOR = accountId('telegram', '2002');
const TAI = accountId('telegram', '1003'); // head of Sở Tài chính
const PAO = accountId('telegram', '1005'); // deputy of UBND xã Pa Ủ
const at = (iso: string) => Date.parse(`${iso}+07:00`);

/** Manual pushes respect the working day: a Saturday-night /nhac goes out on Monday at 07:30. */
describe.each(STORES)('/nhac outside office hours (%s store)', (store) => {
  let bot: TestBot;
  let scheduler: Scheduler;
  let outbox: ReturnType<typeof createRecordingMessenger>;
  afterEach(() => bot.close());

  async function start(now: string) {
    bot = await createTestBot({ store, now: `${now}:00+07:00` });
    await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
    await bot.grant({ account: TAI, role: 'head', agencyId: 'so-tai-chinh', name: 'Lò Văn Tài' });
    await bot.grant({ account: PAO, role: 'deputy', agencyId: 'xa-pa-u', name: 'Vàng A Páo' });
    outbox = createRecordingMessenger('telegram');
    scheduler = createScheduler({ services: bot.services, deliver: createDeliver([outbox.messenger]), instanceId: 'push-test' });
    await scheduler.tick(bot.clock.now());
  }
  const tickAt = async (iso: string) => {
    bot.clock.set(at(iso));
    return scheduler.tick(at(iso));
  };
  const say = async (text: string) => bot.say(COORDINATOR, text, { name: 'Trần Thị Bình' });
  const remindersTo = (chatId: string) => outbox.to(chatId).filter((m) => m.text.startsWith('Kính gửi đồng chí'));

  it('on Saturday at 21:00 it asks with the count and the Monday 07:30 time, and goes out then, once', async () => {
    await start('2025-06-21T21:00');
    const asked = await say('/nhac 2025-6-thang');
    expect(textOf(asked)).toBe(
      'Đồng chí muốn nhắc 2 cơ quan, đơn vị chưa báo cáo kỳ sơ kết 6 tháng đầu năm 2025?\n53/55 cơ quan chưa báo cáo chưa có người nhận nhắc (chưa ai đăng ký, chưa liên kết nhóm) nên sẽ không nhận được; đề nghị mời bằng /moi <mã cơ quan>.\nHiện ngoài giờ hành chính: lời nhắc sẽ được gửi lúc 07:30 thứ Hai, 23/06/2025, trừ khi đồng chí chọn "Gửi ngay".',
    );
    expect(asked[0]?.choices?.map((c) => c.label)).toEqual(['Gửi lúc 07:30 thứ Hai, 23/06/2025', 'Gửi ngay (ngoài giờ)']);
    const queued = await bot.send({
      chat: { id: '2002', kind: 'private' },
      sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
      content: { type: 'choice', value: asked[0]?.choices?.[0]?.id ?? '' },
    });
    expect(textOf(queued)).toContain('sẽ được gửi lúc 07:30 thứ Hai, 23/06/2025');
    expect(queued.filter((r) => r.to)).toEqual([]); // nothing goes out on Saturday night

    for (const t of ['2025-06-21T21:30', '2025-06-22T09:00', '2025-06-23T07:29']) await tickAt(t);
    expect(remindersTo('1003')).toEqual([]);
    await tickAt('2025-06-23T07:30');
    expect(remindersTo('1003')).toHaveLength(1);
    expect(remindersTo('1005')).toHaveLength(1);
    expect(remindersTo('1005')[0]?.text.split('\n')[0]).toBe('Kính gửi đồng chí Phó Chủ tịch UBND xã Pa Ủ,');
    expect(
      outbox
        .to('2002')
        .map((m) => m.text)
        .join('\n'),
    ).toContain('🔔 Đã nhắc 2 cơ quan, đơn vị chưa báo cáo kỳ sơ kết 6 tháng đầu năm 2025');
    await tickAt('2025-06-23T07:31');
    expect(remindersTo('1003')).toHaveLength(1);
  });

  it('a /dotxuat on Saturday night stands at once, and its notice reaches Sở Tài chính on Monday at 07:30', async () => {
    await start('2025-06-21T21:00');
    const asked = await say('/dotxuat 30/06/2025 so-tai-chinh | Báo cáo nhanh công tác khen thưởng');
    expect(textOf(asked)).toContain('Hiện ngoài giờ hành chính: thông báo sẽ được gửi lúc 07:30 thứ Hai, 23/06/2025');
    const created = await bot.send({
      chat: { id: '2002', kind: 'private' },
      sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
      content: { type: 'choice', value: 'dx:h' },
    });
    expect(textOf(created)).toContain('Đã tạo yêu cầu báo cáo đột xuất');
    expect(textOf(created)).toContain('thông báo tới các cơ quan sẽ được gửi lúc 07:30 thứ Hai, 23/06/2025');
    expect(created.filter((r) => r.to)).toEqual([]);
    await tickAt('2025-06-22T10:00');
    expect(remindersTo('1003')).toEqual([]);
    await tickAt('2025-06-23T07:30');
    expect(
      remindersTo('1003')
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Báo cáo nhanh công tác khen thưởng');
  });

  it('when no laggard has anyone to receive a reminder, it says so and whom to invite, and asks nothing', async () => {
    await start('2025-06-23T09:00');
    await bot.store.people.revoke(TAI, 'head', 'so-tai-chinh');
    await bot.store.people.revoke(PAO, 'deputy', 'xa-pa-u');
    const said = await say('/nhac 2025-6-thang');
    expect(textOf(said)).toBe(
      'Kỳ sơ kết 6 tháng đầu năm 2025: 55 cơ quan, đơn vị chưa báo cáo nhưng chưa cơ quan nào có người nhận nhắc (chưa có ai đăng ký, chưa liên kết nhóm), nên chưa nhắc được. Đề nghị mời thủ trưởng bằng /moi <mã cơ quan>.',
    );
    expect(said[0]?.choices ?? []).toEqual([]);
    expect(said.filter((r) => r.to)).toEqual([]);
  });

  it('"gửi ngay" sends at once, even at night', async () => {
    await start('2025-06-21T21:00');
    const replies = await say('/nhac 2025-6-thang gui ngay');
    expect(textOf(replies)).toContain('🔔 Đã nhắc 2 cơ quan');
    expect(
      replies
        .filter((r) => r.to)
        .map((r) => r.to?.chatId)
        .sort(),
    ).toEqual(['1003', '1005']);
  });

  it('in office hours a push to many agencies asks for confirmation first, with how many can be reminded of how many are late', async () => {
    await start('2025-06-23T09:00');
    const asked = await say('/nhac 2025-6-thang');
    expect(textOf(asked)).toBe(
      'Đồng chí muốn nhắc 2 cơ quan, đơn vị chưa báo cáo kỳ sơ kết 6 tháng đầu năm 2025?\n53/55 cơ quan chưa báo cáo chưa có người nhận nhắc (chưa ai đăng ký, chưa liên kết nhóm) nên sẽ không nhận được; đề nghị mời bằng /moi <mã cơ quan>.\nĐề nghị xác nhận để gửi.',
    );
    expect(asked.filter((r) => r.to)).toEqual([]);
    expect(asked[0]?.choices?.map((c) => c.label)).toEqual(['🔔 Xác nhận nhắc 2 cơ quan']);
    const sent = await bot.send({
      chat: { id: '2002', kind: 'private' },
      sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
      content: { type: 'choice', value: asked[0]?.choices?.[0]?.id ?? '' },
    });
    expect(
      sent
        .filter((r) => r.to)
        .map((r) => r.to?.chatId)
        .sort(),
    ).toEqual(['1003', '1005']);
  });
});
