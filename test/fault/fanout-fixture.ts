import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parseDocument } from 'yaml';
import { accountId } from '../../src/domain/roles.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { openRedisStore } from '../../src/store/redis/open-redis-store.js';
import { startApp, freePort, type RunningApp } from '../fake-telegram/app-process.js';
import { FAKE_TOKEN, type FakeBotApi } from '../fake-telegram/fake-bot-api.js';
import { keysUnder, TEST_REDIS_URL } from '../helpers/redis.js';

/**
 * A province of `count` agencies with one period whose T-3 reminder falls due at 08:00 on Friday
 * 13/06/2025 (deadline Wednesday 18/06), each agency with one registered head: a fan-out of `count`
 * reminders. Heads are Telegram users 10_000_001 …; the fake Bot API knows their chats.
 */
export interface FanOutProvince {
  planFile: string;
  /** The heads' private chat ids, one per agency. */
  chats: number[];
  cleanup(): Promise<void>;
}

/** CLOCK_START a few seconds before the reminders fall due. */
export const BEFORE_EIGHT = '2025-06-13T07:59:57';
/** CLOCK_START after a restart, the same morning (reminders of the day are still sent). */
export const AFTER_EIGHT = '2025-06-13T08:00:10';

export async function fanOutProvince(count: number, redisPrefix: string, fake?: FakeBotApi): Promise<FanOutProvince> {
  const doc = parseDocument(await readFile('examples/lai-chau-2025.yaml', 'utf8'));
  const agencies = [{ id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'so', group: 'Khối tổng hợp' }];
  for (let i = 1; i <= count; i++)
    agencies.push({ id: `xa-${String(i).padStart(5, '0')}`, name: `UBND xã Thử Nghiệm ${i}`, kind: 'xa', group: 'Khối các xã, phường' });
  doc.set('agencies', agencies);
  // Only the half-year period: its T-3 reminder is at 08:00 on 13/06/2025.
  doc.set('periods', [
    {
      id: '2025-6-thang',
      campaign: 'thi-dua-2025',
      preset: 'half-year-1',
      year: 2025,
      name: 'sơ kết 6 tháng đầu năm 2025',
      opens_on: '2025-06-01',
      deadline: '2025-06-18',
    },
  ]);
  doc.setIn(['reminders', 'channels'], { dm: true, group: false });
  const planFile = join(tmpdir(), `dondoc-fanout-${count}-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(planFile, doc.toString());

  const plan = await loadPlan(planFile);
  const store = await openRedisStore({ url: TEST_REDIS_URL, prefix: redisPrefix });
  const chats: number[] = [];
  try {
    await store.agencies.sync(plan.agencies);
    const grants: Promise<void>[] = [];
    for (let i = 1; i <= count; i++) {
      const chat = 10_000_000 + i;
      chats.push(chat);
      fake?.knowChat({ id: chat, type: 'private' });
      grants.push(
        store.people.grant({
          account: accountId('telegram', String(chat)),
          role: 'head',
          agencyId: `xa-${String(i).padStart(5, '0')}`,
          name: `Chủ tịch xã ${i}`,
          grantedAt: Date.parse('2025-06-01T08:00:00+07:00'),
          grantedBy: 'bootstrap',
        }),
      );
    }
    await Promise.all(grants);
  } finally {
    await store.close();
  }
  return { planFile, chats, cleanup: () => rm(planFile, { force: true }) };
}

/** Starts the built app against the fake API and Redis under `prefix`, its clock at `clockStart`. */
export async function startFanOutApp(options: {
  fake: FakeBotApi;
  prefix: string;
  planFile: string;
  clockStart: string;
  sendRate: number;
  leaseSeconds?: number;
  cron?: string;
  logLevel?: string;
}): Promise<RunningApp> {
  const app = await startApp({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: options.fake.apiRoot,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: options.prefix,
    PLAN_FILE: options.planFile,
    CLOCK_START: options.clockStart,
    SCHEDULER_CRON: options.cron ?? '* * * * * *',
    TELEGRAM_SEND_RATE: String(options.sendRate),
    DELIVERY_LEASE_SECONDS: String(options.leaseSeconds ?? 5),
    PORT: String(await freePort()),
    LOG_LEVEL: options.logLevel ?? 'info',
    // The bench may try the app under other V8 settings (e.g. BENCH_APP_NODE_OPTIONS=--max-semi-space-size=4).
    ...(process.env.BENCH_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS } : {}),
  });
  try {
    await app.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run');
  } catch (err) {
    await app.stop('SIGKILL'); // never leave a child behind (it would keep the caller alive)
    throw err;
  }
  return app;
}

/**
 * Deliveries in flight, read from Redis: a delivery lease (`lease:{…}:<reminder key>|dm:…`) still held
 * with no `done:` record for the same key — claimed, maybe sent, not recorded as sent.
 */
export async function deliveriesInFlight(prefix: string): Promise<string[]> {
  // A delivery's lease is `lease:{<its ledger entry's slot>}:<key>` (one hash slot with `done:<key>`).
  const leases = (await keysUnder(`${prefix}lease:`))
    .map((k) => k.slice(`${prefix}lease:`.length).replace(/^\{[^}]*\}:/, ''))
    .filter((k) => k.includes('|dm:'));
  if (leases.length === 0) return [];
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const done = await Promise.all(leases.map((k) => redis.exists(`${prefix}done:${k}`)));
    return leases.filter((_k, i) => done[i] === 0);
  } finally {
    await redis.quit();
  }
}

/** Deliveries recorded as sent in the ledger. */
export async function deliveriesDone(prefix: string): Promise<number> {
  return (await keysUnder(`${prefix}done:`)).filter((k) => k.includes('|dm:')).length;
}
