import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { parseDocument } from 'yaml';
import { accountId } from '../src/domain/roles.js';
import { loadPlan } from '../src/plan/load-plan.js';
import { openRedisStore } from '../src/store/redis/open-redis-store.js';
import { freePort } from '../test/fake-telegram/app-process.js';
import { FakeBotApi, FAKE_TOKEN, type FakeUser, type RecordedCall } from '../test/fake-telegram/fake-bot-api.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../test/helpers/redis.js';
import { RedisCounter } from './redis-counter.js';

/**
 * Issue 20, measured the way the issue says: the built bot (`dist/src/main.js`) and a bare grammY
 * echo bot (runner, `dist/bench/echo-bot.js`) as separate processes against the same fake Bot API,
 * the Redis store under its own prefix, pacing lifted (TELEGRAM_SEND_RATE=10000), bursts of N
 * updates from N distinct chats, the two bots' bursts alternating, the median of the rounds.
 * Redis traffic is counted by a proxy in front of Redis (bench only); round trips per update and
 * the time split come from a sequential pass (one update in flight at a time).
 */
const N = Number(process.env.BENCH_PU_UPDATES ?? 3_000);
const ROUNDS = Number(process.env.BENCH_PU_ROUNDS ?? 5);
const SEQUENTIAL = Number(process.env.BENCH_PU_SEQUENTIAL ?? 20);
/** What each head types to answer the first question of /baocao (its buttons say "done"). */
const REPORT_ANSWER = process.env.BENCH_PU_ANSWER ?? 'xong';

type Kind = '/trogiup' | '/toi' | '/kyhan' | '/baocao answer' | '/status';
const ALL_KINDS: Kind[] = ['/trogiup', '/toi', '/kyhan', '/baocao answer', '/status'];
/** `BENCH_PU_KINDS=/kyhan,/status` measures only those (with a profile, to see one command's cost). */
const KINDS: Kind[] = process.env.BENCH_PU_KINDS
  ? ALL_KINDS.filter((k) => (process.env.BENCH_PU_KINDS ?? '').split(',').includes(k))
  : ALL_KINDS;

const dayMs = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? (s[(s.length - 1) / 2] as number)
      : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/**
 * The bundled plan with two periods open today (the app runs on the real clock), and communes added
 * until there are `agencies` (so that every head measured has an agency of their own).
 */
async function planOpenToday(agencies: number): Promise<string> {
  const doc = parseDocument(await readFile('examples/lai-chau-2025.yaml', 'utf8'));
  const now = Date.now();
  const list = (doc.toJS() as { agencies: unknown[] }).agencies;
  for (let i = 1; list.length < agencies; i++)
    list.push({ id: `xa-do-${String(i).padStart(5, '0')}`, name: `UBND xã Đo Đạc ${i}`, kind: 'xa', group: 'Khối các xã, phường' });
  doc.set('agencies', list);
  // Two periods open (as the bundled plan has two): /kyhan and /status show both.
  doc.set('periods', [
    {
      id: 'ky-do-do',
      campaign: 'thi-dua-2025',
      preset: 'custom',
      name: 'kỳ đo đạc',
      cutoff: { from: isoDay(now - 30 * dayMs), to: isoDay(now - dayMs) },
      opens_on: isoDay(now - 5 * dayMs),
      deadline: isoDay(now + 10 * dayMs),
    },
    {
      id: 'ky-do-do-2',
      campaign: 'thi-dua-2025',
      preset: 'custom',
      name: 'kỳ đo đạc thứ hai',
      cutoff: { from: isoDay(now - 60 * dayMs), to: isoDay(now - dayMs) },
      opens_on: isoDay(now - 3 * dayMs),
      deadline: isoDay(now + 25 * dayMs),
    },
  ]);
  const file = join(tmpdir(), `dondoc-per-update-${process.pid}.yaml`);
  await writeFile(file, doc.toString());
  return file;
}

/** CPU time (user + system, ms) a process has used so far (Linux /proc; NaN elsewhere). */
async function cpuMs(pid: number | undefined): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ = 100 on Linux
  } catch {
    return NaN;
  }
}

/** A burst, with the CPU the bot's process spent on it (ms per update). */
async function timedBurst(
  fake: FakeBotApi,
  bot: Child,
  users: readonly FakeUser[],
  text: string,
): Promise<{ seconds: number; cpuPerUpdate: number }> {
  const before = await cpuMs(bot.proc.pid);
  const seconds = await burst(fake, users, text);
  return { seconds, cpuPerUpdate: ((await cpuMs(bot.proc.pid)) - before) / users.length };
}

