import type { Agency } from '../agency.js';
import type { Campaign, ReportItem } from '../campaign.js';
import type { LocalDate } from '../vietnam-time.js';
import type { Period, PeriodPhase } from '../period.js';
import type { Timeliness } from '../report/timeliness.js';
import type { Submission } from '../submission.js';

/** Where one agency stands for a period: reported by the deadline, after it, or not at all. */
export type AgencyStanding = 'on-time' | 'late' | 'missing';

/** The person to chase for an agency: its head's name, and whether the bot can write to them first. */
export interface HeadContact {
  name: string;
  /** False when a private message to them was refused, or they never opened a chat with the bot. */
  reachable: boolean;
}

/** One agency's line in a summary. */
export interface AgencyRow {
  agency: Pick<Agency, 'id' | 'name' | 'group'>;
  standing: AgencyStanding;
  /** The revision that counts (a final one); absent when missing. */
  submission?: Submission;
  /**
   * When the agency first counted as reported (its first counting revision): the time its on-time
   * or late standing is judged by. Absent when missing.
   */
  countedAt?: number;
  /** The agency's timeliness (report/timeliness.ts): first count, late, last revision, revised after the deadline. */
  timeliness?: Timeliness;
  /** Mean percent over the agency's answers (0–100), when it has reported. */
  meanPercent?: number;
  /** The agency's heads as the caller found them (empty when nobody is registered). */
  heads: readonly HeadContact[];
  /** A deputy's draft waits for the head's sign-off: the agency is still missing. */
  draftPending: boolean;
}

/** What the reporting agencies said about one report item, added up. */
export interface ItemAggregate {
  item: ReportItem;
  done: number;
  inProgress: number;
  notStarted: number;
  /** Agencies that answered the item (normally every agency that reported). */
  answered: number;
  /** Mean of the answered percents, 0–100; undefined when nobody answered. */
  meanPercent?: number;
  /** For items that ask for a count: the sum over the agencies that gave one. */
  quantity?: { total: number; label: string; unit: string; answered: number };
}

/**
 * A period's state at one instant, as data: everything `/status`, the scheduler's summaries, the
 * chart and the exports say is read from this; the wording lives in src/texts and the renderers.
 */
export interface SummaryModel {
  period: Period;
  campaign: Pick<Campaign, 'id' | 'name' | 'legalBasis' | 'issuer'>;
  /** The instant the summary describes (epoch ms). */
  asOf: number;
  today: LocalDate;
  phase: PeriodPhase;
  /** Calendar days from today to the deadline; negative once past it. */
  daysToDeadline: number;
  /** Working days from today to the deadline (0 on the deadline day, negative = working days late). */
  workingDaysToDeadline: number;
  total: number;
  reported: number;
  onTime: number;
  late: number;
  /** Of those that reported, how many sent a revision after the deadline ("bổ sung sau hạn"); standing unchanged. */
  revisedAfterDeadline: number;
  missing: number;
  /** Every agency that must report: the missing first, then the late, then those on time (each in plan order). */
  rows: readonly AgencyRow[];
  items: readonly ItemAggregate[];
  /**
   * Heads looked up after counting, for the agencies a view shows (a page of /status, the names a
   * summary lists), by agency id: they stand in for those rows' `heads`. Beside the rows rather than
   * in a copy of them, so one page of a 9,000-agency province costs what the page shows.
   */
  headsFound?: ReadonlyMap<string, readonly HeadContact[]>;
}

/** A row's heads: those looked up for the view (SummaryModel.headsFound), else those it was counted with. */
export function headsOfRow(model: SummaryModel, row: AgencyRow): readonly HeadContact[] {
  return model.headsFound?.get(row.agency.id) ?? row.heads;
}

/** The rows of one standing, in the model's order. */
export function rowsOf(model: SummaryModel, standing: AgencyStanding): readonly AgencyRow[] {
  // One /status page asks for a big province's missing rows several times: each list made once per rows.
  let byStanding = rowsByStanding.get(model.rows);
  if (!byStanding) {
    byStanding = new Map();
    rowsByStanding.set(model.rows, byStanding);
  }
  let rows = byStanding.get(standing);
  if (!rows) {
    rows = Object.freeze(model.rows.filter((r) => r.standing === standing));
    byStanding.set(standing, rows);
  }
  return rows;
}
const rowsByStanding = new WeakMap<readonly AgencyRow[], Map<AgencyStanding, readonly AgencyRow[]>>();
