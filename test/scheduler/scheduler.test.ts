import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, CURSOR_KEY, type Scheduler } from '../../scheduler/scheduler.js';
import { accountId } from '../../src/domain/roles.js';
import { createDeliver } from '../../src/messaging/delivery.js';
import { createTestBot, type TestBot, type TestBotOptions } from '../helpers/bot.js';
import { createRecordingMessenger } from '../helpers/recording-messenger.js';
import { uniqueRedisPrefix, deleteKeysUnder } from '../helpers/redis.js';

const HEAD = accountId('telegram', '1001'); // head of Sở Y tế
const DEPUTY = accountId('telegram', '1002');
const COORDINATOR = accountId('telegram', '2002');
const GROUP = '-100555';
const at = (iso: string) => Date.parse(`${iso}+07:00`);

const opened: TestBot[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
  await Promise.all(prefixes.splice(0).map((p) => deleteKeysUnder(p)));
});

async function setup(options: TestBotOptions & { leaseMs?: number; instanceId?: string } = {}) {
  const bot = await createTestBot({ now: '2025-06-13T07:00:00+07:00', ...options });
  opened.push(bot);
  const outbox = createRecordingMessenger('telegram');
  const scheduler = createScheduler({
    services: bot.services,
    deliver: createDeliver([outbox.messenger]),
    instanceId: options.instanceId ?? 'test-1',
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
  return { bot, outbox, scheduler };
}

async function registerSoYTe(bot: TestBot) {
  await bot.grant({ account: HEAD, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
  await bot.grant({ account: DEPUTY, role: 'deputy', agencyId: 'so-y-te', name: 'Vàng Thị Hoa' });
  await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
}

async function tickAt(bot: TestBot, scheduler: Scheduler, iso: string) {
  bot.clock.set(at(iso));
  return scheduler.tick(at(iso));
}

describe('the head of Sở Y tế is reminded', () => {
  it('gets the T-3 reminder at 08:00 on Friday 13/06/2025, replies, and is not reminded again', async () => {
    const { bot, outbox, scheduler } = await setup();
    await registerSoYTe(bot);
    await tickAt(bot, scheduler, '2025-06-13T07:00');
    await tickAt(bot, scheduler, '2025-06-13T07:59');
    expect(outbox.sent).toEqual([]);
    await tickAt(bot, scheduler, '2025-06-13T08:00');
    const [message] = outbox.to('1001');
    expect(outbox.to('1001')).toHaveLength(1);
    expect(message?.text).toBe(
      [
        'Kính gửi đồng chí Giám đốc Sở Y tế,',
        'Đề nghị báo cáo kết quả thực hiện Phong trào thi đua năm 2025 (Chỉ thị số 09/CT-UBND ngày 31/12/2024), kỳ sơ kết 6 tháng đầu năm 2025.',
        'Hạn gửi: thứ Tư, 18/06/2025 — còn 3 ngày làm việc.',
        'Gửi báo cáo bằng lệnh /baocao (trong tin nhắn riêng với bot hoặc trong nhóm của cơ quan).',
      ].join('\n'),
    );
    // He reports on Monday; Tuesday's T-1 and the deadline-day reminders do not come.
    const campaign = bot.plan.campaigns[0];
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
        ...(i.quantity ? { quantity: 0 } : {}),
      })),
      submittedBy: { account: HEAD, name: 'Nguyễn Văn An', role: 'head' },
      submittedAt: at('2025-06-16T09:00'),
      late: false,
    });
    for (const day of ['2025-06-17T08:00', '2025-06-18T08:00', '2025-06-19T08:00', '2025-06-23T08:00']) await tickAt(bot, scheduler, day);
    expect(outbox.to('1001')).toHaveLength(1);
  });

  it('the registered deputy is reminded too, greeted as the deputy; a plan reminding heads only leaves her out', async () => {
    const { bot, outbox, scheduler } = await setup();
    await registerSoYTe(bot);
    await tickAt(bot, scheduler, '2025-06-13T07:00');
    await tickAt(bot, scheduler, '2025-06-13T08:00');
    expect(outbox.to('1002').map((m) => m.text.split('\n')[0])).toEqual(['Kính gửi đồng chí Phó Giám đốc Sở Y tế,']);

    const headsOnly = await setup({ editPlan: (p) => ({ ...p, reminders: { ...p.reminders, recipients: ['head'] } }) });
    await registerSoYTe(headsOnly.bot);
    await tickAt(headsOnly.bot, headsOnly.scheduler, '2025-06-13T07:00');
    await tickAt(headsOnly.bot, headsOnly.scheduler, '2025-06-13T08:00');
    expect(headsOnly.outbox.to('1001')).toHaveLength(1);
    expect(headsOnly.outbox.to('1002')).toEqual([]);
  });

  it("tells the head that the deputy's draft waits for sign-off (có dự thảo chờ duyệt)", async () => {
    const { bot, outbox, scheduler } = await setup({
      editPlan: (p) => ({ ...p, campaigns: p.campaigns.map((c) => ({ ...c, requiresApproval: true })) }),
    });
    await registerSoYTe(bot);
    const campaign = bot.plan.campaigns[0];
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
        ...(i.quantity ? { quantity: 0 } : {}),
      })),
      submittedBy: { account: DEPUTY, name: 'Vàng Thị Hoa', role: 'deputy' },
      submittedAt: at('2025-06-12T09:00'),
      late: false,
      status: 'draft',
    });
    await tickAt(bot, scheduler, '2025-06-13T07:00');
    await tickAt(bot, scheduler, '2025-06-13T08:00');
    expect(outbox.to('1001')[0]?.text).toContain('Cơ quan có dự thảo báo cáo của cấp phó chờ duyệt: gõ /duyet để xem và duyệt.');
  });

  it('goes to the deputy instead while a delegation holds', async () => {
    const { bot, outbox, scheduler } = await setup();
    await registerSoYTe(bot);
    await bot.store.delegations.set({
      agencyId: 'so-y-te',
      from: HEAD,
      fromName: 'Nguyễn Văn An',
      to: DEPUTY,
      toName: 'Vàng Thị Hoa',
      startsOn: '2025-06-12',
      endsOn: '2025-06-14',
      createdAt: at('2025-06-11T09:00'),
    });
    await tickAt(bot, scheduler, '2025-06-13T07:00');
    await tickAt(bot, scheduler, '2025-06-13T08:00');
    expect(outbox.to('1001')).toEqual([]);
    expect(outbox.to('1002')[0]?.text).toContain(
      'Kính gửi đồng chí Phó Giám đốc Sở Y tế (được ủy quyền báo cáo thay đồng chí Giám đốc Sở Y tế),',
    );
    // The delegation has ended by Tuesday: the head is reminded again.
    await tickAt(bot, scheduler, '2025-06-17T08:00');
    expect(outbox.to('1001')).toHaveLength(1);
  });

  it("is also posted in the agency's group, naming only the agency, and the group hears nothing once it has reported", async () => {
    const { bot, outbox, scheduler } = await setup();
    await registerSoYTe(bot);
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: GROUP,
      title: 'Sở Y tế',
      target: { kind: 'agency', agencyId: 'so-y-te' },
      boundBy: HEAD,
      boundAt: 0,
    });
    await tickAt(bot, scheduler, '2025-06-13T07:00');
    await tickAt(bot, scheduler, '2025-06-13T08:00');
    expect(outbox.to(GROUP)[0]?.text.split('\n')[0]).toBe('Kính gửi Sở Y tế,');
    expect(outbox.to(GROUP)[0]?.text).not.toMatch(/@/);
  });
});

