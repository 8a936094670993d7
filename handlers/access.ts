import { holdsRole, type Identity } from '../src/domain/roles.js';
import type { Access, ChatScope } from '../src/ports/router.js';

export type { Access, ChatScope };

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
