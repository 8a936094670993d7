import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTarget } from './redis-url.js';

/**
 * Reconnect after 100 ms, 200 ms, … then every second (ioredis backs off to 2 s by default), so a
 * Redis that is back after a restart is used again within a second.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 1_000);
}

/** Options every shape of connection shares; ioredis reconnects by itself in all three. */
export interface RedisClientOptions {
  connectTimeoutMs: number;
  /** Per-command retries while reconnecting before the command fails (a chat reply must not hang). */
  maxRetriesPerRequest: number;
}

/**
 * Creates (but does not connect) the client for a target. Commands and scripts are the same on
 * all three, so the store never needs to know which it got.
 */
export function createRedisClient(target: RedisTarget, options: RedisClientOptions): Redis | Cluster {
  const common: RedisOptions = {
    lazyConnect: true,
    retryStrategy: reconnectDelay,
    // A master demoted by a failover answers writes with READONLY: reconnect (through the Sentinels
    // to the new master) and send the command again — it was refused, so it never ran.
    reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
    connectTimeout: options.connectTimeoutMs,
    maxRetriesPerRequest: options.maxRetriesPerRequest,
    // Commands issued in the same tick (many chats at once) share one round trip.
    enableAutoPipelining: true,
  };
  if (target.kind === 'single') return new Redis(target.url, common);
  const auth = {
    ...(target.auth.username ? { username: target.auth.username } : {}),
    ...(target.auth.password ? { password: target.auth.password } : {}),
  };
  const tls = target.tls ? { tls: {} } : {};
  if (target.kind === 'sentinel') {
    return new Redis({
      ...common,
      ...auth,
      ...tls,
      sentinels: target.sentinels,
      name: target.masterName,
      db: target.db,
      ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
      ...(target.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
    });
  }
  const clusterOptions: ClusterOptions = {
    lazyConnect: true,
    enableAutoPipelining: true,
    redisOptions: { ...auth, ...tls, connectTimeout: options.connectTimeoutMs, maxRetriesPerRequest: options.maxRetriesPerRequest },
    clusterRetryStrategy: reconnectDelay,
    // MOVED/ASK after a failover or resharding are followed; keep trying a little while slots move.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
  };
  return new Cluster(target.nodes, clusterOptions);
}