describe('never twice', () => {
  it('across a restart that lost the cursor: the ledger remembers what was sent', async () => {
    const { bot, outbox, scheduler } = await setup();
    await registerSoYTe(bot);
    await tickAt(bot, scheduler, '2025-06-13T07:00');
    await tickAt(bot, scheduler, '2025-06-13T08:00');
    await bot.store.settings.set(CURSOR_KEY, String(at('2025-06-13T07:00'))); // as if the crash came before the cursor was saved
    const restarted = createScheduler({ services: bot.services, deliver: createDeliver([outbox.messenger]), instanceId: 'test-2' });
    const report = await restarted.tick(at('2025-06-13T08:01'));
    expect(report.alreadyDone).toBeGreaterThan(0);
    expect(outbox.to('1001')).toHaveLength(1);
  });

  it('across two instances ticking at once on one Redis', async () => {
    const prefix = uniqueRedisPrefix();
    prefixes.push(prefix);
    const a = await setup({ store: 'redis', redisPrefix: prefix, instanceId: 'a' });
    const b = await setup({ store: 'redis', redisPrefix: prefix, instanceId: 'b' });
    await registerSoYTe(a.bot);
    for (let i = 0; i < 20; i++)
      await a.bot.grant({
        account: accountId('telegram', String(3000 + i)),
        role: 'head',
        agencyId: a.bot.plan.agencies[20 + i]?.id ?? '',
        name: `Thủ trưởng ${i}`,
      });
    await a.scheduler.tick(at('2025-06-13T07:00'));
    await Promise.all([
      a.scheduler.tick(at('2025-06-13T08:00')),
      b.scheduler.tick(at('2025-06-13T08:00')),
      b.scheduler.tick(at('2025-06-13T08:00')),
    ]);
    const all = [...a.outbox.sent, ...b.outbox.sent];
    // Sở Y tế's head and deputy, and the 20 other heads: each once.
    expect(all).toHaveLength(22);
    expect(new Set(all.map((m) => m.to.chatId)).size).toBe(22);
  });

  it('after a crash between claim and send: held back while the lease lives, then sent once', async () => {
    // Real time (Redis expires the lease): margins a loaded CI machine keeps.
    const { bot, outbox, scheduler } = await setup({ store: 'redis', leaseMs: 1_500 });
    await registerSoYTe(bot);
    await scheduler.tick(at('2025-06-13T07:00'));
    const key = 'rem:2025-6-thang:so-y-te:before:3:2025-06-13|dm:telegram:1001';
    expect(await bot.store.deliveries.claim(key, 'crashed-instance', 1_500)).toMatchObject({ state: 'claimed' });
    const first = await scheduler.tick(at('2025-06-13T08:00'));
    expect(first.advanced).toBe(false);
    expect(outbox.to('1001')).toEqual([]);
    await sleep(1_700);
    await scheduler.tick(at('2025-06-13T08:01'));
    await scheduler.tick(at('2025-06-13T08:02'));
    expect(outbox.to('1001')).toHaveLength(1);
  });
});

