import { createRequire } from 'node:module';
import { rowsOf, type AgencyRow, type SummaryModel } from '../domain/summary/index.js';
import { formatDateTime } from '../texts/format.js';
import { numberVi, percentVi } from './official.js';
import { PALETTE } from './palette.js';
import { timelinessOfRows } from './report-model.js';

/**
 * The progress chart attached to a summary: per report item a bar of how many agencies are done,
 * in progress, not started or not reported; per agency (or, for a big province, per emulation bloc
 * or as a distribution) the mean percent. Drawn as SVG, rendered to PNG by resvg (no browser).
 * Labels are in Vietnamese, like the summary they go with, wrapped onto as many lines as they need
 * and never cut; colours come from palette.ts, shared with the grid image and the dashboard.
 */

/** 760 px wide with 16–26 px text: shown at a phone's width (about 400 px) the text stays 8 px and up, and zooms sharp. */
const WIDTH = 760;
const MARGIN = 24;
const INNER = WIDTH - 2 * MARGIN;
/** The agencies part: names on the left, wrapped; a bar; the value. */
const LABEL_W = 300;
const BAR_X = MARGIN + LABEL_W + 12;
const VALUE_W = 150;
const BAR_W = WIDTH - MARGIN - VALUE_W - BAR_X;
const COLORS = PALETTE;
/** Up to this many agencies get a bar each; beyond, they are grouped. */
export const CHART_AGENCY_LIMIT = 60;
const FONT = "'DejaVu Sans', 'Noto Sans', Arial, sans-serif";
/**
 * A generous estimate of DejaVu Sans's advance per character, in em (its capitals and "m", "w" are
 * the widest; Vietnamese marks sit above or below and add no width). Text is wrapped to fit by it.
 */
const EM_PER_CHAR = 0.62;
const LINE = 1.3;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Lines of at most `widthPx` (estimated) at `size`, broken between words; a word longer than a
 * line (rare: a long id) is broken inside. Nothing is ever left out.
 */
