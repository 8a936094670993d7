import type { AccountId, Role, RoleGrant } from '../../domain/roles.js';

/** Who holds which role: heads and deputies of an agency, coordinators, admins. */
export interface People {
  /**
   * Idempotent per (account, role, agency): granting again updates the name and time. Rejects with
   * a RangeError, writing nothing, for a head or deputy grant without an agency, or an admin or
   * coordinator grant with one.
   */
  grant(grant: RoleGrant): Promise<void>;
  /** True when a grant existed and is now gone. */
  revoke(account: AccountId, role: Role, agencyId?: string): Promise<boolean>;
  rolesOf(account: AccountId): Promise<RoleGrant[]>;
  /** Heads and deputies of one agency. */
  membersOf(agencyId: string): Promise<RoleGrant[]>;
  /** Every grant of a role across the province, e.g. all coordinators. */
  holdersOf(role: Role): Promise<RoleGrant[]>;
}
