import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/domain/agency.js';
import type { AccountId, Role, RoleGrant } from '../../src/domain/roles.js';
import type { NewSubmission } from '../../src/domain/submission.js';
import type { Store } from '../../src/store/store.js';

/** A store opened for one test, and how to close it and remove every trace of it. */
export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

const soYTe: Agency = { id: 'so-y-te', name: 'Sở Y tế', kind: 'so', group: 'Khối văn hoá - xã hội' };
const soGiaoDuc: Agency = { id: 'so-gd-dt', name: 'Sở Giáo dục và Đào tạo', kind: 'so' };
const xaBinhLu: Agency = { id: 'xa-binh-lu', name: 'UBND xã Bình Lư', kind: 'xa', group: 'Cụm huyện Tam Đường' };

const an: AccountId = 'telegram:1001';
const binh: AccountId = 'zalo:2002';
const chi: AccountId = 'playground:chi';

function grant(account: AccountId, role: Role, agencyId?: string, extra: Partial<RoleGrant> = {}): RoleGrant {
  return { account, role, ...(agencyId ? { agencyId } : {}), grantedAt: 1_750_000_000_000, grantedBy: 'plan', ...extra };
}

function report(agencyId: string, overrides: Partial<NewSubmission> = {}): NewSubmission {
  return {
    campaignId: 'ci-09',
    periodId: '2025-h1',
    agencyId,
    answers: [
      { itemNo: 1, status: 'done', percent: 100, note: 'Đã hoàn thành' },
      { itemNo: 2, status: 'in-progress', percent: 60, note: 'Đang triển khai', quantity: 12 },
    ],
    submittedBy: { account: an, name: 'Nguyễn Văn An', role: 'head' },
    submittedAt: 1_750_000_000_000,
    late: false,
    ...overrides,
  };
}

/**
 * The behaviour every Store must show. Each implementation's test file runs it once; that both
 * pass it is what lets callers ignore which store they hold.
 */
