import { Resvg } from '@resvg/resvg-js';
import { rowsOf, type AgencyRow, type SummaryModel } from '../domain/summary/index.js';
import { formatDateTime } from '../texts/format.js';
import { numberVi, percentVi } from './official.js';

/**
 * The progress chart attached to a summary: per report item a bar of how many agencies are done,
 * in progress, not started or not reported; per agency (or, for a big province, per emulation bloc
 * or as a distribution) the mean percent. Drawn as SVG, rendered to PNG by resvg (no browser).
 * Labels are in Vietnamese, like the summary they go with.
 */

const WIDTH = 1000;
const MARGIN = 24;
const LABEL_W = 340;
const BAR_X = MARGIN + LABEL_W + 8;
const BAR_W = 460;
const COLORS = { done: '#2e7d32', inProgress: '#f9a825', notStarted: '#c62828', missing: '#d9d9d9', onTime: '#1565c0', late: '#ef6c00', text: '#212121', muted: '#757575' };
/** Up to this many agencies get a bar each; beyond, they are grouped. */
export const CHART_AGENCY_LIMIT = 60;
const FONT = "'DejaVu Sans', 'Noto Sans', Arial, sans-serif";

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function label(x: number, y: number, text: string, options: { size?: number; bold?: boolean; anchor?: 'start' | 'end' | 'middle'; color?: string } = {}): string {
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${options.size ?? 13}"${options.bold ? ' font-weight="bold"' : ''} text-anchor="${options.anchor ?? 'start'}" fill="${options.color ?? COLORS.text}">${esc(text)}</text>`;
}

function rect(x: number, y: number, w: number, h: number, color: string): string {
  return w <= 0 ? '' : `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h}" fill="${color}"/>`;
}

interface Bar {
  label: string;
  value: number;
  text: string;
  color: string;
}

/** The per-agency part: one bar each, per bloc, or a distribution — whichever stays readable. */
function agencyBars(model: SummaryModel): { title: string; bars: Bar[]; max: number } {
  const reported = model.rows.filter((r) => r.standing !== 'missing');
  const missing = rowsOf(model, 'missing');
  if (model.rows.length <= CHART_AGENCY_LIMIT) {
    const sorted = [...reported].sort((a, b) => (b.meanPercent ?? 0) - (a.meanPercent ?? 0));
    const bars = sorted.map((r: AgencyRow) => ({ label: r.agency.name, value: r.meanPercent ?? 0, text: `${percentVi(r.meanPercent ?? 0)}${r.standing === 'late' ? ' (muộn)' : ''}${r.timeliness?.revisedAfterDeadline ? ' (bổ sung sau hạn)' : ''}`, color: r.standing === 'late' ? COLORS.late : COLORS.onTime }));
    bars.push(...missing.map((r) => ({ label: r.agency.name, value: 0, text: 'chưa báo cáo', color: COLORS.missing })));
    return { title: 'Tiến độ bình quân theo cơ quan, đơn vị', bars, max: 100 };
  }
  const groups = new Map<string, AgencyRow[]>();
  for (const r of model.rows) groups.set(r.agency.group ?? 'Khác', [...(groups.get(r.agency.group ?? 'Khác') ?? []), r]);
  if (groups.size > 1 && groups.size <= CHART_AGENCY_LIMIT) {
    const bars = [...groups.entries()].map(([name, rows]) => {
      const done = rows.filter((r) => r.standing !== 'missing');
      const mean = done.length > 0 ? done.reduce((s, r) => s + (r.meanPercent ?? 0), 0) / done.length : 0;
      return { label: name, value: mean, text: `${percentVi(mean)} · đã báo cáo ${numberVi(done.length)}/${numberVi(rows.length)}`, color: COLORS.onTime };
    });
    return { title: 'Tiến độ bình quân theo khối (cơ quan, đơn vị đã báo cáo)', bars, max: 100 };
  }
  const buckets = [
    { label: 'Dưới 20%', test: (p: number) => p < 20 },
    { label: '20% – dưới 40%', test: (p: number) => p >= 20 && p < 40 },
    { label: '40% – dưới 60%', test: (p: number) => p >= 40 && p < 60 },
    { label: '60% – dưới 80%', test: (p: number) => p >= 60 && p < 80 },
    { label: '80% – dưới 100%', test: (p: number) => p >= 80 && p < 100 },
    { label: '100%', test: (p: number) => p >= 100 },
  ];
  const bars: Bar[] = buckets.map((b) => {
    const n = reported.filter((r) => b.test(r.meanPercent ?? 0)).length;
    return { label: b.label, value: n, text: numberVi(n), color: COLORS.onTime };
  });
  bars.push({ label: 'Chưa báo cáo', value: missing.length, text: numberVi(missing.length), color: COLORS.missing });
  return { title: 'Số cơ quan, đơn vị theo mức tiến độ bình quân', bars, max: Math.max(1, ...bars.map((b) => b.value)) };
}

