import type { SummaryModel } from '../domain/summary/index.js';
import { formatDateTime } from '../texts/format.js';
import { svgToPng } from './chart.js';
import { numberVi, percentVi } from './official.js';
import { PALETTE } from './palette.js';
import { buildPeriodGrid, type GridCell } from './period-grid.js';

/**
 * The grid of a period as a picture for the chat: agencies (grouped by khối) × report items, each
 * cell coloured by status like the dashboard, with the percent; the totals row at the bottom. The
 * rows are the dashboard grid's first page (the same function), so a picture of 10,000 agencies
 * stays a picture a phone can open; the footer says how many more there are.
 */

/** Rows drawn at most (Telegram refuses photos more than 20 times taller than wide). */
export const GRID_IMAGE_ROWS = 120;

const FONT = "'DejaVu Sans', 'Noto Sans', Arial, sans-serif";
const NAME_W = 300;
const STANDING_W = 100;
const CELL_W = 70;
const ROW_H = 20;
const MARGIN = 16;
// The shared palette (palette.ts), as the dashboard and the chart colour them.
const FILL: Record<GridCell['status'] | 'none', string> = {
  done: PALETTE.doneTint,
  'in-progress': PALETTE.inProgressTint,
  'not-started': PALETTE.notStartedTint,
  none: PALETTE.track,
};
const STANDING = {
  'on-time': ['Đúng hạn', PALETTE.onTime],
  late: ['Muộn', PALETTE.late],
  missing: ['Chưa báo cáo', PALETTE.missingLabel],
} as const;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function text(x: number, y: number, value: string, o: { size?: number; bold?: boolean; anchor?: string; color?: string } = {}): string {
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${o.size ?? 12}"${o.bold ? ' font-weight="bold"' : ''} text-anchor="${o.anchor ?? 'start'}" fill="${o.color ?? '#212121'}">${esc(value)}</text>`;
}

function box(x: number, y: number, w: number, h: number, fill: string): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`;
}

/** The grid picture as SVG text. */
export function gridImageSvg(model: SummaryModel, maxRows = GRID_IMAGE_ROWS): string {
  const grid = buildPeriodGrid(model, { pageSize: maxRows });
  const items = grid.items;
  const width = MARGIN * 2 + NAME_W + STANDING_W + CELL_W * items.length;
  const parts: string[] = [];
  let y = MARGIN + 18;
  parts.push(text(MARGIN, y, `Bảng tiến độ — ${model.period.name}`, { size: 17, bold: true }));
  y += 20;
  parts.push(
    text(
      MARGIN,
      y,
      `Đã báo cáo ${numberVi(model.reported)}/${numberVi(model.total)} (đúng hạn ${numberVi(model.onTime)}, muộn ${numberVi(model.late)}) · số liệu đến ${formatDateTime(model.asOf)}`,
      { color: '#616161' },
    ),
  );
  y += 14;
  const cellX = (i: number) => MARGIN + NAME_W + STANDING_W + i * CELL_W;
  parts.push(box(MARGIN, y, width - MARGIN * 2, ROW_H, '#e8eaf6'));
  parts.push(text(MARGIN + 4, y + 14, 'Cơ quan, đơn vị', { bold: true }), text(MARGIN + NAME_W + 4, y + 14, 'Tình trạng', { bold: true }));
  items.forEach((a, i) => parts.push(text(cellX(i) + CELL_W / 2, y + 14, `ND ${a.item.no}`, { bold: true, anchor: 'middle' })));
  y += ROW_H;
  for (const group of grid.groups) {
    parts.push(box(MARGIN, y, width - MARGIN * 2, ROW_H, '#f5f5f5'), text(MARGIN + 4, y + 14, clip(group.name, 70), { bold: true }));
    y += ROW_H;
    for (const row of group.rows) {
      const [label, color] = STANDING[row.standing];
      parts.push(
        text(MARGIN + 4, y + 14, clip(row.agencyName, 40)),
        text(MARGIN + NAME_W + 4, y + 14, row.draftPending ? `${label} · chờ duyệt` : label, { color, size: 11 }),
      );
      row.cells.forEach((c, i) => {
        parts.push(
          box(cellX(i), y, CELL_W, ROW_H, FILL[c?.status ?? 'none']),
          text(cellX(i) + CELL_W / 2, y + 14, c ? percentVi(c.percent) : '—', { anchor: 'middle', size: 11 }),
        );
      });
      y += ROW_H;
    }
  }
  parts.push(box(MARGIN, y, width - MARGIN * 2, ROW_H, '#eeeeee'), text(MARGIN + 4, y + 14, 'Bình quân (đã trả lời)', { bold: true }));
  items.forEach((a, i) =>
    parts.push(
      text(cellX(i) + CELL_W / 2, y + 14, a.meanPercent === undefined ? '—' : percentVi(a.meanPercent), { bold: true, anchor: 'middle' }),
    ),
  );
  y += ROW_H + 16;
  if (grid.pages > 1) {
    parts.push(
      text(MARGIN, y, `… và ${numberVi(grid.matching - maxRows)} cơ quan, đơn vị khác: xem đủ trên trang điều hành (/web).`, {
        color: '#616161',
      }),
    );
    y += 18;
  }
  const legend: [string, string][] = [
    ['Hoàn thành', FILL.done],
    ['Đang thực hiện', FILL['in-progress']],
    ['Chưa thực hiện', FILL['not-started']],
    ['Chưa báo cáo', FILL.none],
  ];
  legend.forEach(([label, fill], i) =>
    parts.push(box(MARGIN + i * 150, y - 11, 12, 12, fill), text(MARGIN + i * 150 + 16, y, label, { size: 11 })),
  );
  const height = y + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** The grid picture as PNG bytes. */
export function gridImagePng(model: SummaryModel): Uint8Array {
  return svgToPng(gridImageSvg(model));
}
