import { localDateAt } from '../domain/vietnam-time.js';
import { findAgency, type Plan } from '../domain/plan.js';
import type { Submission } from '../domain/submission.js';
import type { AgencyRow, ItemAggregate, SummaryModel } from '../domain/summary/index.js';
import { formatDateTime } from '../texts/format.js';
import { bodyAbbreviation, numberAndSymbol, numberVi, placeAndDate, upperVi } from './official.js';
import { timelinessOf, type Timeliness } from './timeliness.js';
import { positionsById } from '../domain/positions-by-id.js';

/**
 * The draft report a clerk edits and has signed, as data: composed from the same summary model as
 * /status (plus each agency's revisions, for when it reported), and rendered separately (docx.ts).
 * Pure. In Vietnamese, as official documents are; the parts only a person can write are left as
 * bracketed placeholders the clerk replaces ("[…]"), never invented.
 */

/** One line of a section: a numbered sub-heading, a paragraph, a quoted agency note, or a gap for the clerk. */
export type ReportBlock = { kind: 'subheading' | 'paragraph' | 'group' | 'quote' | 'placeholder'; text: string };

export interface ReportSection {
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportModel {
  /** The page header line: a draft made by the bot, for the clerk to check, complete and have signed. */
  draftNotice: string;
  header: { authority: string; body: string; number: string; nation: string; motto: string; placeAndDate: string };
  /** "BÁO CÁO" and the subject under it. */
  kind: string;
  subject: string;
  /** The whole title in running text: "Báo cáo sơ kết 6 tháng đầu năm 2025 thực hiện …". */
  title: string;
  intro: string;
  /** I. Kết quả đạt được; II. Tồn tại, hạn chế; III. Phương hướng, nhiệm vụ; IV. Kiến nghị, đề xuất. */
  sections: ReportSection[];
  closing: string;
  recipients: string[];
  /** The signer's title, one line each ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"); the name is left for the clerk. */
  signer: string[];
}

export interface ReportInput {
  model: SummaryModel;
  plan: Plan;
  /** Each agency's revisions, oldest first; absent ones are judged from the counting revision alone. */
  histories?: ReadonlyMap<string, readonly Submission[]>;
}

/** An item counts as "not started by many" when at least this share of the agencies that answered have not started it. */
export const MANY_NOT_STARTED_SHARE = 0.2;

/** Default subject under "BÁO CÁO", as such reports are titled in the province. */
export const DEFAULT_REPORT_TITLE = '{period} thực hiện {legal_basis} của {issuer}';

const OTHER_GROUP = 'Các cơ quan, đơn vị khác';

/** The timeliness of every row of the model, through the one rule of timeliness.ts. */
export function timelinessOfRows(model: SummaryModel, histories?: ReadonlyMap<string, readonly Submission[]>): Map<string, Timeliness> {
  return new Map(
    model.rows.map((r) => [
      r.agency.id,
      timelinessOf(model.period, histories?.get(r.agency.id) ?? (r.submission ? [r.submission] : []), r.submission),
    ]),
  );
}

/** What one emulation bloc (khối) stands at: agencies, reported on time, late, missing. */
export interface GroupTally {
  group: string;
  total: number;
  onTime: number;
  late: number;
  missing: number;
}

/** The rows in plan order (the model lists the missing first), for lists a reader scans by bloc. */
function planOrder(model: SummaryModel, plan: Pick<Plan, 'agencies'> | undefined): AgencyRow[] {
  if (!plan) return [...model.rows];
  const index = positionsById(plan.agencies, (a) => a.id);
  return [...model.rows].sort((a, b) => (index.get(a.agency.id) ?? Infinity) - (index.get(b.agency.id) ?? Infinity));
}

/** Per bloc, in the order blocs first appear in the plan; agencies without a bloc last. */
export function groupTallies(
  model: SummaryModel,
  timeliness: ReadonlyMap<string, Timeliness>,
  plan?: Pick<Plan, 'agencies'>,
): GroupTally[] {
  const tallies = new Map<string, GroupTally>();
  for (const row of planOrder(model, plan)) {
    const group = row.agency.group ?? OTHER_GROUP;
    const t = tallies.get(group) ?? { group, total: 0, onTime: 0, late: 0, missing: 0 };
    const when = timeliness.get(row.agency.id);
    t.total++;
    if (!row.submission || !when?.reported) t.missing++;
    else if (when.late) t.late++;
    else t.onTime++;
    tallies.set(group, t);
  }
  const all = [...tallies.values()];
  return [...all.filter((t) => t.group !== OTHER_GROUP), ...all.filter((t) => t.group === OTHER_GROUP)];
}

/** Agencies' words on one subject, by bloc then agency in plan order: "+ Sở Y tế: “…”". */
function quotesByGroup(rows: readonly AgencyRow[], textOf: (row: AgencyRow) => string | undefined): ReportBlock[] {
  const byGroup = new Map<string, ReportBlock[]>();
  for (const row of rows) {
    const text = textOf(row)?.trim();
    if (!text) continue;
    const group = row.agency.group ?? OTHER_GROUP;
    const list = byGroup.get(group) ?? [];
    list.push({ kind: 'quote', text: `+ ${row.agency.name}: “${text.replace(/\s*\n\s*/g, '; ')}”.` });
    byGroup.set(group, list);
  }
  const groups = [...byGroup.keys()].sort((a, b) => Number(a === OTHER_GROUP) - Number(b === OTHER_GROUP));
  return groups.flatMap((g) => [{ kind: 'group' as const, text: `- ${g}:` }, ...(byGroup.get(g) ?? [])]);
}

const names = (rows: readonly AgencyRow[]) => rows.map((r) => r.agency.name).join('; ');
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

function fill(template: string, values: Record<string, string>): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
    .replace(/\s+/g, ' ')
    .trim();
}

