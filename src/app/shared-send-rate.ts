import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import { createRedisRateGate, withFallback, type RateGate } from '../platforms/core/rate-gate.js';

/**
 * A bot's global send rate shared through Redis by every instance that sends as it (key per
 * platform and bot), falling back to the instance's own window while Redis is unreachable (logged
 * at most once a minute). Undefined with the embedded store: one process paces alone.
 */
export async function sharedSendRate(
  store: Store,
  logger: Logger,
  keyName: string,
  perSecond: number,
): Promise<((local: RateGate) => RateGate) | undefined> {
  if (store.kind !== 'redis') return undefined;
  const { redisConnectionOf } = await import('../store/redis-store.js');
  const connection = redisConnectionOf(store);
  if (!connection) return undefined;
  const shared = createRedisRateGate({ redis: connection.redis, key: `${connection.prefix}${keyName}`, perSecond });
  const platform = keyName.split(':')[0];
  let warnedAt = Number.NEGATIVE_INFINITY;
  const onError = (err: unknown) => {
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    logger.warn({ err }, `${platform}: the shared send rate is unreachable in Redis; pacing this instance alone`);
  };
  return (local) => withFallback(shared, local, onError);
}
