import type { Config } from '../config/config.js';
import type { Clock, VirtualClock } from '../domain/clock.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Store } from '../store/store.js';
import type { Services } from '../../handlers/services.js';
import { startHttpServer } from '../http/server.js';
import { healthRoute, metricsRoute } from '../observability/health.js';
import { apiCallObserver, instrumentRouter, instrumentScheduler } from '../observability/metrics.js';
import { createDeliver } from '../messaging/delivery.js';
import { createRouter } from '../../handlers/router.js';
import { createScheduler } from '../../scheduler/scheduler.js';
import { startCron } from '../../scheduler/cron.js';
import { withinMs } from '../within.js';
import { PLAYGROUND_ADMIN } from '../platforms/playground/identities.js';
import { startPlayground } from './run-playground.js';
import { connectTelegramTransport, withGlobalRate } from './start-telegram.js';
import { connectZaloTransport } from './start-zalo.js';
import { bothTransports } from './transport.js';
import { untilStopSignal, type RunningParts } from './shutdown.js';
import { newInstanceId } from './instance.js';
import { dashboardService, mountDashboard, startPlaygroundDashboard } from './dashboard.js';
import { startWatchdog } from './watchdog.js';

/** What both ways of running share: the services without a platform, and what they were built from. */
export interface Wiring {
  config: Config;
  base: Omit<Services, 'adminIds'>;
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Filled in as parts start, so the shutdown stops exactly what runs. */
  parts: RunningParts;
}

/** The playground: one person at a terminal on the virtual clock, with the dashboard on 127.0.0.1. */
export async function servePlayground({ config, base, logger }: Wiring, virtualClock: VirtualClock): Promise<number> {
  const where = config.store.kind === 'embedded' ? `kho nhúng tại ${config.store.dataDir}` : `Redis ${config.store.prefix}`;
  // Files the bot sends (exports, charts) are written beside the embedded store's data.
  const exportDir = config.store.kind === 'embedded' ? `${config.store.dataDir}/exports` : undefined;
  const web = await startPlaygroundDashboard({
    services: { ...base, adminIds: new Set<string>([...config.adminIds, PLAYGROUND_ADMIN]) },
    port: config.http.port,
    logger,
  });
  try {
    await startPlayground({ ...web.services, clock: virtualClock }, where, exportDir, [web.notice]);
  } finally {
    await web.http?.close(1_000);
  }
  return 0;
}

/**
 * Telegram, Zalo or both: one router, one Deliver over every messenger, one scheduler, one HTTP
 * server; returns the exit code once a stop signal (0) or the store watchdog (1) ends it.
 */
export async function servePlatforms(
  { config, base, store, clock, logger, metrics, parts }: Wiring,
  options: { onServing(): void },
): Promise<number> {
  const instanceId = newInstanceId();
  options.onServing();
  if (config.clockStart !== undefined)
    logger.warn(
      { clockStart: new Date(config.clockStart).toISOString() },
      'CLOCK_START is set: the bot runs on a shifted clock (rehearsal or test)',
    );
  // Telegram, Zalo or both: one router, one Deliver over every messenger, one HTTP server.
  const apiObserver = apiCallObserver(metrics);
  const telegram =
    config.telegram.mode === 'off'
      ? undefined
      : (parts.transports = await connectTelegramTransport({
          mode: config.telegram,
          store,
          clock,
          logger,
          instanceId,
          apiObserver,
          intake: config.limits.intake,
          ...(config.telegramSendRate ? { pacing: withGlobalRate(config.telegramSendRate) } : {}),
        }));
  const zalo =
    config.zalo.mode === 'off'
      ? undefined
      : await connectZaloTransport({
          mode: config.zalo,
          store,
          clock,
          logger,
          instanceId,
          filesDir: config.filesDir,
          apiObserver,
          intake: config.limits.intake,
        });
  parts.transports = bothTransports([telegram, zalo]);
  const services = {
    ...base,
    adminIds: config.adminIds,
    limits: config.limits,
    ...(telegram ? { botUsername: telegram.me.username } : {}),
    ...(config.publicUrl ? { dashboard: dashboardService({ store }, config.publicUrl) } : {}),
  };
  const router = instrumentRouter(createRouter(services), metrics);
  const deliver = createDeliver([...(telegram ? [telegram.messenger] : []), ...(zalo ? [zalo.messenger] : [])]);
  const scheduler = instrumentScheduler(
    createScheduler({ services, deliver, instanceId, ...(config.deliveryLeaseMs ? { leaseMs: config.deliveryLeaseMs } : {}) }),
    metrics,
  );
  parts.cron = startCron(scheduler, logger, config.schedulerCron, {
    onTickSkipped: () => metrics.schedulerTicks.inc({ outcome: 'skipped' }),
  });
  const http = (parts.http = await startHttpServer({ ...config.http, logger }));
  http.mount(healthRoute({ store, instanceId, logger, platforms: { ...(telegram ? { telegram } : {}), ...(zalo ? { zalo } : {}) } }));
  http.mount(metricsRoute(metrics));
  mountDashboard(http, services);
  if (telegram) metrics.watchUpdates('telegram', () => telegram.stats());
  if (zalo) metrics.watchUpdates('zalo', () => zalo.stats());
  metrics.watchConversations(() => store.conversations.count('report'));
  // Intake last: updates flow once all they need runs.
  await telegram?.start({ router, deliver, http });
  await zalo?.start({ router, deliver, http });
  logger.info(
    {
      instance: instanceId,
      port: http.port,
      ...(telegram ? { bot: telegram.me.username, mode: config.telegram.mode } : {}),
      ...(zalo ? { zaloBot: zalo.me.account_name, zaloMode: config.zalo.mode } : {}),
    },
    'running',
  );
  const watchdog = startWatchdog({
    check: async () => {
      await withinMs(store.ping(), 5_000);
      return true;
    },
    unhealthyForMs: config.limits.unhealthyExitMinutes * 60_000,
    everyMs: 15_000,
    logger,
  });
  const stoppedBy = await Promise.race([untilStopSignal(logger), watchdog.gaveUp.then(() => 'watchdog' as const)]);
  watchdog.stop();
  return stoppedBy === 'watchdog' ? 1 : 0;
}
