// Who holds which role, in the `grants` table (a province-wide grant's agency_id is '').
import type { AccountId, Role, RoleGrant } from '../../domain/roles.js';
import type { People } from '../ports/people.js';
import { isGrant } from '../record-shapes.js';
import { compareGrants, grantRecord } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

export class EmbeddedPeople implements People {
  constructor(private readonly db: EmbeddedDatabase) {}

  async grant(grant: RoleGrant): Promise<void> {
    const record = grantRecord(grant);
    this.db.write(() => {
      this.db.run(
        'INSERT OR REPLACE INTO grants (account, role, agency_id, record) VALUES (?, ?, ?, ?)',
        record.account,
        record.role,
        record.agencyId ?? '',
        JSON.stringify(record),
      );
    });
  }

  async revoke(account: AccountId, role: Role, agencyId?: string): Promise<boolean> {
    return this.db.write(
      () => this.db.run('DELETE FROM grants WHERE account = ? AND role = ? AND agency_id = ?', account, role, agencyId ?? '').changes > 0,
    );
  }

  async rolesOf(account: AccountId): Promise<RoleGrant[]> {
    return grantsWhere(this.db, 'account = ?', account);
  }

  async membersOf(agencyId: string): Promise<RoleGrant[]> {
    // '' is how a province-wide grant is keyed, never an agency's id.
    return agencyId === '' ? [] : grantsWhere(this.db, 'agency_id = ?', agencyId);
  }

  async holdersOf(role: Role): Promise<RoleGrant[]> {
    return grantsWhere(this.db, 'role = ?', role);
  }
}

function grantsWhere(db: EmbeddedDatabase, condition: string, value: string): RoleGrant[] {
  return db.read(() => db.all(isGrant, `SELECT record FROM grants WHERE ${condition}`, value).sort(compareGrants));
}
