// Who acts for an agency's head while away, one row per agency in the `delegations` table.
import type { Delegation } from '../../domain/delegation.js';
import type { Delegations } from '../ports/delegations.js';
import { isDelegation } from '../record-shapes.js';
import { delegationRecord } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

export class EmbeddedDelegations implements Delegations {
  constructor(private readonly db: EmbeddedDatabase) {}

  async set(delegation: Delegation): Promise<void> {
    const record = delegationRecord(delegation);
    this.db.write(() => {
      this.db.run('INSERT OR REPLACE INTO delegations (agency_id, record) VALUES (?, ?)', record.agencyId, JSON.stringify(record));
    });
  }

  async get(agencyId: string): Promise<Delegation | undefined> {
    return this.db.read(() => this.db.one(isDelegation, 'SELECT record FROM delegations WHERE agency_id = ?', agencyId));
  }

  async clear(agencyId: string): Promise<boolean> {
    return this.db.write(() => this.db.run('DELETE FROM delegations WHERE agency_id = ?', agencyId).changes > 0);
  }
}
