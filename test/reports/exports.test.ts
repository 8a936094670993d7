import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendarOf } from '../../src/app/plan-calendar.js';
import type { Plan } from '../../src/domain/plan.js';
import { agenciesOfPeriod, findCampaign, findPeriod } from '../../src/domain/plan.js';
import type { ItemAnswer, Submission } from '../../src/domain/submission.js';
import { summarise, type SummaryModel } from '../../src/domain/summary/index.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { progressChartPng, progressChartSvg, wrapLabel } from '../../src/reports/chart.js';
import { PALETTE } from '../../src/reports/palette.js';
import { gridImageSvg } from '../../src/reports/grid-image.js';
import { DASHBOARD_CSS } from '../../src/http/dashboard/style.js';
import { buildOfficialReport } from '../../src/reports/docx.js';
import { bodyAbbreviation, placeAndDate } from '../../src/reports/official.js';
import { buildWorkbook, sheetName, WORKBOOK_COLUMNS, xmlSafe } from '../../src/reports/xlsx.js';
import { readZipEntry } from '../helpers/zip.js';

const at = (iso: string) => Date.parse(`${iso}+07:00`);

let plan: Plan;
let model: SummaryModel;
let yearly: SummaryModel;

function answers(percents: readonly number[], quantities: Record<number, number>): ItemAnswer[] {
  return percents.map((percent, i) => ({
    itemNo: i + 1,
    status: percent === 100 ? 'done' : percent === 0 ? 'not-started' : 'in-progress',
    percent,
    note: i === 0 ? 'Đã tổ chức hội nghị quán triệt' : '',
    ...(quantities[i + 1] === undefined ? {} : { quantity: quantities[i + 1] }),
  }));
}

function submission(agencyId: string, a: ItemAnswer[], submittedAt: number, late = false): Submission {
  return {
    campaignId: 'thi-dua-2025',
    periodId: '2025-6-thang',
    agencyId,
    revision: 1,
    answers: a,
    submittedBy: { account: 'telegram:1', name: 'Nguyễn Văn An', role: 'head' },
    submittedAt,
    late,
  };
}

beforeAll(async () => {
  plan = await loadPlan('examples/lai-chau-2025.yaml');
  const period = findPeriod(plan, '2025-6-thang');
  const campaign = findCampaign(plan, 'thi-dua-2025');
  if (!period || !campaign) throw new Error('example plan changed');
  const latest = new Map<string, Submission>([
    ['so-y-te', submission('so-y-te', answers([100, 80, 60, 50, 100, 0, 100], { 4: 12, 6: 0, 7: 30 }), at('2025-06-16T09:00'))],
    [
      'xa-muong-kim',
      submission('xa-muong-kim', answers([100, 100, 100, 100, 100, 100, 100], { 4: 1_200, 6: 2, 7: 5 }), at('2025-06-17T14:00')),
    ],
    ['xa-pa-u', submission('xa-pa-u', answers([50, 50, 50, 50, 50, 50, 50], { 4: 0, 6: 1, 7: 3 }), at('2025-06-20T10:15'), true)],
  ]);
  const calendar = calendarOf(plan);
  model = summarise({ period, campaign, agencies: agenciesOfPeriod(plan, period), latest, now: at('2026-01-05T09:00'), calendar });
  const yearPeriod = findPeriod(plan, '2025-ca-nam');
  if (!yearPeriod) throw new Error('example plan changed');
  yearly = summarise({
    period: yearPeriod,
    campaign,
    agencies: agenciesOfPeriod(plan, yearPeriod),
    latest: new Map(),
    now: at('2026-01-05T09:00'),
    calendar,
  });
});

