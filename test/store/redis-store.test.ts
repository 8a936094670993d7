import { describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { systemClock } from '../../src/domain/clock.js';
import { INVITE_TTL_MS } from '../../src/domain/invite.js';
import type { AccountId } from '../../src/domain/roles.js';
import type { NewSubmission } from '../../src/domain/submission.js';
import { createStore } from '../../src/store/create-store.js';
import { INVITE_RETENTION_MS } from '../../src/store/records.js';
import { redisKeys } from '../../src/store/redis/keys.js';
import { openRedisStore } from '../../src/store/redis/open-redis-store.js';
import { TEST_REDIS_URL, deleteKeysUnder, keysUnder, uniqueRedisPrefix } from '../helpers/redis.js';
import { invite, storeContract } from './contract.js';

storeContract('redis', async () => {
  const prefix = uniqueRedisPrefix();
  const store = await openRedisStore({ url: TEST_REDIS_URL, prefix });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await deleteKeysUnder(prefix);
    },
  };
});

function report(agencyId: string, submittedAt = 1): NewSubmission {
  return {
    campaignId: 'ci-09',
    periodId: '2025-h1',
    agencyId,
    answers: [{ itemNo: 1, status: 'done', percent: 100, note: 'Xong' }],
    submittedBy: { account: 'telegram:1001', name: 'An', role: 'head' },
    submittedAt,
    late: false,
  };
}

/** The part of a key Redis Cluster hashes: the first non-empty `{…}`, else the whole key. */
function hashTagOf(key: string): string {
  const match = /\{([^}]+)\}/.exec(key);
  return match?.[1] ?? key;
}

