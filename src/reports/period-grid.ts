import type { ItemStatus } from '../domain/submission.js';
import type { AgencyRow, AgencyStanding, ItemAggregate, SummaryModel } from '../domain/summary/index.js';
import { foldVietnamese } from '../domain/typed-text/fold.js';

/** Rows per page of the dashboard's grid: a phone gets a page, not the whole nation. */
export const GRID_PAGE_SIZE = 100;

/** The grid's filters: agencies still missing, those that reported late, those with a draft awaiting sign-off. */
export const GRID_FILTERS = ['missing', 'late', 'pending'] as const;
export type GridFilter = (typeof GRID_FILTERS)[number];

/** One cell: what an agency's counting revision says about one item (absent when it has not reported). */
export interface GridCell {
  status: ItemStatus;
  percent: number;
  quantity?: number;
}

export interface GridRow {
  agencyId: string;
  agencyName: string;
  standing: AgencyStanding;
  draftPending: boolean;
  countedAt?: number;
  revision?: number;
  cells: (GridCell | undefined)[];
}

/** A khối thi đua and its rows on this page. */
export interface GridGroup {
  name: string;
  rows: GridRow[];
}

export interface GridQuery {
  search?: string;
  filter?: GridFilter;
  page?: number;
  pageSize?: number;
}

/** One page of a period's grid, with the totals of the whole period (not of the page). */
export interface PeriodGrid {
  items: readonly ItemAggregate[];
  groups: GridGroup[];
  /** Rows matching the search and filter, across all pages. */
  matching: number;
  page: number;
  pages: number;
}

/** The group name used for agencies the plan puts in no khối. */
export const NO_GROUP = 'Khác';

function matches(row: AgencyRow, filter: GridFilter | undefined, folded: string): boolean {
  if (filter === 'missing' && row.standing !== 'missing') return false;
  if (filter === 'late' && row.standing !== 'late') return false;
  if (filter === 'pending' && !row.draftPending) return false;
  if (!folded) return true;
  return foldVietnamese(row.agency.name).includes(folded) || row.agency.id.includes(folded);
}

/** The cells of one row, read from the same counting revision the XLSX writes, item by item. */
export function gridCells(model: SummaryModel, row: AgencyRow): (GridCell | undefined)[] {
  const answers = row.submission?.answers ?? [];
  return model.items.map((a) => {
    const answer = answers.find((x) => x.itemNo === a.item.no);
    if (!answer) return undefined;
    return { status: answer.status, percent: answer.percent, ...(answer.quantity !== undefined ? { quantity: answer.quantity } : {}) };
  });
}

/**
 * The dashboard's grid of a period, read off the summary model that `/status` and the exports are
 * built from — nothing is counted again here: the totals row is the model's item aggregates, each
 * cell the counting revision's answer. Rows are grouped by khối (groups in Vietnamese order), and
 * within a group keep the model's order (missing first, then late, then on time). Only the rows of
 * the asked page get cells, so a page costs the same for 50 agencies or 10,000.
 */
export function buildPeriodGrid(model: SummaryModel, query: GridQuery = {}): PeriodGrid {
  const pageSize = query.pageSize ?? GRID_PAGE_SIZE;
  const folded = foldVietnamese(query.search?.trim() ?? '');
  const byGroup = new Map<string, AgencyRow[]>();
  for (const row of model.rows) {
    if (!matches(row, query.filter, folded)) continue;
    const name = row.agency.group ?? NO_GROUP;
    let list = byGroup.get(name);
    if (!list) byGroup.set(name, (list = []));
    list.push(row);
  }
  const ordered = [...byGroup.entries()].sort(([a], [b]) => a.localeCompare(b, 'vi'));
  const matching = ordered.reduce((n, [, rows]) => n + rows.length, 0);
  const pages = Math.max(1, Math.ceil(matching / pageSize));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
  const start = (page - 1) * pageSize;
  const end = start + pageSize;
  const groups: GridGroup[] = [];
  let index = 0;
  for (const [name, rows] of ordered) {
    if (index + rows.length <= start) {
      index += rows.length;
      continue;
    }
    if (index >= end) break;
    const shown = rows.slice(Math.max(0, start - index), end - index);
    index += rows.length;
    groups.push({
      name,
      rows: shown.map((r) => ({
        agencyId: r.agency.id,
        agencyName: r.agency.name,
        standing: r.standing,
        draftPending: r.draftPending,
        ...(r.countedAt !== undefined ? { countedAt: r.countedAt } : {}),
        ...(r.submission ? { revision: r.submission.revision } : {}),
        cells: gridCells(model, r),
      })),
    });
  }
  return { items: model.items, groups, matching, page, pages };
}
