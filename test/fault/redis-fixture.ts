import { resolve } from 'node:path';
import { loadPlan } from '../../src/plan/load-plan.js';
import { openRedisStore } from '../../src/store/redis/open-redis-store.js';
import type { FakeBotApi, FakeUser, SentMessage } from '../fake-telegram/fake-bot-api.js';
import { FAKE_TOKEN } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { keysUnder } from '../helpers/redis.js';

/**
 * Shared by the fault tests of issue 9 (Redis restart, two instances, SIGTERM): the bundled plan,
 * whose half-year period (deadline Wed 18/06/2025) has its T-3 working days reminder at 08:00 on
 * Fri 13/06/2025; heads registered straight in the store; the built app started on a shifted clock.
 */
export const PERIOD_ID = '2025-6-thang';
/** Ten seconds before the 08:00 reminders of Fri 13/06/2025 (Vietnam time). */
export const BEFORE_EIGHT = '2025-06-13T07:59:50';

export interface Head {
  user: FakeUser;
  agencyId: string;
  agencyName: string;
}

/** Registers the heads of the first `count` reporting agencies of the bundled plan (Telegram ids 7_000_100 + i). */
export async function seedHeads(url: string, prefix: string, count: number): Promise<Head[]> {
  const plan = await loadPlan(resolve('examples/lai-chau-2025.yaml'));
  // Sở Nội vụ coordinates and does not report: it gets no reminder.
  const reporting = plan.agencies.filter((a) => a.id !== plan.coordinatorAgencyId);
  if (count > reporting.length) throw new Error(`the plan has ${reporting.length} reporting agencies, not ${count}`);
  const store = await openRedisStore({ url, prefix });
  try {
    const heads: Head[] = [];
    for (const [i, agency] of reporting.slice(0, count).entries()) {
      const user: FakeUser = { id: 7_000_100 + i, first_name: 'Thủ trưởng', last_name: `số ${i + 1}`, language_code: 'vi' };
      await store.people.grant({
        account: `telegram:${user.id}`,
        role: 'head',
        agencyId: agency.id,
        name: `Thủ trưởng số ${i + 1}`,
        grantedAt: Date.now(),
        grantedBy: 'bootstrap',
      });
      heads.push({ user, agencyId: agency.id, agencyName: agency.name });
    }
    return heads;
  } finally {
    await store.close();
  }
}

/** The T-3 reminder a head gets in private. */
export const REMINDER_END = 'Gửi báo cáo bằng lệnh /baocao (trong tin nhắn riêng với bot hoặc trong nhóm của cơ quan).';
// A reminder may carry a line after this one (an unfinished draft), so: contains, not ends with.
export const isReminder = (m: SentMessage) => m.text.includes(REMINDER_END);

/** The built app on the fake Bot API and the given Redis, its clock at `clockStart`, ticking every `cron`. */
export async function startBot(
  fake: FakeBotApi,
  redisUrl: string,
  prefix: string,
  extra: Record<string, string> = {},
): Promise<RunningApp> {
  return startApp({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    PORT: String(await freePort()),
    CLOCK_START: BEFORE_EIGHT,
    SCHEDULER_CRON: '*/2 * * * * *',
    ...extra,
  });
}

export const POLLING = 'telegram: long polling (this instance holds the poll lock)';
export const STANDING_BY = 'telegram: another instance holds the poll lock; standing by';

/** Log lines or stderr text that must never appear: a crash, an unhandled rejection, a fatal log. */
export function crashSignsIn(app: RunningApp): string[] {
  const text = app.stderr();
  const signs = [/unhandled ?rejection/i, /uncaught ?exception/i, /^\s+at .*\(node:internal/m, /"level":"?(fatal|60)/];
  return signs.filter((s) => s.test(text)).map((s) => String(s));
}

/** Every key under the prefix whose name matches `pattern` (SCAN, on the given Redis). */
export function keysMatching(url: string, prefix: string, pattern: string): Promise<string[]> {
  return keysUnder(prefix, url, pattern);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
