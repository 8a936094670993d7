import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSummary } from '../../handlers/summary-data.js';
import { createScheduler } from '../../scheduler/scheduler.js';
import { findCampaign, findPeriod } from '../../src/domain/plan.js';
import { prepareSubmission } from '../../src/domain/submission.js';
import { accountId, type AccountId } from '../../src/domain/roles.js';
import type { ItemAnswer, Submitter } from '../../src/domain/submission.js';
import { createDeliver } from '../../src/messaging/delivery.js';
import type { Attachment } from '../../src/messaging/reply.js';
import { progressChartSvg } from '../../src/reports/chart.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { createRecordingMessenger } from '../helpers/recording-messenger.js';

/**
 * A whole six-month period, scripted: heads registered, reminders sent, reports on time, revised
 * after the deadline, late, a deputy's draft never signed off, most agencies silent. At the end the
 * coordinator asks /status, /tonghop and /xuat, and the three views must agree: the DOCX has its four
 * sections with the right counts and every agency's note under its item, the XLSX summary sheet has
 * the same numbers as /status and the DOCX, and the chart's labels are whole.
 */

const at = (iso: string) => Date.parse(`${iso}+07:00`);
const COORDINATOR = accountId('telegram', '2002');
const HEADS: Record<string, AccountId> = {
  'so-y-te': accountId('telegram', '1001'),
  'so-tai-chinh': accountId('telegram', '1003'),
  'xa-muong-kim': accountId('telegram', '1004'),
  'so-tu-phap': accountId('telegram', '1006'),
};
const DEPUTY_PAU = accountId('telegram', '1005');

/** What each agency reports, item by item: percent, note, count (items 4, 6 and 7 ask for one). */
type Line = [percent: number, note: string, quantity?: number];
const SO_Y_TE_1: Line[] = [
  [100, 'Bản cũ, đã thay'],
  [50, ''],
  [50, ''],
  [100, '', 10],
  [0, ''],
  [0, '', 0],
  [100, '', 30],
];
const SO_Y_TE_2: Line[] = [
  [100, 'Đã tổ chức 3 hội nghị quán triệt'],
  [100, ''],
  [50, ''],
  [100, 'Khen thưởng 12 tập thể, cá nhân', 12],
  [0, ''],
  [0, '', 0],
  [100, '', 30],
];
const MUONG_KIM_1: Line[] = [
  [100, ''],
  [100, ''],
  [100, ''],
  [100, '', 1_200],
  [100, ''],
  [100, 'Đã tổ chức hội nghị điển hình tiên tiến cấp xã', 2],
  [100, '', 5],
];
const MUONG_KIM_2: Line[] = [[100, 'Bổ sung: đã quán triệt tới thôn, bản'], ...MUONG_KIM_1.slice(1)];
const TAI_CHINH: Line[] = [
  [50, ''],
  [0, 'Chưa triển khai do sắp xếp tổ chức bộ máy'],
  [0, ''],
  [50, '', 0],
  [0, ''],
  [0, '', 0],
  [0, '', 1],
];
const PA_U_DRAFT: Line[] = [
  [100, 'Bản nháp chưa duyệt'],
  [100, ''],
  [100, ''],
  [100, '', 3],
  [100, ''],
  [100, '', 1],
  [100, '', 1],
];

function answers(lines: readonly Line[]): ItemAnswer[] {
  return lines.map(([percent, note, quantity], i) => ({
    itemNo: i + 1,
    status: percent === 100 ? 'done' : percent === 0 ? 'not-started' : 'in-progress',
    percent,
    note,
    ...(quantity === undefined ? {} : { quantity }),
  }));
}

let bot: TestBot;
let status: string;
let docText: string;
let docx: Uint8Array;
let workbook: ExcelJS.Workbook;
let chartSvg: string;
let chartPng: Attachment | undefined;
let escalation: string | undefined;

