import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../src/store/redis/open-redis-store.js';
import { startRedisCluster, startRedisSentinel, type SentinelTopology, type Topology } from '../helpers/redis-topology.js';
import { uniqueRedisPrefix } from '../helpers/redis.js';
import { storeContract } from './contract.js';

/*
 * The same store contract every implementation passes, run against a real three-node Redis Cluster
 * and through a real Sentinel: every script and transaction touches keys of one hash slot, or the
 * Cluster would answer CROSSSLOT.
 */
describe('on a Redis Cluster', () => {
  let cluster: Topology;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  storeContract('redis', async () => {
    const store = await openRedisStore({ url: cluster.url, prefix: uniqueRedisPrefix() });
    // The cluster is thrown away afterwards; closing the connection is all the cleaning needed.
    return { store, cleanup: () => store.close() };
  });

  it('shares the Telegram send rate through the Cluster (the gate script touches one key)', async () => {
    const { createRedisClient } = await import('../../src/store/redis/connection.js');
    const { parseRedisUrl } = await import('../../src/store/redis/redis-url.js');
    const { createRedisRateGate } = await import('../../src/store/redis/send-rate.js');
    const clients = [0, 1].map(() => createRedisClient(parseRedisUrl(cluster.url), { connectTimeoutMs: 2_000, maxRetriesPerRequest: 3 }));
    try {
      const key = `${uniqueRedisPrefix()}tg-rate:7000000001`;
      const waits: number[] = [];
      // 5 a second, the waits only noted: reserving 20 slots takes far less than their 4 s even on a
      // loaded machine (at 1,000/s a loaded CI machine's own slowness spaced the sends for it).
      const gates = clients.map((redis) => createRedisRateGate({ redis, key, perSecond: 5, sleep: async (ms) => void waits.push(ms) }));
      for (let i = 0; i < 10; i++) await Promise.all(gates.map((g) => g.acquire()));
      // 20 sends at 5/s from two clients: all but the first had to wait for their slot.
      expect(waits.length).toBeGreaterThan(10);
      expect(await clients[0]?.exists(key)).toBe(1);
    } finally {
      clients.forEach((c) => c.disconnect());
    }
  });

  it('spreads the keys over the nodes, and a period keeps all its keys on one', async () => {
    const store = await openRedisStore({ url: cluster.url, prefix: uniqueRedisPrefix() });
    try {
      for (const period of ['2025-h1', '2025-nam', 'dx-1']) {
        await store.reports.add({
          campaignId: 'ci-09',
          periodId: period,
          agencyId: 'so-y-te',
          answers: [{ itemNo: 1, status: 'done', percent: 100, note: '' }],
          submittedBy: { account: 'telegram:1', name: 'A', role: 'head' },
          submittedAt: 1,
          late: false,
        });
        expect((await store.reports.latestOfPeriod(period)).get('so-y-te')?.revision).toBe(1);
      }
      expect(await store.ping()).toBeGreaterThanOrEqual(0);
    } finally {
      await store.close();
    }
  });
});

describe('through Redis Sentinel', () => {
  let sentinel: SentinelTopology;
  beforeAll(async () => {
    sentinel = await startRedisSentinel();
  }, 60_000);
  afterAll(() => sentinel?.stop());

  it('finds the master by name and stores, numbers and reads a report', async () => {
    const store = await openRedisStore({ url: sentinel.url, prefix: uniqueRedisPrefix() });
    try {
      const saved = await store.reports.add({
        campaignId: 'ci-09',
        periodId: '2025-h1',
        agencyId: 'so-y-te',
        answers: [{ itemNo: 1, status: 'in-progress', percent: 40, note: 'Đang triển khai' }],
        submittedBy: { account: 'zalo:abc', name: 'B', role: 'head' },
        submittedAt: 2,
        late: false,
      });
      expect(saved.revision).toBe(1);
      expect((await store.reports.latest('2025-h1', 'so-y-te'))?.answers[0]?.note).toBe('Đang triển khai');
    } finally {
      await store.close();
    }
  });

  it('follows a failover: the next report goes to the new master, and the earlier one is there', async () => {
    const store = await openRedisStore({ url: sentinel.url, prefix: uniqueRedisPrefix() });
    const report = (agencyId: string) => ({
      campaignId: 'ci-09',
      periodId: '2025-nam',
      agencyId,
      answers: [{ itemNo: 1, status: 'done' as const, percent: 100, note: '' }],
      submittedBy: { account: 'telegram:9' as const, name: 'C', role: 'head' as const },
      submittedAt: 3,
      late: false,
    });
    try {
      await store.reports.add(report('so-y-te'));
      const before = await sentinel.masterPort();
      await sentinel.failover();
      expect(await sentinel.masterPort()).not.toBe(before);
      // The old master turned replica drops its clients (or answers READONLY); the store finds the new one.
      const saved = await store.reports.add(report('so-tu-phap'));
      expect(saved.revision).toBe(1);
      const latest = await store.reports.latestOfPeriod('2025-nam');
      expect([...latest.keys()].sort()).toEqual(['so-tu-phap', 'so-y-te']);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('names the Sentinel URL without its password when the master cannot be found', async () => {
    const wrong = sentinel.url.replace('redis-sentinel://', 'redis-sentinel://:hunter2@').replace(/\/dondoc$/, '/no-such-master');
    const opening = openRedisStore({ url: wrong, prefix: uniqueRedisPrefix(), connectTimeoutMs: 1_000 });
    await expect(opening).rejects.toThrow(/cannot reach Redis at redis-sentinel:\/\/:\*\*\*@127\.0\.0\.1:\d+\/no-such-master/);
  }, 20_000);
});