describe('when the bot was down', () => {
  it("catches up the same working day, skips earlier days' reminders, and never floods", async () => {
    const { bot, outbox, scheduler } = await setup();
    await registerSoYTe(bot);
    await tickAt(bot, scheduler, '2025-06-12T16:00'); // last tick Thursday afternoon
    const report = await tickAt(bot, scheduler, '2025-06-17T09:30'); // back on Tuesday morning
    expect(report.sent).toBe(2); // the head and the deputy, once each
    expect(outbox.to('1001')).toHaveLength(1);
    expect(outbox.to('1001')[0]?.text).toContain('còn 1 ngày làm việc');
  });
});

describe('only in office hours, only to those who must report', () => {
  it('sends nothing at lunch or on a Saturday', async () => {
    const { bot, outbox, scheduler } = await setup();
    await registerSoYTe(bot);
    await tickAt(bot, scheduler, '2025-06-13T07:45');
    // Down from 07:45 to lunch: the 08:00 reminder waits for 13:30.
    expect((await tickAt(bot, scheduler, '2025-06-13T12:00')).sent).toBe(0);
    expect((await tickAt(bot, scheduler, '2025-06-14T09:00')).sent).toBe(0);
    expect(outbox.sent).toEqual([]);
  });

  it('a reminder that fell due at 08:00 during an outage goes out at 13:30, still the same day', async () => {
    const { bot, outbox, scheduler } = await setup();
    await registerSoYTe(bot);
    await tickAt(bot, scheduler, '2025-06-13T07:45');
    await tickAt(bot, scheduler, '2025-06-13T12:00');
    await tickAt(bot, scheduler, '2025-06-13T13:30');
    expect(outbox.to('1001')).toHaveLength(1);
  });

  it('no reminder goes to an agency archived from the plan', async () => {
    const { bot, outbox, scheduler } = await setup({ editPlan: (p) => ({ ...p, agencies: p.agencies.filter((a) => a.id !== 'so-y-te') }) });
    await registerSoYTe(bot);
    await tickAt(bot, scheduler, '2025-06-13T07:00');
    await tickAt(bot, scheduler, '2025-06-13T08:00');
    expect(outbox.to('1001')).toEqual([]);
  });
});

