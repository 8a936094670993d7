import { createConfig, isPlaygroundOnly, type Config } from './config/config.js';
import { loadDotEnv } from './config/load-env.js';
import { createShiftedClock, createVirtualClock, systemClock } from './domain/clock.js';
import { createLogger } from './logging/logger.js';
import { loadPlanApart } from './plan/load-plan-apart.js';
import { createStore } from './store/create-store.js';
import { redisSecrets } from './store/redis/redis-url.js';
import { parseCommandLine, planPath } from './app/startup-options.js';
import { calendarOf } from './app/plan-calendar.js';
import { createShutdown, stopSteps, type RunningParts } from './app/shutdown.js';
import { servePlatforms, servePlayground } from './app/serve.js';
import { createMetrics, instrumentStore } from './observability/metrics.js';
import { createPeriodCatalog } from '../handlers/period-catalog.js';
import { isExplainedStartupFailure } from './errors.js';
import { applyMemoryPolicy } from './app/memory-policy.js';

/** Set once the bot serves the platforms (not the playground): it then exits as soon as it has stopped. */
let serving = false;

/** Composition root: config → logger → plan → store → services → serve (src/app/serve.ts). Nothing runs on import. */
async function main(): Promise<number> {
  loadDotEnv();
  const cli = parseCommandLine(process.argv.slice(2));
  if ('error' in cli) return fail(cli.error);
  const config = createConfig(process.env);
  applyMemoryPolicy(config.heapGrowingPercent);
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
    const synced = await store.agencies.sync(plan.agencies);
    logger.info({ store: store.kind, agencies: plan.agencies.length, ...synced }, 'plan loaded');
    const base = { plan, periods: createPeriodCatalog(plan, store), calendar: calendarOf(plan), store, clock, logger };
    const wiring = { config, base, store, clock, logger, metrics, parts };
    if (virtualClock) return await servePlayground(wiring, virtualClock);
    return await servePlatforms(wiring, { onServing: () => (serving = true) });
  } finally {
    await createShutdown(logger, stopSteps(parts))();
  }
}

function secretsOf(config: Config): string[] {
  const platforms = [config.telegram, config.zalo].flatMap((p) =>
    p.mode === 'off' ? [] : p.mode === 'webhook' ? [p.token, p.webhookSecret] : [p.token],
  );
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
    // Setup mistakes (config, plan, a rejected token, no network, a data dir in use or damaged): one message.
    process.stderr.write(
      `${isExplainedStartupFailure(err) ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
