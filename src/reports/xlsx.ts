import type ExcelJS from 'exceljs';
import { vietnamWallClockAsUtc } from '../domain/vietnam-time.js';
import type { Plan } from '../domain/plan.js';
import type { Submission } from '../domain/submission.js';
import type { SummaryModel } from '../domain/summary/index.js';
import { groupTallies, timelinessOfRows } from './report-model.js';
import type { Timeliness } from './timeliness.js';

/**
 * The workbook a clerk files and filters: a summary sheet (counts per item and per khối, the same
 * figures as /status and the draft report), one sheet per period with a row per agency × report
 * item, a sheet of every revision (who sent it, when), and a sheet of the agencies' "khó khăn" and
 * "kiến nghị". Lists have an auto-filter on the header and the header frozen. Column titles are in
 * Vietnamese, the language of the office that files it.
 */

const STANDING: Record<'on-time' | 'late' | 'missing', string> = { 'on-time': 'Đúng hạn', late: 'Muộn', missing: 'Chưa báo cáo' };
const STATUS: Record<'done' | 'in-progress' | 'not-started', string> = {
  done: 'Hoàn thành',
  'in-progress': 'Đang thực hiện',
  'not-started': 'Chưa thực hiện',
};

/** The columns, in order; the keys name them in code and tests. */
export const WORKBOOK_COLUMNS = [
  { key: 'stt', header: 'STT', width: 6 },
  { key: 'agencyId', header: 'Mã cơ quan', width: 22 },
  { key: 'agency', header: 'Cơ quan, đơn vị', width: 36 },
  { key: 'group', header: 'Khối thi đua', width: 26 },
  { key: 'standing', header: 'Tình trạng', width: 14 },
  { key: 'submittedAt', header: 'Thời điểm gửi', width: 17 },
  { key: 'firstAt', header: 'Gửi lần đầu', width: 17 },
  { key: 'lastAt', header: 'Sửa lần cuối', width: 17 },
  { key: 'revisedLate', header: 'Bổ sung sau hạn', width: 10 },
  { key: 'revision', header: 'Lần gửi', width: 8 },
  { key: 'submittedBy', header: 'Người gửi', width: 22 },
  { key: 'itemNo', header: 'Nội dung số', width: 11 },
  { key: 'item', header: 'Nội dung', width: 40 },
  { key: 'status', header: 'Kết quả', width: 16 },
  { key: 'percent', header: 'Tỷ lệ (%)', width: 10 },
  { key: 'quantity', header: 'Số lượng', width: 10 },
  { key: 'unit', header: 'Đơn vị tính', width: 18 },
  { key: 'note', header: 'Ghi chú', width: 50 },
] as const;

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const clean = name.replace(/[:\\/?*[\]]/g, '-').trim() || 'Kỳ báo cáo';
  const base = clean.charAt(0).toLocaleUpperCase('vi') + clean.slice(1);
  let candidate = [...base].slice(0, 31).join('');
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = [...base].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * What people typed (names, notes), without the characters XML 1.0 cannot hold: exceljs drops most
 * control characters itself but writes U+FFFE and U+FFFF, and Excel then calls the file corrupt.
 */
export function xmlSafe(text: string): string {
  return Array.from(text)
    .filter((ch) => xmlAllows(ch.codePointAt(0) ?? 0))
    .join('');
}

/** XML 1.0's Char: tab, line feed, carriage return, and U+0020 up, except lone surrogates, U+FFFE and U+FFFF. */
function xmlAllows(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c < 0xd800) || (c > 0xdfff && c !== 0xfffe && c !== 0xffff);
}

/** Excel dates have no time zone: a cell shows Vietnam's wall-clock time. */
function excelDate(ms: number): Date {
  return vietnamWallClockAsUtc(ms);
}

/** The revisions sheet's columns. */
export const REVISION_COLUMNS = [
  { key: 'period', header: 'Kỳ báo cáo', width: 30 },
  { key: 'agencyId', header: 'Mã cơ quan', width: 22 },
  { key: 'agency', header: 'Cơ quan, đơn vị', width: 36 },
  { key: 'group', header: 'Khối thi đua', width: 26 },
  { key: 'revision', header: 'Lần gửi', width: 8 },
  { key: 'submittedAt', header: 'Thời điểm gửi', width: 17 },
  { key: 'submittedBy', header: 'Người gửi', width: 24 },
  { key: 'role', header: 'Chức trách', width: 14 },
  { key: 'kind', header: 'Loại', width: 20 },
  { key: 'approvedBy', header: 'Người duyệt', width: 24 },
  { key: 'approvedAt', header: 'Thời điểm duyệt', width: 17 },
  { key: 'afterDeadline', header: 'Sau hạn', width: 9 },
] as const;

