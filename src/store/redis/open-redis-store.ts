// Connects to Redis and composes the store from one class per port.
import { performance } from 'node:perf_hooks';
import type { StoreLogger } from '../records.js';
import type { Store } from '../store.js';
import { withinMs } from '../../within.js';
import { RedisAdHocRequests } from './ad-hoc-requests.js';
import { RedisAgencies } from './agencies.js';
import { RedisAuditLog } from './audit-log.js';
import { RedisChatBindings } from './chats.js';
import { createRedisClient } from './connection.js';
import { RedisContacts } from './contacts.js';
import { RedisContext } from './context.js';
import { RedisConversations } from './conversations.js';
import { RedisDelegations } from './delegations.js';
import { RedisDeliveries } from './deliveries.js';
import { RedisFirstClaims } from './first-claims.js';
import { RedisHitCounters } from './hit-counters.js';
import { RedisInvites } from './invites.js';
import { redisKeys } from './keys.js';
import { RedisLeases } from './leases.js';
import { RedisPeople } from './people.js';
import { describeRedisUrl, parseRedisUrl } from './redis-url.js';
import { RedisReports } from './reports.js';
import { defineStoreScripts } from './scripts.js';
import { createRedisRateGate } from './send-rate.js';
import { RedisSettings } from './settings.js';

/** How to reach Redis and where under it the store's keys live. */
export interface RedisStoreOptions {
  /** e.g. `redis://:password@127.0.0.1:6379/0` */
  url: string;
  /** Prefix of every key, e.g. `dondoc:`. */
  prefix: string;
  logger?: StoreLogger;
  /** How long to wait for the first connection before giving up. */
  connectTimeoutMs?: number;
}

/** Connects to Redis and returns the store; rejects with the (password-free) URL when unreachable. */
export async function openRedisStore(options: RedisStoreOptions): Promise<Store> {
  const keys = redisKeys(options.prefix);
  const redis = createRedisClient(parseRedisUrl(options.url), {
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    // A command waits through 10 reconnection attempts (about 5.5 s with the connection's retry
    // strategy) before it fails: a Redis restart only delays replies; a longer outage fails the
    // command (the person is told to send again) instead of hanging a chat reply forever.
    maxRetriesPerRequest: 10,
  });
  // The server's own refusal (WRONGPASS, NOAUTH, NOPERM) arrives as an 'error' event; the failed
  // connect only says "Connection is closed". Kept, so that the start-up error names the real reason.
  let refusal: string | undefined;
  redis.on('error', (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (/\b(WRONGPASS|NOAUTH|NOPERM)\b|without any password configured/i.test(message)) refusal ??= message;
    options.logger?.warn({ err }, 'Redis connection error');
  });
  const scripts = defineStoreScripts(redis);
  try {
    // Sentinel and Cluster clients keep retrying on their own; at start-up a clear failure is better.
    await withinMs(
      (async () => {
        await redis.connect();
        // A Cluster "connects" before its slots are known; one round trip proves it can serve.
        await redis.ping();
      })(),
      2 * (options.connectTimeoutMs ?? 5_000),
    );
  } catch (err) {
    redis.disconnect();
    const reason = err instanceof Error ? err.message : String(err);
    if (refusal)
      throw new Error(
        `Redis at ${describeRedisUrl(options.url)} refused our login: ${refusal} (check the user name and password in REDIS_URL)`,
        { cause: err },
      );
    throw new Error(`cannot reach Redis at ${describeRedisUrl(options.url)}: ${reason}`, { cause: err });
  }
  const ctx = new RedisContext(redis, keys, scripts, options.logger);
  return {
    kind: 'redis',
    agencies: new RedisAgencies(ctx),
    people: new RedisPeople(ctx),
    reports: new RedisReports(ctx),
    invites: new RedisInvites(ctx),
    delegations: new RedisDelegations(ctx),
    chats: new RedisChatBindings(ctx),
    contacts: new RedisContacts(ctx),
    audit: new RedisAuditLog(ctx),
    adHocRequests: new RedisAdHocRequests(ctx),
    conversations: new RedisConversations(ctx),
    leases: new RedisLeases(ctx),
    firstClaims: new RedisFirstClaims(ctx),
    deliveries: new RedisDeliveries(ctx),
    hitCounters: new RedisHitCounters(ctx),
    settings: new RedisSettings(ctx),
    sharedSendRates: {
      gate: (name, perSecond) => createRedisRateGate({ redis, key: `${keys.prefix}${name}`, perSecond }),
    },
    async ping() {
      const started = performance.now();
      await redis.ping();
      return performance.now() - started;
    },
    close: () => ctx.close(),
  };
}
