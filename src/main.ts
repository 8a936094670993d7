import { createConfig, isPlaygroundOnly, type Config } from './config/config.js';
import { loadDotEnv } from './config/load-env.js';
import { createVirtualClock, systemClock } from './domain/clock.js';
import { createLogger } from './logging/logger.js';
import { loadPlan } from './plan/load-plan.js';
import { createStore } from './store/create-store.js';
import { PLAYGROUND_ADMIN } from './platforms/playground/identities.js';
import { startPlayground } from './app/run-playground.js';
import { parseCommandLine, planPath } from './app/startup-options.js';
import { calendarOf } from './app/plan-calendar.js';
import { createPeriodCatalog } from '../handlers/period-catalog.js';

/** Composition root: config → logger → plan → store → services → platform. Nothing runs on import. */
async function main(): Promise<number> {
  loadDotEnv();
  const cli = parseCommandLine(process.argv.slice(2));
  if ('error' in cli) return fail(cli.error);
  const config = createConfig(process.env);
  const playground = isPlaygroundOnly(config);
  const logger = createLogger({ level: playground && !process.env.LOG_LEVEL ? 'warn' : config.logLevel, secrets: secretsOf(config) });
  const plan = await loadPlan(planPath(config.planFile));
  const virtualClock = playground ? createVirtualClock(cli.now ?? config.playgroundNow ?? Date.now()) : undefined;
  const clock = virtualClock ?? systemClock;
  const store = await createStore({
    ...(config.store.kind === 'redis' ? { redisUrl: config.store.url, redisPrefix: config.store.prefix } : { redisPrefix: 'dondoc:' }),
    dataDir: config.store.kind === 'embedded' ? config.store.dataDir : './data',
    clock,
    logger,
  });
  try {
    const synced = await store.syncAgencies(plan.agencies);
    logger.info({ store: store.kind, agencies: plan.agencies.length, ...synced }, 'plan loaded');
    if (!virtualClock) {
      // Telegram and Zalo transports are wired here by their own issues; until then say so plainly.
      return fail('TELEGRAM_BOT_TOKEN / ZALO_BOT_TOKEN are set, but this build has no Telegram or Zalo transport yet. Unset them to use the local playground.');
    }
    const adminIds = new Set<string>([...config.adminIds, PLAYGROUND_ADMIN]);
    const where = config.store.kind === 'embedded' ? `kho nhúng tại ${config.store.dataDir}` : `Redis ${config.store.prefix}`;
    await startPlayground({ plan, periods: createPeriodCatalog(plan, store), calendar: calendarOf(plan), store, clock: virtualClock, adminIds, logger }, where);
    return 0;
  } finally {
    await store.close();
  }
}

function secretsOf(config: Config): string[] {
  return [config.telegram, config.zalo].flatMap((p) => (p.mode === 'off' ? [] : p.mode === 'webhook' ? [p.token, p.webhookSecret] : [p.token]));
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // ConfigError and PlanError already read as one clear message; anything else gets its stack.
    const known = err instanceof Error && (err.name === 'ConfigError' || err.name === 'PlanError');
    process.stderr.write(`${known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