/** The chart as SVG text. */
export function progressChartSvg(model: SummaryModel): string {
  const parts: string[] = [];
  let y = MARGIN + 20;
  parts.push(label(MARGIN, y, `Tiến độ ${model.period.name}`, { size: 20, bold: true }));
  y += 24;
  parts.push(label(MARGIN, y, `Đã báo cáo ${numberVi(model.reported)}/${numberVi(model.total)} (đúng hạn ${numberVi(model.onTime)}, muộn ${numberVi(model.late)}) · số liệu đến ${formatDateTime(model.asOf)}`, { size: 13, color: COLORS.muted }));
  y += 34;
  parts.push(label(MARGIN, y, 'Theo nội dung (số cơ quan, đơn vị)', { size: 15, bold: true }));
  y += 12;
  const total = Math.max(1, model.total);
  for (const a of model.items) {
    const h = 20;
    parts.push(label(MARGIN, y + 15, clip(`${a.item.no}. ${a.item.short}`, 42)));
    let x = BAR_X;
    for (const [n, color] of [
      [a.done, COLORS.done],
      [a.inProgress, COLORS.inProgress],
      [a.notStarted, COLORS.notStarted],
      [model.total - a.answered, COLORS.missing],
    ] as const) {
      const w = (n / total) * BAR_W;
      parts.push(rect(x, y + 2, w, h, color));
      x += w;
    }
    parts.push(label(BAR_X + BAR_W + 8, y + 16, a.meanPercent === undefined ? '—' : `TB ${percentVi(a.meanPercent)}`, { size: 12 }));
    y += h + 10;
  }
  y += 6;
  let lx = BAR_X;
  for (const [text, color] of [
    ['Hoàn thành', COLORS.done],
    ['Đang thực hiện', COLORS.inProgress],
    ['Chưa thực hiện', COLORS.notStarted],
    ['Chưa báo cáo', COLORS.missing],
  ] as const) {
    parts.push(rect(lx, y, 12, 12, color), label(lx + 16, y + 11, text, { size: 11 }));
    lx += 130;
  }
  y += 40;
  const agencies = agencyBars(model);
  parts.push(label(MARGIN, y, agencies.title, { size: 15, bold: true }));
  y += 10;
  for (const bar of agencies.bars) {
    const h = 14;
    parts.push(label(MARGIN, y + 12, clip(bar.label, 46), { size: 11 }));
    parts.push(rect(BAR_X, y + 1, BAR_W, h, '#f2f2f2'));
    parts.push(rect(BAR_X, y + 1, (bar.value / agencies.max) * BAR_W, h, bar.color));
    parts.push(label(BAR_X + BAR_W + 8, y + 12, bar.text, { size: 11, color: bar.color === COLORS.missing ? COLORS.muted : COLORS.text }));
    y += h + 5;
  }
  const height = y + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** Renders SVG to PNG with resvg, with the system's fonts (DejaVu Sans has every Vietnamese letter). */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
  return new Uint8Array(resvg.render().asPng());
}

/** The chart as PNG bytes. */
export function progressChartPng(model: SummaryModel): Uint8Array {
  return svgToPng(progressChartSvg(model));
}
