import type { Agency } from '../../domain/agency.js';

/** What changed when the plan's agencies were written to the store. */
export interface AgencySyncResult {
  added: string[];
  updated: string[];
  /** In the store but no longer in the plan: kept with their reports, marked archived. */
  archived: string[];
}

/** The agencies the plan lists, as last written from it. */
export interface Agencies {
  /** Upserts the plan's agencies; those no longer listed are archived, never deleted. */
  sync(agencies: readonly Agency[]): Promise<AgencySyncResult>;
  get(id: string): Promise<Agency | undefined>;
  /** Sorted by id; archived agencies only when asked for. */
  list(options?: { includeArchived?: boolean }): Promise<Agency[]>;
}
