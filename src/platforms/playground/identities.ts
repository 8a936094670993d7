import type { Agency } from '../../domain/agency.js';
import { accountId, type AccountId, type RoleGrant } from '../../domain/roles.js';
import type { Plan } from '../../domain/plan.js';
import { foldVietnamese } from '../../domain/typed-text/fold.js';
import { lookupAgency } from '../../domain/agency-lookup.js';

/** Someone the playground can type as. */
export interface PlaygroundPerson {
  account: AccountId;
  name: string;
  /** How the prompt shows who is typing. */
  label: string;
  /** Roles this person is given the first time the playground types as them. */
  grants: Omit<RoleGrant, 'grantedAt'>[];
  /** Set when typing in a group rather than in the private chat with the bot. */
  group?: { id: string; title: string };
}

export const PLAYGROUND_ADMIN: AccountId = accountId('playground', 'admin');

export function adminPerson(): PlaygroundPerson {
  return { account: PLAYGROUND_ADMIN, name: 'Quản trị viên', label: 'quản trị viên', grants: [] };
}

export function coordinatorPerson(plan: Plan): PlaygroundPerson {
  const coordinator = plan.agencies.find((a) => a.id === plan.coordinatorAgencyId);
  return {
    account: accountId('playground', 'dieu-phoi'),
    name: `Cán bộ điều phối ${coordinator?.name ?? ''}`.trim(),
    label: `điều phối · ${coordinator?.name ?? plan.coordinatorAgencyId}`,
    grants: [{ account: accountId('playground', 'dieu-phoi'), role: 'coordinator', grantedBy: 'bootstrap' }],
  };
}

export function guestPerson(): PlaygroundPerson {
  return { account: accountId('playground', 'khach'), name: 'Khách', label: 'khách (chưa đăng ký)', grants: [] };
}

export function agencyPerson(agency: Agency, role: 'head' | 'deputy'): PlaygroundPerson {
  const account = accountId('playground', `${role === 'head' ? 'tt' : 'pho'}-${agency.id}`);
  const title = role === 'head' ? 'Thủ trưởng' : 'Cấp phó';
  return {
    account,
    name: `${title} ${agency.name}`,
    label: `${agency.name} · ${role === 'head' ? 'thủ trưởng' : 'cấp phó'}`,
    grants: [{ account, role, agencyId: agency.id, name: `${title} ${agency.name}`, grantedBy: 'bootstrap' }],
  };
}

export type PersonLookup = { person: PlaygroundPerson } | { candidates: Agency[] };

/**
 * Who `/as <who>` means: admin, coordinator, guest, or an agency (its head, or its deputy with
 * "pho"/"deputy" after it) by id, by part of its id, or by part of its name typed without accents;
 * "nhom" at the end types in that agency's group (or the coordinators' group) instead of privately.
 */
export function findPerson(plan: Plan, text: string): PersonLookup {
  let words = foldVietnamese(text).split(' ').filter(Boolean);
  const inGroup = words.length > 1 && ['nhom', 'group'].includes(words[words.length - 1] ?? '');
  if (inGroup) words = words.slice(0, -1);
  const deputy = words.length > 1 && ['pho', 'deputy', 'cap-pho', 'capp'].includes(words[words.length - 1] ?? '');
  const who = (deputy ? words.slice(0, -1) : words).join(' ');
  const found = findPlainPerson(plan, who, deputy);
  if (!inGroup || !('person' in found)) return found;
  return { person: inGroupOf(plan, found.person) };
}

/** The same person typing in a group: their agency's group, or the coordinators' group. */
function inGroupOf(plan: Plan, person: PlaygroundPerson): PlaygroundPerson {
  const agencyId = person.grants.find((g) => g.agencyId)?.agencyId;
  const agency = agencyId ? plan.agencies.find((a) => a.id === agencyId) : undefined;
  const group = agency
    ? { id: `playground:nhom-${agency.id}`, title: `Nhóm ${agency.name}` }
    : { id: 'playground:nhom-dieu-phoi', title: 'Nhóm điều phối' };
  return { ...person, label: `${person.label} · trong ${group.title}`, group };
}

function findPlainPerson(plan: Plan, who: string, deputy: boolean): PersonLookup {
  if (['admin', 'quantri', 'quan-tri', 'quan tri'].includes(who)) return { person: adminPerson() };
  if (['coordinator', 'dieuphoi', 'dieu-phoi', 'dieu phoi', 'snv'].includes(who)) return { person: coordinatorPerson(plan) };
  if (['khach', 'guest', 'stranger'].includes(who)) return { person: guestPerson() };
  const found = lookupAgency(plan.agencies, who);
  return 'agency' in found ? { person: agencyPerson(found.agency, deputy ? 'deputy' : 'head') } : found;
}
