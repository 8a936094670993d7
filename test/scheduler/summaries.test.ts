import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../scheduler/scheduler.js';
import { accountId } from '../../src/domain/roles.js';
import type { ItemAnswer } from '../../src/domain/submission.js';
import { finalSummaryMetaKey } from '../../src/domain/summary/index.js';
import { createDeliver, type Deliver } from '../../src/messaging/delivery.js';
import type { Reply } from '../../src/messaging/reply.js';
import { formatInstantVi } from '../../src/texts/when.js';
import { createTestBot, type TestBot, type TestBotOptions } from '../helpers/bot.js';
import { createRecordingMessenger } from '../helpers/recording-messenger.js';
import { deleteKeysUnder, uniqueRedisPrefix } from '../helpers/redis.js';

const HEAD_YTE = accountId('telegram', '1001');
const HEAD_TC = accountId('telegram', '1003');
const COORDINATOR = accountId('telegram', '2002');
const COORDINATORS_GROUP = '-100999';
const at = (iso: string) => Date.parse(`${iso}+07:00`);

const opened: TestBot[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
  await Promise.all(prefixes.splice(0).map((p) => deleteKeysUnder(p)));
});

/** A bot, a scheduler, and a log of what was sent when (virtual time) to whom. */
async function setup(options: TestBotOptions & { group?: boolean; instanceId?: string } = {}) {
  const bot = await createTestBot({ now: '2025-06-01T08:00:00+07:00', ...options });
  opened.push(bot);
  await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
  await bot.grant({ account: HEAD_YTE, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
  await bot.grant({ account: HEAD_TC, role: 'head', agencyId: 'so-tai-chinh', name: 'Lò Văn Tài' });
  if (options.group !== false) {
    await bot.store.chats.bind({
      platform: 'telegram',
      chatId: COORDINATORS_GROUP,
      title: 'Sở Nội vụ — điều phối',
      target: { kind: 'coordinator' },
      boundBy: COORDINATOR,
      boundAt: 0,
    });
  }
  const outbox = createRecordingMessenger('telegram');
  const inner = createDeliver([outbox.messenger]);
  const log: { at: number; chatId: string; reply: Reply }[] = [];
  const deliver: Deliver = async (to, reply) => {
    log.push({ at: bot.clock.now(), chatId: to.chatId, reply });
    return inner(to, reply);
  };
  const scheduler = createScheduler({ services: bot.services, deliver, instanceId: options.instanceId ?? 'test-1' });
  const runUntil = (iso: string) => scheduler.runUntil(at(iso), (ms) => bot.clock.set(ms));
  /** What the coordinators got, as "when — first line". */
  const coordinatorLog = (chatId = COORDINATORS_GROUP) =>
    log.filter((m) => m.chatId === chatId).map((m) => `${formatInstantVi(m.at)} — ${m.reply.text.split('\n')[0]}`);
  return { bot, outbox, scheduler, log, runUntil, coordinatorLog };
}

function answers(percent: number, quantity: number): ItemAnswer[] {
  return [1, 2, 3, 4, 5, 6, 7].map((itemNo) => ({
    itemNo,
    status: percent === 100 ? 'done' : 'in-progress',
    percent,
    note: '',
    ...([4, 6, 7].includes(itemNo) ? { quantity } : {}),
  }));
}

async function reports(bot: TestBot, agencyId: string, percent: number, quantity: number) {
  const now = bot.clock.now();
  await bot.store.reports.add({
    campaignId: 'thi-dua-2025',
    periodId: '2025-6-thang',
    agencyId,
    answers: answers(percent, quantity),
    submittedBy: { account: HEAD_YTE, name: 'Thủ trưởng', role: 'head' },
    submittedAt: now,
    late: now > at('2025-06-18T23:59:59'),
  });
}

describe('summaries across a whole period, on a virtual clock', () => {
  it('posts the deadline summary, the final one with the late report, and an addendum for a report after it — each once', async () => {
    const { bot, log, runUntil, coordinatorLog } = await setup();
    await runUntil('2025-06-16T09:00');
    await reports(bot, 'so-y-te', 100, 10);
    await runUntil('2025-06-19T09:00');
    await reports(bot, 'xa-muong-kim', 50, 1_000); // a day late, before the final summary
    await runUntil('2025-06-23T10:00');
    await reports(bot, 'so-tai-chinh', 100, 5); // after the final summary
    await runUntil('2025-06-30T17:00');

    expect(coordinatorLog()).toEqual([
      '16:30 thứ Tư, 18/06/2025 — 📊 TỔNG HỢP KHI HẾT HẠN — sơ kết 6 tháng đầu năm 2025',
      '16:30 thứ Năm, 19/06/2025 — 📊 TỔNG HỢP CHÍNH THỨC — sơ kết 6 tháng đầu năm 2025',
      '08:00 thứ Hai, 23/06/2025 — Kính gửi Sở Nội vụ,',
      '11:00 thứ Hai, 23/06/2025 — 📎 BỔ SUNG tổng hợp kỳ sơ kết 6 tháng đầu năm 2025 (Phong trào thi đua năm 2025)',
    ]);
    const [deadline, final, , addendum] = log.filter((m) => m.chatId === COORDINATORS_GROUP).map((m) => m.reply);
    expect(deadline?.text).toContain('Đã báo cáo 1/55 cơ quan, đơn vị: đúng hạn 1, muộn 0; chưa báo cáo 54.');
    expect(deadline?.text).toContain('Số liệu đến 16:30 18/06/2025; hạn gửi: thứ Tư, 18/06/2025.');
    expect(deadline?.text).toContain(
      '4. Đổi mới công tác thi đua, khen thưởng: hoàn thành 1 · đang thực hiện 0 · chưa 0 · bình quân 100% · tổng 10 tập thể, cá nhân',
    );
    expect(deadline?.text).not.toContain('Báo cáo muộn');
    // The final summary counts the late one and adds the numbers up across agencies.
    expect(final?.text).toContain('Đã báo cáo 2/55 cơ quan, đơn vị: đúng hạn 1, muộn 1; chưa báo cáo 53.');
    expect(final?.text).toContain('⚠️ Báo cáo muộn (1): UBND xã Mường Kim');
    expect(final?.text).toContain('bình quân 75% · tổng 1.010 tập thể, cá nhân');
    expect(final?.text).toContain(
      '7. Phối hợp thông tin, truyền thông: hoàn thành 1 · đang thực hiện 1 · chưa 0 · bình quân 75% · tổng 1.010 tin, bài',
    );
    // The missing split by what the coordinator can do: only Sở Tài chính has anyone to remind.
    expect(final?.text).toContain('⏳ Chưa báo cáo: 53 — đã nhắc, chưa gửi: 1; chưa có ai đăng ký: 52.');
    expect(final?.text).toContain('🔔 Đã nhắc, chưa gửi (1): Sở Tài chính (đã nhắc 5 lần; Thủ trưởng: Lò Văn Tài)');
    expect(final?.text).toContain(
      '👤 Chưa có ai đăng ký (52) — bot không có ai để nhắc; đề nghị mời Thủ trưởng đăng ký (/moi <mã cơ quan>): Sở Nội vụ; Văn phòng UBND tỉnh; Sở Tư pháp; Thanh tra tỉnh;',
    );
    expect(final?.text).not.toMatch(/Chưa có ai đăng ký[^\n]*Sở Tài chính/);
    // Both summaries carry the chart.
    for (const summary of [deadline, final]) {
      expect(summary?.attachments).toHaveLength(1);
      expect(summary?.attachments?.[0]).toMatchObject({ kind: 'photo', mime: 'image/png' });
      expect([...(summary?.attachments?.[0]?.data.subarray(1, 4) ?? [])]).toEqual([0x50, 0x4e, 0x47]);
    }
    // The late report after the final summary is an addendum, not silently folded in.
    expect(addendum?.text).toContain(
      'Sở Tài chính gửi báo cáo lúc 10:00 23/06/2025, muộn 3 ngày làm việc, sau khi đã có báo cáo tổng hợp chính thức.',
    );
    expect(addendum?.text).toContain('Tiến độ bình quân của đơn vị: 100%.');
    expect(addendum?.text).toContain('• Số tập thể, cá nhân được khen thưởng: 5 tập thể, cá nhân');
    expect(addendum?.text).toContain('Nay đã báo cáo 3/55 cơ quan, đơn vị.');
    expect(await bot.store.settings.get(finalSummaryMetaKey('2025-6-thang'))).toBe(String(at('2025-06-19T16:30')));
  });

  it('an amendment after the final summary is an addendum too; an hour with nothing new says nothing', async () => {
    const { bot, runUntil, coordinatorLog } = await setup();
    await runUntil('2025-06-17T09:00');
    await reports(bot, 'so-y-te', 50, 1);
    await runUntil('2025-06-20T09:10');
    await reports(bot, 'so-y-te', 100, 3); // revision 2
    await runUntil('2025-06-20T15:00');
    const notes = coordinatorLog().filter((l) => l.includes('BỔ SUNG'));
    expect(notes).toEqual(['10:00 thứ Sáu, 20/06/2025 — 📎 BỔ SUNG tổng hợp kỳ sơ kết 6 tháng đầu năm 2025 (Phong trào thi đua năm 2025)']);
  });

  it('adds a weekly digest while the period is open when the plan asks, to the coordinators privately without a group', async () => {
    const { runUntil, coordinatorLog } = await setup({
      group: false,
      editPlan: (p) => ({ ...p, summaries: { weeklyDigest: true, weekday: 1, at: '08:00' } }),
    });
    await runUntil('2025-06-20T17:00');
    expect(coordinatorLog('2002').filter((l) => l.includes('TỔNG HỢP'))).toEqual([
      '08:00 thứ Hai, 02/06/2025 — 📊 TỔNG HỢP HẰNG TUẦN — sơ kết 6 tháng đầu năm 2025',
      '08:00 thứ Hai, 09/06/2025 — 📊 TỔNG HỢP HẰNG TUẦN — sơ kết 6 tháng đầu năm 2025',
      '08:00 thứ Hai, 16/06/2025 — 📊 TỔNG HỢP HẰNG TUẦN — sơ kết 6 tháng đầu năm 2025',
      '16:30 thứ Tư, 18/06/2025 — 📊 TỔNG HỢP KHI HẾT HẠN — sơ kết 6 tháng đầu năm 2025',
      '16:30 thứ Năm, 19/06/2025 — 📊 TỔNG HỢP CHÍNH THỨC — sơ kết 6 tháng đầu năm 2025',
    ]);
    // Three weeks of ticks on the virtual clock: ≈ 2 s alone, ten times that on a loaded machine.
  }, 60_000);

  it('after an outage spanning the deadline and the final slot, sends only the final summary', async () => {
    const { bot, scheduler, coordinatorLog } = await setup();
    bot.clock.set(at('2025-06-18T10:00'));
    await scheduler.tick(at('2025-06-18T10:00'));
    bot.clock.set(at('2025-06-20T08:30'));
    await scheduler.tick(at('2025-06-20T08:30'));
    expect(coordinatorLog().filter((l) => l.includes('TỔNG HỢP'))).toEqual([
      '08:30 thứ Sáu, 20/06/2025 — 📊 TỔNG HỢP CHÍNH THỨC — sơ kết 6 tháng đầu năm 2025',
    ]);
  });

  it('two instances on one Redis post each summary once', async () => {
    const prefix = uniqueRedisPrefix();
    prefixes.push(prefix);
    const a = await setup({ store: 'redis', redisPrefix: prefix, instanceId: 'a', now: '2025-06-18T16:00:00+07:00' });
    const b = await setup({ store: 'redis', redisPrefix: prefix, instanceId: 'b', now: '2025-06-18T16:00:00+07:00', group: false });
    await a.scheduler.tick(at('2025-06-18T16:00'));
    await Promise.all([
      a.scheduler.tick(at('2025-06-18T16:30')),
      b.scheduler.tick(at('2025-06-18T16:30')),
      b.scheduler.tick(at('2025-06-18T16:31')),
    ]);
    const summaries = [...a.log, ...b.log].filter((m) => m.reply.text.includes('TỔNG HỢP KHI HẾT HẠN'));
    expect(summaries.map((m) => m.chatId)).toEqual([COORDINATORS_GROUP]);
  });
});
