import { Agent as HttpAgent } from 'node:http';
import { UNLIMITED_INTAKE } from '../src/config/limits.js';
import { performance } from 'node:perf_hooks';
import { run } from '@grammyjs/runner';
import { Bot } from 'grammy';
import { pino } from 'pino';
import { createRouter } from '../handlers/router.js';
import { createPeriodCatalog } from '../handlers/period-catalog.js';
import { calendarOf } from '../src/app/plan-calendar.js';
import { connectTelegramTransport } from '../src/app/start-telegram.js';
import { createVirtualClock } from '../src/domain/clock.js';
import { accountId } from '../src/domain/roles.js';
import type { HttpServer } from '../src/http/server.js';
import { createDeliver } from '../src/messaging/delivery.js';
import { loadPlan } from '../src/plan/load-plan.js';
import { createStore } from '../src/store/create-store.js';
import { FakeBotApi, FAKE_TOKEN, type FakeUser } from '../test/fake-telegram/fake-bot-api.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../test/helpers/redis.js';

/**
 * Updates per second through the whole Telegram pipeline — getUpdates (runner) → per-chat queue →
 * update_id de-duplication in Redis → router (roles, contact, the command) → sendMessage to the
 * fake Bot API — against a bare grammY echo bot polling the same fake API in the same run. Then the
 * latency of each update (arrival at the fake API → its reply arriving there) when updates come at
 * a steady rate. Pacing is off for both (it is policy, not cost; the fake enforces no limits here).
 */
const UPDATES = 2_000;
const CHATS = Number(process.env.BENCH_CHATS ?? 50);
const LATENCY_UPDATES = 600;
const LATENCY_RATE = 200; // per second
/** Alternating rounds; the best of each counts. BENCH_ROUNDS and BENCH_CHATS change them for a look. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Pushes updates (all at once, or at `rate` per second) and waits until each chat got one reply per update. */
async function drive(
  fake: FakeBotApi,
  users: readonly FakeUser[],
  count: number,
  text: (i: number) => string,
  rate?: number,
): Promise<{ seconds: number; latencies: number[] }> {
  const pushedAt = new Map<number, number[]>();
  const replies = new Map<number, number>();
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const latencies: number[] = [];
  const stop = fake.onCall((call) => {
    if (call.method !== 'sendMessage' || !call.response.ok) return;
    const chatId = Number(call.payload.chat_id);
    const n = replies.get(chatId) ?? 0;
    replies.set(chatId, n + 1);
    const sentAt = pushedAt.get(chatId)?.[n];
    if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
    if (++done === count) finish();
  });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (rate) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
    const user = users[i % users.length] as FakeUser;
    const list = pushedAt.get(user.id) ?? [];
    list.push(performance.now());
    pushedAt.set(user.id, list);
    fake.send(user, fake.privateChat(user), text(i));
  }
  const timeout = setTimeout(() => finish(), 120_000);
  await finished;
  clearTimeout(timeout);
  stop();
  fake.forget();
  if (done < count) throw new Error(`only ${done} of ${count} replies arrived`);
  return { seconds: (performance.now() - started) / 1000, latencies };
}

