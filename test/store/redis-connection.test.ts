import { describe, expect, it } from 'vitest';
import { describeRedisUrl, parseRedisUrl, redisSecrets, RedisUrlError } from '../../src/store/redis/redis-url.js';

describe('REDIS_URL: one server, a Sentinel set or a Cluster', () => {
  it('passes a plain redis:// or rediss:// URL to ioredis as it is', () => {
    expect(parseRedisUrl('redis://:pw@10.0.0.5:6380/2')).toEqual({ kind: 'single', url: 'redis://:pw@10.0.0.5:6380/2' });
    expect(parseRedisUrl('rediss://redis.lai-chau.gov.vn:6380').kind).toBe('single');
  });

  it('reads the Sentinels, the master name, the database and both passwords', () => {
    expect(parseRedisUrl('redis-sentinel://:p%40ss@s1:26379,s2,[::1]:26380/dondoc-master/3?sentinelPassword=sp&tls=1')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      masterName: 'dondoc-master',
      db: 3,
      auth: { password: 'p@ss' },
      sentinelPassword: 'sp',
      tls: true,
    });
    expect(parseRedisUrl('redis-sentinel://s1:26379/mymaster')).toMatchObject({ masterName: 'mymaster', db: 0, auth: {}, tls: false });
  });

  it('reads the Cluster seed nodes and an ACL user', () => {
    expect(parseRedisUrl('redis-cluster://bot:secret@n1:7000,n2:7001,n3')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
        { host: 'n3', port: 6379 },
      ],
      auth: { username: 'bot', password: 'secret' },
      tls: false,
    });
  });

  it('refuses what cannot work, without echoing the password', () => {
    const wrong = [
      'redis-cluster://n1:7000/0',
      'redis-sentinel://s1:26379',
      'redis-sentinel://s1/m/x',
      'redis-cluster://n1:99999',
      'redis-sentinel://:hunter2@/m',
    ];
    for (const url of wrong) {
      let error: unknown;
      try {
        parseRedisUrl(url);
      } catch (err) {
        error = err;
      }
      expect(error, url).toBeInstanceOf(RedisUrlError);
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('masks passwords when a URL is shown in a log or an error', () => {
    expect(describeRedisUrl('redis://:hunter2@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
    expect(describeRedisUrl('redis-cluster://bot:hunter2@n1:7000,n2:7001')).toBe('redis-cluster://bot:***@n1:7000,n2:7001');
    expect(describeRedisUrl('redis-sentinel://s1/m?sentinelPassword=hunter2')).toBe('redis-sentinel://s1/m?sentinelPassword=***');
    expect(describeRedisUrl('redis://127.0.0.1:6379/0')).toBe('redis://127.0.0.1:6379/0');
  });
});

describe('Redis passwords are secrets the logger masks', () => {
  it("finds the password of each form (and the Sentinels' own)", () => {
    expect(redisSecrets('redis://:s3cr%2Ft-pass@h:6379/0')).toEqual(['s3cr/t-pass']);
    expect(redisSecrets('redis-sentinel://u:data-pass@s1/m?sentinelPassword=sent-pass')).toEqual(['data-pass', 'sent-pass']);
    expect(redisSecrets('redis-cluster://n1:7000')).toEqual([]);
    expect(redisSecrets('not a url')).toEqual([]);
  });
});
