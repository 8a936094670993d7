import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
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
import { localDateAt } from '../domain/local-date.js';
import { findAgency, type Plan } from '../domain/plan.js';
import { rowsOf, type SummaryModel } from '../domain/summary/index.js';
import { formatDateTime } from '../texts/format.js';
import { bodyAbbreviation, numberAndSymbol, numberVi, percentVi, placeAndDate, upperVi } from './official.js';

/**
 * The draft summary report to the provincial People's Committee, in the layout of Decree 30/2020/
 * NĐ-CP (Appendix I): A4, Times New Roman, margins top and bottom 20 mm, left 30 mm, right 15 mm;
 * the issuing body and the national title and motto side by side; number and symbol, place and
 * date; the title; the content; "Nơi nhận" and the signature block, left for a person to sign.
 * In Vietnamese, as official documents are.
 */

const FONT = 'Times New Roman';
/** Half-points, as Word counts font sizes. */
const PT = (points: number) => points * 2;
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) };
/** The width between the margins: 165 mm. */
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** The issuing body's column of the header; the national title and motto take the rest. */
const HEADER_LEFT = Math.round(TEXT_WIDTH * 0.4);

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, font: FONT, size: PT(14), ...options });
}

function para(children: TextRun[], options: { align?: 'center' | 'left' | 'both'; indent?: boolean; after?: number; before?: number } = {}): Paragraph {
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

/** What the report needs besides the model: the plan (authority, coordinator) and the agencies' names. */
export interface OfficialReportInput {
  model: SummaryModel;
  plan: Plan;
}

/** The paragraphs of the report, as plain text in order (what the tests and a reader see). */
export function officialReportText(input: OfficialReportInput): { header: string[]; title: string[]; sections: { heading: string; paragraphs: string[] }[]; closing: string; recipients: string[]; signer: string } {
  const { model, plan } = input;
  const coordinator = findAgency(plan, plan.coordinatorAgencyId);
  const coordinatorName = coordinator?.name ?? 'Sở Nội vụ';
  const campaignRef = model.campaign.legalBasis ? `${model.campaign.name} (${model.campaign.legalBasis})` : model.campaign.name;
  const late = rowsOf(model, 'late');
  const missing = rowsOf(model, 'missing');
  const revised = model.rows.filter((r) => r.timeliness?.revisedAfterDeadline);
  const issuer = model.campaign.issuer ? ` của ${model.campaign.issuer}` : '';
  // Within the province its People's Committee is "UBND tỉnh", without the province's name.
  const authority = plan.province.authority.replace(new RegExp(`\\s+${plan.province.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), '');
  const asOf = formatDateTime(model.asOf);
  const sections = [
    {
      heading: 'I. TÌNH HÌNH BÁO CÁO',
      paragraphs: [
        `Tổng số cơ quan, đơn vị, địa phương phải báo cáo: ${numberVi(model.total)}. Đã báo cáo: ${numberVi(model.reported)} (đúng hạn: ${numberVi(model.onTime)}; muộn: ${numberVi(model.late)}). Chưa báo cáo: ${numberVi(model.missing)}.`,
      ],
    },
    {
      heading: 'II. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG',
      paragraphs: model.items.flatMap((a) => [
        `${a.item.no}. ${a.item.title}`,
        `Số cơ quan, đơn vị đã hoàn thành: ${numberVi(a.done)}; đang thực hiện: ${numberVi(a.inProgress)}; chưa thực hiện: ${numberVi(a.notStarted)}.${a.meanPercent === undefined ? '' : ` Tỷ lệ thực hiện bình quân: ${percentVi(a.meanPercent)}.`}`,
        ...(a.quantity ? [`${a.quantity.label}: tổng cộng ${numberVi(a.quantity.total)} ${a.quantity.unit} (theo báo cáo của ${numberVi(a.quantity.answered)} cơ quan, đơn vị).`] : []),
      ]),
    },
    {
      heading: 'III. CƠ QUAN, ĐƠN VỊ BÁO CÁO MUỘN, CHƯA BÁO CÁO',
      paragraphs: [
        late.length > 0 ? `1. Báo cáo muộn (${numberVi(late.length)}): ${late.map((r) => r.agency.name).join('; ')}.` : '1. Báo cáo muộn: không có.',
        missing.length > 0 ? `2. Chưa báo cáo (${numberVi(missing.length)}): ${missing.map((r) => r.agency.name).join('; ')}.` : '2. Chưa báo cáo: không có.',
        // A revision after the deadline never changes an agency's standing; it is listed beside it.
        ...(revised.length > 0
          ? [
              `3. Bổ sung báo cáo sau hạn (${numberVi(revised.length)}): ${revised
                .map((r) => `${r.agency.name} (báo cáo lần đầu ${r.standing === 'late' ? 'muộn' : 'đúng hạn'}; bổ sung lúc ${formatDateTime(r.timeliness?.lastRevisedAt ?? 0)})`)
                .join('; ')}.`,
            ]
          : []),
      ],
    },
    { heading: 'IV. ĐỀ XUẤT, KIẾN NGHỊ', paragraphs: ['…………………………………………………………………………'] },
  ];
  return {
    header: [upperVi(plan.province.authority), upperVi(coordinatorName), numberAndSymbol(bodyAbbreviation(coordinatorName)), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', placeAndDate(plan.province.name, localDateAt(model.asOf))],
    title: ['BÁO CÁO', `Kết quả thực hiện ${campaignRef} — ${model.period.name}`],
    sections: [
      {
        heading: '',
        paragraphs: [
          `Thực hiện ${model.campaign.legalBasis || model.campaign.name}${issuer}, ${coordinatorName} tổng hợp kết quả thực hiện ${model.campaign.name}, kỳ ${model.period.name}, của các cơ quan, đơn vị, địa phương (số liệu đến ${asOf}) như sau:`,
        ],
      },
      ...sections,
    ],
    closing: `Trên đây là báo cáo kết quả thực hiện ${model.campaign.name}, kỳ ${model.period.name}; ${coordinatorName} kính báo cáo ${authority} xem xét, chỉ đạo./.`,
    recipients: [`- ${authority} (b/c);`, '- Lưu: VT, …'],
    signer: coordinator?.kind === 'so' ? 'GIÁM ĐỐC' : 'THỦ TRƯỞNG CƠ QUAN',
  };
}

/** Builds the .docx file. */
export async function buildOfficialReport(input: OfficialReportInput): Promise<Uint8Array> {
  const text = officialReportText(input);
  const [authority = '', body1 = '', number = '', nation = '', motto = '', dateLine = ''] = text.header;
  const header = borderless(
    [
      para([run(authority, { size: PT(12) })], { align: 'center' }),
      para([run(body1, { size: PT(12), bold: true })], { align: 'center' }),
      rule(20, HEADER_LEFT),
      para([run(number, { size: PT(13) })], { align: 'center', before: 120 }),
    ],
    [
      para([run(nation, { size: PT(12), bold: true })], { align: 'center' }),
      para([run(motto, { size: PT(13), bold: true })], { align: 'center' }),
      rule(62, TEXT_WIDTH - HEADER_LEFT),
      para([run(dateLine, { size: PT(13), italics: true })], { align: 'center', before: 120 }),
    ],
    HEADER_LEFT,
  );
  const [titleWord = '', subject = ''] = text.title;
  const children: (Paragraph | Table)[] = [
    header,
    para([run(titleWord, { bold: true })], { align: 'center', before: 360 }),
    para([run(subject, { bold: true })], { align: 'center' }),
    rule(40, TEXT_WIDTH, 240),
  ];
  for (const section of text.sections) {
    if (section.heading) children.push(heading(section.heading));
    section.paragraphs.forEach((p) => {
      // An item's title ("1. …") reads as a sub-heading.
      children.push(/^\d+\. /.test(p) && section.heading.startsWith('II.') ? para([run(p, { bold: true })], { indent: true, after: 60 }) : body(p));
    });
  }
  children.push(body(text.closing));
  children.push(
    borderless(
      [
        para([run('Nơi nhận:', { size: PT(12), bold: true, italics: true })], { align: 'left', before: 240 }),
        ...text.recipients.map((r) => para([run(r, { size: PT(11) })], { align: 'left' })),
      ],
      [
        para([run(text.signer, { bold: true })], { align: 'center', before: 240 }),
        // Room for the signature and the seal; the signer's name is written by hand or by the clerk.
        ...[1, 2, 3, 4].map(() => para([run('')], { align: 'center' })),
      ],
      Math.round(TEXT_WIDTH / 2),
    ),
  );
  const document = new Document({
    creator: 'Đôn Đốc',
    title: `${text.title[0]} ${subject}`,
    description: 'Dự thảo báo cáo tổng hợp; cần rà soát, ghi số và trình ký.',
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: MARGIN,
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
