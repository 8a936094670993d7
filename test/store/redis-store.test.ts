import { describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { systemClock } from '../../src/domain/clock.js';
import type { NewSubmission } from '../../src/domain/submission.js';
import { createStore } from '../../src/store/create-store.js';
import { redisKeys } from '../../src/store/redis-keys.js';
import { openRedisStore } from '../../src/store/redis-store.js';
import { TEST_REDIS_URL, deleteKeysUnder, keysUnder, uniqueRedisPrefix } from '../helpers/redis.js';
import { storeContract } from './contract.js';

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
      await store.syncAgencies([{ id: 'so-y-te', name: 'Sở Y tế', kind: 'so' }]);
      await store.grantRole({ account: 'telegram:1001', role: 'head', agencyId: 'so-y-te', grantedAt: 1 });
      await store.addSubmission(report('so-y-te'));
      await store.putConversation('telegram:1001', { step: 1 }, 60_000);
      await store.claimLease('tick', 'me', 60_000);
      await store.markDone('reminder:1');
      await store.setMeta('k', 'v');
      const keys = await keysUnder(prefix);
      expect(keys.length).toBe(10);
      expect(keys.every((k) => k.startsWith(prefix))).toBe(true);
    } finally {
      await store.close();
    }
    expect(await deleteKeysUnder(prefix)).toBe(10);
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('puts keys that one script or transaction writes together into one cluster slot', () => {
    const keys = redisKeys('dondoc:');
    expect(hashTagOf(keys.submissionRevisions('2025-h1', 'so-y-te'))).toBe('2025-h1');
    expect(hashTagOf(keys.latestSubmissions('2025-h1'))).toBe('2025-h1');
    const roleKeys = [keys.grantsOfAccount('telegram:1'), keys.grantsOfAgency('so-y-te'), keys.grantsOfRole('head')];
    expect(roleKeys.map(hashTagOf)).toEqual(['roles', 'roles', 'roles']);
    expect(() => redisKeys('dondoc:{x}:')).toThrow(/braces/);
    expect(() => keys.latestSubmissions('')).toThrow(/empty/);
  });

  it('numbers revisions without gaps when several connections report at once', async () => {
    const prefix = uniqueRedisPrefix();
    const stores = await Promise.all([1, 2, 3].map(() => openRedisStore({ url: TEST_REDIS_URL, prefix })));
    try {
      const sent = stores.flatMap((store, s) => Array.from({ length: 15 }, (_, i) => store.addSubmission(report('so-y-te', s * 100 + i))));
      const revisions = (await Promise.all(sent)).map((r) => r.revision).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
      const history = await stores[0]!.submissionHistory('2025-h1', 'so-y-te');
      expect(history.map((r) => r.revision)).toEqual(revisions);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
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
      const good = await store.addSubmission(report('so-y-te'));
      await store.syncAgencies([{ id: 'so-y-te', name: 'Sở Y tế', kind: 'so' }]);
      await raw.hset(keys.latestSubmissions('2025-h1'), 'xa-hong', '{"periodId":"2025-h1", torn');
      await raw.rpush(keys.submissionRevisions('2025-h1', 'so-y-te'), 'not json');
      await raw.hset(keys.agencies(), 'so-hong', '[1,2,3]');
      await raw.set(keys.conversation('zalo:9'), '{oops');
      await raw.hset(keys.grantsOfAccount('telegram:1001'), 'head|x', '"just a string"');

      expect(await store.latestSubmissions('2025-h1')).toEqual(new Map([['so-y-te', good]]));
      expect(await store.latestSubmission('2025-h1', 'xa-hong')).toBeUndefined();
      expect(await store.submissionHistory('2025-h1', 'so-y-te')).toEqual([good]);
      expect((await store.listAgencies()).map((a) => a.id)).toEqual(['so-y-te']);
      expect(await store.getConversation('zalo:9')).toBeUndefined();
      expect(await store.rolesOf('telegram:1001')).toEqual([]);
      // A plan sync repairs a corrupt agency by writing it afresh.
      expect(await store.syncAgencies([{ id: 'so-hong', name: 'Sở Hồng', kind: 'so' }])).toEqual({
        added: ['so-hong'],
        updated: [],
        archived: ['so-y-te'],
      });
      expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ key: expect.stringContaining(prefix) }), expect.any(String));
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
      await store.setMeta('k', 'v');
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
});
