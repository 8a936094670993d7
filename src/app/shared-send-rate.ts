import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import { withFallback, type RateGate } from '../platforms/core/rate-gate.js';

/**
 * A bot's global send rate shared through Redis by every instance that sends as it (key per
 * platform and bot), falling back to the instance's own window while Redis is unreachable (logged
 * at most once a minute). Undefined where the store shares no rate (embedded: one process paces alone).
 */
export function sharedSendRate(
  store: Store,
  logger: Logger,
  keyName: string,
  perSecond: number,
): ((local: RateGate) => RateGate) | undefined {
  if (!store.sharedSendRates) return undefined;
  const shared = store.sharedSendRates.gate(keyName, perSecond);
  const platform = keyName.split(':')[0];
  let warnedAt = Number.NEGATIVE_INFINITY;
  const onError = (err: unknown) => {
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    logger.warn({ err }, `${platform}: the shared send rate is unreachable in Redis; pacing this instance alone`);
  };
  return (local) => withFallback(shared, local, onError);
}