interface Child {
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Spawns a node process and waits until it prints `ready` (stdout for the echo bot, a log line for ours). */
async function spawnUntil(args: string[], env: Record<string, string>, ready: RegExp, what: string): Promise<Child> {
  const proc = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let seen = false;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out.slice(-2000)}`)), 30_000);
    const onData = (d: Buffer) => {
      if (seen) return;
      out += d.toString();
      if (ready.test(out)) {
        seen = true;
        clearTimeout(timer);
        out = '';
        resolve();
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      if (!seen) {
        clearTimeout(timer);
        reject(new Error(`${what} exited (${code}):\n${out.slice(-2000)}`));
      }
    });
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    async stop() {
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Methods that answer a person (the first one into each chat ends that chat's update). */
const ANSWERS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'editMessageText']);

/**
 * Pushes one update from each user at once; resolves with the seconds until the last answer, once
 * every chat had one and no more answers came for 200 ms (/status sends one message per period: its
 * later ones are counted in, and none is left over for the next burst).
 */
async function burst(fake: FakeBotApi, users: readonly FakeUser[], text: string): Promise<number> {
  const waiting = new Set(users.map((u) => u.id));
  let lastAnswerAt = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = fake.onCall((call: RecordedCall) => {
    if (!ANSWERS.has(call.method) || !call.response.ok) return;
    lastAnswerAt = performance.now();
    if (waiting.delete(Number(call.payload.chat_id)) && waiting.size === 0) finish();
  });
  const started = performance.now();
  for (const u of users) fake.send(u, fake.privateChat(u), text);
  const timeout = setTimeout(finish, 120_000);
  await finished;
  clearTimeout(timeout);
  while (performance.now() - lastAnswerAt < 200) await new Promise((r) => setTimeout(r, 20));
  stop();
  fake.forget();
  if (waiting.size > 0) throw new Error(`${text}: ${waiting.size} of ${users.length} chats got no answer`);
  return (lastAnswerAt - started) / 1000;
}

interface Split {
  /** Messages each update is answered with. */
  answers: number;
  roundTrips: number;
  commands: number;
  intakeMs: number;
  redisSpanMs: number;
  afterRedisMs: number;
  totalMs: number;
}

/**
 * One update at a time from each user: Redis commands and round trips per update (the idle rate
 * subtracted), and where the time goes as seen from outside: push → first Redis command (polling,
 * intake), first → last Redis reply before the answer (router, handler, their reads and writes),
 * last Redis reply → the answer at the fake API (rendering what is left, sending).
 */
async function sequential(fake: FakeBotApi, counter: RedisCounter, users: readonly FakeUser[], text: string): Promise<Split> {
  const rows: Split[] = [];
  // The idle rate (lock renewals, scheduler) over a short window.
  await counter.quiet();
  const idleFrom = counter.snapshot();
  const idleStart = performance.now();
  await new Promise((r) => setTimeout(r, 500));
  const idle = counter.snapshot();
  const idlePerMs = {
    commands: (idle.commands - idleFrom.commands) / (performance.now() - idleStart),
    roundTrips: (idle.roundTrips - idleFrom.roundTrips) / (performance.now() - idleStart),
  };
  for (const u of users) {
    await counter.quiet();
    const from = counter.snapshot();
    let answeredAt = 0;
    let lastReplyBeforeAnswer = 0;
    let answers = 0;
    const counting = fake.onCall((call) => {
      if (ANSWERS.has(call.method) && Number(call.payload.chat_id) === u.id) answers++;
    });
    const answered = new Promise<void>((resolve) => {
      const stop = fake.onCall((call) => {
        if (!ANSWERS.has(call.method) || Number(call.payload.chat_id) !== u.id) return;
        answeredAt = performance.now();
        lastReplyBeforeAnswer = counter.lastReplyAt;
        if (process.env.BENCH_PU_SHOW && u === users[0])
          console.log(
            `  [${text}] → ${call.method}: ${JSON.stringify(call.payload.text ?? call.payload.caption ?? '')
              .slice(0, 300)
              .replace(/\n/g, ' ⏎ ')}`,
          );
        stop();
        resolve();
      });
    });
    counter.mark();
    if (process.env.BENCH_PU_TRACE && u === users[0]) counter.trace = [];
    const started = performance.now();
    fake.send(u, fake.privateChat(u), text);
    await answered;
    await counter.quiet();
    await new Promise((r) => setTimeout(r, 50));
    counting();
    if (counter.trace) {
      console.log(`  [${text}] Redis, '|' starts a round trip: ${counter.trace.join(' ')}`);
      counter.trace = undefined;
    }
    const elapsed = performance.now() - started;
    const to = counter.snapshot();
    const first = counter.firstCommandAfterMark ?? answeredAt;
    rows.push({
      answers,
      commands: to.commands - from.commands - idlePerMs.commands * elapsed,
      roundTrips: to.roundTrips - from.roundTrips - idlePerMs.roundTrips * elapsed,
      intakeMs: first - started,
      redisSpanMs: Math.max(0, lastReplyBeforeAnswer - first),
      afterRedisMs: answeredAt - Math.max(first, lastReplyBeforeAnswer),
      totalMs: answeredAt - started,
    });
  }
  fake.forget();
  const pick = (k: keyof Split) => median(rows.map((r) => r[k]));
  return {
    answers: Math.max(1, Math.round(pick('answers'))),
    roundTrips: pick('roundTrips'),
    commands: pick('commands'),
    intakeMs: pick('intakeMs'),
    redisSpanMs: pick('redisSpanMs'),
    afterRedisMs: pick('afterRedisMs'),
    totalMs: pick('totalMs'),
  };
}

/**
 * Redis's own count of the commands it served (`INFO stats`), less the INFO calls made here: how the
 * bursts, which do not cross the counting proxy, are counted. Redis is the machine's; nothing else
 * runs against it during the bench.
 */
function redisServedCounter(redis: Redis): { served: () => Promise<number>; quiet: () => Promise<void> } {
  let infos = 0;
  const served = async () => {
    const info = await redis.info('stats');
    const total = Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
    return total - infos++;
  };
  return {
    served,
    /** Resolves once Redis served nothing but these calls for 30 ms. */
    quiet: async () => {
      let last = await served();
      for (;;) {
        await new Promise((r) => setTimeout(r, 30));
        const now = await served();
        if (now === last) return;
        last = now;
      }
    },
  };
}

/** Waits until every one of `users` got an answer to `text` (set-up steps, not measured). */
async function say(fake: FakeBotApi, users: readonly FakeUser[], text: string): Promise<void> {
  await burst(fake, users, text);
}

export async function benchPerUpdate(): Promise<void> {
  console.log(
    `\nPer-update cost (issue 20): the built bot and a bare grammY echo bot as separate processes, one fake Bot API, Redis; bursts of ${N} updates from ${N} distinct chats, alternating, median of ${ROUNDS} rounds; the bundled plan with two periods open and communes added, one head per agency`,
  );
  const prefix = uniqueRedisPrefix();
  let counter: RedisCounter;
  try {
    counter = await RedisCounter.start(TEST_REDIS_URL);
  } catch (err) {
    console.log(`  skipped: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const fake = await FakeBotApi.start({ limits: 'off' });
  fake.recordCalls = false;
  const headCount = 3 * (N + SEQUENTIAL);
  const planFile = await planOpenToday(headCount + 1);
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-per-update-'));
  const port = await freePort();
  const person = (id: number, i: number): FakeUser => ({ id, first_name: 'Cán bộ', last_name: String(i), language_code: 'vi' });
  // Each kind has its own people (so a conversation left by one does not meet the next).
  const people: Record<Kind, FakeUser[]> = {
    '/trogiup': Array.from({ length: N }, (_, i) => person(60_000_000 + i, i)),
    '/toi': Array.from({ length: N }, (_, i) => person(61_000_000 + i, i)),
    '/kyhan': Array.from({ length: N }, (_, i) => person(62_000_000 + i, i)),
    '/baocao answer': Array.from({ length: N }, (_, i) => person(63_000_000 + i, i)),
    '/status': Array.from({ length: N }, (_, i) => person(64_000_000 + i, i)),
  };
  const seqPeople: Record<Kind, FakeUser[]> = Object.fromEntries(
    ALL_KINDS.map((k, j) => [k, Array.from({ length: SEQUENTIAL }, (_, i) => person(70_000_000 + j * 100_000 + i, i))]),
  ) as Record<Kind, FakeUser[]>;
  let direct: Redis | undefined;
  try {
    const plan = await loadPlan(planFile);
    const store = await openRedisStore({ url: TEST_REDIS_URL, prefix });
    try {
      await store.agencies.sync(plan.agencies);
      const grants: Promise<void>[] = [];
      const heads = [
        ...people['/toi'],
        ...people['/kyhan'],
        ...people['/baocao answer'],
        ...seqPeople['/toi'],
        ...seqPeople['/kyhan'],
        ...seqPeople['/baocao answer'],
      ];
      const own = plan.agencies.filter((a) => a.id !== plan.coordinatorAgencyId);
      for (const [i, u] of heads.entries()) {
        const agency = own[i % own.length];
        if (agency)
          grants.push(
            store.people.grant({
              account: accountId('telegram', u.id),
              role: 'head',
              agencyId: agency.id,
              name: `Cán bộ ${i}`,
              grantedAt: 0,
            }),
          );
      }
      for (const u of [...people['/status'], ...seqPeople['/status']])
        grants.push(store.people.grant({ account: accountId('telegram', u.id), role: 'coordinator', name: 'Điều phối', grantedAt: 0 }));
      await Promise.all(grants);
    } finally {
      await store.close();
    }
    direct = new Redis(TEST_REDIS_URL);
    const { served: redisCommandsServed, quiet: redisQuiet } = redisServedCounter(direct);
    const textOf = (k: Kind) => (k === '/baocao answer' ? REPORT_ANSWER : k);
    /** Set-up before a /baocao answer: any old draft cancelled, /baocao asked, the first period chosen: its first question shown. */
    const prepareReport = async (users: readonly FakeUser[]) => {
      await say(fake, users, '/huy');
      await say(fake, users, '/baocao');
      await say(fake, users, '1');
      // Three answers into each chat just now: let the per-chat pacing window (3 a 3 s) pass, it is not cost.
      await new Promise((r) => setTimeout(r, 3_100));
    };

    const startEcho = (claiming = false) =>
      spawnUntil(
        ['dist/bench/echo-bot.js'],
        {
          ECHO_TOKEN: FAKE_TOKEN,
          ECHO_API_ROOT: fake.apiRoot,
          ...(claiming ? { ECHO_REDIS_URL: TEST_REDIS_URL, ECHO_REDIS_PREFIX: `${prefix}echo:` } : {}),
        },
        /running/,
        claiming ? 'the claiming echo bot' : 'the echo bot',
      );
    /**
     * The sequential pass goes through the counting proxy (it sees round trips); the timed bursts go
     * straight to Redis, as in production: the proxy would spend the bench's CPU, on the same two
     * cores, on every command of ours and none of the echo bot's.
     */
    const startOurs = (redisUrl: string) =>
      spawnUntil(
        // e.g. BENCH_PU_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": where our process spends it
        [...(process.env.BENCH_PU_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/src/main.js'],
        {
          TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
          TELEGRAM_API_ROOT: fake.apiRoot,
          REDIS_URL: redisUrl,
          REDIS_PREFIX: prefix,
          PLAN_FILE: planFile,
          DATA_DIR: dataDir,
          HOST: '127.0.0.1',
          PORT: String(port),
          TELEGRAM_SEND_RATE: '10000',
          SCHEDULER_CRON: '0 0 1 1 *',
          LOG_LEVEL: process.env.BENCH_PU_LOG_LEVEL ?? 'info',
          // e.g. BENCH_PU_APP_ENV="INTAKE_TOTAL_BACKLOG=200": a setting of ours tried under load
          ...Object.fromEntries(
            (process.env.BENCH_PU_APP_ENV ?? '')
              .split(' ')
              .filter((kv) => kv.includes('='))
              .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
          ),
        },
        /"msg":"running"/,
        'Đôn Đốc',
      );
    const stopped = async (c: Child) => {
      await c.stop();
      fake.dropPending();
    };

    // Round trips and the time split: one update at a time (also the warm-up of the first process).
    const splits = {} as Record<Kind, Split>;
    {
      const ours = await startOurs(counter.url);
      try {
        for (const k of KINDS) {
          if (k === '/baocao answer') await prepareReport(seqPeople[k]);
          splits[k] = await sequential(fake, counter, seqPeople[k], textOf(k));
        }
      } finally {
        await stopped(ours);
      }
    }

    const echoRuns = { seconds: [] as number[], cpu: [] as number[] };
    const claimingRuns = { seconds: [] as number[], cpu: [] as number[] };
    /** One timed burst of an echo bot (bare, or claiming each update), after its unmeasured warm-up burst. */
    const echoBurst = async (claiming: boolean, label: string, into: typeof echoRuns) => {
      const echo = await startEcho(claiming);
      try {
        await burst(fake, people['/trogiup'], 'warm-up');
        const b = await timedBurst(fake, echo, people['/trogiup'], label);
        into.seconds.push(b.seconds);
        into.cpu.push(b.cpuPerUpdate);
      } finally {
        await stopped(echo);
      }
    };
    const perKind = () => Object.fromEntries(ALL_KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
    const oursCpu = perKind();
    const oursSeconds = perKind();
    const commandsPerUpdate = perKind();
    for (let round = 0; round < ROUNDS; round++) {
      // Every process gets one unmeasured burst after it starts (JIT, sockets), ours and the echo bot alike.
      await echoBurst(false, `echo ${round}`, echoRuns);
      const ours = await startOurs(TEST_REDIS_URL);
      try {
        await burst(fake, people['/trogiup'], '/trogiup');
        for (const k of KINDS) {
          if (k === '/baocao answer') await prepareReport(people[k]);
          else if (round === 0 && k !== '/trogiup') await burst(fake, people[k], textOf(k)); // the first time: the command's own code warmed up
          await redisQuiet();
          const from = await redisCommandsServed();
          const b = await timedBurst(fake, ours, people[k], textOf(k));
          oursSeconds[k].push(b.seconds);
          oursCpu[k].push(b.cpuPerUpdate);
          await redisQuiet();
          commandsPerUpdate[k].push(((await redisCommandsServed()) - from) / N);
        }
      } finally {
        await stopped(ours);
      }
      await echoBurst(false, `echo ${round}b`, echoRuns);
      await echoBurst(true, `claiming echo ${round}`, claimingRuns);
    }

    const echoRate = N / median(echoRuns.seconds);
    const f = (v: number, d = 1) => v.toFixed(d);
    const echoCpuMs = median(echoRuns.cpu);
    console.log(
      `  ${'run'.padEnd(34)} ${'updates/s'.padStart(9)}  ${'× echo'.padStart(6)}  ${'CPU ms/upd'.padStart(10)}  ${'× echo'.padStart(6)}  ${'RT/upd'.padStart(6)}  ${'cmds/upd'.padStart(8)}  seq. one update: intake → Redis span → answer at API (total)`,
    );
    console.log(
      `  ${'baseline: grammY echo bot (runner)'.padEnd(34)} ${f(echoRate, 0).padStart(9)}  ${'1.00'.padStart(6)}  ${f(echoCpuMs, 3).padStart(10)}  ${'1.00'.padStart(6)}  ${'0'.padStart(6)}  ${'0'.padStart(8)}`,
    );
    const claimingRate = N / median(claimingRuns.seconds);
    const claimingCpuMs = median(claimingRuns.cpu);
    console.log(
      `  ${'reference: echo + Redis claim'.padEnd(34)} ${f(claimingRate, 0).padStart(9)}  ${f(claimingRate / echoRate, 2).padStart(6)}  ${f(claimingCpuMs, 3).padStart(10)}  ${f(echoCpuMs / claimingCpuMs, 2).padStart(6)}  ${'1'.padStart(6)}  ${'1'.padStart(8)}`,
    );
    for (const k of KINDS) {
      const rate = N / median(oursSeconds[k]);
      const cpu = median(oursCpu[k]);
      const s = splits[k];
      const who = k === '/trogiup' ? 'stranger' : k === '/status' ? 'coordinator' : 'head';
      console.log(
        `  ${`Đôn Đốc: ${k} (${who})`.padEnd(34)} ${f(rate, 0).padStart(9)}  ${f(rate / echoRate, 2).padStart(6)}  ${f(cpu, 3).padStart(10)}  ${f(echoCpuMs / cpu, 2).padStart(6)}  ${f(s.roundTrips).padStart(6)}  ${f(median(commandsPerUpdate[k])).padStart(8)}  ${f(s.intakeMs)} ms → ${f(s.redisSpanMs)} ms → ${f(s.afterRedisMs)} ms (${f(s.totalMs)} ms)  × claiming echo: ${f(rate / claimingRate, 2)} (CPU ${f(claimingCpuMs / cpu, 2)})`,
      );
    }
    const [l1, l5] = loadavg();
    console.log(
      `  (median of ${ROUNDS} rounds, ${N} chats each; CPU ms/upd: CPU time (user + system) of the bot's own process per update in the bursts, its × echo is echo's ÷ ours; RT/upd: Redis round trips per update, one update in flight, idle traffic subtracted; cmds/upd: Redis commands per update in the bursts, as Redis counted them (the bursts go straight to Redis, not through the proxy); × claiming echo: ours against the echo bot that claims each update in Redis first (bench/echo-bot.ts), updates/s and CPU; load average ${f(l1 ?? 0, 2)} / ${f(l5 ?? 0, 2)}; target × echo ≥ 0.8)`,
    );
  } finally {
    direct?.disconnect();
    await fake.close().catch(() => undefined);
    await counter.close().catch(() => undefined);
    await rm(planFile, { force: true });
    await rm(dataDir, { recursive: true, force: true });
    await deleteKeysUnder(prefix);
  }
}
