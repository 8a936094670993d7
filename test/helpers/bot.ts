import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createRouter, type Router } from '../../handlers/router.js';
import type { Services } from '../../handlers/services.js';
import { createVirtualClock, type VirtualClock } from '../../src/domain/clock.js';
import type { Plan } from '../../src/domain/plan.js';
import { accountId, type AccountId, type RoleGrant } from '../../src/domain/roles.js';
import type { ChatKind, Incoming } from '../../src/messaging/incoming.js';
import type { Reply } from '../../src/messaging/reply.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { calendarOf } from '../../src/app/plan-calendar.js';
import { createPeriodCatalog } from '../../handlers/period-catalog.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from './redis.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';

/** A bot on the embedded store in a temporary folder, with a virtual clock, driven through its router. */
export interface TestBot {
  plan: Plan;
  store: Store;
  clock: VirtualClock;
  router: Router;
  services: Services;
  /** Sends a text message as `from` and returns the replies. */
  say(from: AccountId, text: string, options?: { chat?: ChatKind; name?: string; languageCode?: string }): Promise<Reply[]>;
  send(incoming: Partial<Incoming> & Pick<Incoming, 'content'>): Promise<Reply[]>;
  grant(grant: Omit<RoleGrant, 'grantedAt'>): Promise<void>;
  /** A folder for files sent as links (Zalo's exports), inside the bot's temporary folder. */
  filesDir: string;
  close(): Promise<void>;
}

export const ADMIN = accountId('telegram', '9001');

export interface TestBotOptions {
  now?: string;
  planFile?: string;
  /** Changes the loaded plan before the bot starts, e.g. to drop an agency. */
  editPlan?: (plan: Plan) => Plan;
  /** `redis` runs on the real Redis under `redisPrefix` (a fresh one unless given, to share it between bots). */
  store?: 'embedded' | 'redis';
  redisPrefix?: string;
  /**
   * The embedded store's folder, to reopen the same data in a second bot (a restart). The caller
   * owns it: `close()` leaves it in place. A fresh temporary folder unless given.
   */
  dataDir?: string;
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const dir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'dondoc-bot-')));
  const loaded = await loadPlan(options.planFile ?? 'examples/lai-chau-2025.yaml');
  const plan = options.editPlan ? options.editPlan(loaded) : loaded;
  const clock = createVirtualClock(Date.parse(options.now ?? '2025-06-10T08:00:00+07:00'));
  const logger = pino({ level: 'silent' });
  const ownPrefix = options.store === 'redis' && !options.redisPrefix ? uniqueRedisPrefix() : undefined;
  const store = await createStore({
    dataDir: dir,
    ...(options.store === 'redis'
      ? { redisUrl: TEST_REDIS_URL, redisPrefix: options.redisPrefix ?? ownPrefix ?? '' }
      : { redisPrefix: 'unused:' }),
    clock,
    logger,
  });
  await store.agencies.sync(plan.agencies);
  const services: Services = {
    plan,
    periods: createPeriodCatalog(plan, store),
    calendar: calendarOf(plan),
    store,
    clock,
    adminIds: new Set([ADMIN]),
    logger,
    botUsername: 'DonDocLaiChauBot',
  };
  const router = createRouter(services);
  const send: TestBot['send'] = (partial) =>
    router.handle({
      platform: 'telegram',
      chat: { id: '1', kind: 'private' },
      sender: { account: accountId('telegram', '1'), name: 'Người dùng' },
      receivedAt: clock.now(),
      ...partial,
    });
  return {
    plan,
    store,
    clock,
    router,
    services,
    send,
    say: (from, text, o = {}) =>
      send({
        chat: { id: o.chat === 'group' ? '-100123' : (from.split(':')[1] ?? '1'), kind: o.chat ?? 'private' },
        sender: { account: from, name: o.name ?? 'Nguyễn Văn An', ...(o.languageCode ? { languageCode: o.languageCode } : {}) },
        content: { type: 'text', text },
      }),
    grant: (g) => store.people.grant({ ...g, grantedAt: clock.now() }),
    filesDir: join(dir, 'files'),
    close: async () => {
      await store.close();
      if (!options.dataDir) await rm(dir, { recursive: true, force: true });
      if (ownPrefix) await deleteKeysUnder(ownPrefix);
    },
  };
}

/** All reply texts joined, for assertions that read like what the person saw. */
export function textOf(replies: readonly Reply[]): string {
  return replies.map((r) => r.text).join('\n---\n');
}
