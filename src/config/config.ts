import { parseLocalDateTime } from '../domain/vietnam-time.js';
import { isAccountId, type AccountId } from '../domain/roles.js';
import cron from 'node-cron';
import { z } from 'zod';
import { redisUrlProblem } from '../store/redis/redis-url.js';
import { limitsFromEnv, type Limits } from './limits.js';
import { SetupError } from '../errors.js';

/** Raised when the environment cannot be turned into a configuration; lists every problem at once. */
export class ConfigError extends SetupError {
  constructor(readonly problems: readonly string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** How one platform connects: not at all, by long polling, or by webhook (secret required). */
export type PlatformMode =
  | { mode: 'off' }
  | { mode: 'polling'; token: string; apiRoot: string }
  | { mode: 'webhook'; token: string; apiRoot: string; webhookUrl: string; webhookSecret: string };

export interface Config {
  telegram: PlatformMode;
  zalo: PlatformMode;
  store: { kind: 'redis'; url: string; prefix: string } | { kind: 'embedded'; dataDir: string };
  /**
   * Where files sent as links (Zalo's exports and charts) are written while their links work:
   * FILES_DIR, else DATA_DIR/files. Never in the store: a database or Redis value is no place for
   * megabytes of XLSX. Several instances behind a load balancer must share it (one volume).
   */
  filesDir: string;
  planFile: string;
  adminIds: ReadonlySet<AccountId>;
  http: { port: number; host: string };
  /**
   * Where people reach the dashboard (its origin: scheme, host, port): PUBLIC_URL, else the origin
   * of a webhook URL. Absent (polling without PUBLIC_URL): the dashboard is not served.
   */
  publicUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Start time of the playground's virtual clock, when given. */
  playgroundNow?: number;
  /** Rehearsals and tests: the bot's clock starts at this instant and runs at normal speed. */
  clockStart?: number;
  /** When the reminder scheduler ticks (node-cron, Hà Nội time); every minute by default. */
  schedulerCron: string;
  /** Telegram messages per second for the bot as a whole, across instances (Telegram's ≈ 30 by default). */
  telegramSendRate?: number;
  /** How long a scheduler delivery lease lasts before another instance may take it over (ms). */
  deliveryLeaseMs?: number;
  /** V8's heap growth after a full collection, in percent (src/app/memory-policy.ts); 0 leaves it to V8. */
  heapGrowingPercent: number;
  /** Intake and quota limits (src/config/limits.ts), with the environment's overrides. */
  limits: Limits;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `expected an http(s) URL ${what}` });
const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// URL (the platforms only call HTTPS webhooks)' });

/** Telegram tokens look like `123456789:AA…` (BotFather); Zalo tokens like `<bot id>:<access token>`. */
const telegramToken = z.string().regex(/^\d{5,20}:[A-Za-z0-9_-]{30,}$/, 'expected a BotFather token like 123456789:AAH…');
const zaloToken = z.string().regex(/^[A-Za-z0-9]+:[A-Za-z0-9_-]{10,}$/, 'expected a Zalo Bot token like <bot id>:<access token>');
const telegramSecret = z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16–256 characters of A–Z a–z 0–9 _ -');
const zaloSecret = z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16–256 characters of A–Z a–z 0–9 _ -');

const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: optional(telegramToken),
  TELEGRAM_API_ROOT: z.preprocess(blankToUndefined, httpUrl('for the Bot API root').default('https://api.telegram.org')),
  TELEGRAM_WEBHOOK_URL: optional(httpsUrl),
  TELEGRAM_WEBHOOK_SECRET: optional(telegramSecret),
  ZALO_BOT_TOKEN: optional(zaloToken),
  ZALO_API_ROOT: z.preprocess(blankToUndefined, httpUrl('for the Zalo Bot API root').default('https://bot-api.zaloplatforms.com')),
  ZALO_WEBHOOK_URL: optional(httpsUrl),
  ZALO_WEBHOOK_SECRET: optional(zaloSecret),
  REDIS_URL: optional(
    z
      .string()
      .regex(
        /^(redis|rediss|redis-sentinel|redis-cluster):\/\/\S+$/,
        'expected redis://host:port[/db] (or rediss://, redis-sentinel://…/<master>, redis-cluster://host:port,…)',
      )
      .superRefine((url, ctx) => {
        const problem = redisUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  ),
  REDIS_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9:_{}.-]{1,64}$/, 'expected 1–64 characters of A–Z a–z 0–9 : _ - . { }')
      .default('dondoc:'),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  FILES_DIR: optional(z.string()),
  PLAN_FILE: optional(z.string()),
  ADMIN_IDS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .refine((ids) => ids.every(isAccountId), 'expected a comma-separated list like telegram:123456,zalo:abc123'),
  ),
  PORT: z.preprocess(blankToUndefined, z.coerce.number({ error: 'expected a port number 1–65535' }).int().min(1).max(65535).default(8080)),
  HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
  PUBLIC_URL: optional(httpUrl('where people reach the dashboard, e.g. https://bot.example.vn')),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  PLAYGROUND_NOW: optional(
    z.string().refine((v) => parseLocalDateTime(v) !== undefined, 'expected a date and time like 2025-06-10T08:00 (Vietnam time)'),
  ),
  CLOCK_START: optional(
    z.string().refine((v) => parseLocalDateTime(v) !== undefined, 'expected a date and time like 2025-06-13T07:59:30 (Vietnam time)'),
  ),
  TELEGRAM_SEND_RATE: optional(
    z.coerce.number({ error: 'expected messages per second, e.g. 30' }).positive('expected messages per second > 0').max(10_000),
  ),
  DELIVERY_LEASE_SECONDS: optional(z.coerce.number({ error: 'expected seconds, e.g. 120' }).int().min(1).max(3_600)),
  HEAP_GROWING_PERCENT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'expected a percentage, e.g. 60 (0: V8 decides)' }).int().min(0).max(1_000).default(60),
  ),
  SCHEDULER_CRON: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(
        (v) => cron.validate(v),
        'expected a cron expression like "* * * * *" (minute hour day month weekday, optional seconds first)',
      )
      .default('* * * * *'),
  ),
});