function subjectOf(model: SummaryModel, plan: Plan): string {
  const { campaign, period } = model;
  const values = { period: period.name, legal_basis: campaign.legalBasis, issuer: campaign.issuer ?? '', campaign: campaign.name };
  let template = plan.report?.title ?? DEFAULT_REPORT_TITLE;
  // Without an issuer or a legal basis in the plan, the default wording drops what it cannot fill.
  if (!plan.report?.title) {
    if (!campaign.issuer) template = template.replace(' của {issuer}', '');
    if (!campaign.legalBasis) template = template.replace('{legal_basis}', '{campaign}');
  }
  return capitalise(fill(template, values));
}

function countsLine(a: ItemAggregate): string {
  return `Số cơ quan, đơn vị đã hoàn thành: ${numberVi(a.done)}; đang thực hiện: ${numberVi(a.inProgress)}; chưa thực hiện: ${numberVi(a.notStarted)} (trên ${numberVi(a.answered)} cơ quan, đơn vị đã báo cáo).`;
}

function quantityLine(a: ItemAggregate): string | undefined {
  return a.quantity
    ? `${a.quantity.label}: tổng cộng ${numberVi(a.quantity.total)} ${a.quantity.unit} (theo báo cáo của ${numberVi(a.quantity.answered)} cơ quan, đơn vị).`
    : undefined;
}

/** Items at least MANY_NOT_STARTED_SHARE of the answering agencies have not started, most first. */
export function itemsManyNotStarted(model: SummaryModel): ItemAggregate[] {
  return model.items
    .filter((a) => a.notStarted > 0 && a.notStarted >= a.answered * MANY_NOT_STARTED_SHARE)
    .sort((a, b) => b.notStarted - a.notStarted || a.item.no - b.item.no);
}

