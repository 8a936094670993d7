import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSummary } from '../../handlers/summary-data.js';
import type { Plan } from '../../src/domain/plan.js';
import { privateChatOf } from '../../src/messaging/targets.js';
import { progressChartSvg } from '../../src/reports/chart.js';
import { composeReport } from '../../src/reports/report-model.js';
import { buildWorkbook, WORKBOOK_COLUMNS } from '../../src/reports/xlsx.js';
import { createTestBot, type TestBot, type TestBotOptions } from '../helpers/bot.js';
import { AN, BINH, FULL_QUICK_FORM, HOA, Person, registerPeople, STORES, TAI } from './report-helpers.js';

const withSignOff = (plan: Plan): Plan => ({ ...plan, campaigns: plan.campaigns.map((c) => ({ ...c, requiresApproval: true })) });

/** Timeliness is a fact about an agency's first counting report: later revisions never change it. */
describe.each(STORES)('on time or late (%s store)', (store) => {
  let bot: TestBot;
  const an = new Person(() => bot, AN, 'Nguyễn Văn An');
  const hoa = new Person(() => bot, HOA, 'Vàng Thị Hoa');
  const tai = new Person(() => bot, TAI, 'Lò Văn Tài');
  const binh = new Person(() => bot, BINH, 'Trần Thị Bình');
  async function start(options: TestBotOptions = {}) {
    bot = await createTestBot({ store, ...options });
    await registerPeople(bot);
  }
  afterEach(() => bot.close());

  async function exportedRows(): Promise<Map<string, Record<string, unknown>>> {
    const period = await bot.services.periods.find('2025-6-thang');
    if (!period) throw new Error('no period');
    const model = await loadSummary(bot.services, period, bot.clock.now());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await buildWorkbook([model], bot.clock.now())) as unknown as ExcelJS.Buffer);
    const rows = new Map<string, Record<string, unknown>>();
    workbook.getWorksheet('Sơ kết 6 tháng đầu năm 2025')?.eachRow((row, n) => {
      if (n === 1) return;
      const values = row.values as unknown[];
      const byKey = Object.fromEntries(WORKBOOK_COLUMNS.map((c, i) => [c.key, values[i + 1]]));
      rows.set(String(byKey.agencyId), byKey);
    });
    return rows;
  }

  async function docxText(): Promise<string> {
    const period = await bot.services.periods.find('2025-6-thang');
    if (!period) throw new Error('no period');
    const model = await loadSummary(bot.services, period, bot.clock.now());
    const report = composeReport({ model, plan: bot.plan });
    return report.sections.flatMap((section) => [section.heading, ...section.blocks.map((b) => b.text)]).join('\n');
  }

  it('Sở Y tế corrects item 2 two days after the deadline and stays on time', async () => {
    await start();
    await an.say(FULL_QUICK_FORM);
    expect(await an.say('xác nhận')).toContain('Đúng hạn (hạn gửi: thứ Tư, 18/06/2025).');

    bot.clock.set(Date.parse('2025-06-20T10:00:00+07:00'));
    // A correction in one message says what it replaces, as the guided flow does.
    expect(await an.say('/baocao 2: 95%')).toContain(
      'Cơ quan đã báo cáo lần 1 lúc 08:00 10/06/2025. Báo cáo lần này sẽ thay thế báo cáo đó (các lần trước vẫn được lưu)',
    );
    const receipt = await an.say('xác nhận');
    expect(receipt).toContain(
      'Đúng hạn (báo cáo lần đầu lúc 08:00 10/06/2025; hạn gửi: thứ Tư, 18/06/2025). Lần này là bổ sung sau hạn, lúc 10:00 20/06/2025. Sở Nội vụ đã được thông báo.',
    );
    expect(receipt).not.toContain('muộn');
    const [notice, ...others] = an.elsewhere();
    expect(others).toEqual([]);
    expect(notice?.to).toEqual(privateChatOf(BINH));
    expect(notice?.text).toContain(
      'Sở Y tế bổ sung báo cáo kỳ sơ kết 6 tháng đầu năm 2025 (Phong trào thi đua năm 2025) sau hạn, lúc 10:00 20/06/2025',
    );
    expect(notice?.text).toContain('Báo cáo lần đầu lúc 08:00 10/06/2025 — đúng hạn');
    expect(notice?.text).not.toContain('báo cáo muộn');
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toMatchObject({
      revision: 2,
      late: false,
      firstCountedAt: Date.parse('2025-06-10T08:00:00+07:00'),
    });

    // Sở Tài chính reports for the first time after the deadline: that one is late.
    await tai.say(FULL_QUICK_FORM);
    expect(await tai.say('xác nhận')).toContain('Báo cáo muộn: hạn gửi là thứ Tư, 18/06/2025. Sở Nội vụ đã được thông báo.');
    expect(tai.elsewhere()[0]?.text).toContain('Sở Tài chính đã gửi báo cáo muộn');

    const status = await binh.say('/status');
    expect(status).toContain('đúng hạn 1, muộn 1');
    expect(status).toContain('• Sở Tài chính — gửi lúc 10:00 20/06/2025');
    expect(status).toContain(
      '✏️ Đúng hạn, có bổ sung sau hạn (1):\n• Sở Y tế — báo cáo lúc 08:00 10/06/2025; bổ sung sau hạn lúc 10:00 20/06/2025',
    );
    const one = await binh.say('/status so-y-te');
    expect(one).toContain(
      '✅ Đúng hạn — báo cáo lần đầu lúc 08:00 10/06/2025; bản được tính: lần 2, lúc 10:00 20/06/2025 (bổ sung sau hạn)',
    );
    expect(one).toContain('• Lần 2: 10:00 20/06/2025 — Nguyễn Văn An — bổ sung sau hạn');
    expect(await an.say('/kyhan')).toContain('✅ Đã báo cáo lúc 08:00 10/06/2025 (đúng hạn), lần 2; bổ sung sau hạn lúc 10:00 20/06/2025');

    const rows = await exportedRows();
    expect(rows.get('so-y-te')).toMatchObject({ standing: 'Đúng hạn', revision: 2, revisedLate: 'Có' });
    expect(rows.get('so-y-te')?.lastAt).toBeInstanceOf(Date);
    expect(rows.get('so-y-te')?.firstAt).toBeInstanceOf(Date);
    expect(rows.get('so-tai-chinh')).toMatchObject({ standing: 'Muộn', revision: 1 });
    expect(rows.get('so-tai-chinh')?.revisedLate).toBe('');
    const summary = await binh.say('/tonghop');
    expect(summary).toContain('⚠️ Báo cáo muộn (1): Sở Tài chính');
    expect(summary).toContain('✏️ Bổ sung báo cáo sau hạn (1): Sở Y tế (báo cáo lần đầu đúng hạn; bổ sung lúc 10:00 20/06/2025)');
    const period = await bot.services.periods.find('2025-6-thang');
    if (!period) throw new Error('no period');
    const svg = progressChartSvg(await loadSummary(bot.services, period, bot.clock.now()));
    expect(svg).toMatch(/\(bổ sung/); // wrapped across lines
    expect(svg).toContain('muộn 1');
    const docx = await docxText();
    expect(docx).toContain('(đúng hạn: 1; muộn: 1)');
    expect(docx).toContain('- Báo cáo muộn (1): Sở Tài chính.');
    expect(docx).toContain('- Bổ sung báo cáo sau hạn (1): Sở Y tế.');
  });

  it('a correction stored before the timeliness stamp existed still reads as on time, everywhere', async () => {
    await start();
    const campaign = bot.plan.campaigns[0];
    if (!campaign) throw new Error('no campaign');
    const legacy = (submittedAt: string, late: boolean) => ({
      campaignId: campaign.id,
      periodId: '2025-6-thang',
      agencyId: 'so-y-te',
      answers: campaign.items.map((i) => ({
        itemNo: i.no,
        status: 'done' as const,
        percent: 100,
        note: '',
        ...(i.quantity ? { quantity: 1 } : {}),
      })),
      submittedBy: { account: AN, name: 'Nguyễn Văn An', role: 'head' as const },
      submittedAt: Date.parse(`${submittedAt}+07:00`),
      late,
    });
    await bot.store.reports.add(legacy('2025-06-10T08:00:00', false));
    await bot.store.reports.add(legacy('2025-06-20T10:00:00', true)); // the old rule marked the correction late
    bot.clock.set(Date.parse('2025-06-21T09:00:00+07:00'));
    expect(await binh.say('/status')).toContain('đúng hạn 1, muộn 0');
    expect(await an.say('/kyhan')).toContain('✅ Đã báo cáo lúc 08:00 10/06/2025 (đúng hạn), lần 2; bổ sung sau hạn lúc 10:00 20/06/2025');
    expect((await exportedRows()).get('so-y-te')).toMatchObject({ standing: 'Đúng hạn', revisedLate: 'Có' });
  });

  it('a correction before the deadline is told to nobody and leaves the agency on time', async () => {
    await start();
    await an.say(FULL_QUICK_FORM);
    await an.say('xác nhận');
    bot.clock.set(Date.parse('2025-06-18T16:00:00+07:00'));
    await an.say('/baocao 2: 95%');
    const receipt = await an.say('xác nhận');
    expect(receipt).toContain('Đúng hạn (báo cáo lần đầu lúc 08:00 10/06/2025; hạn gửi: thứ Tư, 18/06/2025).');
    expect(receipt).not.toContain('bổ sung sau hạn');
    expect(an.elsewhere()).toEqual([]);
  });

  it("a deputy's amendment approved after the deadline keeps the head's on-time report on time", async () => {
    await start({ editPlan: withSignOff });
    await an.say(FULL_QUICK_FORM);
    await an.say('xác nhận');
    bot.clock.set(Date.parse('2025-06-19T09:00:00+07:00'));
    await hoa.say('/baocao 2: 95%');
    await hoa.say('xác nhận');
    bot.clock.set(Date.parse('2025-06-19T10:00:00+07:00'));
    expect(await an.say('/duyet')).toContain(
      '• Trước: 2. Đổi mới phương thức lãnh đạo: Đang thực hiện 80%\n  Nay: 2. Đổi mới phương thức lãnh đạo: Đang thực hiện 95%',
    );
    const said = await an.tap('Duyệt báo cáo');
    expect(said).toContain(
      'Báo cáo lần này được tính từ 10:00 19/06/2025 (bổ sung sau hạn); cơ quan đã báo cáo lần đầu lúc 08:00 10/06/2025 — đúng hạn',
    );
    expect(an.elsewhere().map((r) => r.to)).toEqual([privateChatOf(HOA), privateChatOf(BINH)]);
    expect(an.elsewhere()[1]?.text).toContain('Sở Y tế bổ sung báo cáo');
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toMatchObject({ revision: 3, late: false });
  });

  it("a deputy's first report approved after the deadline is late: the agency counts from the approval", async () => {
    await start({ editPlan: withSignOff, now: '2025-06-18T16:00:00+07:00' });
    await hoa.say(FULL_QUICK_FORM);
    await hoa.say('xác nhận');
    bot.clock.set(Date.parse('2025-06-19T08:00:00+07:00'));
    await an.say('/duyet');
    expect(await an.tap('Duyệt báo cáo')).toContain('muộn so với hạn gửi thứ Tư, 18/06/2025; Sở Nội vụ đã được thông báo.');
    expect(await binh.say('/status')).toContain('đúng hạn 0, muộn 1');
  });
});