/** The default plan bundled with the project. */
export const DEFAULT_PLAN_FILE = 'examples/lai-chau-2025.yaml';

/**
 * Turns environment variables into a configuration, or throws one ConfigError naming every bad
 * variable and what it expects. Pure: the caller decides where `env` comes from.
 */
export function createConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '?');
      // Never echo the value: it may be a token.
      problems.push(`${name}: ${issue.message}`);
    }
  }
  if (parsed.success) {
    const e = parsed.data;
    const pairs = [
      ['TELEGRAM', e.TELEGRAM_BOT_TOKEN, e.TELEGRAM_WEBHOOK_URL, e.TELEGRAM_WEBHOOK_SECRET],
      ['ZALO', e.ZALO_BOT_TOKEN, e.ZALO_WEBHOOK_URL, e.ZALO_WEBHOOK_SECRET],
    ] as const;
    for (const [p, token, url, secret] of pairs) {
      if (url && !secret)
        problems.push(`${p}_WEBHOOK_SECRET: required when ${p}_WEBHOOK_URL is set (webhook calls without it are rejected)`);
      if (url && !token) problems.push(`${p}_BOT_TOKEN: required when ${p}_WEBHOOK_URL is set`);
    }
  }
  const { limits, problems: limitProblems } = limitsFromEnv(env);
  problems.push(...limitProblems);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const mode = (token: string | undefined, apiRoot: string, url: string | undefined, secret: string | undefined): PlatformMode => {
    if (!token) return { mode: 'off' };
    const root = apiRoot.replace(/\/+$/, '');
    if (url && secret) return { mode: 'webhook', token, apiRoot: root, webhookUrl: url, webhookSecret: secret };
    return { mode: 'polling', token, apiRoot: root };
  };
  return {
    telegram: mode(e.TELEGRAM_BOT_TOKEN, e.TELEGRAM_API_ROOT, e.TELEGRAM_WEBHOOK_URL, e.TELEGRAM_WEBHOOK_SECRET),
    zalo: mode(e.ZALO_BOT_TOKEN, e.ZALO_API_ROOT, e.ZALO_WEBHOOK_URL, e.ZALO_WEBHOOK_SECRET),
    store: e.REDIS_URL ? { kind: 'redis', url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : { kind: 'embedded', dataDir: e.DATA_DIR },
    filesDir: e.FILES_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/files`,
    planFile: e.PLAN_FILE ?? DEFAULT_PLAN_FILE,
    adminIds: new Set(e.ADMIN_IDS as AccountId[]),
    http: { port: e.PORT, host: e.HOST },
    ...publicUrlOf(e.PUBLIC_URL ?? e.TELEGRAM_WEBHOOK_URL ?? e.ZALO_WEBHOOK_URL),
    logLevel: e.LOG_LEVEL,
    ...(e.PLAYGROUND_NOW ? { playgroundNow: parseLocalDateTime(e.PLAYGROUND_NOW) } : {}),
    ...(e.CLOCK_START ? { clockStart: parseLocalDateTime(e.CLOCK_START) } : {}),
    schedulerCron: e.SCHEDULER_CRON,
    ...(e.TELEGRAM_SEND_RATE !== undefined ? { telegramSendRate: e.TELEGRAM_SEND_RATE } : {}),
    ...(e.DELIVERY_LEASE_SECONDS !== undefined ? { deliveryLeaseMs: e.DELIVERY_LEASE_SECONDS * 1000 } : {}),
    heapGrowingPercent: e.HEAP_GROWING_PERCENT,
    limits,
  };
}

/** The dashboard's origin from PUBLIC_URL or a webhook URL (its path is dropped: the dashboard lives at /dashboard). */
function publicUrlOf(url: string | undefined): { publicUrl?: string } {
  return url ? { publicUrl: new URL(url).origin } : {};
}

/** Whether no platform is configured, so `npm start` should open the local playground. */
export function isPlaygroundOnly(config: Config): boolean {
  return config.telegram.mode === 'off' && config.zalo.mode === 'off';
}