async function send(
  agencyId: string,
  lines: readonly Line[],
  extra: { difficulties?: string; proposals?: string; by?: Submitter; draft?: boolean } = {},
): Promise<void> {
  const plan = bot.plan;
  const period = findPeriod(plan, '2025-6-thang');
  const campaign = findCampaign(plan, 'thi-dua-2025');
  if (!period || !campaign) throw new Error('example plan changed');
  const account = HEADS[agencyId] ?? DEPUTY_PAU;
  const prepared = prepareSubmission({
    campaign,
    period,
    agencyId,
    answers: answers(lines),
    submittedBy: extra.by ?? { account, name: `Thủ trưởng ${agencyId}`, role: 'head' },
    submittedAt: bot.clock.now(),
  });
  if (!prepared.ok) throw new Error(`bad script: ${JSON.stringify(prepared.problems)}`);
  await bot.store.reports.add({
    ...prepared.submission,
    ...(extra.difficulties ? { difficulties: extra.difficulties } : {}),
    ...(extra.proposals ? { proposals: extra.proposals } : {}),
    ...(extra.draft ? { status: 'draft' as const } : {}),
  });
}

beforeAll(async () => {
  bot = await createTestBot({ now: '2025-06-01T08:00:00+07:00' });
  await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
  for (const [agencyId, account] of Object.entries(HEADS))
    await bot.grant({ account, role: 'head', agencyId, name: `Thủ trưởng ${agencyId}` });
  await bot.grant({ account: DEPUTY_PAU, role: 'deputy', agencyId: 'xa-pa-u', name: 'Vàng A Páo' });
  await bot.store.chats.bind({
    platform: 'telegram',
    chatId: '-100999',
    title: 'Điều phối',
    target: { kind: 'coordinator' },
    boundBy: COORDINATOR,
    boundAt: 0,
  });
  const outbox = createRecordingMessenger('telegram');
  const scheduler = createScheduler({ services: bot.services, deliver: createDeliver([outbox.messenger]), instanceId: 'whole-period' });
  const runUntil = (iso: string) => scheduler.runUntil(at(iso), (ms) => bot.clock.set(ms));

  await runUntil('2025-06-16T09:00');
  await send('so-y-te', SO_Y_TE_1);
  await runUntil('2025-06-17T10:00');
  await send('xa-muong-kim', MUONG_KIM_1, { proposals: 'Đề nghị tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ cấp xã' });
  await runUntil('2025-06-18T11:00');
  await send('xa-pa-u', PA_U_DRAFT, { by: { account: DEPUTY_PAU, name: 'Vàng A Páo', role: 'deputy' }, draft: true });
  await runUntil('2025-06-18T15:00');
  await send('so-y-te', SO_Y_TE_2, {
    difficulties: 'Thiếu kinh phí tổ chức Đại hội thi đua',
    proposals: 'Đề nghị UBND tỉnh bổ sung kinh phí tổ chức Đại hội thi đua',
  });
  await runUntil('2025-06-19T09:00');
  await send('xa-muong-kim', MUONG_KIM_2, { proposals: 'Đề nghị tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ cấp xã' });
  await runUntil('2025-06-20T10:00');
  await send('so-tai-chinh', TAI_CHINH, { difficulties: 'Đang sắp xếp, sáp nhập đơn vị; thiếu nhân sự làm công tác thi đua' });
  await runUntil('2025-06-25T09:00');
  escalation = outbox.sent.map((m) => m.text).find((t) => t.startsWith('Kính gửi Sở Nội vụ,\nKỳ báo cáo'));

  status = (await bot.say(COORDINATOR, '/status 2025-6-thang'))[0]?.text ?? '';
  const [summary] = await bot.say(COORDINATOR, '/tonghop 2025-6-thang');
  chartPng = summary?.attachments?.[0];
  const [files] = await bot.say(COORDINATOR, '/xuat 2025-6-thang');
  const xlsx = files?.attachments?.find((a) => a.filename.endsWith('.xlsx'));
  docx = files?.attachments?.find((a) => a.filename.endsWith('.docx'))?.data ?? new Uint8Array();
  docText = (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value.replace(/\n+/g, '\n');
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(xlsx?.data ?? new Uint8Array()) as unknown as ExcelJS.Buffer);
  const period = findPeriod(bot.plan, '2025-6-thang');
  if (!period) throw new Error('example plan changed');
  chartSvg = progressChartSvg(await loadSummary(bot.services, period, bot.clock.now()));
}, 120_000);