describe('when a private message cannot be delivered', () => {
  it("falls back to the agency's group and tells the coordinators", async () => {
    const { bot, outbox, scheduler } = await setup({
      editPlan: (p) => ({ ...p, reminders: { ...p.reminders, channels: { dm: true, group: false } } }),
    });
    await registerSoYTe(bot);
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: GROUP,
      title: 'Sở Y tế',
      target: { kind: 'agency', agencyId: 'so-y-te' },
      boundBy: HEAD,
      boundAt: 0,
    });
    outbox.refuse('1001', { ok: false, reason: 'blocked', permanent: true });
    await tickAt(bot, scheduler, '2025-06-13T07:00');
    await tickAt(bot, scheduler, '2025-06-13T08:00');
    expect(outbox.to(GROUP)[0]?.text).toContain('Kính gửi Sở Y tế,');
    expect(outbox.to('2002')[0]?.text).toBe(
      'Không gửi được lời nhắc riêng tới Nguyễn Văn An (Sở Y tế): đồng chí đã chặn bot. Lời nhắc đã được gửi vào nhóm của cơ quan.',
    );
    expect(await bot.store.contacts.get(HEAD)).toMatchObject({ reachable: false, unreachableReason: 'blocked' });
    // Not retried forever: the next tick does not try the blocked chat again.
    await tickAt(bot, scheduler, '2025-06-13T08:01');
    expect(outbox.to('2002')).toHaveLength(1);
  });
});