describe('Decree 30 details', () => {
  it('writes the date with a zero before days under 10 and months 1–2 only', () => {
    expect(placeAndDate('Lai Châu', '2026-01-05')).toBe('Lai Châu, ngày 05 tháng 01 năm 2026');
    expect(placeAndDate('Lai Châu', '2025-06-18')).toBe('Lai Châu, ngày 18 tháng 6 năm 2025');
    expect(placeAndDate('Lai Châu', '2025-12-09')).toBe('Lai Châu, ngày 09 tháng 12 năm 2025');
    expect(placeAndDate('Lai Châu', '2025-02-28')).toBe('Lai Châu, ngày 28 tháng 02 năm 2025');
  });

  it('abbreviates the issuing body for the symbol', () => {
    expect(bodyAbbreviation('Sở Nội vụ')).toBe('SNV');
    expect(bodyAbbreviation('Sở Giáo dục và Đào tạo')).toBe('SGDĐT');
    expect(bodyAbbreviation('Văn phòng UBND tỉnh')).toBe('VPUBNDT');
  });
});

describe('the XLSX workbook, read back with exceljs', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    const bytes = await buildWorkbook([model, yearly], at('2026-01-05T09:00'), { plan });
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  });

  it('has a summary sheet, a sheet per period named after it, the revisions and the agencies’ difficulties and proposals', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Sơ kết 6 tháng đầu năm 2025',
      'Tổng kết năm 2025',
      'Các lần gửi',
      'Khó khăn, kiến nghị',
    ]);
  });

  it('has a bold, frozen header with a filter over every column', () => {
    const sheet = workbook.worksheets[1];
    if (!sheet) throw new Error('no sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(WORKBOOK_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(JSON.stringify(sheet.autoFilter)).toContain('A1');
  });

  it('has one row per agency × item, with names in Vietnamese and the numbers as numbers', () => {
    const sheet = workbook.worksheets[1];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.rowCount).toBe(1 + model.total * 7);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const col = (key: string) => WORKBOOK_COLUMNS.findIndex((c) => c.key === key) + 1;
    const muongKim4 = rows.find((r) => r[col('agencyId')] === 'xa-muong-kim' && r[col('itemNo')] === 4);
    expect(muongKim4?.[col('agency')]).toBe('UBND xã Mường Kim');
    expect(muongKim4?.[col('standing')]).toBe('Đúng hạn');
    expect(muongKim4?.[col('status')]).toBe('Hoàn thành');
    expect(muongKim4?.[col('quantity')]).toBe(1200);
    expect(muongKim4?.[col('unit')]).toBe('tập thể, cá nhân');
    const paU = rows.find((r) => r[col('agencyId')] === 'xa-pa-u' && r[col('itemNo')] === 1);
    expect(paU?.[col('standing')]).toBe('Muộn');
    expect(paU?.[col('percent')]).toBe(50);
    // Excel dates carry Vietnam's wall-clock time.
    expect((paU?.[col('submittedAt')] as Date).toISOString()).toBe('2025-06-20T10:15:00.000Z');
    const yTe1 = rows.find((r) => r[col('agencyId')] === 'so-y-te' && r[col('itemNo')] === 1);
    expect(yTe1?.[col('note')]).toBe('Đã tổ chức hội nghị quán triệt');
    const missing = rows.filter((r) => r[col('standing')] === 'Chưa báo cáo');
    expect(missing).toHaveLength((model.total - 3) * 7);
    expect(missing.some((r) => r[col('agency')] === 'UBND xã Tủa Sín Chải')).toBe(true);
  });

  it('keeps sheet names within Excel’s rules', () => {
    const taken = new Set<string>();
    expect(sheetName('báo cáo: quý [II]/2025 — một cái tên rất dài hơn ba mươi mốt ký tự', taken)).toHaveLength(31);
    expect(sheetName('Kỳ A', taken)).toBe('Kỳ A');
    expect(sheetName('kỳ a', taken)).toBe('Kỳ a (2)');
  });

  it('leaves out of names and notes what XML cannot hold (U+FFFE and U+FFFF got through exceljs)', () => {
    expect(xmlSafe('a\u0001b\u000bc\ufffed\uffffe\ud800f 😀\tg\nh')).toBe('abcdef 😀\tg\nh');
  });
});