describe('the Redis store, specifically', () => {
  it('keeps every key under its prefix, and the test helper removes them all', async () => {
    const prefix = uniqueRedisPrefix();
    const store = await openRedisStore({ url: TEST_REDIS_URL, prefix });
    try {
      await store.agencies.sync([{ id: 'so-y-te', name: 'Sở Y tế', kind: 'so' }]);
      await store.people.grant({ account: 'telegram:1001', role: 'head', agencyId: 'so-y-te', grantedAt: 1 });
      await store.reports.add(report('so-y-te'));
      await store.conversations.put('telegram:1001', { step: 1 }, 60_000);
      await store.leases.claim('tick', 'me', 60_000);
      await store.deliveries.markDone('reminder:1');
      await store.settings.set('k', 'v');
      await store.invites.create(invite('keys-code-000000000001'));
      await store.chats.bind({ platform: 'zalo', chatId: 'g1', target: { kind: 'coordinator' }, boundBy: 'zalo:1', boundAt: 1 });
      await store.delegations.set({
        agencyId: 'so-y-te',
        from: 'telegram:1001',
        fromName: 'An',
        to: 'zalo:2',
        toName: 'Bình',
        startsOn: '2025-06-10',
        endsOn: '2025-06-11',
        createdAt: 1,
      });
      await store.contacts.put({ account: 'telegram:1001', name: 'An', reachable: true });
      await store.audit.append({ at: 1, actor: 'system', action: 'role.granted', subject: 'so-y-te' });
      await store.hitCounters.hit('code-attempts:telegram:1001', 60_000);
      const keys = await keysUnder(prefix);
      expect(keys.length).toBe(21);
      expect(keys.every((k) => k.startsWith(prefix))).toBe(true);
    } finally {
      await store.close();
    }
    expect(await deleteKeysUnder(prefix)).toBe(21);
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('puts keys that one script or transaction writes together into one cluster slot', () => {
    const keys = redisKeys('dondoc:');
    expect(hashTagOf(keys.submissionRevisions('2025-h1', 'so-y-te'))).toBe('2025-h1');
    expect(hashTagOf(keys.latestSubmissions('2025-h1'))).toBe('2025-h1');
    expect(hashTagOf(keys.submissionsVersion('2025-h1'))).toBe('2025-h1');
    expect(hashTagOf(keys.submissionChanges('2025-h1'))).toBe('2025-h1');
    const roleKeys = [keys.grantsOfAccount('telegram:1'), keys.grantsOfAgency('so-y-te'), keys.grantsOfRole('head'), keys.grantsState()];
    expect(roleKeys.map(hashTagOf)).toEqual(['roles', 'roles', 'roles', 'roles']);
    expect([keys.invite('ab{cd}'), keys.openInvites()].map(hashTagOf)).toEqual(['invites', 'invites']);
    expect(() => redisKeys('dondoc:{x}:')).toThrow(/braces/);
    expect(() => keys.latestSubmissions('')).toThrow(/empty/);
  });

  it('reads a period’s latest revisions again only when a revision was added, by any instance', async () => {
    const prefix = uniqueRedisPrefix();
    const [a, b] = await Promise.all([openRedisStore({ url: TEST_REDIS_URL, prefix }), openRedisStore({ url: TEST_REDIS_URL, prefix })]);
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const first = await a.reports.add(report('so-y-te', 1));
      const cached = await a.reports.latestOfPeriod('2025-h1');
      expect(cached).toEqual(new Map([['so-y-te', first]]));
      // Shared from the cache, so frozen; every call still gets its own Map.
      expect(Object.isFrozen(cached.get('so-y-te')?.answers[0])).toBe(true);
      cached.delete('so-y-te');
      expect((await a.reports.latestOfPeriod('2025-h1')).size).toBe(1);
      // Two revisions by another instance: read from the noted changes, only those two agencies.
      const second = await b.reports.add(report('so-y-te', 2));
      const third = await b.reports.add(report('xa-hong', 3));
      expect(await a.reports.latestOfPeriod('2025-h1')).toEqual(
        new Map([
          ['so-y-te', second],
          ['xa-hong', third],
        ]),
      );
      // When the changes since the cached version are not all noted any more, everything is read again.
      const fourth = await b.reports.add(report('xa-muong-kim', 5));
      await raw.del(redisKeys(prefix).submissionChanges('2025-h1'));
      await raw.hset(redisKeys(prefix).latestSubmissions('2025-h1'), 'xa-moi', JSON.stringify({ ...report('xa-moi', 4), revision: 1 }));
      const fifth = await b.reports.add(report('xa-muong-kim', 6));
      const reread = await a.reports.latestOfPeriod('2025-h1');
      expect([...reread.keys()].sort()).toEqual(['so-y-te', 'xa-hong', 'xa-moi', 'xa-muong-kim']);
      expect(reread.get('xa-muong-kim')).toEqual(fifth);
      expect(fourth.revision).toBe(1);
    } finally {
      await raw.quit();
      await Promise.all([a?.close(), b?.close()]);
      await deleteKeysUnder(prefix);
    }
  });

  it('a head revoked through one instance is refused by another at once, though that one keeps grants in memory', async () => {
    const prefix = uniqueRedisPrefix();
    const [a, b] = await Promise.all([openRedisStore({ url: TEST_REDIS_URL, prefix }), openRedisStore({ url: TEST_REDIS_URL, prefix })]);
    const raw = new Redis(TEST_REDIS_URL);
    const head = { account: 'telegram:1001' as const, role: 'head' as const, agencyId: 'so-y-te', grantedAt: 1 };
    try {
      // Grants written before the state token existed are read, then cached once a token is set.
      await raw.hset(redisKeys(prefix).grantsOfAccount(head.account), 'head|so-y-te', JSON.stringify(head));
      expect(await a.people.rolesOf(head.account)).toEqual([head]);
      expect(await raw.get(redisKeys(prefix).grantsState())).not.toBeNull();
      await b.people.grant(head);
      for (const read of [() => a.people.rolesOf(head.account), () => a.people.membersOf('so-y-te'), () => a.people.holdersOf('head')]) {
        expect(await read()).toEqual([head]);
        expect(await read()).toEqual([head]); // from memory now
      }
      // A copy each time: a caller that sorts or empties its list changes nobody else's.
      (await a.people.holdersOf('head')).length = 0;
      expect(await a.people.holdersOf('head')).toEqual([head]);
      expect(await b.people.revoke(head.account, 'head', 'so-y-te')).toBe(true);
      expect(await a.people.rolesOf(head.account)).toEqual([]);
      expect(await a.people.membersOf('so-y-te')).toEqual([]);
      expect(await a.people.holdersOf('head')).toEqual([]);
      // Redis put back to a snapshot from before the revocation: its token comes back with the grant.
      const state = await raw.get(redisKeys(prefix).grantsState());
      await b.people.grant({ ...head, agencyId: 'xa-hong' });
      expect(await a.people.rolesOf(head.account)).toHaveLength(1);
      await raw.hdel(redisKeys(prefix).grantsOfAccount(head.account), 'head|xa-hong');
      await raw.set(redisKeys(prefix).grantsState(), state ?? '');
      expect(await a.people.rolesOf(head.account)).toEqual([]);
    } finally {
      await raw.quit();
      await Promise.all([a.close(), b.close()]);
      await deleteKeysUnder(prefix);
    }
  });

  it('numbers revisions without gaps when several connections report at once', async () => {
    const prefix = uniqueRedisPrefix();
    const stores = await Promise.all([1, 2, 3].map(() => openRedisStore({ url: TEST_REDIS_URL, prefix })));
    try {
      const sent = stores.flatMap((store, s) => Array.from({ length: 15 }, (_, i) => store.reports.add(report('so-y-te', s * 100 + i))));
      const revisions = (await Promise.all(sent)).map((r) => r.revision).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
      const history = await stores[0]!.reports.history('2025-h1', 'so-y-te');
      expect(history.map((r) => r.revision)).toEqual(revisions);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await deleteKeysUnder(prefix);
    }
  });

  it('lets exactly one of many connections redeem one invite', async () => {
    const prefix = uniqueRedisPrefix();
    const stores = await Promise.all([1, 2, 3].map(() => openRedisStore({ url: TEST_REDIS_URL, prefix })));
    try {
      const sent = invite('contended-code-0000001');
      await stores[0]!.invites.create(sent);
      const attempts = stores.flatMap((store, s) =>
        Array.from({ length: 10 }, (_, i) => store.invites.redeem(sent.id, `zalo:s${s}-${i}` as AccountId, sent.createdAt + i)),
      );
      const results = await Promise.all(attempts);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(new Set(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason))).toEqual(new Set(['used']));
      expect(await stores[1]!.invites.listOpen()).toEqual([]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await deleteKeysUnder(prefix);
    }
  });

  it('keeps an invite for its lifetime plus 30 days from creation, used or not, and hit windows for their length', async () => {
    const prefix = uniqueRedisPrefix();
    const store = await openRedisStore({ url: TEST_REDIS_URL, prefix });
    const keys = redisKeys(prefix);
    const raw = new Redis(TEST_REDIS_URL);
    try {
      // Times from a virtual clock long past: the TTL is counted from storing, not from expiresAt.
      const sent = invite('ttl-code-0000000000001', { createdAt: 1_000, expiresAt: 1_000 + INVITE_TTL_MS });
      await store.invites.create(sent);
      const keep = INVITE_TTL_MS + INVITE_RETENTION_MS;
      const ttlAtCreate = await raw.pttl(keys.invite(sent.id));
      expect(ttlAtCreate).toBeGreaterThan(keep - 5_000);
      expect(ttlAtCreate).toBeLessThanOrEqual(keep);
      expect((await store.invites.redeem(sent.id, 'zalo:1', 2_000)).ok).toBe(true);
      const ttlAfterRedeem = await raw.pttl(keys.invite(sent.id));
      expect(ttlAfterRedeem).toBeGreaterThan(keep - 5_000);
      expect(ttlAfterRedeem).toBeLessThanOrEqual(ttlAtCreate);

      await store.hitCounters.hit('k', 60_000);
      await store.hitCounters.hit('k', 60_000);
      const hitTtl = await raw.pttl(keys.hits('k'));
      expect(hitTtl).toBeGreaterThan(55_000);
      expect(hitTtl).toBeLessThanOrEqual(60_000);
    } finally {
      await raw.quit();
      await store.close();
      await deleteKeysUnder(prefix);
    }
  });

  it('drops from the open list the invites Redis has forgotten', async () => {
    const prefix = uniqueRedisPrefix();
    const store = await openRedisStore({ url: TEST_REDIS_URL, prefix });
    const keys = redisKeys(prefix);
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const kept = invite('kept-code-000000000001');
      const forgotten = invite('forgotten-code-0000001', { createdAt: kept.createdAt + 1 });
      await store.invites.create(kept);
      await store.invites.create(forgotten);
      expect(await raw.zcard(keys.openInvites())).toBe(2);
      await raw.del(keys.invite(forgotten.id)); // as its TTL would
      expect(await store.invites.listOpen()).toEqual([kept]);
      expect(await raw.zrange(keys.openInvites(), 0, '-1')).toEqual([kept.id]);
      expect(await store.invites.redeem(forgotten.id, 'zalo:1', kept.createdAt)).toEqual({ ok: false, reason: 'unknown' });
      // Once forgotten, the id may be used again.
      await store.invites.create(forgotten);
      expect((await store.invites.listOpen()).map((i) => i.id)).toEqual([forgotten.id, kept.id]);
    } finally {
      await raw.quit();
      await store.close();
      await deleteKeysUnder(prefix);
    }
  });

  it('refuses to redeem or revoke a corrupt invite, skips corrupt new records, and says so in the log', async () => {
    const prefix = uniqueRedisPrefix();
    const logger = { warn: vi.fn() };
    const store = await openRedisStore({ url: TEST_REDIS_URL, prefix, logger });
    const keys = redisKeys(prefix);
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const good = invite('good-code-000000000001');
      await store.invites.create(good);
      const torn = invite('torn-code-000000000001');
      await raw.set(keys.invite(torn.id), '{"id":"torn", "expiresAt":');
      await raw.zadd(keys.openInvites(), 1, torn.id);
      const noExpiry = invite('noexpiry-code-00000001');
      await raw.set(keys.invite(noExpiry.id), JSON.stringify({ ...noExpiry, expiresAt: 'mai' }));
      await raw.hset(keys.contacts(), 'telegram:9', 'nope');
      await raw.lpush(keys.audit(), '{"at":');
      await raw.hset(keys.chatBindings(), 'zalo:x', '{}');
      await raw.hset(keys.delegations(), 'so-x', '[]');

      expect(await store.invites.get(torn.id)).toBeUndefined();
      expect(await store.invites.redeem(torn.id, 'zalo:1', 1)).toEqual({ ok: false, reason: 'unknown' });
      expect(await store.invites.revoke(torn.id, 'zalo:1', 1)).toBe(false);
      expect(await store.invites.redeem(noExpiry.id, 'zalo:1', 1)).toEqual({ ok: false, reason: 'unknown' });
      expect(await raw.get(keys.invite(noExpiry.id))).toContain('"mai"');
      expect(await store.invites.listOpen()).toEqual([good]);
      expect(await store.contacts.getMany(['telegram:9'])).toEqual(new Map());
      expect(await store.audit.list(10)).toEqual([]);
      expect(await store.chats.list()).toEqual([]);
      expect(await store.delegations.get('so-x')).toBeUndefined();
      expect(logger.warn.mock.calls.length).toBeGreaterThanOrEqual(8);
    } finally {
      await raw.quit();
      await store.close();
      await deleteKeysUnder(prefix);
    }
  });

  it('skips a corrupt value instead of failing, and says so in the log', async () => {
    const prefix = uniqueRedisPrefix();
    const logger = { warn: vi.fn() };
    const store = await openRedisStore({ url: TEST_REDIS_URL, prefix, logger });
    const keys = redisKeys(prefix);
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const good = await store.reports.add(report('so-y-te'));
      await store.agencies.sync([{ id: 'so-y-te', name: 'Sở Y tế', kind: 'so' }]);
      await raw.hset(keys.latestSubmissions('2025-h1'), 'xa-hong', '{"periodId":"2025-h1", torn');
      await raw.rpush(keys.submissionRevisions('2025-h1', 'so-y-te'), 'not json');
      await raw.hset(keys.agencies(), 'so-hong', '[1,2,3]');
      await raw.set(keys.conversation('zalo:9'), '{oops');
      await raw.hset(keys.grantsOfAccount('telegram:1001'), 'head|x', '"just a string"');

      expect(await store.reports.latestOfPeriod('2025-h1')).toEqual(new Map([['so-y-te', good]]));
      expect(await store.reports.latest('2025-h1', 'xa-hong')).toBeUndefined();
      expect(await store.reports.history('2025-h1', 'so-y-te')).toEqual([good]);
      expect((await store.agencies.list()).map((a) => a.id)).toEqual(['so-y-te']);
      expect(await store.conversations.get('zalo:9')).toBeUndefined();
      expect(await store.people.rolesOf('telegram:1001')).toEqual([]);
      // A plan sync repairs a corrupt agency by writing it afresh.
      expect(await store.agencies.sync([{ id: 'so-hong', name: 'Sở Hồng', kind: 'so' }])).toEqual({
        added: ['so-hong'],
        updated: [],
        archived: ['so-y-te'],
      });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.objectContaining({ key: expect.stringContaining(prefix) as unknown }),
        expect.any(String),
      );
      expect(logger.warn.mock.calls.length).toBeGreaterThanOrEqual(6);
    } finally {
      await raw.quit();
      await store.close();
      await deleteKeysUnder(prefix);
    }
  });

  it('is what createStore opens when a Redis URL is configured', async () => {
    const prefix = uniqueRedisPrefix();
    const store = await createStore({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, dataDir: '/nonexistent', clock: systemClock });
    try {
      expect(store.kind).toBe('redis');
      await store.settings.set('k', 'v');
      expect(await keysUnder(prefix)).toEqual([`${prefix}meta`]);
    } finally {
      await store.close();
      await deleteKeysUnder(prefix);
    }
  });

  it('fails to open with a readable error, without the password, when Redis cannot be reached', async () => {
    const opening = openRedisStore({ url: 'redis://:s3cret@127.0.0.1:1', prefix: uniqueRedisPrefix(), connectTimeoutMs: 1_000 });
    await expect(opening).rejects.toThrow(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });

  it('a wrong password is refused with the server\'s own reason (WRONGPASS), not "Connection is closed"', async () => {
    const url = new URL(TEST_REDIS_URL);
    url.username = 'dondoc-no-such-user';
    url.password = 'wr0ng-pass';
    const opening = openRedisStore({ url: url.toString(), prefix: uniqueRedisPrefix(), connectTimeoutMs: 1_000 });
    await expect(opening).rejects.toThrow(/refused our login: WRONGPASS/);
    await expect(opening).rejects.toThrow(/check the user name and password in REDIS_URL/);
    await expect(opening).rejects.not.toThrow(/wr0ng-pass/);
  });
});
