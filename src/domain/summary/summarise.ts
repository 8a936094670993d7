import type { Agency } from '../agency.js';
import type { WorkingCalendar } from '../calendar/index.js';
import type { Campaign } from '../campaign.js';
import { localDateAt } from '../vietnam-time.js';
import { periodStanding, type Period } from '../period.js';
import { countsAsReported } from '../report/approval.js';
import { timelinessOf } from '../report/timeliness.js';
import type { Submission } from '../submission.js';
import type { AgencyRow, HeadContact, ItemAggregate, SummaryModel } from './model.js';

/** What a summary is computed from; the caller reads the store, this function only counts. */
export interface SummaryInput {
  period: Period;
  campaign: Campaign;
  /** The agencies that must report for the period (agenciesOfPeriod), in plan order. */
  agencies: readonly Agency[];
  /**
   * Per agency id, the revision that counts (see countingSubmission). A draft found here is taken
   * as "not reported yet, draft pending" — so the store's latest revisions may be passed directly.
   */
  latest: ReadonlyMap<string, Submission>;
  /** Agencies whose latest revision is a draft waiting for sign-off (beside any counting revision in `latest`). */
  draftsPending?: ReadonlySet<string>;
  /** Heads' names per agency id, for the missing list. */
  heads?: ReadonlyMap<string, readonly HeadContact[]>;
  now: number;
  calendar: WorkingCalendar;
}

const NO_HEADS: readonly HeadContact[] = [];

/**
 * The summary model of one period at `now`: who reported on time, late, or not yet, and per item
 * how many agencies are done, in progress or not started, the mean percent and the sum of counts.
 * Pure: the same input gives the same model. Linear in agencies × items.
 */
export function summarise(input: SummaryInput): SummaryModel {
  const { period, campaign, agencies, latest, calendar, now } = input;
  const today = localDateAt(now);
  const standing = periodStanding(period, now);
  const items = campaign.items;
  const itemIndex = new Map(items.map((item, i) => [item.no, i]));
  const acc = items.map(() => ({
    done: 0,
    inProgress: 0,
    notStarted: 0,
    answered: 0,
    percentSum: 0,
    quantityTotal: 0,
    quantityAnswered: 0,
  }));

  const missing: AgencyRow[] = [];
  const late: AgencyRow[] = [];
  const onTime: AgencyRow[] = [];
  let revisedAfterDeadline = 0;
  // Rows are built as plain literals, not spreads: object spread is several times slower, and a
  // province may have 10,000 agencies.
  for (const agency of agencies) {
    const heads = input.heads?.get(agency.id) ?? NO_HEADS;
    const found = latest.get(agency.id);
    if (!found || !countsAsReported(found)) {
      missing.push({ agency, standing: 'missing', heads, draftPending: Boolean(found) || (input.draftsPending?.has(agency.id) ?? false) });
      continue;
    }
    let percentSum = 0;
    for (const answer of found.answers) {
      percentSum += answer.percent;
      const i = itemIndex.get(answer.itemNo);
      const a = i === undefined ? undefined : acc[i];
      if (!a) continue;
      a.answered++;
      a.percentSum += answer.percent;
      if (answer.status === 'done') a.done++;
      else if (answer.status === 'in-progress') a.inProgress++;
      else a.notStarted++;
      if (answer.quantity !== undefined) {
        a.quantityTotal += answer.quantity;
        a.quantityAnswered++;
      }
    }
    // One rule for every view: the first counting report decides on time or late (timeliness.ts).
    const timeliness = timelinessOf(period, found);
    if (timeliness.revisedAfterDeadline) revisedAfterDeadline++;
    const row: AgencyRow = {
      agency,
      standing: timeliness.late ? 'late' : 'on-time',
      submission: found,
      countedAt: timeliness.firstCountedAt,
      timeliness,
      meanPercent: found.answers.length > 0 ? percentSum / found.answers.length : undefined,
      heads,
      draftPending: input.draftsPending?.has(agency.id) ?? false,
    };
    (timeliness.late ? late : onTime).push(row);
  }

  const aggregates: ItemAggregate[] = items.map((item, i) => {
    const a = acc[i] ?? { done: 0, inProgress: 0, notStarted: 0, answered: 0, percentSum: 0, quantityTotal: 0, quantityAnswered: 0 };
    return {
      item,
      done: a.done,
      inProgress: a.inProgress,
      notStarted: a.notStarted,
      answered: a.answered,
      ...(a.answered > 0 ? { meanPercent: a.percentSum / a.answered } : {}),
      ...(item.quantity
        ? { quantity: { total: a.quantityTotal, label: item.quantity.label, unit: item.quantity.unit, answered: a.quantityAnswered } }
        : {}),
    };
  });

  return {
    period,
    campaign: {
      id: campaign.id,
      name: campaign.name,
      legalBasis: campaign.legalBasis,
      ...(campaign.issuer ? { issuer: campaign.issuer } : {}),
    },
    asOf: now,
    today,
    phase: standing.phase,
    daysToDeadline: standing.daysToDeadline,
    workingDaysToDeadline: calendar.workingDaysBetween(today, period.deadline),
    total: agencies.length,
    reported: late.length + onTime.length,
    onTime: onTime.length,
    late: late.length,
    revisedAfterDeadline,
    missing: missing.length,
    rows: [...missing, ...late, ...onTime],
    items: aggregates,
  };
}
