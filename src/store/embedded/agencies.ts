// The plan's agencies, in the `agencies` table.
import type { Agency } from '../../domain/agency.js';
import type { Agencies, AgencySyncResult } from '../ports/agencies.js';
import { isAgency } from '../record-shapes.js';
import { planAgencySync } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

export class EmbeddedAgencies implements Agencies {
  constructor(private readonly db: EmbeddedDatabase) {}

  async sync(agencies: readonly Agency[]): Promise<AgencySyncResult> {
    return this.db.write(() => {
      // A corrupt row is left out here, so a plan that lists its agency writes it afresh.
      const stored = new Map(this.db.all(isAgency, 'SELECT record FROM agencies').map((a) => [a.id, a]));
      const { result, writes } = planAgencySync(stored, agencies);
      for (const agency of writes)
        this.db.run('INSERT OR REPLACE INTO agencies (id, record) VALUES (?, ?)', agency.id, JSON.stringify(agency));
      return result;
    });
  }

  async get(id: string): Promise<Agency | undefined> {
    return this.db.read(() => this.db.one(isAgency, 'SELECT record FROM agencies WHERE id = ?', id));
  }

  async list(options?: { includeArchived?: boolean }): Promise<Agency[]> {
    return this.db.read(() =>
      this.db.all(isAgency, 'SELECT record FROM agencies ORDER BY id').filter((a) => options?.includeArchived || !a.archived),
    );
  }
}
