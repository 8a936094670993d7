import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { privateChatOf } from '../../src/messaging/targets.js';
import { createTestBot, type TestBot, type TestBotOptions } from '../helpers/bot.js';
import { AN, BINH, FULL_QUICK_FORM, HOA, Person, STORES } from './report-helpers.js';

const withSignOff = (plan: Plan): Plan => ({ ...plan, campaigns: plan.campaigns.map((c) => ({ ...c, requiresApproval: true })) });

/** Sign-off a head can trust: seen in full, approved or sent back with a reason, never lost from view. */
describe.each(STORES)('the head signs off (%s store)', (store) => {
  let bot: TestBot;
  const an = new Person(() => bot, AN, 'Nguyễn Văn An');
  const hoa = new Person(() => bot, HOA, 'Vàng Thị Hoa');
  async function start(options: TestBotOptions = {}) {
    bot = await createTestBot({ store, editPlan: withSignOff, ...options });
    await bot.grant({ account: HOA, role: 'deputy', agencyId: 'so-y-te', name: 'Vàng Thị Hoa' });
    await bot.grant({ account: BINH, role: 'coordinator', name: 'Trần Thị Bình' });
  }
  afterEach(() => bot.close());
  const latest = () => bot.store.reports.latest('2025-6-thang', 'so-y-te');

  it('a head who registers after the draft sees it waiting in /kyhan and can open it with /duyet', async () => {
    await start();
    await hoa.say(FULL_QUICK_FORM);
    expect(await hoa.say('xác nhận')).toContain('Cơ quan chưa có Thủ trưởng đăng ký với Đôn Đốc để duyệt');
    await bot.grant({ account: AN, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
    const kyhan = await an.say('/kyhan');
    expect(kyhan).toContain('⏳ Chưa báo cáo');
    expect(kyhan).toContain('📝 Có bản nháp của đồng chí Vàng Thị Hoa chờ Thủ trưởng duyệt — gõ /duyet để xem.');
    expect(await an.say('/duyet')).toContain('Đồng chí Vàng Thị Hoa (Phó Giám đốc) đã gửi báo cáo kỳ sơ kết 6 tháng đầu năm 2025');
  });

  it('the head sends the draft back with a reason; the deputy is told; the fixed draft shows what changed and is approved', async () => {
    await start();
    await bot.grant({ account: AN, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
    await hoa.say(FULL_QUICK_FORM);
    await hoa.say('xác nhận');
    const review = await an.say('/duyet');
    expect(review).toContain('Đây là báo cáo đầu tiên của cơ quan trong kỳ này.');
    expect(await an.tap('Trả lại')).toBe('Đề nghị gõ lý do trả lại sau lệnh, ví dụ: /tralai Đề nghị bổ sung số liệu mục 4.');
    expect(await latest()).toMatchObject({ status: 'draft', revision: 1 });
    expect(await an.say('/tralai Đề nghị bổ sung số liệu mục 4')).toBe(
      'Đã trả lại bản nháp báo cáo của Sở Y tế, kỳ sơ kết 6 tháng đầu năm 2025, cho đồng chí Vàng Thị Hoa. Lý do: Đề nghị bổ sung số liệu mục 4',
    );
    const [told] = an.elsewhere();
    expect(told?.to).toEqual(privateChatOf(HOA));
    expect(told?.text).toContain('Đồng chí Nguyễn Văn An đã trả lại bản nháp báo cáo của Sở Y tế');
    expect(told?.text).toContain('Lý do: Đề nghị bổ sung số liệu mục 4');
    // Returned: no longer waiting, but kept in the history.
    expect(await an.say('/duyet')).toBe('Hiện không có báo cáo nào đang chờ đồng chí duyệt.');
    expect(await an.pick('ap:2025-6-thang:so-y-te:1')).toBe('Hiện không có báo cáo nào đang chờ đồng chí duyệt.');
    expect(await bot.store.reports.history('2025-6-thang', 'so-y-te')).toHaveLength(1);
    const one = await bot.say(BINH, '/status so-y-te');
    expect(one[0]?.text).toContain('⏳ Chưa báo cáo.\nThủ trưởng: Nguyễn Văn An');
    expect(one[0]?.text).toContain('• Lần 1: 08:00 10/06/2025 — Vàng Thị Hoa — bản nháp đã bị trả lại');
    expect(JSON.stringify(await bot.say(BINH, '/status'))).not.toContain('có bản nháp chờ Thủ trưởng duyệt');

    await hoa.say(FULL_QUICK_FORM.replace('4: hoan thanh sl 12', '4: hoan thanh sl 15'));
    await hoa.say('xác nhận');
    const [notice] = hoa.elsewhere();
    expect(notice?.to).toEqual(privateChatOf(AN));
    expect(notice?.choices?.map((c) => c.label)).toEqual(['Duyệt báo cáo', 'Trả lại']);
    expect(await an.pick(notice?.choices?.[0]?.id ?? '')).toContain('✅ Đã duyệt báo cáo của Sở Y tế');
    expect(await latest()).toMatchObject({ status: 'final', revision: 3, approvedBy: { account: AN } });
  });

  it('an amendment to an approved report shows only what changed', async () => {
    await start();
    await bot.grant({ account: AN, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
    await an.say(FULL_QUICK_FORM);
    await an.say('xác nhận');
    await hoa.say('/baocao 2: 95%');
    await hoa.say('xác nhận');
    const review = await an.say('/duyet');
    expect(review).toContain(
      'Thay đổi so với báo cáo đã được tính (lần 1):\n• Trước: 2. Đổi mới phương thức lãnh đạo: Đang thực hiện 80%\n  Nay: 2. Đổi mới phương thức lãnh đạo: Đang thực hiện 95%\nĐề nghị',
    );
  });

  it('without sign-off, a deputy report counts and the head is told', async () => {
    await start({ editPlan: (p) => p });
    await bot.grant({ account: AN, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
    await hoa.say(FULL_QUICK_FORM);
    expect(await hoa.say('xác nhận')).toContain('✅ Đôn Đốc đã nhận báo cáo.');
    expect(hoa.elsewhere().map((r) => r.to)).toEqual([privateChatOf(AN)]);
    expect(hoa.elsewhere()[0]?.text).toContain(
      'Kính gửi đồng chí Giám đốc Sở Y tế,\nĐồng chí Vàng Thị Hoa (Phó Giám đốc) đã gửi báo cáo của Sở Y tế',
    );
  });
});
