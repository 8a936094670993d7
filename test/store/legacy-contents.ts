import type { Store } from '../../src/store/store.js';
import { invite } from './contract.js';

/** The codes of the fixture's invites (open, used, revoked); the store keeps only their hashes. */
export const LEGACY_INVITE_CODES = ['mã-mở-0000000000000001', 'mã-dùng-000000000000001', 'mã-thu-0000000000000001'];

/**
 * Everything the old-format fixture (test/fixtures/legacy-data-dir) holds, read through the Store
 * interface. `legacy-data-dir.expected.json` is this, as the old append-log store read the fixture
 * (on a clock at 2026-06-10 08:01 +07:00); the SQLite store must read the same after importing it.
 */
export async function legacyContents(store: Store): Promise<unknown> {
  const accounts = ['telegram:1001', 'zalo:2002', 'zalo:3003', 'zalo:4004', 'playground:chi', 'playground:admin'] as const;
  return {
    agencies: await store.agencies.list({ includeArchived: true }),
    roles: await Promise.all(accounts.map((a) => store.people.rolesOf(a))),
    members: [await store.people.membersOf('so-y-te'), await store.people.membersOf('xa-binh-lu')],
    coordinators: await store.people.holdersOf('coordinator'),
    admins: await store.people.holdersOf('admin'),
    history: await Promise.all(['so-y-te', 'so-gd-dt', 'xa-binh-lu'].map((a) => store.reports.history('2026-h1', a))),
    latest: [...(await store.reports.latestOfPeriod('2026-h1'))].sort(([a], [b]) => (a < b ? -1 : 1)),
    conversations: [await store.conversations.get('report:telegram:1001'), await store.conversations.get('report:zalo:4004')],
    openConversations: await store.conversations.count('report'),
    done: [
      await store.deliveries.isDone('reminder:2026-h1:so-y-te:d-3'),
      await store.deliveries.isDone('reminder:2026-h1:xa-binh-lu:d-1'),
      await store.deliveries.isDone('reminder:none'),
    ],
    meta: await store.settings.get('scheduler.lastTick'),
    openInvites: await store.invites.listOpen(),
    invites: await Promise.all(LEGACY_INVITE_CODES.map((code) => store.invites.get(invite(code).id))),
    chats: await store.chats.list(),
    delegations: [await store.delegations.get('so-y-te')],
    contacts: [...(await store.contacts.getMany(accounts))],
    audit: await store.audit.list(100),
    adHoc: await store.adHocRequests.list(),
  };
}
