import { readFile } from 'node:fs/promises';
import { Agent as HttpAgent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Bot } from 'grammy';
import type { RunningApp } from '../test/fake-telegram/app-process.js';
import { FakeBotApi, FAKE_TOKEN, type RecordedCall } from '../test/fake-telegram/fake-bot-api.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../test/helpers/redis.js';
import { fanOutProvince, startFanOutApp } from '../test/fault/fanout-fixture.js';

/**
 * Issue 9: a fan-out of 10,000 reminders (one per head, each into its own chat, so per-chat limits
 * do not enter) through the fake Bot API limited to R messages a second overall, our pacer's global
 * limit set to R (TELEGRAM_SEND_RATE). The built app runs as child processes on one Redis: one
 * instance, then two (sharing the rate through Redis). Baseline, in the same run: the fake API's
 * own ceiling — 10,000 sendMessage calls through grammY, 32 in flight, nothing limited.
 */
const REMINDERS = Number(process.env.BENCH_FANOUT_REMINDERS ?? 10_000);
const RATE = Number(process.env.BENCH_FANOUT_RATE ?? 500);
/** Early enough that a second instance is running before the reminders fall due at 08:00. */
const BENCH_CLOCK_START = '2025-06-13T07:59:50';

interface Run {
  label: string;
  seconds: number;
  rate: number;
  duplicates: number;
  missed: number;
  rejected429: number;
  /** Peak RSS (VmHWM) of each app instance, MB. */
  instanceRssMb: number[];
  /** Reminders each instance sent (its ticks' reports). */
  sentBy: number[];
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** The peak resident set of a live process (Linux VmHWM), in kB; undefined elsewhere. */
async function peakRssKb(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The fake API's ceiling: `count` sendMessage calls through a bare grammY client, 32 in flight, nothing limited. */
async function baseline(count: number): Promise<{ seconds: number; rate: number }> {
  const fake = await FakeBotApi.start({ limits: 'off' });
  fake.recordCalls = false;
  const agent = new HttpAgent({ keepAlive: true });
  const bot = new Bot(FAKE_TOKEN, { client: { apiRoot: fake.apiRoot, baseFetchConfig: { agent, compress: false } } });
  try {
    for (let i = 0; i < count; i++) fake.knowChat({ id: 30_000_000 + i, type: 'private' });
    const text =
      'Kính gửi đồng chí Chủ tịch UBND xã Thử Nghiệm,\nĐề nghị báo cáo kết quả thực hiện Phong trào thi đua năm 2025, kỳ sơ kết 6 tháng đầu năm 2025.\nHạn gửi: thứ Tư, 18/06/2025 — còn 3 ngày làm việc.';
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < count) await bot.api.sendMessage(30_000_000 + next++, text);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { seconds, rate: count / seconds };
  } finally {
    agent.destroy();
    await fake.close();
  }
}

/** One fan-out with `instances` app processes on one Redis. */
async function fanOut(instances: number): Promise<Run> {
  const prefix = uniqueRedisPrefix();
  const fake = await FakeBotApi.start({
    limits: {
      global: { limit: RATE, windowMs: 1_000 },
      group: { limit: 1_000_000, windowMs: 1_000 },
      private: { limit: 1_000_000, windowMs: 1_000 },
    },
  });
  fake.recordCalls = false;
  const province = await fanOutProvince(REMINDERS, prefix, fake);
  const chats = new Set(province.chats);
  const times: number[] = [];
  let rejected429 = 0;
  const stop = fake.onCall((call: RecordedCall) => {
    if (call.method !== 'sendMessage') return;
    if (call.response.ok) {
      if (chats.has(Number(call.payload.chat_id))) times.push(call.at);
    } else if (call.response.error_code === 429) rejected429++;
  });
  const apps: RunningApp[] = [];
  try {
    // Every instance is up before 08:00 (their start-up is not what is measured).
    for (let i = 0; i < instances; i++)
      apps.push(
        await startFanOutApp({
          fake,
          prefix,
          planFile: province.planFile,
          clockStart: BENCH_CLOCK_START,
          sendRate: RATE,
          leaseSeconds: 120,
        }),
      );
    const timeoutMs = (REMINDERS / RATE) * 1000 * 3 + 30_000;
    await fake.waitFor(() => fake.onceEach(chats).missed === 0, timeoutMs, `all ${REMINDERS} reminders`);
    await new Promise((r) => setTimeout(r, 2_000)); // a duplicate still on its way would arrive now
    const instanceRssMb = (await Promise.all(apps.map((a) => peakRssKb(a.pid)))).map((kb) => (kb === undefined ? NaN : mb(kb)));
    const { missed, duplicates } = fake.onceEach(chats);
    const sentBy = apps.map((a) =>
      a
        .logs()
        .filter((l) => l.msg === 'scheduler tick')
        .reduce((n, l) => n + Number(l.sent ?? 0), 0),
    );
    const sorted = times.sort((a, b) => a - b);
    const seconds = ((sorted[sorted.length - 1] ?? 0) - (sorted[0] ?? 0)) / 1000;
    return {
      label: `${instances} instance${instances > 1 ? 's (separate processes, one Redis)' : ' (child process)'}`,
      seconds,
      rate: (sorted.length - 1) / seconds,
      duplicates,
      missed,
      rejected429,
      instanceRssMb,
      sentBy,
    };
  } finally {
    stop();
    await Promise.all(apps.map((a) => a.stop('SIGTERM')));
    await fake.close();
    await province.cleanup();
    await deleteKeysUnder(prefix);
  }
}

export async function benchFanOut(): Promise<void> {
  console.log(
    `\nReminder fan-out (issue 9): ${REMINDERS.toLocaleString('en')} reminders through the fake Bot API limited to R = ${RATE}/s, our pacer's global limit R`,
  );
  try {
    await deleteKeysUnder(`${uniqueRedisPrefix()}`);
  } catch (err) {
    console.log(`  skipped: no Redis at ${TEST_REDIS_URL} (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  const ceiling = await baseline(REMINDERS);
  const runs = [await fanOut(1), await fanOut(2)];
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `  ${pad('run', 46)} ${pad('time', 8)} ${pad('sent/s', 8)} ${pad('× R', 6)} ${pad('× ceiling', 10)} dup  miss  429s  sent by each       peak RSS per instance`,
  );
  console.log(
    `  ${pad('baseline: bare grammY → fake API, unlimited', 46)} ${pad(`${ceiling.seconds.toFixed(1)} s`, 8)} ${pad(ceiling.rate.toFixed(0), 8)} ${pad('—', 6)} ${pad('1.00', 10)} —    —     —     ${pad('—', 18)} (bench process)`,
  );
  for (const r of runs) {
    console.log(
      `  ${pad(r.label, 46)} ${pad(`${r.seconds.toFixed(1)} s`, 8)} ${pad(r.rate.toFixed(0), 8)} ${pad((r.rate / RATE).toFixed(3), 6)} ${pad((r.rate / ceiling.rate).toFixed(2), 10)} ${pad(String(r.duplicates), 4)} ${pad(String(r.missed), 5)} ${pad(String(r.rejected429), 5)} ${pad(r.sentBy.map((n) => n.toLocaleString('en')).join(' + '), 18)} ${r.instanceRssMb.map((m) => `${m} MB`).join(' + ')}`,
    );
  }
  const bench = process.resourceUsage().maxRSS;
  console.log(
    `  (time: first to last reminder at the fake API; × R target ≥ 0.95; R = ${RATE}/s is ${(RATE / ceiling.rate).toFixed(2)} of the fake API's ceiling; bench process (fake API, Redis seeding) peak RSS ${mb(bench)} MB)`,
  );
}
