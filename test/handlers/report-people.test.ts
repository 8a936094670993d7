import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { countingSubmission, countsAsReported } from '../../src/domain/report/approval.js';
import { referenceNumber } from '../../src/domain/report/reference.js';
import { privateChatOf } from '../../src/messaging/targets.js';
import { createTestBot, type TestBot, type TestBotOptions } from '../helpers/bot.js';
import { AN, BINH, FULL_QUICK_FORM, GROUP, HOA, Person, registerPeople, STORES, STRANGER, TAI } from './report-helpers.js';

const withSignOff = (plan: Plan): Plan => ({ ...plan, campaigns: plan.campaigns.map((c) => ({ ...c, requiresApproval: true })) });

/** Who reports, where, and what happens when two people of one agency report at once. */
describe.each(STORES)('who reports (%s store)', (store) => {
  let bot: TestBot;
  const an = new Person(() => bot, AN, 'Nguyễn Văn An');
  const hoa = new Person(() => bot, HOA, 'Vàng Thị Hoa');
  async function start(options: TestBotOptions = {}) {
    bot = await createTestBot({ store, ...options });
    await registerPeople(bot);
  }
  afterEach(() => bot.close());
  const latest = () => bot.store.reports.latest('2025-6-thang', 'so-y-te');

  describe('two people of Sở Y tế report at once', () => {
    it("the second to confirm is shown the first one's report instead of overwriting it, and may then send theirs in its place", async () => {
      await start();
      await an.say(FULL_QUICK_FORM);
      await hoa.say('/baocao 1: xong\n2: 30%\n3: chua\n4: ht sl 3\n5: chua\n6: chua sl 0\n7: chua sl 0');
      expect(await hoa.say('xác nhận')).toContain('✅ Đôn Đốc đã nhận báo cáo.');

      let said = await an.tap('Xác nhận');
      expect(said).toContain('Trong lúc đồng chí báo cáo, đồng chí Vàng Thị Hoa đã gửi báo cáo của Sở Y tế (lần 1, lúc 08:00 10/06/2025):');
      expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 30%');
      expect(said).toContain('Báo cáo của đồng chí chưa được lưu, để không ghi đè báo cáo trên.');
      expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 80%'); // his own, to review again
      expect(await latest()).toMatchObject({ revision: 1, submittedBy: { account: HOA } });

      said = await an.tap('Xác nhận');
      expect(said).toContain('(báo cáo lần 2)');
      expect(await latest()).toMatchObject({ revision: 2, submittedBy: { account: AN } });
    });

    it('confirming at the very same moment saves exactly one revision; the other is told, not saved', async () => {
      await start();
      await an.say(FULL_QUICK_FORM);
      await hoa.say(FULL_QUICK_FORM.replace('2: 80%', '2: 40%'));
      const [forAn, forHoa] = await Promise.all([an.say('xác nhận'), hoa.say('xác nhận')]);
      const receipts = [forAn, forHoa].filter((t) => t.includes('✅ Đôn Đốc đã nhận báo cáo.'));
      expect(receipts).toHaveLength(1);
      expect(
        [forAn, forHoa].filter((t) => t.includes('đã gửi báo cáo của Sở Y tế') || t.includes('đang gửi báo cáo đúng lúc này')),
      ).toHaveLength(1);
      expect(await bot.store.reports.history('2025-6-thang', 'so-y-te')).toHaveLength(1);
    });
  });

  describe('the store drops out in the middle of a confirmation (a Redis restart)', () => {
    /** The store's connection lost: a command fails, whether or not it ran (`ran`). */
    const lost = () => Object.assign(new Error('Connection is closed.'), { name: 'MaxRetriesPerRequestError' });

    it("Sở Y tế's receipt stands when only the lease's release failed, and the head's next confirmation is not told another official is sending", async () => {
      await start();
      const leases = bot.store.leases;
      const release = leases.release.bind(leases);
      let failReleases = 1;
      leases.release = async (key, owner) => {
        if (failReleases-- > 0) throw lost();
        return release(key, owner);
      };
      await an.say(FULL_QUICK_FORM);
      expect(await an.say('xác nhận')).toContain('✅ Đôn Đốc đã nhận báo cáo.');
      // A correction at once, well within the lease's 15 s: his own finished attempt holds it no longer.
      await an.say(FULL_QUICK_FORM.replace('2: 80%', '2: 90%'));
      const said = await an.say('xác nhận');
      expect(said).not.toContain('đang gửi báo cáo đúng lúc này');
      expect(said).toContain('(báo cáo lần 2)');
      expect(await latest()).toMatchObject({ revision: 2, submittedBy: { account: AN } });
    });

    it('a claim that ran but whose answer was lost does not lock the head out of confirming again', async () => {
      await start();
      const leases = bot.store.leases;
      const claim = leases.claim.bind(leases);
      let loseAnswers = 1;
      leases.claim = async (key, owner, ttlMs) => {
        const took = await claim(key, owner, ttlMs);
        if (loseAnswers-- > 0) throw lost();
        return took;
      };
      await an.say(FULL_QUICK_FORM);
      expect(await an.say('xác nhận')).toContain('đã có lỗi khi xử lý yêu cầu');
      expect(await latest()).toBeUndefined();
      const said = await an.say('xác nhận');
      expect(said).not.toContain('đang gửi báo cáo đúng lúc này');
      expect(said).toContain('✅ Đôn Đốc đã nhận báo cáo.');
    });

    it("another official's lease is still respected: Hoa is told to wait while An's confirmation holds it", async () => {
      await start();
      await bot.store.leases.claim('report-confirm:2025-6-thang:so-y-te', 'an-in-another-instance', 15_000);
      await hoa.say(FULL_QUICK_FORM);
      expect(await hoa.say('xác nhận')).toContain('đang gửi báo cáo đúng lúc này');
      expect(await latest()).toBeUndefined();
    });
  });

  describe("the head's sign-off (campaign with requires_approval)", () => {
    it("a deputy's report is a draft until the head approves it with one tap; the draft does not count as reported", async () => {
      await start({ editPlan: withSignOff });
      await hoa.say(FULL_QUICK_FORM);
      let said = await hoa.say('xác nhận');
      expect(said).toContain('📝 Đôn Đốc đã lưu báo cáo dưới dạng bản nháp, chờ Thủ trưởng duyệt.');
      expect(said).toContain('Bản nháp chưa được tính là cơ quan đã báo cáo cho đến khi Thủ trưởng duyệt.');
      const draft = await latest();
      expect(draft).toMatchObject({ revision: 1, status: 'draft', submittedBy: { account: HOA, role: 'deputy' } });
      expect(countsAsReported(draft ?? {})).toBe(false);

      const [notice, ...others] = hoa.elsewhere();
      expect(others).toEqual([]);
      expect(notice?.to).toEqual(privateChatOf(AN));
      expect(notice?.text).toContain('Kính gửi đồng chí Giám đốc Sở Y tế,');
      expect(notice?.text).toContain(
        'Đồng chí Vàng Thị Hoa (Phó Giám đốc) đã gửi báo cáo kỳ sơ kết 6 tháng đầu năm 2025 (Phong trào thi đua năm 2025), đề nghị đồng chí duyệt:',
      );
      expect(notice?.text).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành; 12 tập thể, cá nhân');
      expect(notice?.choices).toEqual([
        { id: 'ap:2025-6-thang:so-y-te:1', label: 'Duyệt báo cáo' },
        { id: 'rt:2025-6-thang:so-y-te:1', label: 'Trả lại' },
      ]);

      // Only the head can approve.
      expect(await hoa.pick('ap:2025-6-thang:so-y-te:1')).toBe('Lệnh này chỉ dành cho thủ trưởng cơ quan, đơn vị.');
      bot.clock.advance(60 * 60_000);
      said = await an.pick('ap:2025-6-thang:so-y-te:1');
      expect(said).toContain('✅ Đã duyệt báo cáo của Sở Y tế, kỳ sơ kết 6 tháng đầu năm 2025.');
      expect(said).toContain('Báo cáo được tính từ 09:00 10/06/2025 — đúng hạn (hạn gửi: thứ Tư, 18/06/2025).');
      expect(said).toContain(`Số tham chiếu: ${referenceNumber('2025-6-thang', 'so-y-te', 2)} (báo cáo lần 2)`);
      expect(an.elsewhere()).toEqual([
        {
          text: `Đồng chí Nguyễn Văn An đã duyệt báo cáo của Sở Y tế, kỳ sơ kết 6 tháng đầu năm 2025. Số tham chiếu: ${referenceNumber('2025-6-thang', 'so-y-te', 2)}.`,
          to: privateChatOf(HOA),
        },
      ]);

      const history = await bot.store.reports.history('2025-6-thang', 'so-y-te');
      expect(history.map((h) => [h.revision, h.status, h.approvedBy?.account])).toEqual([
        [1, 'draft', undefined],
        [2, 'final', AN],
      ]);
      expect(history[1]?.answers).toEqual(history[0]?.answers);
      expect(countsAsReported(history[1] ?? {})).toBe(true);
      // The old button again: already approved.
      expect(await an.pick('ap:2025-6-thang:so-y-te:1')).toContain('Báo cáo này đã được duyệt');
    });

    it('the head may approve with /duyet; approval after the deadline is late and the coordinator is told', async () => {
      await start({ editPlan: withSignOff, now: '2025-06-18T16:00:00+07:00' });
      expect(await an.say('/duyet')).toBe('Hiện không có báo cáo nào đang chờ đồng chí duyệt.');
      await hoa.say(FULL_QUICK_FORM);
      expect(await hoa.say('xác nhận')).toContain('Đúng hạn');
      bot.clock.set(Date.parse('2025-06-19T08:00:00+07:00'));
      // /duyet shows the draft in full and asks; nothing is approved unseen.
      expect(await an.say('/duyet')).toContain('Đề nghị đồng chí chọn "Duyệt báo cáo", hoặc "Trả lại" (kèm lý do) để cấp phó sửa.');
      expect(await latest()).toMatchObject({ status: 'draft' });
      const said = await an.tap('Duyệt báo cáo');
      expect(said).toContain('muộn so với hạn gửi thứ Tư, 18/06/2025; Sở Nội vụ đã được thông báo.');
      expect(an.elsewhere().map((r) => r.to)).toEqual([privateChatOf(HOA), privateChatOf(BINH)]);
      expect(an.elsewhere()[1]?.text).toContain('người gửi: Vàng Thị Hoa, Nguyễn Văn An');
      expect(await latest()).toMatchObject({ revision: 2, status: 'final', late: true });
    });

    it("a head's own report needs no sign-off, and a delegated deputy reports without it", async () => {
      await start({ editPlan: withSignOff });
      await an.say(FULL_QUICK_FORM);
      expect(await an.say('xác nhận')).toContain('✅ Đôn Đốc đã nhận báo cáo.');
      expect(await latest()).toMatchObject({ status: 'final' });

      // A deputy's amendment waits for sign-off; the head's report still counts meanwhile.
      await hoa.say('/baocao 2: 90%');
      await hoa.say('xác nhận');
      const history = await bot.store.reports.history('2025-6-thang', 'so-y-te');
      expect(history.map((h) => h.status)).toEqual(['final', 'draft']);
      expect(countingSubmission(history)?.revision).toBe(1);

      expect(await an.say('/uyquyen 1 10/06/2025 20/06/2025')).toContain('Đã ủy quyền cho Vàng Thị Hoa');
      await hoa.say('/baocao 2: 95%');
      expect(await hoa.say('xác nhận')).toContain('✅ Đôn Đốc đã nhận báo cáo.');
      expect(await latest()).toMatchObject({ revision: 3, status: 'final', submittedBy: { account: HOA } });
      // Without sign-off, the head is still told what the deputy sent in the agency's name.
      expect(hoa.elsewhere().map((r) => r.to)).toEqual([privateChatOf(AN)]);
      expect(hoa.elsewhere()[0]?.text).toContain('Đồng chí Vàng Thị Hoa (Phó Giám đốc) đã gửi báo cáo của Sở Y tế');
      // The superseded draft can no longer be approved.
      expect(await an.pick('ap:2025-6-thang:so-y-te:2')).toBe('Hiện không có báo cáo nào đang chờ đồng chí duyệt.');
    });
  });

  describe('in the agency group', () => {
    const anInGroup = an.inGroup();
    const hoaInGroup = hoa.inGroup();
    const stranger = new Person(() => bot, STRANGER, 'Người lạ').inGroup();
    const bindGroup = () =>
      bot.store.chats.bind({
        platform: 'telegram',
        chatId: GROUP,
        title: 'Sở Y tế — Báo cáo',
        target: { kind: 'agency', agencyId: 'so-y-te' },
        boundBy: AN,
        boundAt: bot.clock.now(),
      });

    it("each person's conversation is their own; replies name them; others' chatter is left alone", async () => {
      await start();
      await bindGroup();
      let said = await anInGroup.say('/baocao');
      expect(said).toMatch(/^Đồng chí Nguyễn Văn An:\n/);
      expect(said).toContain('Nội dung 1/7');
      said = await hoaInGroup.say('/baocao@DonDocLaiChauBot');
      expect(said).toMatch(/^Đồng chí Vàng Thị Hoa:\n/);

      expect(await anInGroup.say('xong')).toContain(
        'Đồng chí Nguyễn Văn An:\nNội dung 1/7: Quán triệt, tuyên truyền về thi đua\nGhi chú ngắn',
      );
      // A typed answer in a group is asked for as a reply to the bot's message (Telegram privacy mode), without buttons.
      expect(anInGroup.last).toEqual([expect.objectContaining({ expectsReply: true })]);
      expect(anInGroup.options()).toEqual([]);
      expect(await hoaInGroup.say('dang lam')).toContain(
        'Đồng chí Vàng Thị Hoa:\nNội dung 1/7: Quán triệt, tuyên truyền về thi đua\nĐã thực hiện được bao nhiêu phần trăm?',
      );
      expect(await stranger.say('chào mọi người, họp lúc 9 giờ nhé')).toBe('');
      expect(stranger.last).toEqual([]);
      // A button of An's pressed by someone else does not touch An's conversation.
      const anOption = anInGroup.options()[0]?.id ?? '';
      expect(await stranger.pick(anOption)).toBe('Lựa chọn này đã hết hiệu lực. Đề nghị gõ lại lệnh.');
      // An's private chat is a different conversation.
      expect(await an.say('xong')).toContain('/trogiup');
      expect(await anInGroup.say('Đã quán triệt')).toContain('Nội dung 2/7');
      expect(await hoaInGroup.say('/huy')).toBe('Đồng chí Vàng Thị Hoa:\nĐã hủy phiên báo cáo; chưa có nội dung nào được lưu.');
      expect(await anInGroup.say('đang làm')).toContain('Đã thực hiện được bao nhiêu phần trăm?');
    });

    it("a stranger is told to register; a head of another agency cannot report in Sở Y tế's group", async () => {
      await start();
      await bindGroup();
      expect(await stranger.say('/baocao')).toContain('chưa được đăng ký');
      expect(await new Person(() => bot, TAI, 'Lò Văn Tài').inGroup().say('/baocao')).toBe(
        'Trong nhóm này, lệnh chỉ dành cho cán bộ đã đăng ký của Sở Y tế.',
      );
      expect(await new Person(() => bot, STRANGER, 'Người lạ').say('/baocao')).toContain('Đề nghị liên hệ Sở Nội vụ để nhận mã mời');
      expect(await new Person(() => bot, BINH, 'Trần Thị Bình').say('/baocao')).toBe('Lệnh này chỉ dành cho thủ trưởng cơ quan, đơn vị.');
    });
  });

  describe('choosing what to report on', () => {
    it('someone bound to two agencies is asked which first; in a group, the group’s agency is taken', async () => {
      await start();
      await bot.grant({ account: AN, role: 'head', agencyId: 'so-tai-chinh', name: 'Nguyễn Văn An' });
      let said = await an.say('/baocao');
      expect(said).toBe('Đồng chí báo cáo cho cơ quan, đơn vị nào? Chọn một nút, hoặc gõ số thứ tự (từ 1 đến 2).');
      expect(an.options().map((c) => c.label)).toEqual(['Sở Tài chính', 'Sở Y tế']);
      said = await an.say('y te');
      expect(said).toContain('của Sở Y tế, kỳ sơ kết 6 tháng đầu năm 2025');
      await an.say('/huy');
      await an.say('/baocao 1: xong');
      said = await an.tap('Sở Tài chính');
      expect(said).toContain('của Sở Tài chính');
      expect(said).toContain('Nội dung 2/7');

      await bot.store.chats.bind({
        platform: 'telegram',
        chatId: GROUP,
        target: { kind: 'agency', agencyId: 'so-y-te' },
        boundBy: AN,
        boundAt: bot.clock.now(),
      });
      expect(await an.inGroup().say('/baocao')).toContain('của Sở Y tế');
    });

    it('the period is asked only when more than one is open', async () => {
      await start({
        editPlan: (plan) => ({
          ...plan,
          periods: [
            ...plan.periods,
            {
              id: '2025-thang-6',
              campaignId: 'thi-dua-2025',
              kind: 'monthly',
              name: 'tháng 6/2025',
              cutoff: { from: '2025-05-15', to: '2025-06-14' },
              deadline: '2025-06-20',
              opensOn: '2025-06-01',
            },
          ],
        }),
      });
      let said = await an.say('/baocao');
      expect(said).toBe('Hiện có nhiều kỳ báo cáo đang mở. Đồng chí báo cáo cho kỳ nào? Chọn một nút, hoặc gõ số thứ tự (từ 1 đến 2).');
      expect(an.options()).toEqual([
        { id: 'p:2025-6-thang', label: 'sơ kết 6 tháng đầu năm 2025 (hạn 18/06/2025)' },
        { id: 'p:2025-thang-6', label: 'tháng 6/2025 (hạn 20/06/2025)' },
      ]);
      said = await an.say('3');
      expect(said).toContain('Đề nghị chọn từ 1 đến 2.');
      said = await an.tap('tháng 6/2025 (hạn 20/06/2025)');
      expect(said).toContain('kỳ tháng 6/2025; hạn gửi: thứ Sáu, 20/06/2025.');
    });

    it('before a period opens, the person is told when it will', async () => {
      await start({ now: '2025-11-20T08:00:00+07:00' });
      expect(await an.say('/baocao')).toBe(
        'Hiện Sở Y tế không có kỳ báo cáo nào đang nhận báo cáo. Gõ /kyhan để xem các kỳ báo cáo.\nKỳ tổng kết năm 2025 bắt đầu nhận báo cáo từ ngày 01/12/2025.',
      );
      expect(await an.say('xong')).toContain('/trogiup');
    });
  });
});
