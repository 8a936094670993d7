import { holdsRole, type Identity } from '../src/domain/roles.js';

/**
 * Who may run a command:
 * - `anyone`: also people the bot does not know yet (help, start, registration);
 * - `member`: anyone holding a role — an agency head or deputy, a coordinator, an administrator;
 * - `agency`: heads and deputies, acting for their own agency;
 * - `head`: agency heads only (delegation);
 * - `coordinator`: Sở Nội vụ staff (and administrators);
 * - `admin`: administrators only.
 */
export type Access = 'anyone' | 'member' | 'agency' | 'head' | 'coordinator' | 'admin';

/**
 * Where a command may be used. `coordination`: in private, or in the coordinators' group — never in
 * an agency's group, where one agency would read about all the others.
 */
export type ChatScope = 'any' | 'private' | 'group' | 'coordination';

export function mayUse(identity: Identity, access: Access): boolean {
  switch (access) {
    case 'anyone':
      return true;
    case 'member':
      return identity.isAdmin || identity.isCoordinator || identity.agencies.length > 0;
    case 'agency':
      return identity.agencies.length > 0;
    case 'head':
      return identity.agencies.some((a) => a.role === 'head');
    case 'coordinator':
      return holdsRole(identity, 'coordinator');
    case 'admin':
      return identity.isAdmin;
  }
}