describe('escalation to Sở Nội vụ', () => {
  it("after 3 working days late, the coordinators' group hears which agencies are still missing, once", async () => {
    const { bot, outbox, scheduler } = await setup({ now: '2025-06-20T17:00:00+07:00' });
    await registerSoYTe(bot);
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: '-100999',
      title: 'Điều phối',
      target: { kind: 'coordinator' },
      boundBy: COORDINATOR,
      boundAt: 0,
    });
    const campaign = bot.plan.campaigns[0];
    if (!campaign) throw new Error('no campaign');
    for (const agency of bot.plan.agencies.filter((a) => a.id !== 'so-y-te' && a.id !== 'so-tai-chinh' && a.id !== 'so-noi-vu')) {
      await bot.store.reports.add({
        campaignId: campaign.id,
        periodId: '2025-6-thang',
        agencyId: agency.id,
        answers: [],
        submittedBy: { account: HEAD, name: 'x', role: 'head' },
        submittedAt: at('2025-06-18T10:00'),
        late: false,
      });
    }
    await tickAt(bot, scheduler, '2025-06-20T17:00');
    await tickAt(bot, scheduler, '2025-06-23T08:00');
    await tickAt(bot, scheduler, '2025-06-23T08:01');
    const [escalation] = outbox.to('-100999');
    expect(outbox.to('-100999')).toHaveLength(1);
    expect(escalation?.text).toContain('đã quá hạn 3 ngày làm việc (hạn gửi: thứ Tư, 18/06/2025)');
    // Counts first, split by what the coordinator can do; Sở Tài chính, with nobody registered, is
    // never listed as having ignored reminders.
    expect(escalation?.text).toContain(
      [
        'Còn 3/55 cơ quan, đơn vị chưa báo cáo, trong đó:',
        '• Đã nhắc, chưa gửi: 0',
        '• Chưa có ai đăng ký nhận nhắc: 2 — bot không có ai để nhắc; đề nghị mời Thủ trưởng đăng ký (/moi <mã cơ quan>)',
      ].join('\n'),
    );
    expect(escalation?.text).toContain('\nChưa có ai đăng ký (2): Sở Nội vụ; Sở Tài chính');
    expect(escalation?.text).not.toMatch(/Đã nhắc, chưa gửi \(/);
  });

  it('names the agencies reminded and not reporting with how many times they were reminded', async () => {
    const { bot, outbox, scheduler } = await setup({ now: '2025-06-01T08:00:00+07:00' });
    await registerSoYTe(bot);
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: '-100999',
      title: 'Điều phối',
      target: { kind: 'coordinator' },
      boundBy: COORDINATOR,
      boundAt: 0,
    });
    await scheduler.runUntil(at('2025-06-20T17:00'), (ms) => bot.clock.set(ms));
    await scheduler.runUntil(at('2025-06-23T08:00'), (ms) => bot.clock.set(ms));
    const escalation = outbox.to('-100999').find((m) => m.text.startsWith('Kính gửi Sở Nội vụ,'));
    // Four reminders before and on the deadline day, two overdue by Friday (Monday's may go with the escalation).
    expect(escalation?.text).toMatch(/• Đã nhắc, chưa gửi: 1\n• Chưa có ai đăng ký nhận nhắc: 54 — /);
    expect(escalation?.text).toMatch(/\nĐã nhắc, chưa gửi \(1\):\n• Sở Y tế — đã nhắc [67] lần\n/);
    // Counts whole, names up to the summaries' limit.
    expect(escalation?.text).toMatch(
      /\nChưa có ai đăng ký \(54\): Sở Nội vụ; Văn phòng UBND tỉnh; Sở Tài chính; .*; … và 24 cơ quan, đơn vị khác$/,
    );
  });
});

describe('the playground drives the scheduler through virtual time', () => {
  it('/advance over a whole period sends each reminder once, at its own time', async () => {
    const { bot, outbox, scheduler } = await setup({ now: '2025-06-01T08:00:00+07:00' });
    await registerSoYTe(bot);
    await scheduler.runUntil(at('2025-06-30T17:00'), (ms) => bot.clock.set(ms));
    const texts = outbox.to('1001').map((m) => m.text.split('\n')[2]);
    expect(texts).toEqual([
      'Hạn gửi: thứ Tư, 18/06/2025 — còn 7 ngày làm việc.',
      'Hạn gửi: thứ Tư, 18/06/2025 — còn 3 ngày làm việc.',
      'Hạn gửi: thứ Tư, 18/06/2025 — còn 1 ngày làm việc.',
      'Hạn gửi: thứ Tư, 18/06/2025 — hôm nay là hạn cuối.',
      ...[1, 2, 3, 4, 5].map((n) => `Đã quá hạn ${n} ngày làm việc (hạn gửi: thứ Tư, 18/06/2025). Đề nghị gửi báo cáo sớm.`),
    ]);
    // The coordinator hears of the period three times: the deadline and final summaries, then the escalation.
    expect(outbox.to('2002').map((m) => m.text.split('\n')[0])).toEqual([
      '📊 TỔNG HỢP KHI HẾT HẠN — sơ kết 6 tháng đầu năm 2025',
      '📊 TỔNG HỢP CHÍNH THỨC — sơ kết 6 tháng đầu năm 2025',
      'Kính gửi Sở Nội vụ,',
    ]);
  });
});