describe('the DOCX report, read back with mammoth', () => {
  let bytes: Uint8Array;
  let text: string;
  beforeAll(async () => {
    bytes = await buildOfficialReport({ model, plan });
    text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.replace(/\n+/g, '\n');
  });

  it('opens with the issuing body, the national title and motto, number and symbol, place and date', () => {
    const lines = text.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'UBND TỈNH LAI CHÂU',
      'SỞ NỘI VỤ',
      'Số: ……/BC-SNV',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lai Châu, ngày 05 tháng 01 năm 2026',
    ]);
  });

  it('has the title as the province words it, the four sections, a part per content item with its counts, the late and the missing', () => {
    expect(text).toContain(
      'BÁO CÁO\nSơ kết 6 tháng đầu năm 2025 thực hiện Chỉ thị số 09/CT-UBND ngày 31/12/2024 của Chủ tịch UBND tỉnh Lai Châu\n',
    );
    expect(text).toMatch(
      /I\. KẾT QUẢ ĐẠT ĐƯỢC\n[\s\S]*II\. TỒN TẠI, HẠN CHẾ\n[\s\S]*III\. PHƯƠNG HƯỚNG, NHIỆM VỤ\n[\s\S]*IV\. KIẾN NGHỊ, ĐỀ XUẤT\n/,
    );
    expect(text).toContain('Tổng số cơ quan, đơn vị, địa phương phải báo cáo: 55. Đã báo cáo: 3 (đúng hạn: 2; muộn: 1). Chưa báo cáo: 52.');
    expect(text).toContain('2.4. Tiếp tục đổi mới công tác thi đua, khen thưởng');
    expect(text).toContain('Số tập thể, cá nhân được khen thưởng: tổng cộng 1.212 tập thể, cá nhân (theo báo cáo của 3 cơ quan, đơn vị).');
    expect(text).toContain(
      'Số cơ quan, đơn vị đã hoàn thành: 1; đang thực hiện: 2; chưa thực hiện: 0 (trên 3 cơ quan, đơn vị đã báo cáo).',
    );
    expect(text).toContain('- Báo cáo muộn (1): UBND xã Pa Ủ.');
    expect(text).toMatch(/- Chưa báo cáo \(52\): Sở Nội vụ; Văn phòng UBND tỉnh; Sở Tài chính; .*UBND xã Tủa Sín Chải;/);
    expect(text).not.toMatch(/Chưa báo cáo \(52\):[^\n]*Sở Y tế/);
  });

  it('says in its page header that it is a draft for the clerk to complete and have signed', () => {
    const header = readZipEntry(bytes, 'word/header1.xml') ?? '';
    expect(header).toContain('DỰ THẢO do Đôn Đốc tổng hợp');
    expect(header).toContain('ghi số và trình ký');
  });

  it('ends with "Nơi nhận" and a signature block left for a person', () => {
    expect(text).toContain('Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT, …\nGIÁM ĐỐC');
    expect(text).toContain('kính báo cáo UBND tỉnh xem xét, chỉ đạo./.');
  });

  it('is A4 in Times New Roman with the decree’s margins', () => {
    const xml = readZipEntry(bytes, 'word/document.xml') ?? '';
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    const twip = (side: string) => Number(new RegExp(`w:${side}="(\\d+)"`).exec(margins)?.[1]);
    const mm = (side: string) => twip(side) / 56.7;
    expect(mm('top')).toBeGreaterThanOrEqual(19.9);
    expect(mm('top')).toBeLessThanOrEqual(25);
    expect(mm('bottom')).toBeGreaterThanOrEqual(19.9);
    expect(mm('left')).toBeGreaterThanOrEqual(29.9);
    expect(mm('left')).toBeLessThanOrEqual(35);
    expect(mm('right')).toBeGreaterThanOrEqual(14.9);
    expect(mm('right')).toBeLessThanOrEqual(20);
    expect(xml).toContain('Times New Roman');
  });
});