/** The remarks sheet's columns: the two optional last answers of the counting revision. */
export const REMARK_COLUMNS = [
  { key: 'period', header: 'Kỳ báo cáo', width: 30 },
  { key: 'agencyId', header: 'Mã cơ quan', width: 22 },
  { key: 'agency', header: 'Cơ quan, đơn vị', width: 36 },
  { key: 'group', header: 'Khối thi đua', width: 26 },
  { key: 'difficulties', header: 'Khó khăn, vướng mắc', width: 60 },
  { key: 'proposals', header: 'Kiến nghị, đề xuất', width: 60 },
] as const;

export const SUMMARY_SHEET = 'Tổng hợp';
export const REVISIONS_SHEET = 'Các lần gửi';
export const REMARKS_SHEET = 'Khó khăn, kiến nghị';

const ROLE: Record<string, string> = { head: 'Thủ trưởng', deputy: 'Cấp phó', coordinator: 'Điều phối', admin: 'Quản trị' };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;

/** What the workbook is made from besides the models: the plan (blocs in order) and every agency's revisions per period. */
export interface WorkbookExtras {
  plan?: Plan;
  /** Per period id, per agency id, the revisions oldest first. */
  histories?: ReadonlyMap<string, ReadonlyMap<string, readonly Submission[]>>;
}

function listSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly { key: string; header: string; width: number }[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = HEADER_FILL;
  return sheet;
}

function filterAll(sheet: ExcelJS.Worksheet, columns: number): void {
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: columns } };
}

const standingOf = (t: Timeliness | undefined): 'on-time' | 'late' | 'missing' => (!t?.reported ? 'missing' : t.late ? 'late' : 'on-time');

/** A header row of the summary sheet: bold on the blue of the lists' headers. */
function tableHeader(sheet: ExcelJS.Worksheet, values: readonly string[]): void {
  const row = sheet.addRow([...values]);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
}

/** The summary sheet: per period, the tally, counts per item and per bloc. */
function summarySheet(
  workbook: ExcelJS.Workbook,
  models: readonly SummaryModel[],
  timeliness: ReadonlyMap<string, ReadonlyMap<string, Timeliness>>,
  plan: Plan | undefined,
): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET);
  sheet.columns = [{ width: 34 }, { width: 44 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 18 }];
  for (const model of models) {
    const when = timeliness.get(model.period.id) ?? new Map<string, Timeliness>();
    const reported = [...when.values()].filter((t) => t.reported);
    const late = reported.filter((t) => t.late).length;
    const title = sheet.addRow([`${model.campaign.name} — ${model.period.name}`]);
    title.font = { bold: true, size: 13 };
    sheet.addRow(['Phải báo cáo', model.total]);
    sheet.addRow(['Đã báo cáo', reported.length]);
    sheet.addRow(['Đúng hạn', reported.length - late]);
    sheet.addRow(['Muộn', late]);
    sheet.addRow(['Chưa báo cáo', model.total - reported.length]);
    sheet.addRow([]);
    tableHeader(sheet, [
      'Nội dung số',
      'Nội dung',
      'Hoàn thành',
      'Đang thực hiện',
      'Chưa thực hiện',
      'Chưa báo cáo',
      'Số lượng',
      'Đơn vị tính',
    ]);
    for (const a of model.items) {
      sheet.addRow([
        a.item.no,
        a.item.short,
        a.done,
        a.inProgress,
        a.notStarted,
        model.total - a.answered,
        a.quantity ? a.quantity.total : null,
        a.quantity?.unit ?? '',
      ]);
    }
    sheet.addRow([]);
    tableHeader(sheet, ['Khối thi đua', 'Số cơ quan, đơn vị', 'Đã báo cáo', 'Đúng hạn', 'Muộn', 'Chưa báo cáo']);
    for (const g of groupTallies(model, when, plan)) sheet.addRow([g.group, g.total, g.onTime + g.late, g.onTime, g.late, g.missing]);
    sheet.addRow([]);
    sheet.addRow([]);
  }
  sheet.getColumn(7).numFmt = '#,##0';
}

