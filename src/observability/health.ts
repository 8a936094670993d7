import type { Route } from '../http/server.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from './metrics.js';
import { TimeoutError, withinMs } from '../within.js';

/** How a platform takes updates right now, as /healthz reports it. */
export type TransportHealth =
  { mode: 'polling'; state: 'starting' | 'polling' | 'standby' | 'stopped' } | { mode: 'webhook'; state: 'set' | 'not-set' };

export interface HealthSources {
  store: { kind: string; ping(): Promise<number> };
  platforms: Partial<Record<'telegram' | 'zalo', { health(): TransportHealth }>>;
  instanceId: string;
  logger: Logger;
  /** How long the store may take to answer before it counts as down. */
  storeTimeoutMs?: number;
}

/** A platform is fine when it polls, stands by for the poll lock, or has its webhook set. */
function platformHealthy(h: TransportHealth): boolean {
  return h.mode === 'polling' ? h.state === 'polling' || h.state === 'standby' : h.state === 'set';
}

async function pingWithin(store: HealthSources['store'], ms: number): Promise<{ ok: true; ms: number } | { ok: false; error: string }> {
  try {
    const rtt = await withinMs(store.ping(), ms);
    return { ok: true, ms: Math.round(rtt * 100) / 100 };
  } catch (err) {
    // Say what is wrong (a full disk, a refused password), not just that something is: the first
    // line of the store's own message, which never holds a password (URLs are shown masked).
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? '').slice(0, 300) : '';
    return { ok: false, error: err instanceof TimeoutError ? err.message : reason ? `unreachable: ${reason}` : 'unreachable' };
  }
}

/**
 * `GET /healthz`: 200 when the store answers and every platform takes updates (polling, standing
 * by, or webhook set), else 503 — with the details as JSON either way. While the app shuts down it
 * answers 503 so a load balancer stops sending webhook calls here.
 */
export function healthRoute(sources: HealthSources): Route {
  const started = Date.now();
  let lastHealthy = true;
  return {
    method: 'GET',
    path: '/healthz',
    duringShutdown: 'refuse',
    async handle() {
      const store = await pingWithin(sources.store, sources.storeTimeoutMs ?? 2_000);
      const platforms = Object.fromEntries(Object.entries(sources.platforms).map(([name, t]) => [name, t.health()]));
      const healthy = store.ok && Object.values(platforms).every(platformHealthy);
      if (healthy !== lastHealthy) {
        lastHealthy = healthy;
        if (healthy) sources.logger.info({ store, platforms }, 'health: healthy again');
        else sources.logger.warn({ store, platforms }, 'health: unhealthy');
      }
      return {
        status: healthy ? 200 : 503,
        headers: { 'cache-control': 'no-store' },
        body: {
          status: healthy ? 'ok' : 'unavailable',
          instance: sources.instanceId,
          uptimeSeconds: Math.round((Date.now() - started) / 1000),
          store: { kind: sources.store.kind, ...store },
          ...platforms,
        },
      };
    },
  };
}

/** `GET /metrics`: Prometheus text exposition of the bot's registry. */
export function metricsRoute(metrics: Metrics): Route {
  return {
    method: 'GET',
    path: '/metrics',
    async handle() {
      return {
        status: 200,
        headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' },
        body: await metrics.registry.metrics(),
      };
    },
  };
}
