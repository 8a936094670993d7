import type { WorkingCalendar } from '../domain/calendar/index.js';
import { daysBetween, localDateAt } from '../domain/vietnam-time.js';
import { isLate, type Period } from '../domain/period.js';
import { countedAt, timelinessFromHistory, timelinessOf } from '../domain/report/timeliness.js';
import type { Submission } from '../domain/submission.js';
import { headsOfRow, rowsOf, type AgencyRow, type ItemAggregate, type SummaryKind, type SummaryModel } from '../domain/summary/index.js';
import type { Texts } from '../texts/index.js';
import { reachableCount, splitMissing, type AgencyReach } from './missing-split.js';

/** How many agencies still to report one page of `/status` lists. */
export const STATUS_PAGE_SIZE = 40;
/** How many names a summary lists before "… and N more". */
export const SUMMARY_NAME_LIMIT = 30;

/** A summary as the scheduler or /tonghop posts it, or `/status`'s view. */
export type SummaryTextKind = SummaryKind | 'on-demand';

function itemLines(model: SummaryModel, texts: Texts): string[] {
  const t = texts.progress;
  return [
    t.itemsHeader(model.reported),
    ...model.items.map((a: ItemAggregate) =>
      t.itemLine({
        no: a.item.no,
        short: a.item.short,
        done: a.done,
        inProgress: a.inProgress,
        notStarted: a.notStarted,
        ...(a.meanPercent === undefined ? {} : { mean: t.percent(a.meanPercent) }),
        ...(a.quantity ? { quantity: `${t.number(a.quantity.total)} ${a.quantity.unit}` } : {}),
      }),
    ),
  ];
}

function headsOf(model: SummaryModel, row: AgencyRow): { heads: string[]; unreachable: string[] } {
  const heads = headsOfRow(model, row);
  return { heads: heads.map((h) => h.name), unreachable: heads.filter((h) => !h.reachable).map((h) => h.name) };
}

/** The time of a revision after the deadline on top of the agency's first report, as the optional argument of a line. */
function revisedAt(row: AgencyRow, texts: Texts): [string] | [] {
  return row.timeliness?.revisedAfterDeadline ? [texts.progress.instant(row.timeliness.lastRevisedAt)] : [];
}

/** The agencies whose heads a page of `/status` names. */
export function pageAgencyIds(model: SummaryModel, page: number, pageSize = STATUS_PAGE_SIZE): string[] {
  return rowsOf(model, 'missing')
    .slice((page - 1) * pageSize, page * pageSize)
    .map((r) => r.agency.id);
}

/**
 * The agencies whose heads a summary names: the first of those still missing or, when it is known
 * who can be reminded, the first of those with someone registered (the others have no head to name).
 */
export function summaryAgencyIds(model: SummaryModel, reach?: ReadonlyMap<string, AgencyReach>): string[] {
  const missing = rowsOf(model, 'missing');
  if (!reach) return missing.slice(0, SUMMARY_NAME_LIMIT).map((r) => r.agency.id);
  const split = splitMissing(missing, reach);
  return [...split.reminded.slice(0, SUMMARY_NAME_LIMIT).map((r) => r.row), ...split.notReached.slice(0, SUMMARY_NAME_LIMIT)].map(
    (r) => r.agency.id,
  );
}

/** Pages of the list of agencies still to report (at least one page, even when empty). */
export function statusPages(model: SummaryModel, pageSize = STATUS_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(model.missing / pageSize));
}

/**
 * One period in `/status`: the tally and days to the deadline, the agencies still to report first
 * (one page of them, with their heads), those late, then the aggregate of every report item. Page 1
 * carries the item aggregates; later pages only the header and their share of the list.
 */