/** Builds the .xlsx file from the periods' summary models (each already computed as of now). */
export async function buildWorkbook(models: readonly SummaryModel[], createdAt: number, extras: WorkbookExtras = {}): Promise<Uint8Array> {
  // Loaded on the first export rather than with every module that imports this one (~0.4 s).
  const { default: exceljs } = await import('exceljs');
  const workbook = new exceljs.Workbook();
  workbook.creator = 'Đôn Đốc';
  workbook.created = new Date(createdAt);
  const timeliness = new Map(models.map((m) => [m.period.id, timelinessOfRows(m, extras.histories?.get(m.period.id))]));
  if (models.length > 0) summarySheet(workbook, models, timeliness, extras.plan);
  const taken = new Set<string>([SUMMARY_SHEET, REVISIONS_SHEET, REMARKS_SHEET].map((n) => n.toLowerCase()));
  for (const model of models) {
    const when = timeliness.get(model.period.id);
    const sheet = listSheet(workbook, sheetName(model.period.name, taken), WORKBOOK_COLUMNS);
    let stt = 0;
    for (const row of model.rows) {
      stt++;
      const s = row.submission;
      const t = when?.get(row.agency.id);
      for (const item of model.items) {
        const answer = s?.answers.find((a) => a.itemNo === item.item.no);
        sheet.addRow({
          stt,
          agencyId: row.agency.id,
          agency: row.agency.name,
          group: row.agency.group ?? '',
          standing: STANDING[standingOf(t)],
          submittedAt: row.countedAt === undefined ? null : excelDate(row.countedAt),
          firstAt: t?.firstAt === undefined ? null : excelDate(t.firstAt),
          lastAt: t?.lastAt === undefined ? null : excelDate(t.lastAt),
          revisedLate: t?.revisedAfterDeadline ? 'Có' : '',
          revision: s?.revision ?? null,
          submittedBy: xmlSafe(s?.submittedBy.name ?? ''),
          itemNo: item.item.no,
          item: item.item.short,
          status: answer ? STATUS[answer.status] : '',
          percent: answer ? answer.percent : null,
          quantity: answer?.quantity ?? null,
          unit: item.quantity?.unit ?? '',
          note: xmlSafe(answer?.note ?? ''),
        });
      }
    }
    for (const key of ['submittedAt', 'firstAt', 'lastAt']) sheet.getColumn(key).numFmt = 'dd/mm/yyyy hh:mm';
    sheet.getColumn('quantity').numFmt = '#,##0';
    filterAll(sheet, WORKBOOK_COLUMNS.length);
  }
  if (models.length === 0) {
    workbook.addWorksheet('Trống');
  } else {
    const revisions = listSheet(workbook, REVISIONS_SHEET, REVISION_COLUMNS);
    const remarks = listSheet(workbook, REMARKS_SHEET, REMARK_COLUMNS);
    for (const model of models) {
      const histories = extras.histories?.get(model.period.id);
      const agencyOf = (row: SummaryModel['rows'][number]) => ({
        period: model.period.name,
        agencyId: row.agency.id,
        agency: row.agency.name,
        group: row.agency.group ?? '',
      });
      // The revisions as a log, in the order they were sent.
      const sent = model.rows
        .flatMap((row) => (histories?.get(row.agency.id) ?? (row.submission ? [row.submission] : [])).map((s) => ({ row, s })))
        .sort((a, b) => a.s.submittedAt - b.s.submittedAt || a.s.revision - b.s.revision);
      for (const { row, s } of sent) {
        revisions.addRow({
          ...agencyOf(row),
          revision: s.revision,
          submittedAt: excelDate(s.submittedAt),
          submittedBy: xmlSafe(s.submittedBy.name),
          role: ROLE[s.submittedBy.role] ?? s.submittedBy.role,
          kind: s.status === 'draft' ? 'Dự thảo chờ duyệt' : s.approvedBy ? 'Đã duyệt' : 'Chính thức',
          approvedBy: xmlSafe(s.approvedBy?.name ?? ''),
          approvedAt: s.approvedAt === undefined ? null : excelDate(s.approvedAt),
          afterDeadline: s.late ? 'Có' : '',
        });
      }
      for (const row of model.rows) {
        const s = row.submission;
        if (s && (s.difficulties?.trim() || s.proposals?.trim()))
          remarks.addRow({ ...agencyOf(row), difficulties: xmlSafe(s.difficulties ?? ''), proposals: xmlSafe(s.proposals ?? '') });
      }
    }
    for (const key of ['submittedAt', 'approvedAt']) revisions.getColumn(key).numFmt = 'dd/mm/yyyy hh:mm';
    filterAll(revisions, REVISION_COLUMNS.length);
    remarks.getColumn('difficulties').alignment = { wrapText: true, vertical: 'top' };
    remarks.getColumn('proposals').alignment = { wrapText: true, vertical: 'top' };
    filterAll(remarks, REMARK_COLUMNS.length);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
