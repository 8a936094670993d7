import { createConfig, isPlaygroundOnly, type Config } from './config/config.js';
import { loadDotEnv } from './config/load-env.js';
import { createShiftedClock, createVirtualClock, systemClock } from './domain/clock.js';
import { createLogger } from './logging/logger.js';
import { loadPlanApart } from './plan/load-plan-apart.js';
import { createStore } from './store/create-store.js';
import { redisSecrets } from './store/redis-url.js';
import { PLAYGROUND_ADMIN } from './platforms/playground/identities.js';
import { startPlayground } from './app/run-playground.js';
import { parseCommandLine, planPath } from './app/startup-options.js';
import { calendarOf } from './app/plan-calendar.js';
import { connectTelegramTransport, withGlobalRate } from './app/start-telegram.js';
import { connectZaloTransport } from './app/start-zalo.js';
import { bothTransports } from './app/transport.js';
import { createShutdown, stopSteps, untilStopSignal, type RunningParts } from './app/shutdown.js';
import { newInstanceId } from './app/instance.js';
import { startHttpServer } from './http/server.js';
import { dashboardService, mountDashboard, startPlaygroundDashboard } from './app/dashboard.js';
import { healthRoute, metricsRoute } from './observability/health.js';
import { apiCallObserver, createMetrics, instrumentRouter, instrumentScheduler, instrumentStore } from './observability/metrics.js';
import { createDeliver } from './messaging/delivery.js';
import { createPeriodCatalog } from '../handlers/period-catalog.js';
import { createRouter } from '../handlers/router.js';
import { createScheduler } from '../scheduler/scheduler.js';
import { startCron } from '../scheduler/cron.js';
import { startWatchdog } from './app/watchdog.js';
import { withinMs } from './within.js';
import { isExplainedStartupFailure } from './errors.js';

/** Set once the bot serves the platforms (not the playground): it then exits as soon as it has stopped. */
let serving = false;

/** Composition root: config → logger → plan → store → services → platforms → scheduler → http. Nothing runs on import. */
async function main(): Promise<number> {
  loadDotEnv();
  const cli = parseCommandLine(process.argv.slice(2));
  if ('error' in cli) return fail(cli.error);
  const config = createConfig(process.env);
  const playground = isPlaygroundOnly(config);
  const logger = createLogger({ level: playground && !process.env.LOG_LEVEL ? 'warn' : config.logLevel, secrets: secretsOf(config) });
  const plan = await loadPlanApart(planPath(config.planFile));
  const virtualClock = playground ? createVirtualClock(cli.now ?? config.playgroundNow ?? Date.now()) : undefined;
  const clock = virtualClock ?? (config.clockStart !== undefined ? createShiftedClock(config.clockStart) : systemClock);
  // Node's process metrics are sampled only for a real deployment, not the playground.
  const metrics = createMetrics({ defaultMetrics: !playground });
  const rawStore = await createStore({
    ...(config.store.kind === 'redis' ? { redisUrl: config.store.url, redisPrefix: config.store.prefix } : { redisPrefix: 'dondoc:' }),
    dataDir: config.store.kind === 'embedded' ? config.store.dataDir : './data',
    clock,
    logger,
  });
  // Every store call is timed and every stored report counted, for /metrics.
  const store = instrumentStore(rawStore, metrics);
  const parts: RunningParts = { store };
  try {
    const synced = await store.syncAgencies(plan.agencies);
    logger.info({ store: store.kind, agencies: plan.agencies.length, ...synced }, 'plan loaded');
    const base = { plan, periods: createPeriodCatalog(plan, store), calendar: calendarOf(plan), store, clock, logger };
    if (virtualClock) {
      const where = config.store.kind === 'embedded' ? `kho nhúng tại ${config.store.dataDir}` : `Redis ${config.store.prefix}`;
      // Files the bot sends (exports, charts) are written beside the embedded store's data.
      const exportDir = config.store.kind === 'embedded' ? `${config.store.dataDir}/exports` : undefined;
      const web = await startPlaygroundDashboard({ services: { ...base, adminIds: new Set<string>([...config.adminIds, PLAYGROUND_ADMIN]) }, port: config.http.port, logger });
      try {
        await startPlayground({ ...web.services, clock: virtualClock }, where, exportDir, [web.notice]);
      } finally {
        await web.http?.close(1_000);
      }
      return 0;
    }
    const instanceId = newInstanceId();
    serving = true;
    if (config.clockStart !== undefined) logger.warn({ clockStart: new Date(config.clockStart).toISOString() }, 'CLOCK_START is set: the bot runs on a shifted clock (rehearsal or test)');
    // Telegram, Zalo or both: one router, one Deliver over every messenger, one HTTP server.
    const apiObserver = apiCallObserver(metrics);
    const telegram = config.telegram.mode === 'off' ? undefined : (parts.transports = await connectTelegramTransport({ mode: config.telegram, store, clock, logger, instanceId, apiObserver, intake: config.limits.intake, ...(config.telegramSendRate ? { pacing: withGlobalRate(config.telegramSendRate) } : {}) }));
    const zalo = config.zalo.mode === 'off' ? undefined : await connectZaloTransport({ mode: config.zalo, store, clock, logger, instanceId, filesDir: config.filesDir, apiObserver, intake: config.limits.intake });
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
    const scheduler = instrumentScheduler(createScheduler({ services, deliver, instanceId, ...(config.deliveryLeaseMs ? { leaseMs: config.deliveryLeaseMs } : {}) }), metrics);
    parts.cron = startCron(scheduler, logger, config.schedulerCron, { onTickSkipped: () => metrics.schedulerTicks.inc({ outcome: 'skipped' }) });
    const http = (parts.http = await startHttpServer({ ...config.http, logger }));
    http.mount(healthRoute({ store, instanceId, logger, platforms: { ...(telegram ? { telegram } : {}), ...(zalo ? { zalo } : {}) } }));
    http.mount(metricsRoute(metrics));
    mountDashboard(http, services);
    if (telegram) metrics.watchUpdates('telegram', () => telegram.stats());
    if (zalo) metrics.watchUpdates('zalo', () => zalo.stats());
    metrics.watchConversations(() => store.countConversations('report'));
    // Intake last: updates flow once all they need runs.
    await telegram?.start({ router, deliver, http });
    await zalo?.start({ router, deliver, http });
    logger.info(
      { instance: instanceId, port: http.port, ...(telegram ? { bot: telegram.me.username, mode: config.telegram.mode } : {}), ...(zalo ? { zaloBot: zalo.me.account_name, zaloMode: config.zalo.mode } : {}) },
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
  } finally {
    await createShutdown(logger, stopSteps(parts))();
  }
}

function secretsOf(config: Config): string[] {
  const platforms = [config.telegram, config.zalo].flatMap((p) => (p.mode === 'off' ? [] : p.mode === 'webhook' ? [p.token, p.webhookSecret] : [p.token]));
  return [...platforms, ...(config.store.kind === 'redis' ? redisSecrets(config.store.url) : [])];
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything was stopped and "stopped" logged (synchronously): exit now rather than wait for
    // timers still armed somewhere (a pacer's, a retry's), so the stop fits its budget (#13). The
    // playground's output to a pipe is left to flush by itself.
    if (serving) process.exit(code);
  },
  (err: unknown) => {
    // Setup mistakes (config, plan, a token Telegram rejects, no network, a data dir in use or damaged)
    // read as one clear message.
    process.stderr.write(`${isExplainedStartupFailure(err) ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