export function renderPeriodStatus(
  model: SummaryModel,
  texts: Texts,
  page = 1,
  pageSize = STATUS_PAGE_SIZE,
  reach?: ReadonlyMap<string, AgencyReach>,
): string {
  const t = texts.progress;
  const pages = statusPages(model, pageSize);
  const lines = [
    t.periodHeader(model.campaign.name, model.period.name),
    t.deadlineLine(t.day(model.period.deadline), model.daysToDeadline, model.workingDaysToDeadline),
    t.tally(model),
  ];
  const missing = rowsOf(model, 'missing');
  if (missing.length > 0) {
    const start = (page - 1) * pageSize;
    lines.push('', t.missingHeader(missing.length, page, pages));
    // The counts only when every missing agency is known (a big province's /status knows the page's).
    const registered = reach && reachableCount(missing, reach);
    if (registered !== undefined) lines.push(t.statusReach({ unregistered: missing.length - registered, registered }));
    missing
      .slice(start, start + pageSize)
      .forEach((row, i) =>
        lines.push(
          t.missingLine({ no: start + i + 1, agency: row.agency.name, ...headsOf(model, row), draft: row.draftPending }) +
            t.remindedSuffix(reach?.get(row.agency.id)?.reminded ?? 0),
        ),
      );
  }
  if (page === 1) {
    const late = rowsOf(model, 'late');
    if (late.length > 0) {
      lines.push('', t.lateHeader(late.length));
      for (const row of late.slice(0, pageSize))
        lines.push(t.lateLine(row.agency.name, t.instant(row.countedAt ?? 0), ...revisedAt(row, texts)));
      if (late.length > pageSize) lines.push(t.more(late.length - pageSize));
    }
    if (model.onTime > 0) lines.push(t.onTimeLine(model.onTime));
    const revised = rowsOf(model, 'on-time').filter((r) => r.timeliness?.revisedAfterDeadline);
    if (revised.length > 0) {
      lines.push(t.revisedHeader(revised.length));
      for (const row of revised.slice(0, pageSize))
        lines.push(t.revisedLine(row.agency.name, t.instant(row.countedAt ?? 0), t.instant(row.timeliness?.lastRevisedAt ?? 0)));
      if (revised.length > pageSize) lines.push(t.more(revised.length - pageSize));
    }
    if (model.items.length > 0) lines.push('', ...itemLines(model, texts));
  }
  return lines.join('\n');
}

function names(model: SummaryModel, rows: readonly AgencyRow[], texts: Texts, withHeads: boolean): string[] {
  const shown = rows.slice(0, SUMMARY_NAME_LIMIT).map((r) =>
    withHeads
      ? texts.progress.summaryMissingName(
          r.agency.name,
          headsOfRow(model, r).map((h) => h.name),
        )
      : r.agency.name,
  );
  if (rows.length > SUMMARY_NAME_LIMIT) shown.push(texts.progress.more(rows.length - SUMMARY_NAME_LIMIT));
  return shown;
}

/**
 * A summary for the coordinators' chat: what came in (tally, item aggregates with the counts added
 * up), who reported late, who is still missing with their heads.
 */
export function renderSummaryText(
  model: SummaryModel,
  texts: Texts,
  kind: SummaryTextKind,
  reach?: ReadonlyMap<string, AgencyReach>,
): string {
  const t = texts.progress;
  const lines = [
    t.summaryHeader({
      title: t.summaryTitle[kind],
      period: model.period.name,
      campaign: model.campaign.name,
      legalBasis: model.campaign.legalBasis,
      asOf: t.instant(model.asOf),
      deadline: t.day(model.period.deadline),
    }),
    t.tally(model),
  ];
  if (model.items.length > 0) lines.push('', ...itemLines(model, texts));
  lines.push('');
  const late = rowsOf(model, 'late');
  if (late.length > 0) lines.push(t.summaryLate(late.length, names(model, late, texts, false)));
  const revised = model.rows.filter((r) => r.timeliness?.revisedAfterDeadline);
  if (revised.length > 0) {
    const shown = revised
      .slice(0, SUMMARY_NAME_LIMIT)
      .map((r) => t.summaryRevisedName(r.agency.name, r.standing === 'late', t.instant(r.timeliness?.lastRevisedAt ?? 0)));
    if (revised.length > SUMMARY_NAME_LIMIT) shown.push(t.more(revised.length - SUMMARY_NAME_LIMIT));
    lines.push(t.summaryRevised(revised.length, shown));
  }
  const missing = rowsOf(model, 'missing');
  if (missing.length === 0) lines.push(t.summaryNobodyMissing);
  else if (!reach) lines.push(t.summaryMissing(missing.length, names(model, missing, texts, true)));
  else {
    // Counts first, then the names, in the order the coordinator acts: chase, check, invite.
    const split = splitMissing(missing, reach);
    lines.push(
      t.missingSplit({
        missing: missing.length,
        unregistered: split.unregistered.length,
        reminded: split.reminded.length,
        notReached: split.notReached.length,
      }),
    );
    if (split.reminded.length > 0) {
      const shown = split.reminded.slice(0, SUMMARY_NAME_LIMIT).map((r) =>
        t.remindedName(
          r.row.agency.name,
          r.times,
          headsOfRow(model, r.row).map((h) => h.name),
        ),
      );
      if (split.reminded.length > SUMMARY_NAME_LIMIT) shown.push(t.more(split.reminded.length - SUMMARY_NAME_LIMIT));
      lines.push(t.summaryReminded(split.reminded.length, shown));
    }
    if (split.notReached.length > 0) lines.push(t.summaryNotReached(split.notReached.length, names(model, split.notReached, texts, true)));
    if (split.unregistered.length > 0)
      lines.push(t.summaryUnregistered(split.unregistered.length, names(model, split.unregistered, texts, false)));
  }
  lines.push('', t.summaryFooter);
  return lines.join('\n');
}