afterAll(() => bot.close());

/** Per item: done, in progress, not started — worked out by hand from the script above. */
const EXPECTED_ITEMS: [done: number, inProgress: number, notStarted: number][] = [
  [2, 1, 0],
  [2, 0, 1],
  [1, 1, 1],
  [2, 1, 0],
  [1, 0, 2],
  [1, 0, 2],
  [2, 0, 1],
];

/** The part of the DOCX from one line to the next that starts with `until`. */
function between(text: string, from: string, until: RegExp): string {
  const start = text.indexOf(from);
  expect(start, `"${from}" is in the report`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + from.length);
  const end = rest.search(until);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('a whole period, from the first reminder to the files a clerk files', () => {
  it('/status counts 3 of 55 reported (Sở Nội vụ included), the deputy’s draft still missing', () => {
    expect(status).toContain('Đã báo cáo 3/55 cơ quan, đơn vị: đúng hạn 2, muộn 1; chưa báo cáo 52.');
    EXPECTED_ITEMS.forEach(([done, inProgress, notStarted], i) =>
      expect(status).toMatch(new RegExp(`\\n${i + 1}\\. [^\\n]*: hoàn thành ${done} · đang thực hiện ${inProgress} · chưa ${notStarted}`)),
    );
  });

  it('the escalation never lists an agency nobody could remind as having ignored reminders', () => {
    expect(escalation).toContain('Còn 52/55 cơ quan, đơn vị chưa báo cáo, trong đó:');
    // Sở Tư pháp and xã Pa Ủ (a deputy) had someone to remind; the other 50 (Sở Nội vụ included) had nobody.
    expect(escalation).toContain('• Đã nhắc, chưa gửi: 2\n• Chưa có ai đăng ký nhận nhắc: 50 — ');
    expect(escalation).toMatch(/\n• Sở Tư pháp — đã nhắc \d+ lần\n/);
    expect(escalation).not.toMatch(/Đã nhắc, chưa gửi \(2\):[^]*Văn phòng UBND tỉnh[^]*\n\nChưa có ai/);
  });

  it('the DOCX has the title, the four sections in order and the counts per item', () => {
    expect(docText).toContain(
      'BÁO CÁO\nSơ kết 6 tháng đầu năm 2025 thực hiện Chỉ thị số 09/CT-UBND ngày 31/12/2024 của Chủ tịch UBND tỉnh Lai Châu\n',
    );
    const order = ['I. KẾT QUẢ ĐẠT ĐƯỢC', 'II. TỒN TẠI, HẠN CHẾ', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ', 'IV. KIẾN NGHỊ, ĐỀ XUẤT'].map((h) =>
      docText.indexOf(`\n${h}\n`),
    );
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(docText).toContain(
      'Tổng số cơ quan, đơn vị, địa phương phải báo cáo: 55. Đã báo cáo: 3 (đúng hạn: 2; muộn: 1). Chưa báo cáo: 52.',
    );
    EXPECTED_ITEMS.forEach(([done, inProgress, notStarted], i) => {
      const part = between(docText, `\n2.${i + 1}. `, /\n(2\.\d+\. |3\. Tổng hợp số liệu)/);
      expect(part).toContain(
        `Số cơ quan, đơn vị đã hoàn thành: ${done}; đang thực hiện: ${inProgress}; chưa thực hiện: ${notStarted} (trên 3 cơ quan, đơn vị đã báo cáo).`,
      );
    });
    expect(docText).toContain(
      'Số tập thể, cá nhân được khen thưởng: tổng cộng 1.212 tập thể, cá nhân (theo báo cáo của 3 cơ quan, đơn vị).',
    );
    expect(docText).toContain('- Số hội nghị điển hình tiên tiến đã tổ chức: 2 hội nghị (nội dung 6).');
  });

  it('the DOCX quotes every agency’s note under its own item, by khối, from the revision that counts', () => {
    const notes: [item: number, group: string, agency: string, note: string][] = [
      [1, 'Khối văn hóa – xã hội', 'Sở Y tế', 'Đã tổ chức 3 hội nghị quán triệt'],
      [1, 'Khối các xã, phường', 'UBND xã Mường Kim', 'Bổ sung: đã quán triệt tới thôn, bản'],
      [2, 'Khối các cơ quan tổng hợp', 'Sở Tài chính', 'Chưa triển khai do sắp xếp tổ chức bộ máy'],
      [4, 'Khối văn hóa – xã hội', 'Sở Y tế', 'Khen thưởng 12 tập thể, cá nhân'],
      [6, 'Khối các xã, phường', 'UBND xã Mường Kim', 'Đã tổ chức hội nghị điển hình tiên tiến cấp xã'],
    ];
    for (const [item, group, agency, note] of notes) {
      const part = between(docText, `\n2.${item}. `, /\n(2\.\d+\. |3\. Tổng hợp số liệu)/);
      expect(part).toMatch(new RegExp(`\\n- ${group}:\\n(\\+ [^\\n]*\\n)*\\+ ${agency}: “${note}”\\.`));
    }
    expect(docText).not.toContain('Bản cũ, đã thay');
    expect(docText).not.toContain('Bản nháp chưa duyệt');
    expect(docText.match(/“/g)).toHaveLength(notes.length + 2 + 2); // the notes, two difficulties, two proposals
  });

  it('the DOCX puts shortcomings, late and missing agencies and the difficulties in II, the proposals in IV, and leaves the rest to the clerk', () => {
    const shortcomings = between(docText, '\nII. TỒN TẠI, HẠN CHẾ\n', /\nIII\. /);
    expect(shortcomings).toContain('- Nội dung 5 (Vai trò người đứng đầu): 2/3 cơ quan, đơn vị chưa thực hiện.');
    // Mường Kim reported on time and corrected after the deadline: on time, "bổ sung sau hạn".
    expect(shortcomings).toContain('- Báo cáo muộn (1): Sở Tài chính.');
    expect(shortcomings).toMatch(/- Chưa báo cáo \(52\): Sở Nội vụ; Văn phòng UBND tỉnh; [^\n]*UBND xã Pa Ủ;/);
    expect(shortcomings).toContain('- Bổ sung báo cáo sau hạn (1): UBND xã Mường Kim.');
    expect(shortcomings).toContain('+ Sở Tài chính: “Đang sắp xếp, sáp nhập đơn vị; thiếu nhân sự làm công tác thi đua”.');
    expect(shortcomings).toContain('+ Sở Y tế: “Thiếu kinh phí tổ chức Đại hội thi đua”.');
    const requests = between(docText, '\nIV. KIẾN NGHỊ, ĐỀ XUẤT\n', /\nTrên đây là báo cáo/);
    expect(requests).toContain('+ Sở Y tế: “Đề nghị UBND tỉnh bổ sung kinh phí tổ chức Đại hội thi đua”.');
    expect(requests).toContain('+ UBND xã Mường Kim: “Đề nghị tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ cấp xã”.');
    expect(docText.match(/\n\[[^\]]+\]\n/g)?.length).toBe(3);
  });

  it('the XLSX summary sheet has the same counts as /status and the DOCX, per item and per khối', () => {
    const sheet = workbook.getWorksheet('Tổng hợp');
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    const value = (label: string) => rows.find((r) => r[1] === label)?.[2];
    expect([value('Phải báo cáo'), value('Đã báo cáo'), value('Đúng hạn'), value('Muộn'), value('Chưa báo cáo')]).toEqual([
      55, 3, 2, 1, 52,
    ]);
    const items = rows.filter((r) => typeof r[1] === 'number');
    expect(items.map((r) => [r[3], r[4], r[5]])).toEqual(EXPECTED_ITEMS);
    expect(items.map((r) => r[6])).toEqual(EXPECTED_ITEMS.map(() => 52));
    expect(items.map((r) => r[7] ?? null)).toEqual([null, null, null, 1_212, null, 2, 36]);
    const groups = rows.filter((r) => typeof r[1] === 'string' && r[1].startsWith('Khối') && r[1] !== 'Khối thi đua');
    expect(groups.reduce((n, r) => n + Number(r[2]), 0)).toBe(55);
    expect(groups.reduce((n, r) => n + Number(r[3]), 0)).toBe(3);
    expect(groups.find((r) => r[1] === 'Khối các xã, phường')?.slice(2, 7)).toEqual([38, 1, 1, 0, 37]);
  });

  it('the XLSX detail has first submission, last revision and "bổ sung sau hạn"; the revisions and remarks sheets have every one', () => {
    const detail = workbook.getWorksheet('Sơ kết 6 tháng đầu năm 2025');
    const header = (detail?.getRow(1).values ?? []) as unknown[];
    const col = (title: string) => header.indexOf(title);
    const muongKim = ((detail?.getSheetValues() ?? []) as unknown[][]).find((r) => r?.[col('Mã cơ quan')] === 'xa-muong-kim');
    expect((muongKim?.[col('Gửi lần đầu')] as Date).toISOString()).toBe('2025-06-17T10:00:00.000Z');
    expect((muongKim?.[col('Sửa lần cuối')] as Date).toISOString()).toBe('2025-06-19T09:00:00.000Z');
    expect(muongKim?.[col('Bổ sung sau hạn')]).toBe('Có');
    const revisions = (workbook.getWorksheet('Các lần gửi')?.getSheetValues().slice(2) ?? []) as unknown[][];
    expect(revisions.map((r) => `${String(r[2])}#${String(r[5])}`)).toEqual([
      'so-y-te#1',
      'xa-muong-kim#1',
      'xa-pa-u#1',
      'so-y-te#2',
      'xa-muong-kim#2',
      'so-tai-chinh#1',
    ]);
    const remarks = (workbook.getWorksheet('Khó khăn, kiến nghị')?.getSheetValues().slice(2) ?? []) as unknown[][];
    expect(remarks.map((r) => r[2]).sort()).toEqual(['so-tai-chinh', 'so-y-te', 'xa-muong-kim']);
  });

  it('the chart names every item and agency whole, and comes as a PNG with the summary', () => {
    const texts = [...chartSvg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) =>
      [...(m[1] ?? '').matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((t) => t[1]).join(' '),
    );
    for (const item of findCampaign(bot.plan, 'thi-dua-2025')?.items ?? []) expect(texts).toContain(`${item.no}. ${item.short}`);
    expect(texts).toContain('UBND xã Mường Kim');
    expect(chartSvg).not.toContain('…');
    expect(chartPng?.mime).toBe('image/png');
  });

  // LibreOffice is not part of CI: where it is installed, the DOCX must open and render (to PDF,
  // then to PNG with poppler); where it is not, this is skipped, and docs/ keeps the last picture.
  const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0);
  const pdftoppm = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!soffice || !pdftoppm)(
    'the DOCX renders in LibreOffice (headless, to PDF, then its first page to PNG)',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'dondoc-render-'));
      try {
        await writeFile(join(dir, 'du-thao.docx'), docx);
        execFileSync(
          soffice ?? 'soffice',
          [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'du-thao.docx')],
          { stdio: 'ignore', timeout: 120_000 },
        );
        const pdf = await readFile(join(dir, 'du-thao.pdf'));
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        const pages = Number(
          /\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(pdf.toString('latin1'))?.[1] ?? /\/Count\s+(\d+)/.exec(pdf.toString('latin1'))?.[1],
        );
        expect(pages).toBeGreaterThanOrEqual(2);
        execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', join(dir, 'du-thao.pdf'), join(dir, 'page')], {
          timeout: 60_000,
        });
        const png = await readFile(join(dir, 'page-1.png')).catch(() => readFile(join(dir, 'page-01.png')));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        if (process.env.DONDOC_WRITE_DOCS_PICTURE) await writeFile(process.env.DONDOC_WRITE_DOCS_PICTURE, png);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
