/** Who may do what. A person may hold several roles, in several agencies. */
export const ROLES = ['admin', 'coordinator', 'head', 'deputy'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one agency. */
export const AGENCY_ROLES: readonly Role[] = ['head', 'deputy'];

/** The platforms a person can write from. */
export const PLATFORMS = ['telegram', 'zalo', 'playground'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A platform account, `telegram:<id>`, `zalo:<id>` or `playground:<name>`. */
export type AccountId = `${Platform}:${string}`;

export function accountId(platform: Platform, id: string | number): AccountId {
  return `${platform}:${id}`;
}

const ACCOUNT = /^(telegram|zalo|playground):[A-Za-z0-9_.-]{1,64}$/;

export function isAccountId(value: string): value is AccountId {
  return ACCOUNT.test(value);
}

/** One role held by one account; agency roles name the agency. */
export interface RoleGrant {
  account: AccountId;
  role: Role;
  /** Required for head and deputy; absent for admin and coordinator. */
  agencyId?: string;
  /** Display name at the time of the grant, for directories and receipts. */
  name?: string;
  grantedAt: number;
  grantedBy?: AccountId | 'plan' | 'bootstrap';
}

/** Everything the router knows about the sender of a message. */
export interface Identity {
  account: AccountId;
  name: string;
  isAdmin: boolean;
  isCoordinator: boolean;
  /** Agencies this person may report for, with the role they hold there. */
  agencies: { agencyId: string; role: 'head' | 'deputy' }[];
}

/** Builds an identity from the grants held by an account plus the bootstrap administrators. */
export function identityFrom(account: AccountId, name: string, grants: readonly RoleGrant[], adminIds: ReadonlySet<string>): Identity {
  const agencies: Identity['agencies'] = [];
  for (const g of grants) {
    if ((g.role === 'head' || g.role === 'deputy') && g.agencyId) {
      agencies.push({ agencyId: g.agencyId, role: g.role });
    }
  }
  return {
    account,
    name,
    isAdmin: adminIds.has(account) || grants.some((g) => g.role === 'admin'),
    isCoordinator: grants.some((g) => g.role === 'coordinator'),
    agencies,
  };
}

/** Whether an identity holds a role (an administrator may do everything a coordinator may). */
export function holdsRole(identity: Identity, role: Role): boolean {
  switch (role) {
    case 'admin':
      return identity.isAdmin;
    case 'coordinator':
      return identity.isCoordinator || identity.isAdmin;
    case 'head':
      return identity.agencies.some((a) => a.role === 'head');
    case 'deputy':
      return identity.agencies.some((a) => a.role === 'deputy');
  }
}
