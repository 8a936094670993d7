import { lookupAgency } from '../src/domain/agency-lookup.js';
import type { Agency } from '../src/domain/agency.js';
import type { ChatBinding } from '../src/domain/chat-binding.js';
import type { Contact } from '../src/domain/contact.js';
import { delegationCurrentOrFuture, type Delegation } from '../src/domain/delegation.js';
import { localDateAt } from '../src/domain/vietnam-time.js';
import { reportingAgencies } from '../src/domain/plan.js';
import type { AccountId, RoleGrant } from '../src/domain/roles.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { formatDate } from '../src/texts/format.js';
import type { Handler, HandlerContext } from './services.js';

/** Heads first, then deputies, each in the order they registered: the numbering /thuhoi uses. */
export function numberedMembers(members: readonly RoleGrant[]): RoleGrant[] {
  const order = (g: RoleGrant) => (g.role === 'head' ? 0 : 1);
  return [...members].sort((a, b) => order(a) - order(b) || a.grantedAt - b.grantedAt || a.account.localeCompare(b.account));
}

interface AgencyEntry {
  agency: Agency;
  members: RoleGrant[];
  groups: ChatBinding[];
  delegation?: Delegation;
}

/**
 * `/coquan`: who is bound to which agency and group. Coordinators see every agency, those with
 * nobody bound first, and who the bot cannot reach; a head or deputy sees their own agencies.
 * `/coquan <agency>` shows one agency.
 */
export const directoryHandler: Handler = async (ctx) => {
  const { identity, services, texts, args } = ctx;
  const coordinator = identity.isCoordinator || identity.isAdmin;
  let agencies: Agency[];
  if (args) {
    const found = lookupAgency(services.plan.agencies, args);
    if (!('agency' in found)) return [reply(texts.directoryNotFound(args))];
    if (!coordinator && !identity.agencies.some((a) => a.agencyId === found.agency.id))
      return [reply(texts.forbidden(texts.roleNames.coordinator))];
    agencies = [found.agency];
  } else {
    agencies = coordinator
      ? reportingAgencies(services.plan)
      : services.plan.agencies.filter((a) => identity.agencies.some((m) => m.agencyId === a.id));
  }
  const entries = await loadEntries(ctx, agencies);
  const accounts = entries.flatMap((e) => e.members.map((m) => m.account));
  const coordinators = coordinator && !args ? await services.store.people.holdersOf('coordinator') : [];
  const contacts = await services.store.contacts.getMany([...accounts, ...coordinators.map((c) => c.account)]);
  const unreachable = (account: AccountId) => !isReachable(contacts.get(account));

  const render = (e: AgencyEntry) => directoryBlock(ctx, e, unreachable);
  const lines: string[] = [];
  if (agencies.length > 1) {
    const nobody = entries.filter((e) => e.members.length === 0);
    const bound = entries.filter((e) => e.members.length > 0);
    lines.push(texts.directoryHeader(bound.length, entries.length));
    if (nobody.length > 0) lines.push('', texts.directoryNobodyHeader, ...nobody.map(render));
    if (bound.length > 0) lines.push('', texts.directoryBoundHeader, ...bound.map(render));
  } else {
    lines.push(...entries.map(render));
  }
  if (coordinator && !args) {
    const chats = (await services.store.chats.list()).filter((b) => b.target.kind === 'coordinator');
    // People by name, never by account id: the grant's name, else the contact's, else "chưa rõ tên".
    const nameOf = (g: { account: AccountId; name?: string }) => g.name ?? contacts.get(g.account)?.name ?? texts.unnamedPerson;
    lines.push(
      '',
      texts.directoryCoordinators(coordinators.map(nameOf)),
      texts.directoryCoordinatorChats(chats.map((c) => c.title ?? c.chatId)),
    );
    const out = [...entries.flatMap((e) => e.members), ...coordinators].filter((g) => unreachable(g.account)).map(nameOf);
    if (out.length > 0) lines.push('', texts.directoryUnreachable([...new Set(out)]));
  }
  return [reply(lines.join('\n'))] satisfies Reply[];
};

async function loadEntries(ctx: HandlerContext, agencies: readonly Agency[]): Promise<AgencyEntry[]> {
  const { store } = ctx.services;
  const bindings = await store.chats.list();
  const today = localDateAt(ctx.services.clock.now());
  return Promise.all(
    agencies.map(async (agency) => {
      const [members, delegation] = await Promise.all([store.people.membersOf(agency.id), store.delegations.get(agency.id)]);
      const groups = bindings.filter((b) => b.target.kind === 'agency' && b.target.agencyId === agency.id);
      return {
        agency,
        members: numberedMembers(members),
        groups,
        ...(delegation && delegationCurrentOrFuture(delegation, today) ? { delegation } : {}),
      };
    }),
  );
}

function directoryBlock(ctx: HandlerContext, e: AgencyEntry, unreachable: (a: AccountId) => boolean): string {
  const { texts } = ctx;
  const lines = [texts.directoryAgency(e.agency.name, e.agency.id)];
  e.members.forEach((m, i) => {
    if (m.role === 'head' || m.role === 'deputy')
      lines.push(texts.directoryPerson(i + 1, m.role, m.name ?? ctx.texts.unnamedPerson, unreachable(m.account)));
  });
  for (const g of e.groups) lines.push(texts.directoryGroup(g.title ?? g.chatId));
  if (e.delegation) lines.push(texts.directoryDelegation(e.delegation.toName, e.delegation.fromName, formatDate(e.delegation.endsOn)));
  return lines.join('\n');
}

/** Someone who never wrote to the bot in private, or whose last delivery failed, cannot be reached. */
function isReachable(contact: Contact | undefined): boolean {
  return contact?.reachable === true;
}
