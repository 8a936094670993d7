import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  LineRuleType,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import { composeReport, type ReportBlock, type ReportInput, type ReportModel } from './report-model.js';
import { xmlSafe } from './xlsx.js';

/**
 * Renders the draft report (composed in report-model.ts) to the provincial People's Committee, in the layout of Decree 30/2020/
 * NĐ-CP (Appendix I): A4, Times New Roman, margins top and bottom 20 mm, left 30 mm, right 15 mm;
 * the issuing body and the national title and motto side by side; number and symbol, place and
 * date; the title; the content; "Nơi nhận" and the signature block, left for a person to sign.
 * In Vietnamese, as official documents are.
 */

const FONT = 'Times New Roman';
/** Half-points, as Word counts font sizes. */
const PT = (points: number) => points * 2;
const A4 = { width: 11906, height: 16838 };
const MARGIN = {
  top: convertMillimetersToTwip(20),
  bottom: convertMillimetersToTwip(20),
  left: convertMillimetersToTwip(30),
  right: convertMillimetersToTwip(15),
};
/** The width between the margins: 165 mm. */
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** The issuing body's column of the header; the national title and motto take the rest. */
const HEADER_LEFT = Math.round(TEXT_WIDTH * 0.4);

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  // Agencies' notes are quoted as typed: what XML 1.0 cannot hold (U+FFFE, control characters) is left out.
  return new TextRun({ text: xmlSafe(text), font: FONT, size: PT(14), ...options });
}

function para(
  children: TextRun[],
  options: { align?: 'center' | 'left' | 'both'; indent?: boolean; after?: number; before?: number } = {},
): Paragraph {
  const align = options.align === 'center' ? AlignmentType.CENTER : options.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED;
  return new Paragraph({
    children,
    alignment: align,
    spacing: { after: options.after ?? 0, before: options.before ?? 0, line: 276 },
    ...(options.indent ? { indent: { firstLine: convertMillimetersToTwip(10) } } : {}),
  });
}

/**
 * The short rule the decree draws under the issuing body, the motto and the title: an empty
 * paragraph, `widthMm` wide and centred in `withinTwips`, whose top border sits right under the line
 * above it (so the text above keeps its full width and never wraps because of the rule).
 */
function rule(widthMm: number, withinTwips: number, after = 0): Paragraph {
  const side = Math.max(0, Math.round((withinTwips - convertMillimetersToTwip(widthMm)) / 2));
  return new Paragraph({
    children: [new TextRun({ text: '', size: 2 })],
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: side, right: side },
    spacing: { before: 60, after, line: 40, lineRule: LineRuleType.EXACT },
  });
}

const body = (text: string) => para([run(text)], { indent: true, after: 120 });
const heading = (text: string) => para([run(text, { bold: true })], { indent: true, after: 120, before: 120 });

function cell(children: Paragraph[], widthTwips: number): TableCell {
  return new TableCell({ children, width: { size: widthTwips, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.TOP });
}

/** Two columns without borders, the left `leftTwips` wide, together the width of the text. */
function borderless(left: Paragraph[], right: Paragraph[], leftTwips: number): Table {
  const rightTwips = TEXT_WIDTH - leftTwips;
  return new Table({
    rows: [new TableRow({ children: [cell(left, leftTwips), cell(right, rightTwips)] })],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftTwips, rightTwips],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
  });
}

/** What the report needs: the period's summary model, the plan, and (optionally) each agency's revisions. */
export type OfficialReportInput = ReportInput;

/** Builds the .docx file. */
export async function buildOfficialReport(input: OfficialReportInput): Promise<Uint8Array> {
  return renderReport(composeReport(input));
}

/** Renders a composed report to .docx bytes. */
export async function renderReport(report: ReportModel): Promise<Uint8Array> {
  const h = report.header;
  const header = borderless(
    [
      para([run(h.authority, { size: PT(12) })], { align: 'center' }),
      para([run(h.body, { size: PT(12), bold: true })], { align: 'center' }),
      rule(20, HEADER_LEFT),
      para([run(h.number, { size: PT(13) })], { align: 'center', before: 120 }),
    ],
    [
      para([run(h.nation, { size: PT(12), bold: true })], { align: 'center' }),
      para([run(h.motto, { size: PT(13), bold: true })], { align: 'center' }),
      rule(62, TEXT_WIDTH - HEADER_LEFT),
      para([run(h.placeAndDate, { size: PT(13), italics: true })], { align: 'center', before: 120 }),
    ],
    HEADER_LEFT,
  );
  const children: (Paragraph | Table)[] = [
    header,
    para([run(report.kind, { bold: true })], { align: 'center', before: 360 }),
    para([run(report.subject, { bold: true })], { align: 'center' }),
    rule(40, TEXT_WIDTH, 240),
    body(report.intro),
  ];
  for (const section of report.sections) {
    children.push(heading(section.heading));
    for (const block of section.blocks) children.push(blockParagraph(block));
  }
  children.push(body(report.closing));
  children.push(
    borderless(
      [
        para([run('Nơi nhận:', { size: PT(12), bold: true, italics: true })], { align: 'left', before: 240 }),
        ...report.recipients.map((r) => para([run(r, { size: PT(11) })], { align: 'left' })),
      ],
      [
        ...report.signer.map((line, i) => para([run(line, { bold: true })], { align: 'center', before: i === 0 ? 240 : 0 })),
        // Room for the signature and the seal; the signer's name is written by hand or by the clerk.
        ...[1, 2, 3, 4].map(() => para([run('')], { align: 'center' })),
      ],
      Math.round(TEXT_WIDTH / 2),
    ),
  );
  const document = new Document({
    creator: 'Đôn Đốc',
    title: report.title,
    description: report.draftNotice,
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: MARGIN,
          },
        },
        // A draft says so on every page, in the header, so it never passes for a signed report.
        headers: {
          default: new Header({
            children: [para([run(report.draftNotice, { size: PT(10), italics: true, color: '7F7F7F' })], { align: 'center' })],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** One block of a section: sub-headings bold, bloc names italic, quotes indented, gaps for the clerk highlighted. */
function blockParagraph(block: ReportBlock): Paragraph {
  switch (block.kind) {
    case 'subheading':
      return para([run(block.text, { bold: true })], { indent: true, after: 60, before: 60 });
    case 'group':
      return para([run(block.text, { italics: true })], { indent: true, after: 40 });
    case 'quote':
      return new Paragraph({
        children: [run(block.text)],
        alignment: AlignmentType.JUSTIFIED,
        spacing: { after: 40, line: 276 },
        indent: { left: convertMillimetersToTwip(10) },
      });
    case 'placeholder':
      return para([run(block.text, { italics: true, highlight: 'yellow' })], { indent: true, after: 120 });
    case 'paragraph':
      return body(block.text);
  }
}
