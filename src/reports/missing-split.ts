import type { AgencyRow } from '../domain/summary/index.js';

/**
 * The agencies still to report, split by what the coordinator can do about each: nobody is
 * registered for it (no head, deputy or linked group: the bot has nobody to remind, so someone must
 * be invited), it was reminded N times and has not sent, or someone is registered but no reminder
 * has reached them yet (before the first reminder, or every copy failed). An agency is never shown
 * as "reminded" unless a reminder actually reached it. Pure.
 */

/** What is known of one agency: whether anyone can be reminded, and how many reminders reached it. */
export interface AgencyReach {
  registered: boolean;
  reminded: number;
}

export interface MissingSplit {
  unregistered: AgencyRow[];
  reminded: { row: AgencyRow; times: number }[];
  notReached: AgencyRow[];
}

/**
 * How many of the rows can be reminded (someone registered, or a group linked), or undefined when
 * the map does not know every one of them (a big province's /status knows only the page's).
 */
export function reachableCount(rows: readonly AgencyRow[], reach: ReadonlyMap<string, AgencyReach>): number | undefined {
  let reachable = 0;
  for (const row of rows) {
    const r = reach.get(row.agency.id);
    if (!r) return undefined;
    if (r.registered) reachable++;
  }
  return reachable;
}

/** Splits rows (the missing ones, in their order); an agency the map does not know counts as registered but not reached. */
export function splitMissing(rows: readonly AgencyRow[], reach: ReadonlyMap<string, AgencyReach>): MissingSplit {
  const split: MissingSplit = { unregistered: [], reminded: [], notReached: [] };
  for (const row of rows) {
    const r = reach.get(row.agency.id);
    if (r && !r.registered) split.unregistered.push(row);
    else if (r && r.reminded > 0) split.reminded.push({ row, times: r.reminded });
    else split.notReached.push(row);
  }
  return split;
}
