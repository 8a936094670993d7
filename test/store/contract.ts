import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/domain/agency.js';
import type { AuditAction, AuditEntry } from '../../src/domain/audit.js';
import type { ChatBinding } from '../../src/domain/chat-binding.js';
import type { Contact } from '../../src/domain/contact.js';
import type { Delegation } from '../../src/domain/delegation.js';
import { INVITE_TTL_MS, type Invite } from '../../src/domain/invite.js';
import type { AccountId, Role, RoleGrant } from '../../src/domain/roles.js';
import type { NewSubmission } from '../../src/domain/submission.js';
import { AUDIT_CAP } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import { adHocPeriod, type AdHocRequest } from '../../src/domain/ad-hoc.js';

/** A store opened for one test, and how to close it and remove every trace of it. */
export interface StoreUnderTest {
  store: Store;
  cleanup: () => Promise<void>;
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

const T0 = 1_750_000_000_000;

/** An invite as the bot creates one: the id is the SHA-256 of a code nobody stores. */
export function invite(code: string, overrides: Partial<Invite> = {}): Invite {
  return {
    id: createHash('sha256').update(code, 'utf8').digest('hex'),
    hint: code.slice(0, 4),
    kind: 'head',
    agencyId: 'so-y-te',
    createdBy: chi,
    createdAt: T0,
    expiresAt: T0 + INVITE_TTL_MS,
    ...overrides,
  };
}

function agencyChat(chatId: string, agencyId: string, overrides: Partial<ChatBinding> = {}): ChatBinding {
  return {
    platform: 'telegram',
    chatId,
    title: 'Nhóm báo cáo — Sở Y tế 🏥',
    target: { kind: 'agency', agencyId },
    boundBy: an,
    boundAt: T0,
    ...overrides,
  };
}

function delegation(agencyId: string, overrides: Partial<Delegation> = {}): Delegation {
  return {
    agencyId,
    from: an,
    fromName: 'Nguyễn Văn An',
    to: binh,
    toName: 'Trần Thị Bình',
    startsOn: '2025-06-10',
    endsOn: '2025-06-20',
    createdAt: T0,
    ...overrides,
  };
}

function contact(account: AccountId, overrides: Partial<Contact> = {}): Contact {
  return { account, name: 'Lò Thị Hương (Phó Giám đốc) 🌸', reachable: true, lastSeenAt: T0, ...overrides };
}

function audit(n: number, action: AuditAction = 'role.granted', overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { at: T0 + n, actor: chi, action, subject: `so-y-te #${n}`, detail: `Giao quyền lần ${n} — Thủ trưởng Sở Y tế ✅`, ...overrides };
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

    describe("agencies (the plan's agencies)", () => {
      it('adds every agency of a first plan and lists them sorted by id', async () => {
        const result = await store.agencies.sync([soYTe, xaBinhLu, soGiaoDuc]);
        expect(result).toEqual({ added: ['so-gd-dt', 'so-y-te', 'xa-binh-lu'], updated: [], archived: [] });
        expect(await store.agencies.list()).toEqual([soGiaoDuc, soYTe, xaBinhLu]);
        expect(await store.agencies.get('so-y-te')).toEqual(soYTe);
      });

      it('reports nothing when the same plan is synced again, whatever the order of its fields', async () => {
        await store.agencies.sync([soYTe, soGiaoDuc]);
        const reordered: Agency = { group: soYTe.group, kind: soYTe.kind, name: soYTe.name, id: soYTe.id };
        expect(await store.agencies.sync([soGiaoDuc, reordered])).toEqual({ added: [], updated: [], archived: [] });
      });

      it('updates an agency whose name or group changed, and only that one', async () => {
        await store.agencies.sync([soYTe, soGiaoDuc]);
        const renamed: Agency = { id: 'so-y-te', name: 'Sở Y tế tỉnh Lai Châu', kind: 'so' };
        expect(await store.agencies.sync([renamed, soGiaoDuc])).toEqual({ added: [], updated: ['so-y-te'], archived: [] });
        expect(await store.agencies.get('so-y-te')).toEqual(renamed);
      });

      it('archives agencies that left the plan but keeps them, and lists them only when asked', async () => {
        await store.agencies.sync([soYTe, soGiaoDuc, xaBinhLu]);
        expect(await store.agencies.sync([soYTe])).toEqual({ added: [], updated: [], archived: ['so-gd-dt', 'xa-binh-lu'] });
        expect(await store.agencies.get('xa-binh-lu')).toEqual({ ...xaBinhLu, archived: true });
        expect((await store.agencies.list()).map((a) => a.id)).toEqual(['so-y-te']);
        expect((await store.agencies.list({ includeArchived: true })).map((a) => a.id)).toEqual(['so-gd-dt', 'so-y-te', 'xa-binh-lu']);
        expect(await store.agencies.sync([soYTe])).toEqual({ added: [], updated: [], archived: [] });
      });

      it('un-archives an agency that comes back to the plan', async () => {
        await store.agencies.sync([soYTe, xaBinhLu]);
        await store.agencies.sync([soYTe]);
        expect(await store.agencies.sync([soYTe, xaBinhLu])).toEqual({ added: [], updated: ['xa-binh-lu'], archived: [] });
        expect(await store.agencies.get('xa-binh-lu')).toEqual(xaBinhLu);
        expect((await store.agencies.list()).map((a) => a.id)).toEqual(['so-y-te', 'xa-binh-lu']);
      });

      it('knows nothing of an agency it was never given', async () => {
        expect(await store.agencies.get('so-khong-co')).toBeUndefined();
        expect(await store.agencies.list({ includeArchived: true })).toEqual([]);
      });
    });

    describe('people (roles)', () => {
      it('grants a role and lists it for the account, the agency and the role', async () => {
        const head = grant(an, 'head', 'so-y-te', { name: 'Nguyễn Văn An' });
        await store.people.grant(head);
        expect(await store.people.rolesOf(an)).toEqual([head]);
        expect(await store.people.membersOf('so-y-te')).toEqual([head]);
        expect(await store.people.holdersOf('head')).toEqual([head]);
      });

      it('keeps one grant when the same role is granted again, with the newer name and time', async () => {
        await store.people.grant(grant(an, 'head', 'so-y-te', { name: 'An' }));
        const again = grant(an, 'head', 'so-y-te', { name: 'Nguyễn Văn An', grantedAt: 1_760_000_000_000, grantedBy: chi });
        await store.people.grant(again);
        expect(await store.people.rolesOf(an)).toEqual([again]);
        expect(await store.people.membersOf('so-y-te')).toEqual([again]);
        expect(await store.people.holdersOf('head')).toEqual([again]);
      });

      it('lets one person hold several roles in several agencies, listed admin → coordinator → head → deputy', async () => {
        await store.people.grant(grant(an, 'deputy', 'xa-binh-lu'));
        await store.people.grant(grant(an, 'head', 'so-y-te'));
        await store.people.grant(grant(an, 'coordinator'));
        expect((await store.people.rolesOf(an)).map((g) => [g.role, g.agencyId])).toEqual([
          ['coordinator', undefined],
          ['head', 'so-y-te'],
          ['deputy', 'xa-binh-lu'],
        ]);
      });

      it('revokes a grant everywhere and says whether there was one', async () => {
        await store.people.grant(grant(an, 'head', 'so-y-te'));
        await store.people.grant(grant(an, 'deputy', 'xa-binh-lu'));
        expect(await store.people.revoke(an, 'head', 'so-y-te')).toBe(true);
        expect(await store.people.revoke(an, 'head', 'so-y-te')).toBe(false);
        expect((await store.people.rolesOf(an)).map((g) => g.role)).toEqual(['deputy']);
        expect(await store.people.membersOf('so-y-te')).toEqual([]);
        expect(await store.people.holdersOf('head')).toEqual([]);
      });

      it('lists the heads and deputies of one agency only', async () => {
        await store.people.grant(grant(binh, 'deputy', 'so-y-te'));
        await store.people.grant(grant(an, 'head', 'so-y-te'));
        await store.people.grant(grant(chi, 'head', 'xa-binh-lu'));
        await store.people.grant(grant(chi, 'coordinator'));
        expect((await store.people.membersOf('so-y-te')).map((g) => [g.role, g.account])).toEqual([
          ['head', an],
          ['deputy', binh],
        ]);
      });

      it('lists every holder of a role across the province', async () => {
        await store.people.grant(grant(chi, 'coordinator'));
        await store.people.grant(grant(an, 'coordinator'));
        await store.people.grant(grant(binh, 'head', 'so-y-te'));
        expect((await store.people.holdersOf('coordinator')).map((g) => g.account)).toEqual([chi, an].sort());
        expect(await store.people.holdersOf('admin')).toEqual([]);
      });

      it('keeps admin and coordinator grants province-wide, with no agency', async () => {
        await store.people.grant(grant(an, 'admin'));
        const [admin] = await store.people.rolesOf(an);
        expect(admin).not.toHaveProperty('agencyId');
        await expect(store.people.grant(grant(an, 'coordinator', 'so-y-te'))).rejects.toThrow(/province-wide/);
        await expect(store.people.grant(grant(an, 'head'))).rejects.toThrow(/must name an agency/);
        expect(await store.people.rolesOf(an)).toEqual([admin]);
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
                expect(await store.people.revoke(account, role, agencyId)).toBe(model.delete(id));
              } else {
                const g = grant(account, role, agencyId, { grantedAt: at });
                await store.people.grant(g);
                model.set(id, g);
              }
            }
            const expected = [...model.values()];
            const mine = (g: RoleGrant): boolean => people.includes(g.account);
            const sameGrants = (actual: RoleGrant[], wanted: RoleGrant[]): void =>
              expect(new Set(actual.map((g) => JSON.stringify(g)))).toEqual(new Set(wanted.map((g) => JSON.stringify(g))));
            for (const account of people)
              sameGrants(
                await store.people.rolesOf(account),
                expected.filter((g) => g.account === account),
              );
            for (const agencyId of agencies)
              sameGrants(
                await store.people.membersOf(agencyId),
                expected.filter((g) => g.agencyId === agencyId),
              );
            for (const role of ['admin', 'coordinator', 'head', 'deputy'] as const) {
              sameGrants(
                (await store.people.holdersOf(role)).filter(mine),
                expected.filter((g) => g.role === role),
              );
            }
          }),
          { numRuns: 25 },
        );
      });
    });

    describe('reports (submissions, every revision)', () => {
      it('numbers revisions 1, 2, 3 and keeps every one, oldest first', async () => {
        const first = await store.reports.add(report('so-y-te', { submittedAt: 1 }));
        const second = await store.reports.add(report('so-y-te', { submittedAt: 2 }));
        const third = await store.reports.add(report('so-y-te', { submittedAt: 3, late: true }));
        expect([first.revision, second.revision, third.revision]).toEqual([1, 2, 3]);
        expect(await store.reports.history('2025-h1', 'so-y-te')).toEqual([first, second, third]);
        expect(await store.reports.latest('2025-h1', 'so-y-te')).toEqual(third);
      });

      it("keeps a correction's timeliness stamp: when the agency first counted, and its on-time standing", async () => {
        await store.reports.add(report('so-y-te', { submittedAt: 10, firstCountedAt: 10, late: false }));
        const correction = await store.reports.add(report('so-y-te', { submittedAt: 20, firstCountedAt: 10, late: false }));
        expect(correction).toMatchObject({ revision: 2, firstCountedAt: 10, late: false });
        expect(await store.reports.latest('2025-h1', 'so-y-te')).toEqual(correction);
        expect((await store.reports.latestOfPeriod('2025-h1')).get('so-y-te')).toEqual(correction);
      });

      it('numbers each period and agency on its own', async () => {
        await store.reports.add(report('so-y-te'));
        await store.reports.add(report('so-y-te'));
        expect((await store.reports.add(report('xa-binh-lu'))).revision).toBe(1);
        expect((await store.reports.add(report('so-y-te', { periodId: '2025-h2' }))).revision).toBe(1);
        expect((await store.reports.add(report('so-y-te'))).revision).toBe(3);
      });

      it('has nothing for an agency that has not reported', async () => {
        expect(await store.reports.latest('2025-h1', 'so-y-te')).toBeUndefined();
        expect(await store.reports.history('2025-h1', 'so-y-te')).toEqual([]);
        expect(await store.reports.latestOfPeriod('2025-h1')).toEqual(new Map());
      });

      it('maps every agency that reported for a period to its latest revision', async () => {
        await store.reports.add(report('so-y-te', { submittedAt: 1 }));
        const latestYTe = await store.reports.add(report('so-y-te', { submittedAt: 2 }));
        const onlyBinhLu = await store.reports.add(report('xa-binh-lu'));
        await store.reports.add(report('so-gd-dt', { periodId: '2025-h2' }));
        expect(await store.reports.latestOfPeriod('2025-h1')).toEqual(
          new Map([
            ['so-y-te', latestYTe],
            ['xa-binh-lu', onlyBinhLu],
          ]),
        );
      });

      it('gives 20 concurrent reports from one agency revisions 1 to 20, no gaps, no duplicates', async () => {
        const sent = Array.from({ length: 20 }, (_, i) => report('so-y-te', { submittedAt: 1_000 + i }));
        const stored = await Promise.all(sent.map((s) => store.reports.add(s)));
        expect(stored.map((s) => s.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const history = await store.reports.history('2025-h1', 'so-y-te');
        expect(history.map((s) => s.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(new Set(history.map((s) => s.submittedAt)).size).toBe(20);
        for (const s of stored) expect(history[s.revision - 1]).toEqual(s);
        expect((await store.reports.latest('2025-h1', 'so-y-te'))?.revision).toBe(20);
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
        expect(await store.reports.add(sent)).toEqual(expected);
        expect(await store.reports.latest('2025-h1', 'xa-binh-lu')).toEqual(expected);
        expect(await store.reports.history('2025-h1', 'xa-binh-lu')).toEqual([expected]);
        expect((await store.reports.latestOfPeriod('2025-h1')).get('xa-binh-lu')).toEqual(expected);
      });

      it('keeps an agency’s "khó khăn" and "kiến nghị" with its report, and refuses ones too long to keep whole', async () => {
        const sent = report('xa-binh-lu', {
          difficulties: 'Thiếu kinh phí tổ chức hội nghị',
          proposals: 'Đề nghị UBND tỉnh bổ sung kinh phí 🙏',
        });
        const expected = { ...sent, revision: 1 };
        expect(await store.reports.add(sent)).toEqual(expected);
        expect(await store.reports.history('2025-h1', 'xa-binh-lu')).toEqual([expected]);
        await expect(store.reports.add(report('so-y-te', { proposals: 'x'.repeat(1001) }))).rejects.toThrow(RangeError);
        expect(await store.reports.latest('2025-h1', 'so-y-te')).toBeUndefined();
      });

      it('numbers a report itself even if the caller passed a revision', async () => {
        const stray = { ...report('so-y-te'), revision: 99 } as NewSubmission;
        expect((await store.reports.add(stray)).revision).toBe(1);
        expect((await store.reports.latest('2025-h1', 'so-y-te'))?.revision).toBe(1);
      });
    });

    describe('conversations', () => {
      const state = { step: 'item', itemNo: 2, draft: [{ itemNo: 1, note: 'Đã xong phần việc 🎉' }] };

      it('keeps, replaces and deletes a conversation', async () => {
        expect(await store.conversations.get('telegram:1001')).toBeUndefined();
        await store.conversations.put('telegram:1001', state, 60_000);
        expect(await store.conversations.get('telegram:1001')).toEqual(state);
        await store.conversations.put('telegram:1001', { step: 'confirm' }, 60_000);
        expect(await store.conversations.get('telegram:1001')).toEqual({ step: 'confirm' });
        await store.conversations.delete('telegram:1001');
        expect(await store.conversations.get('telegram:1001')).toBeUndefined();
        await store.conversations.delete('telegram:1001');
      });

      it('forgets a conversation once its TTL has passed', async () => {
        await store.conversations.put('zalo:2002', state, 150);
        await store.conversations.put('zalo:3003', state, 60_000);
        expect(await store.conversations.get('zalo:2002')).toEqual(state);
        await sleep(300);
        expect(await store.conversations.get('zalo:2002')).toBeUndefined();
        expect(await store.conversations.get('zalo:3003')).toEqual(state);
      });

      it('refuses a TTL that is not positive', async () => {
        await expect(store.conversations.put('zalo:2002', state, 0)).rejects.toThrow(RangeError);
      });

      it('counts the open conversations of one kind (for the metrics)', async () => {
        expect(await store.conversations.count('report')).toBe(0);
        await store.conversations.put('report:telegram:1:telegram:1', state, 60_000);
        await store.conversations.put('report:zalo:u2:zalo:u2', state, 60_000);
        await store.conversations.put('report:zalo:u2:zalo:u2', state, 60_000);
        // Real time for the stores that expire on their own clock: margins a loaded machine keeps.
        await store.conversations.put('report:zalo:u3:zalo:u3', state, 1_000);
        await store.conversations.put('report-lapsed:telegram:1:telegram:1', state, 60_000);
        await store.conversations.put('choices:zalo:u2', state, 60_000);
        expect(await store.conversations.count('report')).toBe(3);
        await store.conversations.delete('report:telegram:1:telegram:1');
        await sleep(1_200);
        expect(await store.conversations.count('report')).toBe(1);
        expect(await store.conversations.count('choices')).toBe(1);
      });
    });

    describe('firstClaims (claims made once)', () => {
      it('gives a key to the first claim only, and says yes again to that same claim arriving twice', async () => {
        const [a, b] = await Promise.all([
          store.firstClaims.claim('tg-update:1', 'i1#aaa', 60_000),
          store.firstClaims.claim('tg-update:1', 'i2#bbb', 60_000),
        ]);
        expect([a, b].filter(Boolean)).toHaveLength(1);
        const winner = a ? 'i1#aaa' : 'i2#bbb';
        // A client resending its own claim after a dropped connection is told yes; anyone else no.
        expect(await store.firstClaims.claim('tg-update:1', winner, 60_000)).toBe(true);
        expect(await store.firstClaims.claim('tg-update:1', 'i1#ccc', 60_000)).toBe(false);
        expect(await store.leases.claim('tg-update:1', 'i3', 60_000)).toBe(false);
      });

      it('lets the key be claimed again once it expired', async () => {
        expect(await store.firstClaims.claim('zalo-update:m1', 't1', 150)).toBe(true);
        await sleep(300);
        expect(await store.firstClaims.claim('zalo-update:m1', 't2', 60_000)).toBe(true);
      });
    });

    describe('leases', () => {
      it('lets only one of two owners win a lease', async () => {
        const [a, b] = await Promise.all([
          store.leases.claim('tick:2025-06-10T08:00', 'worker-a', 60_000),
          store.leases.claim('tick:2025-06-10T08:00', 'worker-b', 60_000),
        ]);
        expect([a, b].filter(Boolean)).toHaveLength(1);
        // The winner's own claim arriving again (resent after a dropped connection) is told yes.
        expect(await store.leases.claim('tick:2025-06-10T08:00', a ? 'worker-a' : 'worker-b', 60_000)).toBe(true);
        expect(await store.leases.claim('tick:2025-06-10T08:00', a ? 'worker-b' : 'worker-a', 60_000)).toBe(false);
      });

      it('is released only by its owner, and can then be claimed again', async () => {
        expect(await store.leases.claim('remind:so-y-te', 'worker-a', 60_000)).toBe(true);
        expect(await store.leases.release('remind:so-y-te', 'worker-b')).toBe(false);
        expect(await store.leases.claim('remind:so-y-te', 'worker-b', 60_000)).toBe(false);
        expect(await store.leases.release('remind:so-y-te', 'worker-a')).toBe(true);
        expect(await store.leases.release('remind:so-y-te', 'worker-a')).toBe(false);
        expect(await store.leases.claim('remind:so-y-te', 'worker-b', 60_000)).toBe(true);
      });

      it('is renewed only by its owner, which keeps it alive past its first expiry', async () => {
        // Real time (Redis expires keys on its own clock), with margins a loaded CI machine keeps:
        // a 200 ms lease once failed to be renewed 120 ms in, the sleep having taken over 200 ms.
        expect(await store.leases.claim('poll:telegram', 'instance-a', 1_000)).toBe(true);
        expect(await store.leases.renew('poll:telegram', 'instance-b', 60_000)).toBe(false);
        await sleep(300);
        expect(await store.leases.renew('poll:telegram', 'instance-a', 2_000)).toBe(true);
        await sleep(900);
        expect(await store.leases.claim('poll:telegram', 'instance-b', 60_000)).toBe(false);
        await sleep(1_300);
        expect(await store.leases.renew('poll:telegram', 'instance-a', 400)).toBe(false);
        expect(await store.leases.claim('poll:telegram', 'instance-b', 60_000)).toBe(true);
      });

      it('can be reclaimed by someone else once it has expired', async () => {
        expect(await store.leases.claim('remind:xa-binh-lu', 'worker-a', 100)).toBe(true);
        await sleep(250);
        expect(await store.leases.claim('remind:xa-binh-lu', 'worker-b', 60_000)).toBe(true);
        expect(await store.leases.release('remind:xa-binh-lu', 'worker-a')).toBe(false);
        expect(await store.leases.release('remind:xa-binh-lu', 'worker-b')).toBe(true);
      });
    });

    describe('deliveries: the sent ledger', () => {
      it('records something as done the first time only', async () => {
        expect(await store.deliveries.isDone('reminder:2025-h1:so-y-te:d-3')).toBe(false);
        expect(await store.deliveries.markDone('reminder:2025-h1:so-y-te:d-3', 'telegram:1001')).toBe(true);
        expect(await store.deliveries.markDone('reminder:2025-h1:so-y-te:d-3')).toBe(false);
        expect(await store.deliveries.isDone('reminder:2025-h1:so-y-te:d-3')).toBe(true);
        expect(await store.deliveries.isDone('reminder:2025-h1:so-y-te:d-1')).toBe(false);
      });
    });

    describe('deliveries: the outbox claim (ledger checked and lease taken in one step)', () => {
      const key = 'reminder:2025-h1:so-y-te:d-3|dm:telegram:1001';

      it('gives the delivery to one of two claims, says yes again to that same claim, and busy to others', async () => {
        const [a, b] = await Promise.all([store.deliveries.claim(key, 'i1#aaa', 60_000), store.deliveries.claim(key, 'i2#bbb', 60_000)]);
        expect([a.state, b.state].sort()).toEqual(['busy', 'claimed']);
        const winner = a.state === 'claimed' ? 'i1#aaa' : 'i2#bbb';
        expect(await store.deliveries.claim(key, winner, 60_000)).toEqual(a.state === 'claimed' ? a : b);
        expect((await store.deliveries.claim(key, 'i3#ccc', 60_000)).state).toBe('busy');
      });

      it('is renewed and released through the lease it names, after which another may claim', async () => {
        // 1 s to renew it in (Redis's real clock; a loaded machine once took longer than 200 ms), then
        // past that first second: only the renewal keeps it.
        const claim = await store.deliveries.claim(key, 'i1#aaa', 1_000);
        if (claim.state !== 'claimed') throw new Error(`expected a claim, got ${claim.state}`);
        expect(await store.leases.renew(claim.lease, 'i2#bbb', 60_000)).toBe(false);
        expect(await store.leases.renew(claim.lease, 'i1#aaa', 60_000)).toBe(true);
        await sleep(1_300);
        expect((await store.deliveries.claim(key, 'i2#bbb', 60_000)).state).toBe('busy');
        expect(await store.leases.release(claim.lease, 'i1#aaa')).toBe(true);
        expect((await store.deliveries.claim(key, 'i2#bbb', 60_000)).state).toBe('claimed');
      });

      it('says done once the delivery is in the sent ledger, even to the claim that holds it', async () => {
        expect((await store.deliveries.claim(key, 'i1#aaa', 60_000)).state).toBe('claimed');
        expect(await store.deliveries.markDone(key, 'sent')).toBe(true);
        expect(await store.deliveries.claim(key, 'i1#aaa', 60_000)).toEqual({ state: 'done' });
        expect(await store.deliveries.claim(key, 'i2#bbb', 60_000)).toEqual({ state: 'done' });
      });

      it('lets an expired claim be taken over, and keeps deliveries with braces in their key apart', async () => {
        expect((await store.deliveries.claim(key, 'i1#aaa', 100)).state).toBe('claimed');
        await sleep(250);
        expect((await store.deliveries.claim(key, 'i2#bbb', 60_000)).state).toBe('claimed');
        const braced = 'sum:{odd}:final:2025-06-16|telegram:-100';
        expect((await store.deliveries.claim(braced, 'i1#aaa', 60_000)).state).toBe('claimed');
        await store.deliveries.markDone(braced);
        expect((await store.deliveries.claim(braced, 'i2#bbb', 60_000)).state).toBe('done');
        expect((await store.deliveries.claim(key, 'i3#ccc', 60_000)).state).toBe('busy');
      });
    });

    describe('settings', () => {
      it('keeps small settings and overwrites them', async () => {
        expect(await store.settings.get('scheduler.lastTick')).toBeUndefined();
        await store.settings.set('scheduler.lastTick', '2025-06-10T08:00:00+07:00');
        await store.settings.set('ghi-chú', 'Tỉnh Lai Châu 🏔️');
        await store.settings.set('scheduler.lastTick', '2025-06-10T08:01:00+07:00');
        expect(await store.settings.get('scheduler.lastTick')).toBe('2025-06-10T08:01:00+07:00');
        expect(await store.settings.get('ghi-chú')).toBe('Tỉnh Lai Châu 🏔️');
      });

      it('reads several settings at once: those that have a value', async () => {
        expect(await store.settings.getMany([])).toEqual(new Map());
        await store.settings.set('a', '1');
        await store.settings.set('ghi-chú', 'Tỉnh Lai Châu 🏔️');
        expect(await store.settings.getMany(['a', 'không-có', 'ghi-chú', 'a'])).toEqual(
          new Map([
            ['a', '1'],
            ['ghi-chú', 'Tỉnh Lai Châu 🏔️'],
          ]),
        );
      });
    });

    describe('invites', () => {
      it('keeps an invite exactly as created', async () => {
        const created = invite('Mã-mời-Đặc-biệt', { kind: 'agency-group', agencyId: 'xa-binh-lu', hint: 'Mã-m' });
        await store.invites.create(created);
        expect(await store.invites.get(created.id)).toEqual(created);
        expect(await store.invites.get(invite('khong-co').id)).toBeUndefined();
      });

      it('is redeemed once: a second redeem says used, and names who used it', async () => {
        const sent = invite('Q1w2E3r4T5y6U7i8O9p0aa');
        await store.invites.create(sent);
        const first = await store.invites.redeem(sent.id, binh, T0 + 1_000);
        const used: Invite = { ...sent, usedBy: binh, usedAt: T0 + 1_000 };
        expect(first).toEqual({ ok: true, invite: used });
        expect(await store.invites.redeem(sent.id, chi, T0 + 2_000)).toEqual({ ok: false, reason: 'used', invite: used });
        expect(await store.invites.redeem(sent.id, binh, T0 + 3_000)).toEqual({ ok: false, reason: 'used', invite: used });
        expect(await store.invites.get(sent.id)).toEqual(used);
      });

      it('lets exactly one of 10 concurrent redeemers have it', async () => {
        const sent = invite('concurrent-code-000001');
        await store.invites.create(sent);
        const people = Array.from({ length: 10 }, (_, i) => `zalo:nguoi-${i}` as AccountId);
        const results = await Promise.all(people.map((who, i) => store.invites.redeem(sent.id, who, T0 + i)));
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const winner = winners[0]!.invite;
        expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(9).fill('used'));
        for (const r of results) expect(r.invite).toEqual(winner);
        expect(await store.invites.get(sent.id)).toEqual(winner);
      });

      it('refuses a redeem at or after the moment it expires, and keeps it unused', async () => {
        const sent = invite('expiring-code-00000001');
        await store.invites.create(sent);
        expect(await store.invites.redeem(sent.id, binh, sent.expiresAt)).toEqual({ ok: false, reason: 'expired', invite: sent });
        expect(await store.invites.redeem(sent.id, binh, sent.expiresAt + 86_400_000)).toEqual({
          ok: false,
          reason: 'expired',
          invite: sent,
        });
        expect(await store.invites.get(sent.id)).toEqual(sent);
        const other = invite('expiring-code-00000002');
        await store.invites.create(other);
        expect((await store.invites.redeem(other.id, binh, other.expiresAt - 1)).ok).toBe(true);
      });

      it('refuses a revoked invite, and revokes only an open one', async () => {
        const sent = invite('revoked-code-000000001');
        await store.invites.create(sent);
        expect(await store.invites.revoke(sent.id, chi, T0 + 500)).toBe(true);
        const revoked: Invite = { ...sent, revokedAt: T0 + 500, revokedBy: chi };
        expect(await store.invites.get(sent.id)).toEqual(revoked);
        expect(await store.invites.redeem(sent.id, binh, T0 + 600)).toEqual({ ok: false, reason: 'revoked', invite: revoked });
        expect(await store.invites.revoke(sent.id, an, T0 + 700)).toBe(false);
        expect(await store.invites.get(sent.id)).toEqual(revoked);

        const used = invite('used-code-000000000001');
        await store.invites.create(used);
        await store.invites.redeem(used.id, binh, T0 + 1);
        expect(await store.invites.revoke(used.id, chi, T0 + 2)).toBe(false);
        expect((await store.invites.get(used.id))?.revokedAt).toBeUndefined();
        expect(await store.invites.revoke(invite('never-created').id, chi, T0)).toBe(false);
      });

      it('says used before revoked before expired when several apply', async () => {
        const sent = invite('order-code-00000000001');
        await store.invites.create(sent);
        await store.invites.revoke(sent.id, chi, T0 + 1);
        expect(await store.invites.redeem(sent.id, binh, sent.expiresAt + 1)).toMatchObject({ ok: false, reason: 'revoked' });
      });

      it('revokes an expired invite that was never used, taking it off the open list', async () => {
        const sent = invite('lapsed-code-0000000001', { expiresAt: T0 + 1_000 });
        await store.invites.create(sent);
        expect(await store.invites.revoke(sent.id, chi, T0 + 5_000)).toBe(true);
        expect(await store.invites.listOpen()).toEqual([]);
      });

      it('says unknown for an id it never stored', async () => {
        expect(await store.invites.redeem(invite('not-a-real-code').id, binh, T0)).toEqual({ ok: false, reason: 'unknown' });
      });

      it('refuses a second invite with the same id, keeping the first', async () => {
        const first = invite('duplicate-code-0000001');
        await store.invites.create(first);
        await expect(store.invites.create({ ...first, kind: 'deputy', createdBy: an })).rejects.toThrow(/already exists/);
        await store.invites.redeem(first.id, binh, T0 + 1);
        await expect(store.invites.create(first)).rejects.toThrow(/already exists/);
        expect((await store.invites.get(first.id))?.usedBy).toBe(binh);
        expect((await store.invites.get(first.id))?.kind).toBe('head');
      });

      it('refuses an invite that is not new and pending, or whose kind and agency do not fit', async () => {
        const bad: Invite[] = [
          invite('bad-1', { usedAt: T0, usedBy: binh }),
          invite('bad-2', { revokedAt: T0, revokedBy: chi }),
          invite('bad-3', { expiresAt: T0 }),
          invite('bad-4', { kind: 'deputy', agencyId: undefined }),
          invite('bad-5', { kind: 'coordinator', agencyId: 'so-y-te' }),
          invite('bad-6', { id: '' }),
        ];
        for (const b of bad) await expect(store.invites.create(b)).rejects.toThrow(RangeError);
        expect(await store.invites.listOpen()).toEqual([]);
        await store.invites.create(invite('good-1', { kind: 'coordinator', agencyId: undefined }));
        await store.invites.create(invite('good-2', { kind: 'coordinator-group', agencyId: undefined }));
        expect(await store.invites.listOpen()).toHaveLength(2);
      });

      it('lists the invites neither used nor revoked, newest first, expired ones included', async () => {
        const [oldest, expired, used, revoked, newest] = [0, 1, 2, 3, 4].map((i) =>
          invite(`list-code-${i}-000000000`, { createdAt: T0 + i * 60_000, expiresAt: T0 + i * 60_000 + INVITE_TTL_MS }),
        ) as [Invite, Invite, Invite, Invite, Invite];
        const lapsed: Invite = { ...expired, expiresAt: expired.createdAt + 1 };
        const twin: Invite = invite('list-code-twin-0000000', { createdAt: newest.createdAt });
        for (const i of [newest, used, oldest, lapsed, twin, revoked]) await store.invites.create(i);
        await store.invites.redeem(used.id, binh, T0 + 10 * 60_000);
        await store.invites.revoke(revoked.id, chi, T0 + 10 * 60_000);
        const newestTwo = [newest, twin].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(await store.invites.listOpen()).toEqual([...newestTwo, lapsed, oldest]);
      });
    });

    describe('chats (group chats)', () => {
      it('binds a chat, replaces its binding, and unbinds it', async () => {
        const group = agencyChat('-1001234567890', 'so-y-te');
        expect(await store.chats.get('telegram', group.chatId)).toBeUndefined();
        await store.chats.bind(group);
        expect(await store.chats.get('telegram', group.chatId)).toEqual(group);
        const rebound: ChatBinding = {
          ...group,
          title: 'Nhóm điều phối — Sở Nội vụ',
          target: { kind: 'coordinator' },
          boundBy: chi,
          boundAt: T0 + 1,
        };
        await store.chats.bind(rebound);
        expect(await store.chats.get('telegram', group.chatId)).toEqual(rebound);
        expect(await store.chats.list()).toEqual([rebound]);
        expect(await store.chats.unbind('telegram', group.chatId)).toBe(true);
        expect(await store.chats.unbind('telegram', group.chatId)).toBe(false);
        expect(await store.chats.get('telegram', group.chatId)).toBeUndefined();
        expect(await store.chats.list()).toEqual([]);
      });

      it('tells chats apart by platform and id, and lists them by platform:chatId', async () => {
        const zalo = agencyChat('-100555', 'xa-binh-lu', { platform: 'zalo', title: 'UBND xã Bình Lư' });
        const telegramA = agencyChat('-100555', 'so-y-te');
        const { title: _untitled, ...telegramB } = agencyChat('-100111', 'so-gd-dt');
        const coordinators: ChatBinding = {
          platform: 'playground',
          chatId: 'dieu-phoi',
          target: { kind: 'coordinator' },
          boundBy: chi,
          boundAt: T0,
        };
        for (const b of [zalo, telegramA, telegramB, coordinators]) await store.chats.bind(b);
        expect(await store.chats.list()).toEqual([coordinators, telegramB, telegramA, zalo]);
        expect(await store.chats.get('zalo', '-100555')).toEqual(zalo);
        expect(await store.chats.unbind('zalo', '-100555')).toBe(true);
        expect(await store.chats.get('telegram', '-100555')).toEqual(telegramA);
        expect(await store.chats.unbind('zalo', '-100111')).toBe(false);
      });

      it('refuses a binding with no chat id or no target', async () => {
        await expect(store.chats.bind(agencyChat('', 'so-y-te'))).rejects.toThrow(RangeError);
        await expect(store.chats.bind({ ...agencyChat('-1', 'so-y-te'), target: { kind: 'agency', agencyId: '' } })).rejects.toThrow(
          RangeError,
        );
        expect(await store.chats.list()).toEqual([]);
      });
    });

    describe('adHocRequests (ad-hoc report requests)', () => {
      const request = (id: string, createdAt: number, agencyIds = ['so-y-te', 'xa-binh-lu']): AdHocRequest => ({
        period: adHocPeriod({
          id,
          campaignId: 'ci-09',
          title: 'Báo cáo nhanh tình hình khen thưởng đột xuất',
          today: '2025-06-10',
          deadline: '2025-06-13',
          agencyIds,
        }),
        createdBy: binh,
        createdByName: 'Trần Thị Bình',
        createdAt,
      });

      it('keeps requests, oldest first, with their agencies and Vietnamese titles intact', async () => {
        await store.adHocRequests.put(request('dx-2', 2_000));
        await store.adHocRequests.put(request('dx-1', 1_000, ['so-y-te']));
        const listed = await store.adHocRequests.list();
        expect(listed.map((r) => r.period.id)).toEqual(['dx-1', 'dx-2']);
        expect(listed[1]).toEqual(request('dx-2', 2_000));
      });

      it('replaces a request with the same id', async () => {
        await store.adHocRequests.put(request('dx-1', 1_000));
        await store.adHocRequests.put({ ...request('dx-1', 1_000), period: { ...request('dx-1', 1_000).period, deadline: '2025-06-20' } });
        expect((await store.adHocRequests.list()).map((r) => r.period.deadline)).toEqual(['2025-06-20']);
      });

      it('refuses a request naming no agency', async () => {
        await expect(store.adHocRequests.put(request('dx-0', 1_000, []))).rejects.toThrow(RangeError);
      });

      it('creates a request only under an id not yet taken: a clash of random ids never merges two requests', async () => {
        expect(await store.adHocRequests.create(request('dx-20250610-ab12', 1_000))).toBe(true);
        expect(await store.adHocRequests.create(request('dx-20250610-ab12', 2_000, ['so-y-te']))).toBe(false);
        expect(await store.adHocRequests.list()).toEqual([request('dx-20250610-ab12', 1_000)]);
        await expect(store.adHocRequests.create(request('dx-0', 1_000, []))).rejects.toThrow(RangeError);
      });
    });

    describe('delegations', () => {
      it('sets, replaces, reads and clears one delegation per agency', async () => {
        const first = delegation('so-y-te');
        expect(await store.delegations.get('so-y-te')).toBeUndefined();
        await store.delegations.set(first);
        expect(await store.delegations.get('so-y-te')).toEqual(first);
        const second = delegation('so-y-te', {
          to: chi,
          toName: 'Hoàng Văn Chí',
          startsOn: '2025-07-01',
          endsOn: '2025-07-01',
          createdAt: T0 + 1,
        });
        await store.delegations.set(second);
        const other = delegation('xa-binh-lu', { fromName: 'Lò Văn Sáng' });
        await store.delegations.set(other);
        expect(await store.delegations.get('so-y-te')).toEqual(second);
        expect(await store.delegations.clear('so-y-te')).toBe(true);
        expect(await store.delegations.clear('so-y-te')).toBe(false);
        expect(await store.delegations.get('so-y-te')).toBeUndefined();
        expect(await store.delegations.get('xa-binh-lu')).toEqual(other);
      });

      it('refuses a delegation that ends before it starts', async () => {
        await expect(store.delegations.set(delegation('so-y-te', { startsOn: '2025-06-20', endsOn: '2025-06-10' }))).rejects.toThrow(
          RangeError,
        );
        expect(await store.delegations.get('so-y-te')).toBeUndefined();
      });
    });

    describe('contacts', () => {
      it('keeps and replaces a contact as a whole', async () => {
        expect(await store.contacts.get(an)).toBeUndefined();
        const reachable = contact(an);
        await store.contacts.put(reachable);
        expect(await store.contacts.get(an)).toEqual(reachable);
        const blocked: Contact = {
          account: an,
          name: 'Nguyễn Văn An',
          reachable: false,
          unreachableReason: 'đã chặn bot',
          unreachableSince: T0 + 5,
        };
        await store.contacts.put(blocked);
        expect(await store.contacts.get(an)).toEqual(blocked);
      });

      it('reads many contacts at once, leaving unknown accounts out', async () => {
        const forAn = contact(an);
        const forChi = contact(chi, { name: 'Chí', reachable: false });
        await store.contacts.put(forAn);
        await store.contacts.put(forChi);
        expect(await store.contacts.getMany([an, binh, chi, an])).toEqual(
          new Map([
            [an, forAn],
            [chi, forChi],
          ]),
        );
        expect(await store.contacts.getMany([binh])).toEqual(new Map());
        expect(await store.contacts.getMany([])).toEqual(new Map());
      });
    });

    describe('audit (the audit log)', () => {
      it('lists the most recent entries first, as many as asked for', async () => {
        const entries = [1, 2, 3, 4, 5].map((n) => audit(n));
        for (const e of entries) await store.audit.append(e);
        expect(await store.audit.list(3)).toEqual([entries[4], entries[3], entries[2]]);
        expect(await store.audit.list(100)).toEqual([...entries].reverse());
        expect(await store.audit.list(0)).toEqual([]);
      });

      it('orders by appending, not by the time written in the entry', async () => {
        const late = audit(9, 'invite.created', { actor: 'system', detail: undefined });
        const early = audit(1, 'invite.revoked');
        await store.audit.append(late);
        await store.audit.append(early);
        expect(await store.audit.list(10)).toEqual([
          early,
          { at: late.at, actor: 'system', action: 'invite.created', subject: late.subject },
        ]);
      });

      it('has nothing to list at first, and refuses a bad limit or an unknown action', async () => {
        expect(await store.audit.list(10)).toEqual([]);
        await expect(store.audit.list(-1)).rejects.toThrow(RangeError);
        await expect(store.audit.list(1.5)).rejects.toThrow(RangeError);
        await expect(store.audit.append(audit(1, 'role.stolen' as AuditAction))).rejects.toThrow(RangeError);
        expect(await store.audit.list(10)).toEqual([]);
      });

      it(`lists the most recent ${AUDIT_CAP} entries and moves older ones to the archive, dropping none`, async () => {
        const total = AUDIT_CAP + 7;
        expect(await store.audit.listArchive(10)).toEqual([]);
        // Issued together: both stores keep the order of the calls.
        await Promise.all(Array.from({ length: total }, (_, n) => store.audit.append(audit(n))));
        const kept = await store.audit.list(total);
        expect(kept).toHaveLength(AUDIT_CAP);
        expect(kept[0]).toEqual(audit(total - 1));
        expect(kept.at(-1)).toEqual(audit(7));
        // A flood cannot push real entries out of existence: they are in the archive, newest first.
        expect(await store.audit.listArchive(100)).toEqual([6, 5, 4, 3, 2, 1, 0].map((n) => audit(n)));
        expect(await store.audit.listArchive(2)).toEqual([audit(6), audit(5)]);
        expect(await store.audit.listArchive(0)).toEqual([]);
        await expect(store.audit.listArchive(-1)).rejects.toThrow(RangeError);
      });
    });

    describe('hitCounters (rate limiting)', () => {
      // Windows on Redis run on its real clock: wide enough that a loaded CI machine stays inside them.
      it('counts 1, 2, 3 within a window and starts again at 1 after it', async () => {
        expect(await store.hitCounters.hit('code-attempts:telegram:1001', 1_000)).toBe(1);
        expect(await store.hitCounters.hit('code-attempts:telegram:1001', 1_000)).toBe(2);
        expect(await store.hitCounters.hit('code-attempts:telegram:1001', 1_000)).toBe(3);
        expect(await store.hitCounters.hit('code-attempts:zalo:2002', 1_000)).toBe(1);
        await sleep(1_300);
        expect(await store.hitCounters.hit('code-attempts:telegram:1001', 1_000)).toBe(1);
        expect(await store.hitCounters.hit('code-attempts:telegram:1001', 1_000)).toBe(2);
      });

      it('keeps the window where the first hit put it: later hits do not stretch it', async () => {
        expect(await store.hitCounters.hit('mã-mời:Lai Châu', 1_500)).toBe(1);
        const first = Date.now();
        await sleep(600);
        expect(await store.hitCounters.hit('mã-mời:Lai Châu', 1_500)).toBe(2);
        // Past the first hit's window, inside the one the second hit would have opened had it stretched it.
        await sleep(Math.max(0, first + 1_800 - Date.now()));
        expect(await store.hitCounters.hit('mã-mời:Lai Châu', 1_500)).toBe(1);
      });

      it('counts concurrent hits without losing any', async () => {
        const counts = await Promise.all(Array.from({ length: 12 }, () => store.hitCounters.hit('burst', 60_000)));
        expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      });

      it('refuses a window that is not positive', async () => {
        await expect(store.hitCounters.hit('k', 0)).rejects.toThrow(RangeError);
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
        await expect(store.settings.set('after', 'close')).rejects.toThrow();
        await expect(store.ping()).rejects.toThrow();
      });

      it('refuses the calls that need no round trip too, once closed', async () => {
        await store.close();
        await expect(store.invites.create(invite('after-close-000000001'))).rejects.toThrow();
        await expect(store.invites.redeem(invite('after-close-000000001').id, an, T0)).rejects.toThrow();
        await expect(store.invites.listOpen()).rejects.toThrow();
        await expect(store.contacts.getMany([])).rejects.toThrow();
        await expect(store.audit.list(0)).rejects.toThrow();
        await expect(store.hitCounters.hit('after-close', 1_000)).rejects.toThrow();
      });
    });
  });
}