/** The short note for a report that arrived after the final summary. */
export function renderAddendum(model: SummaryModel, row: AgencyRow, texts: Texts, calendar: WorkingCalendar): string {
  const t = texts.progress;
  const submission = row.submission as Submission;
  const timeliness = row.timeliness;
  // The addendum is about the revision that just came in; the agency's standing stays that of its first count.
  const at = timeliness?.lastRevisedAt ?? row.countedAt ?? submission.submittedAt;
  const revised = timeliness !== undefined && timeliness.lastRevisedAt > timeliness.firstCountedAt;
  const quantities = model.items
    .filter((a) => a.quantity)
    .map((a) => {
      const answer = submission.answers.find((x) => x.itemNo === a.item.no);
      return answer?.quantity === undefined || !a.quantity
        ? undefined
        : t.quantityLine(a.quantity.label, t.number(answer.quantity), a.quantity.unit);
    })
    .filter((q): q is string => q !== undefined);
  return t.addendum({
    period: model.period.name,
    campaign: model.campaign.name,
    agency: row.agency.name,
    at: t.instant(at),
    workingDaysLate: Math.max(0, -calendar.workingDaysBetween(localDateAt(at), model.period.deadline)),
    revision: submission.revision,
    ...(revised ? { firstAt: t.instant(timeliness.firstCountedAt), firstLate: timeliness.late } : {}),
    ...(row.meanPercent === undefined ? {} : { mean: t.percent(row.meanPercent) }),
    quantities,
    reported: model.reported,
    total: model.total,
  });
}

/** One agency's latest report and its revisions, for `/status <agency>`. */
export function renderAgencyStatus(input: {
  period: Period;
  campaignName: string;
  items: readonly { no: number; short: string; quantity?: { unit: string } }[];
  agencyName: string;
  counting: Submission | undefined;
  history: readonly Submission[];
  /** Revisions of drafts the head sent back: shown as such, no longer waiting for sign-off. */
  returned?: ReadonlySet<number>;
  heads: readonly string[];
  texts: Texts;
  nowMs: number;
  calendar: WorkingCalendar;
}): string {
  const { texts, period, counting } = input;
  const t = texts.progress;
  const today = localDateAt(input.nowMs);
  const days = daysBetween(today, period.deadline);
  const lines = [
    t.agencyHeader(input.agencyName, period.name, input.campaignName),
    t.deadlineLine(t.day(period.deadline), days, input.calendar.workingDaysBetween(today, period.deadline)),
  ];
  const latest = input.history[input.history.length - 1];
  const draft = latest?.status === 'draft' && !input.returned?.has(latest.revision);
  if (!counting) {
    lines.push(t.agencyNotReported(input.heads, draft));
  } else {
    const timeliness = timelinessFromHistory(period, input.history) ?? timelinessOf(period, counting);
    lines.push(
      t.agencyReported({
        at: t.instant(countedAt(counting)),
        late: timeliness.late,
        revision: counting.revision,
        by: counting.submittedBy.name,
        firstAt: t.instant(timeliness.firstCountedAt),
        revisedAfterDeadline: timeliness.revisedAfterDeadline,
      }),
    );
    for (const answer of counting.answers) {
      const item = input.items.find((i) => i.no === answer.itemNo);
      lines.push(
        t.answerLine({
          no: answer.itemNo,
          short: item?.short ?? String(answer.itemNo),
          status: t.statusNames[answer.status],
          percent: answer.percent,
          ...(answer.quantity === undefined ? {} : { quantity: `${t.number(answer.quantity)} ${item?.quantity?.unit ?? ''}`.trim() }),
          note: answer.note,
        }),
      );
    }
    if (draft) lines.push(t.draftAmendment);
  }
  if (input.history.length > 0) {
    lines.push('', t.historyHeader);
    let seenCounting = false;
    for (const s of input.history) {
      // Each line says whether that revision itself came after the deadline: "muộn" for the agency's
      // first report, "bổ sung sau hạn" for a later one.
      const amendment = seenCounting;
      if (s.status !== 'draft') seenCounting = true;
      lines.push(
        t.historyLine({
          revision: s.revision,
          at: t.instant(s.submittedAt),
          by: s.submittedBy.name,
          late: isLate(period, countedAt(s)),
          draft: s.status === 'draft',
          amendment,
          ...(input.returned?.has(s.revision) ? { returned: true } : {}),
          ...(s.approvedBy ? { approvedBy: s.approvedBy.name } : {}),
        }),
      );
    }
  }
  return lines.join('\n');
}
