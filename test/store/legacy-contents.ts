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
    agencies: await store.listAgencies({ includeArchived: true }),
    roles: await Promise.all(accounts.map((a) => store.rolesOf(a))),
    members: [await store.agencyMembers('so-y-te'), await store.agencyMembers('xa-binh-lu')],
    coordinators: await store.holdersOf('coordinator'),
    admins: await store.holdersOf('admin'),
    history: await Promise.all(['so-y-te', 'so-gd-dt', 'xa-binh-lu'].map((a) => store.submissionHistory('2026-h1', a))),
    latest: [...(await store.latestSubmissions('2026-h1'))].sort(([a], [b]) => (a < b ? -1 : 1)),
    conversations: [await store.getConversation('report:telegram:1001'), await store.getConversation('report:zalo:4004')],
    openConversations: await store.countConversations('report'),
    done: [
      await store.isDone('reminder:2026-h1:so-y-te:d-3'),
      await store.isDone('reminder:2026-h1:xa-binh-lu:d-1'),
      await store.isDone('reminder:none'),
    ],
    meta: await store.getMeta('scheduler.lastTick'),
    openInvites: await store.listOpenInvites(),
    invites: await Promise.all(LEGACY_INVITE_CODES.map((code) => store.getInvite(invite(code).id))),
    chats: await store.listChatBindings(),
    delegations: [await store.getDelegation('so-y-te')],
    contacts: [...(await store.getContacts(accounts))],
    audit: await store.listAudit(100),
    adHoc: await store.listAdHocRequests(),
  };
}
