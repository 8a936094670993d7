import { lookupAgency } from '../src/domain/agency-lookup.js';
import type { RoleGrant } from '../src/domain/roles.js';
import { findAgency } from '../src/domain/plan.js';
import { reply } from '../src/messaging/reply.js';
import { foldVietnamese } from '../src/domain/typed-text/fold.js';
import { recordAudit } from './audit/record-audit.js';
import { numberedMembers } from './directory.js';
import type { Handler } from './services.js';
import { withdrawEverythingOf } from './withdraw.js';

/**
 * `/thuhoi <agency> <n>`: an administrator withdraws person n's role in an agency (numbers as in
 * `/coquan <agency>`); `/thuhoi dieuphoi <n>` withdraws a coordinator. From then on the router
 * treats them as anyone else: the codes they used or issued grant nothing (handlers/withdraw.ts).
 */
export const revokeHandler: Handler = async (ctx) => {
  const { services, texts, args, identity } = ctx;
  const words = args.split(/\s+/).filter(Boolean);
  const index = Number(words[words.length - 1]);
  if (words.length < 2 || !Number.isInteger(index) || index < 1) return [reply(texts.revokeUsage)];
  const who = words.slice(0, -1).join(' ');
  let list: RoleGrant[];
  if (['dieuphoi', 'dieu phoi', 'coordinator'].includes(foldVietnamese(who))) {
    list = [...(await services.store.people.holdersOf('coordinator'))].sort((a, b) => a.grantedAt - b.grantedAt);
  } else {
    const found = lookupAgency(services.plan.agencies, who);
    if (!('agency' in found)) return [reply(texts.directoryNotFound(who))];
    list = numberedMembers(await services.store.people.membersOf(found.agency.id));
  }
  const target = list[index - 1];
  if (!target || !(await services.store.people.revoke(target.account, target.role, target.agencyId))) return [reply(texts.revokeNotFound)];
  const agencyName = target.agencyId ? (findAgency(services.plan, target.agencyId)?.name ?? target.agencyId) : '';
  const roleText =
    target.role === 'coordinator' ? texts.roleTitle.coordinator : texts.roleTitle[target.role === 'head' ? 'head' : 'deputy'](agencyName);
  await recordAudit(services, identity.account, 'role.revoked', target.account, `${target.name ?? ''} · ${roleText}`);
  // Their used codes grant nothing any more, the codes they issued are void, their sessions end.
  await withdrawEverythingOf(services, { account: target.account, by: identity.account, at: services.clock.now() });
  if (target.agencyId) {
    const delegation = await services.store.delegations.get(target.agencyId);
    if (delegation && (delegation.to === target.account || delegation.from === target.account)) {
      await services.store.delegations.clear(target.agencyId);
      await recordAudit(services, identity.account, 'delegation.ended', target.agencyId, 'người liên quan bị thu hồi vai trò');
    }
  }
  return [reply(texts.revoked(target.name ?? target.account, roleText))];
};