export function wrapLabel(text: string, widthPx: number, size: number): string[] {
  const max = Math.max(4, Math.floor(widthPx / (size * EM_PER_CHAR)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while ([...w].length > max) {
      if (line) lines.push(line);
      line = '';
      lines.push([...w].slice(0, max).join(''));
      w = [...w].slice(max).join('');
    }
    if (!line) line = w;
    else if ([...line].length + 1 + [...w].length <= max) line = `${line} ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

interface TextOptions {
  size?: number;
  bold?: boolean;
  anchor?: 'start' | 'end' | 'middle';
  color?: string;
}

/** One text element, one tspan per line; `y` is the first baseline. Returns the SVG and the height used. */
function textLines(x: number, y: number, lines: readonly string[], options: TextOptions = {}): { svg: string; height: number } {
  const size = options.size ?? 16;
  const spans = lines
    .map((l, i) => `<tspan x="${x}" ${i === 0 ? `y="${y}"` : `dy="${(size * LINE).toFixed(1)}"`}>${esc(l)}</tspan>`)
    .join('');
  return {
    svg: `<text font-family="${FONT}" font-size="${size}"${options.bold ? ' font-weight="bold"' : ''} text-anchor="${options.anchor ?? 'start'}" fill="${options.color ?? COLORS.text}">${spans}</text>`,
    height: lines.length * size * LINE,
  };
}

function label(x: number, y: number, text: string, options: TextOptions = {}): string {
  return textLines(x, y, [text], options).svg;
}

function rect(x: number, y: number, w: number, h: number, color: string): string {
  return w <= 0 ? '' : `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h}" fill="${color}"/>`;
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
    // On time or late as every export judges it (timeliness.ts).
    const when = timelinessOfRows(model);
    const late = (r: AgencyRow) => when.get(r.agency.id)?.late === true;
    const bars: Bar[] = sorted.map((r: AgencyRow) => ({
      label: r.agency.name,
      value: r.meanPercent ?? 0,
      text: `${percentVi(r.meanPercent ?? 0)}${late(r) ? ' (muộn)' : ''}${when.get(r.agency.id)?.revisedAfterDeadline ? ' (bổ sung sau hạn)' : ''}`,
      color: late(r) ? COLORS.late : COLORS.onTime,
    }));
    bars.push(...missing.map((r) => ({ label: r.agency.name, value: 0, text: 'chưa báo cáo', color: COLORS.missing })));
    return { title: 'Tỷ lệ thực hiện trung bình của từng cơ quan, đơn vị (màu cam: báo cáo muộn)', bars, max: 100 };
  }
  const groups = new Map<string, AgencyRow[]>();
  for (const r of model.rows) groups.set(r.agency.group ?? 'Khác', [...(groups.get(r.agency.group ?? 'Khác') ?? []), r]);
  if (groups.size > 1 && groups.size <= CHART_AGENCY_LIMIT) {
    const bars = [...groups.entries()].map(([name, rows]) => {
      const done = rows.filter((r) => r.standing !== 'missing');
      const mean = done.length > 0 ? done.reduce((s, r) => s + (r.meanPercent ?? 0), 0) / done.length : 0;
      return {
        label: name,
        value: mean,
        text: `${percentVi(mean)} · đã báo cáo ${numberVi(done.length)}/${numberVi(rows.length)}`,
        color: COLORS.onTime,
      };
    });
    return { title: 'Tỷ lệ thực hiện trung bình theo khối (của các cơ quan, đơn vị đã báo cáo)', bars, max: 100 };
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
  return { title: 'Số cơ quan, đơn vị theo tỷ lệ thực hiện trung bình', bars, max: Math.max(1, ...bars.map((b) => b.value)) };
}

/** The chart as SVG text. */
export function progressChartSvg(model: SummaryModel): string {
  const parts: string[] = [];
  let y = MARGIN + 26;
  const block = (lines: string[], options: TextOptions, x = MARGIN) => {
    const t = textLines(x, y, lines, options);
    parts.push(t.svg);
    y += t.height;
  };
  block(wrapLabel(`Tiến độ ${model.period.name}`, INNER, 26), { size: 26, bold: true });
  const when = [...timelinessOfRows(model).values()].filter((t) => t.reported);
  const lateCount = when.filter((t) => t.late).length;
  block(
    wrapLabel(
      `Đã báo cáo ${numberVi(when.length)}/${numberVi(model.total)} cơ quan, đơn vị (đúng hạn ${numberVi(when.length - lateCount)}, muộn ${numberVi(lateCount)}) · số liệu đến ${formatDateTime(model.asOf)}`,
      INNER,
      16,
    ),
    { size: 16, color: COLORS.muted },
  );
  y += 22;
  block(['Theo nội dung (số cơ quan, đơn vị)'], { size: 19, bold: true });
  // The legend first, so a reader on a phone knows the colours before the bars.
  let lx = MARGIN;
  y -= 4;
  for (const [text, color] of [
    ['Hoàn thành', COLORS.done],
    ['Đang thực hiện', COLORS.inProgress],
    ['Chưa thực hiện', COLORS.notStarted],
    ['Chưa báo cáo', COLORS.missing],
  ] as const) {
    const w = 22 + [...text].length * 15 * EM_PER_CHAR + 18;
    if (lx + w > WIDTH - MARGIN) {
      lx = MARGIN;
      y += 24;
    }
    parts.push(rect(lx, y, 16, 16, color), label(lx + 22, y + 14, text, { size: 15 }));
    lx += w;
  }
  y += 40;
  const total = Math.max(1, model.total);
  for (const a of model.items) {
    block(wrapLabel(`${a.item.no}. ${a.item.short}`, INNER, 18), { size: 18, bold: true });
    y -= 10;
    let x = MARGIN;
    for (const [n, color] of [
      [a.done, COLORS.done],
      [a.inProgress, COLORS.inProgress],
      [a.notStarted, COLORS.notStarted],
      [model.total - a.answered, COLORS.missing],
    ] as const) {
      const w = (n / total) * INNER;
      parts.push(rect(x, y, w, 24, color));
      x += w;
    }
    y += 24 + 20;
    const mean = a.meanPercent === undefined ? 'chưa có báo cáo' : `trung bình ${percentVi(a.meanPercent)}`;
    const counts = `Hoàn thành ${numberVi(a.done)} · đang thực hiện ${numberVi(a.inProgress)} · chưa thực hiện ${numberVi(a.notStarted)} · chưa báo cáo ${numberVi(model.total - a.answered)} · ${mean}`;
    block(wrapLabel(counts, INNER, 15), { size: 15, color: COLORS.muted });
    y += 18;
  }
  y += 10;
  const agencies = agencyBars(model);
  block(wrapLabel(agencies.title, INNER, 19), { size: 19, bold: true });
  y += 4;
  for (const bar of agencies.bars) {
    const lines = wrapLabel(bar.label, LABEL_W, 15);
    const h = Math.max(22, lines.length * 15 * LINE);
    parts.push(textLines(MARGIN, y + 16, lines, { size: 15 }).svg);
    parts.push(rect(BAR_X, y + 3, BAR_W, 18, COLORS.track));
    parts.push(rect(BAR_X, y + 3, (bar.value / agencies.max) * BAR_W, 18, bar.color));
    parts.push(
      textLines(BAR_X + BAR_W + 8, y + 17, wrapLabel(bar.text, VALUE_W - 8, 15), {
        size: 15,
        color: bar.color === COLORS.missing ? COLORS.muted : COLORS.text,
      }).svg,
    );
    y += h + 6;
  }
  const height = Math.ceil(y + MARGIN);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="${COLORS.background}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

let resvgModule: typeof import('@resvg/resvg-js') | undefined;

/** Renders SVG to PNG with resvg, with the system's fonts (DejaVu Sans has every Vietnamese letter). */
export function svgToPng(svg: string): Uint8Array {
  // Loaded on first use: the native renderer costs memory in every instance, and most never draw.
  resvgModule ??= createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const { Resvg } = resvgModule;
  const resvg = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
  return new Uint8Array(resvg.render().asPng());
}

/** The chart as PNG bytes. */
export function progressChartPng(model: SummaryModel): Uint8Array {
  return svgToPng(progressChartSvg(model));
}
