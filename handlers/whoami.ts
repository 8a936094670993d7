import { reply } from '../src/messaging/reply.js';
import { findAgency } from '../src/domain/plan.js';
import type { Handler } from './services.js';

/** `/toi`: who the bot thinks I am — useful when a role seems missing. */
export const whoamiHandler: Handler = async ({ identity, texts, services }) => {
  const roles: string[] = [];
  if (identity.isAdmin) roles.push(texts.roleLine.admin);
  if (identity.isCoordinator) roles.push(texts.roleLine.coordinator);
  for (const a of identity.agencies) {
    const name = findAgency(services.plan, a.agencyId)?.name ?? a.agencyId;
    roles.push(a.role === 'head' ? texts.roleLine.head(name) : texts.roleLine.deputy(name));
  }
  return [reply(texts.whoami(identity.name, identity.account, roles))];
};
