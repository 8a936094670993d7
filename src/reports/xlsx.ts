import ExcelJS from 'exceljs';
import type { SummaryModel } from '../domain/summary/index.js';

/**
 * The workbook a clerk files and filters: one sheet per period, one row per agency × report item,
 * with an auto-filter on the header and the header frozen. Column titles are in Vietnamese, the
 * language of the office that files it.
 */

const VN_OFFSET_MS = 7 * 3_600_000;

const STANDING: Record<'on-time' | 'late' | 'missing', string> = { 'on-time': 'Đúng hạn', late: 'Muộn', missing: 'Chưa báo cáo' };
const STATUS: Record<'done' | 'in-progress' | 'not-started', string> = { done: 'Hoàn thành', 'in-progress': 'Đang thực hiện', 'not-started': 'Chưa thực hiện' };

/** The columns, in order; the keys name them in code and tests. */
export const WORKBOOK_COLUMNS = [
  { key: 'stt', header: 'STT', width: 6 },
  { key: 'agencyId', header: 'Mã cơ quan', width: 22 },
  { key: 'agency', header: 'Cơ quan, đơn vị', width: 36 },
  { key: 'group', header: 'Khối thi đua', width: 26 },
  { key: 'standing', header: 'Tình trạng', width: 14 },
  { key: 'submittedAt', header: 'Thời điểm gửi', width: 17 },
  { key: 'revisedAt', header: 'Sửa đổi lần cuối', width: 17 },
  { key: 'revisedAfterDeadline', header: 'Bổ sung sau hạn', width: 14 },
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

/** A Date whose UTC fields read as Vietnam's wall-clock time: Excel dates have no time zone. */
function excelDate(ms: number): Date {
  return new Date(ms + VN_OFFSET_MS);
}

/** Builds the .xlsx file from the periods' summary models (each already computed as of now). */
export async function buildWorkbook(models: readonly SummaryModel[], createdAt: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Đôn Đốc';
  workbook.created = new Date(createdAt);
  const taken = new Set<string>();
  for (const model of models) {
    const sheet = workbook.addWorksheet(sheetName(model.period.name, taken), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    sheet.columns = WORKBOOK_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    let stt = 0;
    for (const row of model.rows) {
      stt++;
      const s = row.submission;
      for (const item of model.items) {
        const answer = s?.answers.find((a) => a.itemNo === item.item.no);
        sheet.addRow({
          stt,
          agencyId: row.agency.id,
          agency: row.agency.name,
          group: row.agency.group ?? '',
          standing: STANDING[row.standing],
          // When the agency first counted (its standing is judged by it), then its last revision.
          submittedAt: row.countedAt === undefined ? null : excelDate(row.countedAt),
          revisedAt: row.timeliness && row.timeliness.lastRevisedAt > row.timeliness.firstCountedAt ? excelDate(row.timeliness.lastRevisedAt) : null,
          revisedAfterDeadline: row.timeliness?.revisedAfterDeadline ? 'Có' : '',
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
    sheet.getColumn('submittedAt').numFmt = 'dd/mm/yyyy hh:mm';
    sheet.getColumn('revisedAt').numFmt = 'dd/mm/yyyy hh:mm';
    sheet.getColumn('quantity').numFmt = '#,##0';
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: WORKBOOK_COLUMNS.length } };
  }
  if (models.length === 0) workbook.addWorksheet('Trống');
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