export async function benchTelegramPipeline(): Promise<void> {
  console.log('\nTelegram pipeline (issue 7): updates/s, update in → router → Redis → sendMessage, vs a bare grammY echo bot');
  const prefix = uniqueRedisPrefix();
  const logger = pino({ level: 'silent' });
  const fake = await FakeBotApi.start({ limits: 'off' });
  const users: FakeUser[] = Array.from({ length: CHATS }, (_, i) => ({ id: 50_000 + i, first_name: 'Cán bộ', last_name: String(i) }));
  let store;
  try {
    store = await createStore({
      redisUrl: TEST_REDIS_URL,
      redisPrefix: prefix,
      dataDir: './data',
      clock: { now: () => Date.now() },
      logger,
    });
    await store.ping();
  } catch (err) {
    console.log(`  skipped: no Redis at ${TEST_REDIS_URL} (${err instanceof Error ? err.message : String(err)})`);
    await fake.close();
    return;
  }
  try {
    const plan = await loadPlan('examples/lai-chau-2025.yaml');
    await store.agencies.sync(plan.agencies);
    const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'));
    for (const [i, u] of users.entries()) {
      const agency = plan.agencies[i % plan.agencies.length];
      if (agency)
        await store.people.grant({
          account: accountId('telegram', u.id),
          role: 'head',
          agencyId: agency.id,
          name: `Cán bộ ${i}`,
          grantedAt: 0,
        });
    }
    const s = store;

    /** The baseline: a bare grammY echo bot with @grammyjs/runner, started for one measurement. */
    async function withEcho<T>(fn: () => Promise<T>): Promise<T> {
      const agent = new HttpAgent({ keepAlive: true }); // its own sockets, like our client's
      const echo = new Bot(FAKE_TOKEN, { client: { apiRoot: fake.apiRoot, baseFetchConfig: { agent } } });
      echo.on('message:text', (ctx) => ctx.reply(ctx.message.text));
      echo.catch((err) => console.error(`  echo bot: ${err.message}`));
      const runner = run(echo, { runner: { fetch: { timeout: 1 }, silent: true } });
      try {
        return await fn();
      } finally {
        await runner.stop();
        // The fake has seen every reply, but the bot may still be reading the last responses.
        for (let i = 0; i < 500 && runner.size() > 0; i++) await new Promise((r) => setTimeout(r, 10));
        fake.dropPending(); // the last batch was never confirmed: the next bot must not get it
        agent.destroy();
      }
    }

    /**
     * Ours: the transport as the app runs it (poll lock, pipeline, router on Redis), started for one
     * measurement. `transportOnly` swaps the router for one that answers at once, to show what the
     * transport itself costs.
     */
    async function withOurs<T>(fn: () => Promise<T>, transportOnly = false): Promise<T> {
      const transport = await connectTelegramTransport({
        mode: { mode: 'polling', token: FAKE_TOKEN, apiRoot: fake.apiRoot },
        store: s,
        clock,
        logger,
        instanceId: 'bench',
        pacing: 'unlimited',
        intake: UNLIMITED_INTAKE,
      });
      const services = {
        plan,
        periods: createPeriodCatalog(plan, s),
        calendar: calendarOf(plan),
        store: s,
        clock,
        logger,
        adminIds: new Set<string>(),
        botUsername: transport.me.username,
      };
      const router = createRouter(services);
      const answerAtOnce = { commands: router.commands, handle: async () => [{ text: 'Đã nhận.' }] };
      await transport.start({
        router: transportOnly ? answerAtOnce : router,
        deliver: createDeliver([transport.messenger]),
        http: { mount: () => undefined } as unknown as HttpServer,
      });
      await transport.polling();
      try {
        return await fn();
      } finally {
        await transport.stopIntake();
        await transport.drain(5_000);
        await transport.releaseLock();
        fake.dropPending();
        transport.close();
      }
    }

    type Run = { seconds: number; latencies: number[] };
    const best = (runs: Run[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const echoText = (i: number) => `echo ${i}`;
    const burst: Record<'echo' | 'transport' | '/toi' | '/kyhan', Run[]> = { echo: [], transport: [], '/toi': [], '/kyhan': [] };
    // Alternating rounds, best of three each: the machine's other work weighs on both alike.
    for (let round = 0; round < ROUNDS; round++) {
      burst.echo.push(
        await withEcho(async () => (round === 0 && (await drive(fake, users, 200, echoText)), drive(fake, users, UPDATES, echoText))),
      );
      burst.transport.push(
        await withOurs(
          async () => (round === 0 && (await drive(fake, users, 200, () => '/toi')), drive(fake, users, UPDATES, () => '/toi')),
          true,
        ),
      );
      for (const command of ['/toi', '/kyhan'] as const) {
        burst[command].push(
          await withOurs(
            async () => (round === 0 && (await drive(fake, users, 200, () => command)), drive(fake, users, UPDATES, () => command)),
          ),
        );
      }
    }
    const steady = {
      echo: await withEcho(() => drive(fake, users, LATENCY_UPDATES, echoText, LATENCY_RATE)),
      transport: await withOurs(() => drive(fake, users, LATENCY_UPDATES, () => '/toi', LATENCY_RATE), true),
      '/toi': await withOurs(() => drive(fake, users, LATENCY_UPDATES, () => '/toi', LATENCY_RATE)),
      '/kyhan': await withOurs(() => drive(fake, users, LATENCY_UPDATES, () => '/kyhan', LATENCY_RATE)),
    };

    const rate = (r: { seconds: number }) => UPDATES / r.seconds;
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const line = (label: string, b: Run, st: Run, ratio?: number) =>
      console.log(
        `  ${label.padEnd(50)} ${rate(b).toFixed(0).padStart(6)} updates/s${ratio === undefined ? '        ' : `   ×${ratio.toFixed(2)}`}   p99 under load ${ms(percentile(b.latencies, 99)).padStart(9)}   at ${LATENCY_RATE}/s: p50 ${ms(percentile(st.latencies, 50))}, p99 ${ms(percentile(st.latencies, 99))}`,
      );
    const echoBest = best(burst.echo);
    line(`baseline: grammY echo bot (runner), ${UPDATES} / ${CHATS} chats`, echoBest, steady.echo);
    line(
      'Đôn Đốc transport only (router answers at once)',
      best(burst.transport),
      steady.transport,
      rate(best(burst.transport)) / rate(echoBest),
    );
    for (const command of ['/toi', '/kyhan'] as const)
      line(
        `Đôn Đốc: ${command} on Redis, ${UPDATES} / ${CHATS} chats`,
        best(burst[command]),
        steady[command],
        rate(best(burst[command])) / rate(echoBest),
      );
    console.log(
      `  (best of ${ROUNDS} alternating rounds; ratio: updates/s relative to the echo bot, target ≥ 0.8; latency: update reaching the fake API → its reply reaching it)`,
    );
  } finally {
    // Each step on its own: the keys go even when the run failed half-way.
    await store.close().catch(() => undefined);
    await fake.close().catch(() => undefined);
    await deleteKeysUnder(prefix);
  }
}