/** Composes the draft report. */
export function composeReport(input: ReportInput): ReportModel {
  const { model, plan } = input;
  const timeliness = timelinessOfRows(model, input.histories);
  const coordinator = findAgency(plan, plan.coordinatorAgencyId);
  const coordinatorName = coordinator?.name ?? 'Sở Nội vụ';
  // Within the province its People's Committee is "UBND tỉnh", without the province's name.
  const authority = plan.province.authority.replace(new RegExp(`\\s+${plan.province.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), '');
  const rows = planOrder(model, plan);
  const reported = rows.filter((r) => r.submission && timeliness.get(r.agency.id)?.reported);
  const late = reported.filter((r) => timeliness.get(r.agency.id)?.late);
  const missing = rows.filter((r) => !reported.includes(r));
  const revisedLate = reported.filter((r) => timeliness.get(r.agency.id)?.revisedAfterDeadline);
  const subject = subjectOf(model, plan);
  const basis = [model.campaign.legalBasis || model.campaign.name, model.campaign.issuer ? `của ${model.campaign.issuer}` : '']
    .filter(Boolean)
    .join(' ');
  const asOf = formatDateTime(model.asOf);

  // I. Kết quả đạt được
  const results: ReportBlock[] = [
    { kind: 'subheading', text: '1. Tình hình báo cáo' },
    {
      kind: 'paragraph',
      text: `Tổng số cơ quan, đơn vị, địa phương phải báo cáo: ${numberVi(model.total)}. Đã báo cáo: ${numberVi(reported.length)} (đúng hạn: ${numberVi(reported.length - late.length)}; muộn: ${numberVi(late.length)}). Chưa báo cáo: ${numberVi(missing.length)}.`,
    },
    ...groupTallies(model, timeliness, plan).map((g) => ({
      kind: 'paragraph' as const,
      text: `- ${g.group}: ${numberVi(g.onTime + g.late)}/${numberVi(g.total)} cơ quan, đơn vị đã báo cáo (đúng hạn: ${numberVi(g.onTime)}; muộn: ${numberVi(g.late)}); chưa báo cáo: ${numberVi(g.missing)}.`,
    })),
    { kind: 'subheading', text: '2. Kết quả thực hiện các nội dung' },
  ];
  for (const a of model.items) {
    results.push({ kind: 'subheading', text: `2.${a.item.no}. ${a.item.title}` }, { kind: 'paragraph', text: countsLine(a) });
    const quantity = quantityLine(a);
    if (quantity) results.push({ kind: 'paragraph', text: quantity });
    const notes = quotesByGroup(reported, (r) => r.submission?.answers.find((x) => x.itemNo === a.item.no)?.note);
    if (notes.length > 0) results.push({ kind: 'paragraph', text: 'Kết quả cụ thể theo báo cáo của các cơ quan, đơn vị:' }, ...notes);
  }
  const counted = model.items.filter((a) => a.quantity);
  if (counted.length > 0) {
    results.push(
      { kind: 'subheading', text: '3. Tổng hợp số liệu' },
      ...counted.map((a) => ({
        kind: 'paragraph' as const,
        text: `- ${a.quantity?.label}: ${numberVi(a.quantity?.total ?? 0)} ${a.quantity?.unit} (nội dung ${a.item.no}).`,
      })),
    );
  }

  // II. Tồn tại, hạn chế
  const many = itemsManyNotStarted(model);
  const shortcomings: ReportBlock[] = [
    { kind: 'subheading', text: '1. Các nội dung còn nhiều cơ quan, đơn vị chưa thực hiện' },
    ...(many.length > 0
      ? many.map((a) => ({
          kind: 'paragraph' as const,
          text: `- Nội dung ${a.item.no} (${a.item.short}): ${numberVi(a.notStarted)}/${numberVi(a.answered)} cơ quan, đơn vị chưa thực hiện.`,
        }))
      : [
          {
            kind: 'paragraph' as const,
            text: `Không có nội dung nào có từ ${Math.round(MANY_NOT_STARTED_SHARE * 100)}% số cơ quan, đơn vị đã báo cáo trở lên chưa thực hiện.`,
          },
        ]),
    { kind: 'subheading', text: '2. Việc chấp hành chế độ báo cáo' },
    {
      kind: 'paragraph',
      text: late.length > 0 ? `- Báo cáo muộn (${numberVi(late.length)}): ${names(late)}.` : '- Báo cáo muộn: không có.',
    },
    {
      kind: 'paragraph',
      text: missing.length > 0 ? `- Chưa báo cáo (${numberVi(missing.length)}): ${names(missing)}.` : '- Chưa báo cáo: không có.',
    },
    ...(revisedLate.length > 0
      ? [{ kind: 'paragraph' as const, text: `- Bổ sung báo cáo sau hạn (${numberVi(revisedLate.length)}): ${names(revisedLate)}.` }]
      : []),
  ];
  const difficulties = quotesByGroup(reported, (r) => r.submission?.difficulties);
  shortcomings.push({ kind: 'subheading', text: '3. Khó khăn, vướng mắc các cơ quan, đơn vị nêu' });
  shortcomings.push(
    ...(difficulties.length > 0
      ? difficulties
      : [{ kind: 'paragraph' as const, text: 'Các cơ quan, đơn vị không nêu khó khăn, vướng mắc.' }]),
  );
  shortcomings.push({ kind: 'placeholder', text: '[Nguyên nhân của tồn tại, hạn chế: cán bộ tổng hợp bổ sung.]' });

  // III. Phương hướng, nhiệm vụ
  const unfinished = model.items.filter((a) => a.inProgress + a.notStarted > 0);
  const directions: ReportBlock[] = [
    ...(missing.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            text: `- Đôn đốc ${numberVi(missing.length)} cơ quan, đơn vị chưa báo cáo hoàn thành việc báo cáo.`,
          },
        ]
      : []),
    ...(unfinished.length > 0
      ? [
          { kind: 'paragraph' as const, text: '- Tiếp tục thực hiện các nội dung chưa hoàn thành:' },
          ...unfinished.map((a) => ({
            kind: 'paragraph' as const,
            text: `+ Nội dung ${a.item.no} (${a.item.short}): số cơ quan, đơn vị đang thực hiện: ${numberVi(a.inProgress)}; chưa thực hiện: ${numberVi(a.notStarted)}.`,
          })),
        ]
      : []),
    { kind: 'placeholder', text: '[Phương hướng, nhiệm vụ trọng tâm kỳ tới: cán bộ tổng hợp bổ sung.]' },
  ];

  // IV. Kiến nghị, đề xuất
  const proposals = quotesByGroup(reported, (r) => r.submission?.proposals);
  const requests: ReportBlock[] = [
    ...(proposals.length > 0
      ? [{ kind: 'paragraph' as const, text: 'Kiến nghị, đề xuất của các cơ quan, đơn vị:' }, ...proposals]
      : [{ kind: 'paragraph' as const, text: 'Các cơ quan, đơn vị không có kiến nghị, đề xuất.' }]),
    { kind: 'placeholder', text: `[Kiến nghị, đề xuất của ${coordinatorName} với ${authority}: cán bộ tổng hợp bổ sung.]` },
  ];

  const recipients = plan.report?.recipients?.map((r) => (/^[-–]/.test(r) ? r : `- ${r}`)) ?? [`- ${authority} (b/c);`, '- Lưu: VT, …'];
  const signer = plan.report?.signer
    ?.split(/\n|\\n/)
    .map((l) => l.trim())
    .filter(Boolean) ?? [coordinator?.kind === 'so' ? 'GIÁM ĐỐC' : 'THỦ TRƯỞNG CƠ QUAN'];
  return {
    draftNotice: `DỰ THẢO do Đôn Đốc tổng hợp từ báo cáo của các cơ quan, đơn vị (số liệu đến ${asOf}); cán bộ rà soát, chỉnh sửa, bổ sung các phần trong ngoặc vuông, ghi số và trình ký.`,
    header: {
      authority: upperVi(plan.province.authority),
      body: upperVi(coordinatorName),
      number: numberAndSymbol(bodyAbbreviation(coordinatorName)),
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      placeAndDate: placeAndDate(plan.province.name, localDateAt(model.asOf)),
    },
    kind: 'BÁO CÁO',
    subject,
    title: `Báo cáo ${lowerFirst(subject)}`,
    intro: `Thực hiện ${basis}, trên cơ sở báo cáo của các cơ quan, đơn vị, địa phương (số liệu đến ${asOf}), ${coordinatorName} báo cáo kết quả ${model.period.name} như sau:`,
    sections: [
      { heading: 'I. KẾT QUẢ ĐẠT ĐƯỢC', blocks: results },
      { heading: 'II. TỒN TẠI, HẠN CHẾ', blocks: shortcomings },
      { heading: 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ', blocks: directions },
      { heading: 'IV. KIẾN NGHỊ, ĐỀ XUẤT', blocks: requests },
    ],
    closing: `Trên đây là báo cáo ${lowerFirst(subject)}; ${coordinatorName} kính báo cáo ${authority} xem xét, chỉ đạo./.`,
    recipients,
    signer,
  };
}