/** Each <text> of an SVG as a reader sees it: its lines (tspans) joined by spaces, entities decoded. */
function svgLabels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)]
      .map((t) =>
        (t[1] ?? '')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&'),
      )
      .join(' '),
  );
}

describe('the progress chart', () => {
  it('shows every item’s and agency’s name whole, wrapped onto lines instead of cut, and spells out what the numbers are', () => {
    const svg = progressChartSvg(model);
    const labels = svgLabels(svg);
    const campaign = findCampaign(plan, 'thi-dua-2025');
    for (const item of campaign?.items ?? []) expect(labels).toContain(`${item.no}. ${item.short}`);
    expect(labels).toContain('6. Đại hội thi đua, hội nghị điển hình tiên tiến');
    for (const row of model.rows) expect(labels).toContain(row.agency.name);
    expect(svg).not.toContain('…');
    expect(svg).not.toMatch(/\bTB\b/);
    expect(labels.some((l) => l.includes('trung bình 83,3%'))).toBe(true);
    // Wrapped, not just long: no line of an agency's name is wider than its column at the font's widest.
    const longest = Math.max(...[...svg.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((t) => [...(t[1] ?? '')].length));
    expect(longest).toBeLessThan(80);
  });

  it('takes its colours from the one palette the grid image and the dashboard use', () => {
    const svg = progressChartSvg(model);
    for (const colour of [PALETTE.done, PALETTE.inProgress, PALETTE.notStarted, PALETTE.missing, PALETTE.onTime, PALETTE.late])
      expect(svg).toContain(colour);
    for (const colour of [
      PALETTE.done,
      PALETTE.inProgress,
      PALETTE.notStarted,
      PALETTE.missing,
      PALETTE.onTime,
      PALETTE.late,
      PALETTE.doneTint,
      PALETTE.inProgressTint,
      PALETTE.notStartedTint,
    ]) {
      expect(DASHBOARD_CSS).toContain(colour);
    }
    const grid = gridImageSvg(model);
    for (const colour of [PALETTE.doneTint, PALETTE.inProgressTint, PALETTE.onTime, PALETTE.late]) expect(grid).toContain(colour);
  });

  it('wraps a label between words, and breaks inside a word only when one word is longer than a line', () => {
    expect(wrapLabel('Đại hội thi đua, hội nghị điển hình tiên tiến', 200, 16)).toEqual([
      'Đại hội thi đua, hội',
      'nghị điển hình tiên',
      'tiến',
    ]);
    expect(wrapLabel('abcdefghijklmnopqrstuvwxyz', 100, 16).join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(wrapLabel('', 100, 16)).toEqual(['']);
  });

  it('draws every item and agency in SVG and renders a PNG without a browser', () => {
    const svg = progressChartSvg(model);
    expect(svg).toContain('Tiến độ sơ kết 6 tháng đầu năm 2025');
    expect(svgLabels(svg)).toContain('4. Đổi mới công tác thi đua, khen thưởng');
    expect(svgLabels(svg)).toContain('UBND xã Mường Kim');
    expect(svg).toContain('chưa báo cáo');
    const png = progressChartPng(model);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = Buffer.from(png);
    expect(view.readUInt32BE(16)).toBe(760);
    expect(view.readUInt32BE(20)).toBeGreaterThan(500);
  });

  it('groups a big province by bloc or by level of progress instead of a bar per agency', () => {
    const many = {
      ...model,
      rows: Array.from({ length: 500 }, (_, i) => ({
        agency: { id: `a-${i}`, name: `Cơ quan ${i}` },
        standing: 'on-time' as const,
        heads: [],
        draftPending: false,
        meanPercent: i % 101,
      })),
    };
    const svg = progressChartSvg(many);
    expect(svg).toContain('Số cơ quan, đơn vị theo tỷ lệ thực hiện trung bình');
    expect(svg).not.toContain('Cơ quan 499');
  });
});