export function storeContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`the ${name} store`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    it('says which kind of store it is', () => {
      expect(store.kind).toBe(name);
    });

    describe('agencies', () => {
      it('adds every agency of a first plan and lists them sorted by id', async () => {
        const result = await store.syncAgencies([soYTe, xaBinhLu, soGiaoDuc]);
        expect(result).toEqual({ added: ['so-gd-dt', 'so-y-te', 'xa-binh-lu'], updated: [], archived: [] });
        expect(await store.listAgencies()).toEqual([soGiaoDuc, soYTe, xaBinhLu]);
        expect(await store.getAgency('so-y-te')).toEqual(soYTe);
      });

      it('reports nothing when the same plan is synced again, whatever the order of its fields', async () => {
        await store.syncAgencies([soYTe, soGiaoDuc]);
        const reordered: Agency = { group: soYTe.group, kind: soYTe.kind, name: soYTe.name, id: soYTe.id };
        expect(await store.syncAgencies([soGiaoDuc, reordered])).toEqual({ added: [], updated: [], archived: [] });
      });

      it('updates an agency whose name or group changed, and only that one', async () => {
        await store.syncAgencies([soYTe, soGiaoDuc]);
        const renamed: Agency = { id: 'so-y-te', name: 'Sở Y tế tỉnh Lai Châu', kind: 'so' };
        expect(await store.syncAgencies([renamed, soGiaoDuc])).toEqual({ added: [], updated: ['so-y-te'], archived: [] });
        expect(await store.getAgency('so-y-te')).toEqual(renamed);
      });

      it('archives agencies that left the plan but keeps them, and lists them only when asked', async () => {
        await store.syncAgencies([soYTe, soGiaoDuc, xaBinhLu]);
        expect(await store.syncAgencies([soYTe])).toEqual({ added: [], updated: [], archived: ['so-gd-dt', 'xa-binh-lu'] });
        expect(await store.getAgency('xa-binh-lu')).toEqual({ ...xaBinhLu, archived: true });
        expect((await store.listAgencies()).map((a) => a.id)).toEqual(['so-y-te']);
        expect((await store.listAgencies({ includeArchived: true })).map((a) => a.id)).toEqual(['so-gd-dt', 'so-y-te', 'xa-binh-lu']);
        expect(await store.syncAgencies([soYTe])).toEqual({ added: [], updated: [], archived: [] });
      });

      it('un-archives an agency that comes back to the plan', async () => {
        await store.syncAgencies([soYTe, xaBinhLu]);
        await store.syncAgencies([soYTe]);
        expect(await store.syncAgencies([soYTe, xaBinhLu])).toEqual({ added: [], updated: ['xa-binh-lu'], archived: [] });
        expect(await store.getAgency('xa-binh-lu')).toEqual(xaBinhLu);
        expect((await store.listAgencies()).map((a) => a.id)).toEqual(['so-y-te', 'xa-binh-lu']);
      });

      it('knows nothing of an agency it was never given', async () => {
        expect(await store.getAgency('so-khong-co')).toBeUndefined();
        expect(await store.listAgencies({ includeArchived: true })).toEqual([]);
      });
    });

    describe('roles', () => {
      it('grants a role and lists it for the account, the agency and the role', async () => {
        const head = grant(an, 'head', 'so-y-te', { name: 'Nguyễn Văn An' });
        await store.grantRole(head);
        expect(await store.rolesOf(an)).toEqual([head]);
        expect(await store.agencyMembers('so-y-te')).toEqual([head]);
        expect(await store.holdersOf('head')).toEqual([head]);
      });

      it('keeps one grant when the same role is granted again, with the newer name and time', async () => {
        await store.grantRole(grant(an, 'head', 'so-y-te', { name: 'An' }));
        const again = grant(an, 'head', 'so-y-te', { name: 'Nguyễn Văn An', grantedAt: 1_760_000_000_000, grantedBy: chi });
        await store.grantRole(again);
        expect(await store.rolesOf(an)).toEqual([again]);
        expect(await store.agencyMembers('so-y-te')).toEqual([again]);
        expect(await store.holdersOf('head')).toEqual([again]);
      });

      it('lets one person hold several roles in several agencies, listed admin → coordinator → head → deputy', async () => {
        await store.grantRole(grant(an, 'deputy', 'xa-binh-lu'));
        await store.grantRole(grant(an, 'head', 'so-y-te'));
        await store.grantRole(grant(an, 'coordinator'));
        expect((await store.rolesOf(an)).map((g) => [g.role, g.agencyId])).toEqual([
          ['coordinator', undefined],
          ['head', 'so-y-te'],
          ['deputy', 'xa-binh-lu'],
        ]);
      });

      it('revokes a grant everywhere and says whether there was one', async () => {
        await store.grantRole(grant(an, 'head', 'so-y-te'));
        await store.grantRole(grant(an, 'deputy', 'xa-binh-lu'));
        expect(await store.revokeRole(an, 'head', 'so-y-te')).toBe(true);
        expect(await store.revokeRole(an, 'head', 'so-y-te')).toBe(false);
        expect((await store.rolesOf(an)).map((g) => g.role)).toEqual(['deputy']);
        expect(await store.agencyMembers('so-y-te')).toEqual([]);
        expect(await store.holdersOf('head')).toEqual([]);
      });

      it('lists the heads and deputies of one agency only', async () => {
        await store.grantRole(grant(binh, 'deputy', 'so-y-te'));
        await store.grantRole(grant(an, 'head', 'so-y-te'));
        await store.grantRole(grant(chi, 'head', 'xa-binh-lu'));
        await store.grantRole(grant(chi, 'coordinator'));
        expect((await store.agencyMembers('so-y-te')).map((g) => [g.role, g.account])).toEqual([
          ['head', an],
          ['deputy', binh],
        ]);
      });

      it('lists every holder of a role across the province', async () => {
        await store.grantRole(grant(chi, 'coordinator'));
        await store.grantRole(grant(an, 'coordinator'));
        await store.grantRole(grant(binh, 'head', 'so-y-te'));
        expect((await store.holdersOf('coordinator')).map((g) => g.account)).toEqual([chi, an].sort());
        expect(await store.holdersOf('admin')).toEqual([]);
      });

      it('keeps admin and coordinator grants province-wide, with no agency', async () => {
        await store.grantRole(grant(an, 'admin'));
        const [admin] = await store.rolesOf(an);
        expect(admin).not.toHaveProperty('agencyId');
        await expect(store.grantRole(grant(an, 'coordinator', 'so-y-te'))).rejects.toThrow(/province-wide/);
        await expect(store.grantRole(grant(an, 'head'))).rejects.toThrow(/must name an agency/);
        expect(await store.rolesOf(an)).toEqual([admin]);
      });

      it('ends up with the grants a simple model predicts, whatever the order of grants and revokes', async () => {
        let run = 0;
        const op = fc.record({
          revoke: fc.boolean(),
          person: fc.integer({ min: 0, max: 2 }),
          role: fc.constantFrom<Role>('admin', 'coordinator', 'head', 'deputy'),
          agency: fc.integer({ min: 0, max: 1 }),
          at: fc.integer({ min: 0, max: 1_000 }),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 14 }), async (ops) => {
            // Each run has its own people and agencies, so runs do not see each other's grants.
            run += 1;
            const people: AccountId[] = [0, 1, 2].map((i) => `playground:run${run}-p${i}` as AccountId);
            const agencies = [`run${run}-ag0`, `run${run}-ag1`];
            const model = new Map<string, RoleGrant>();
            for (const { revoke, person, role, agency, at } of ops) {
              const account = people[person]!;
              const agencyId = role === 'head' || role === 'deputy' ? agencies[agency] : undefined;
              const id = `${account} ${role} ${agencyId}`;
              if (revoke) {
                expect(await store.revokeRole(account, role, agencyId)).toBe(model.delete(id));
              } else {
                const g = grant(account, role, agencyId, { grantedAt: at });
                await store.grantRole(g);
                model.set(id, g);
              }
            }
            const expected = [...model.values()];
            const mine = (g: RoleGrant): boolean => people.includes(g.account);
            const sameGrants = (actual: RoleGrant[], wanted: RoleGrant[]): void =>
              expect(new Set(actual.map((g) => JSON.stringify(g)))).toEqual(new Set(wanted.map((g) => JSON.stringify(g))));
            for (const account of people) sameGrants(await store.rolesOf(account), expected.filter((g) => g.account === account));
            for (const agencyId of agencies) sameGrants(await store.agencyMembers(agencyId), expected.filter((g) => g.agencyId === agencyId));
            for (const role of ['admin', 'coordinator', 'head', 'deputy'] as const) {
              sameGrants((await store.holdersOf(role)).filter(mine), expected.filter((g) => g.role === role));
            }
          }),
          { numRuns: 25 },
        );
      });
    });

    describe('submissions', () => {
      it('numbers revisions 1, 2, 3 and keeps every one, oldest first', async () => {
        const first = await store.addSubmission(report('so-y-te', { submittedAt: 1 }));
        const second = await store.addSubmission(report('so-y-te', { submittedAt: 2 }));
        const third = await store.addSubmission(report('so-y-te', { submittedAt: 3, late: true }));
        expect([first.revision, second.revision, third.revision]).toEqual([1, 2, 3]);
        expect(await store.submissionHistory('2025-h1', 'so-y-te')).toEqual([first, second, third]);
        expect(await store.latestSubmission('2025-h1', 'so-y-te')).toEqual(third);
      });

      it('numbers each period and agency on its own', async () => {
        await store.addSubmission(report('so-y-te'));
        await store.addSubmission(report('so-y-te'));
        expect((await store.addSubmission(report('xa-binh-lu'))).revision).toBe(1);
        expect((await store.addSubmission(report('so-y-te', { periodId: '2025-h2' }))).revision).toBe(1);
        expect((await store.addSubmission(report('so-y-te'))).revision).toBe(3);
      });

      it('has nothing for an agency that has not reported', async () => {
        expect(await store.latestSubmission('2025-h1', 'so-y-te')).toBeUndefined();
        expect(await store.submissionHistory('2025-h1', 'so-y-te')).toEqual([]);
        expect(await store.latestSubmissions('2025-h1')).toEqual(new Map());
      });

      it('maps every agency that reported for a period to its latest revision', async () => {
        await store.addSubmission(report('so-y-te', { submittedAt: 1 }));
        const latestYTe = await store.addSubmission(report('so-y-te', { submittedAt: 2 }));
        const onlyBinhLu = await store.addSubmission(report('xa-binh-lu'));
        await store.addSubmission(report('so-gd-dt', { periodId: '2025-h2' }));
        expect(await store.latestSubmissions('2025-h1')).toEqual(
          new Map([
            ['so-y-te', latestYTe],
            ['xa-binh-lu', onlyBinhLu],
          ]),
        );
      });

      it('gives 20 concurrent reports from one agency revisions 1 to 20, no gaps, no duplicates', async () => {
        const sent = Array.from({ length: 20 }, (_, i) => report('so-y-te', { submittedAt: 1_000 + i }));
        const stored = await Promise.all(sent.map((s) => store.addSubmission(s)));
        expect(stored.map((s) => s.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const history = await store.submissionHistory('2025-h1', 'so-y-te');
        expect(history.map((s) => s.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(new Set(history.map((s) => s.submittedAt)).size).toBe(20);
        for (const s of stored) expect(history[s.revision - 1]).toEqual(s);
        expect((await store.latestSubmission('2025-h1', 'so-y-te'))?.revision).toBe(20);
      });

      it('keeps a report exactly as sent, Vietnamese diacritics and emoji included', async () => {
        const sent = report('xa-binh-lu', {
          answers: [
            { itemNo: 1, status: 'done', percent: 100, note: 'Đã tổ chức 3 hội nghị quán triệt; 100% cán bộ tham gia ✅🇻🇳' },
            { itemNo: 2, status: 'not-started', percent: 0, note: 'Chưa có kinh phí — chờ "Quyết định" của UBND\\tỉnh\nDòng 2 👍🏽' },
            { itemNo: 3, status: 'in-progress', percent: 45, note: '', quantity: 0 },
          ],
          submittedBy: { account: binh, name: 'Trần Thị Bình (Phó Chủ tịch)', role: 'deputy' },
          late: true,
        });
        const expected = { ...sent, revision: 1 };
        expect(await store.addSubmission(sent)).toEqual(expected);
        expect(await store.latestSubmission('2025-h1', 'xa-binh-lu')).toEqual(expected);
        expect(await store.submissionHistory('2025-h1', 'xa-binh-lu')).toEqual([expected]);
        expect((await store.latestSubmissions('2025-h1')).get('xa-binh-lu')).toEqual(expected);
      });

      it('numbers a report itself even if the caller passed a revision', async () => {
        const stray = { ...report('so-y-te'), revision: 99 } as NewSubmission;
        expect((await store.addSubmission(stray)).revision).toBe(1);
        expect((await store.latestSubmission('2025-h1', 'so-y-te'))?.revision).toBe(1);
      });
    });

    describe('conversations', () => {
      const state = { step: 'item', itemNo: 2, draft: [{ itemNo: 1, note: 'Đã xong phần việc 🎉' }] };

      it('keeps, replaces and deletes a conversation', async () => {
        expect(await store.getConversation('telegram:1001')).toBeUndefined();
        await store.putConversation('telegram:1001', state, 60_000);
        expect(await store.getConversation('telegram:1001')).toEqual(state);
        await store.putConversation('telegram:1001', { step: 'confirm' }, 60_000);
        expect(await store.getConversation('telegram:1001')).toEqual({ step: 'confirm' });
        await store.deleteConversation('telegram:1001');
        expect(await store.getConversation('telegram:1001')).toBeUndefined();
        await store.deleteConversation('telegram:1001');
      });

      it('forgets a conversation once its TTL has passed', async () => {
        await store.putConversation('zalo:2002', state, 150);
        await store.putConversation('zalo:3003', state, 60_000);
        expect(await store.getConversation('zalo:2002')).toEqual(state);
        await sleep(300);
        expect(await store.getConversation('zalo:2002')).toBeUndefined();
        expect(await store.getConversation('zalo:3003')).toEqual(state);
      });

      it('refuses a TTL that is not positive', async () => {
        await expect(store.putConversation('zalo:2002', state, 0)).rejects.toThrow(RangeError);
      });
    });

    describe('leases', () => {
      it('lets only one of two owners win a lease', async () => {
        const [a, b] = await Promise.all([
          store.claimLease('tick:2025-06-10T08:00', 'worker-a', 60_000),
          store.claimLease('tick:2025-06-10T08:00', 'worker-b', 60_000),
        ]);
        expect([a, b].filter(Boolean)).toHaveLength(1);
        expect(await store.claimLease('tick:2025-06-10T08:00', a ? 'worker-a' : 'worker-b', 60_000)).toBe(false);
      });

      it('is released only by its owner, and can then be claimed again', async () => {
        expect(await store.claimLease('remind:so-y-te', 'worker-a', 60_000)).toBe(true);
        expect(await store.releaseLease('remind:so-y-te', 'worker-b')).toBe(false);
        expect(await store.claimLease('remind:so-y-te', 'worker-b', 60_000)).toBe(false);
        expect(await store.releaseLease('remind:so-y-te', 'worker-a')).toBe(true);
        expect(await store.releaseLease('remind:so-y-te', 'worker-a')).toBe(false);
        expect(await store.claimLease('remind:so-y-te', 'worker-b', 60_000)).toBe(true);
      });

      it('can be reclaimed by someone else once it has expired', async () => {
        expect(await store.claimLease('remind:xa-binh-lu', 'worker-a', 100)).toBe(true);
        await sleep(250);
        expect(await store.claimLease('remind:xa-binh-lu', 'worker-b', 60_000)).toBe(true);
        expect(await store.releaseLease('remind:xa-binh-lu', 'worker-a')).toBe(false);
        expect(await store.releaseLease('remind:xa-binh-lu', 'worker-b')).toBe(true);
      });
    });

    describe('the sent ledger', () => {
      it('records something as done the first time only', async () => {
        expect(await store.isDone('reminder:2025-h1:so-y-te:d-3')).toBe(false);
        expect(await store.markDone('reminder:2025-h1:so-y-te:d-3', 'telegram:1001')).toBe(true);
        expect(await store.markDone('reminder:2025-h1:so-y-te:d-3')).toBe(false);
        expect(await store.isDone('reminder:2025-h1:so-y-te:d-3')).toBe(true);
        expect(await store.isDone('reminder:2025-h1:so-y-te:d-1')).toBe(false);
      });
    });

    describe('meta', () => {
      it('keeps small settings and overwrites them', async () => {
        expect(await store.getMeta('scheduler.lastTick')).toBeUndefined();
        await store.setMeta('scheduler.lastTick', '2025-06-10T08:00:00+07:00');
        await store.setMeta('ghi-chú', 'Tỉnh Lai Châu 🏔️');
        await store.setMeta('scheduler.lastTick', '2025-06-10T08:01:00+07:00');
        expect(await store.getMeta('scheduler.lastTick')).toBe('2025-06-10T08:01:00+07:00');
        expect(await store.getMeta('ghi-chú')).toBe('Tỉnh Lai Châu 🏔️');
      });
    });

    describe('health and shutdown', () => {
      it('answers a ping with its round-trip time', async () => {
        const ms = await store.ping();
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(5_000);
      });

      it('can be closed twice, and refuses work once closed', async () => {
        await store.close();
        await store.close();
        await expect(store.setMeta('after', 'close')).rejects.toThrow();
        await expect(store.ping()).rejects.toThrow();
      });
    });
  });
}
