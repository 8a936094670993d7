import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeBotApi } from '../test/fake-telegram/fake-bot-api.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../test/helpers/redis.js';
import { fanOutProvince, startFanOutApp } from '../test/fault/fanout-fixture.js';

/**
 * Issue 20: the built app's resident memory at rest with a 10,000-agency plan (each agency with a
 * registered head in Redis), nothing due: RSS a few seconds after it runs, and its peak (VmHWM).
 */
const AGENCIES = Number(process.env.BENCH_RSS_AGENCIES ?? 10_000);
const REST_MS = Number(process.env.BENCH_RSS_REST_MS ?? 15_000);

async function memoryKb(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? NaN);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/**
 * The plan alone, in a bare node process: loaded in the main thread (as before issue 20) or in a
 * worker (loadPlanApart, as the app does now); RSS after `restMs` of rest, MB.
 */
async function planAloneRssMb(planFile: string, how: 'thread' | 'worker', restMs: number): Promise<number> {
  const script =
    how === 'thread'
      ? `const { loadPlan } = await import('./dist/src/plan/load-plan.js'); globalThis.plan = await loadPlan(process.argv[1]);`
      : `const { loadPlanApart } = await import('./dist/src/plan/load-plan-apart.js'); globalThis.plan = await loadPlanApart(process.argv[1]);`;
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `${script} await new Promise((r) => setTimeout(r, ${restMs})); console.log(process.memoryUsage().rss);`,
      planFile,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return Math.round(Number(out.trim()) / 1024 / 102.4) / 10;
}

export async function benchRssAtRest(): Promise<void> {
  console.log(`\nMemory at rest (issue 20): the built app with a ${AGENCIES.toLocaleString('en')}-agency plan, nothing due`);
  if (process.platform !== 'linux') {
    console.log('  skipped: reads /proc (Linux only)');
    return;
  }
  const prefix = uniqueRedisPrefix();
  const fake = await FakeBotApi.start({ limits: 'off' });
  fake.recordCalls = false;
  let province;
  try {
    province = await fanOutProvince(AGENCIES, prefix, fake);
  } catch (err) {
    console.log(`  skipped: no Redis at ${TEST_REDIS_URL} (${err instanceof Error ? err.message : String(err)})`);
    await fake.close();
    return;
  }
  try {
    const [inThread, inWorker] = [
      await planAloneRssMb(province.planFile, 'thread', 5_000),
      await planAloneRssMb(province.planFile, 'worker', 5_000),
    ];
    console.log(
      `  the plan alone in a bare node process, 5 s after loading: parsed in the main thread (before) ${inThread} MB, in a worker thread (now) ${inWorker} MB`,
    );
    // A month before the period opens: no reminder falls due.
    const app = await startFanOutApp({
      fake,
      prefix,
      planFile: province.planFile,
      clockStart: '2025-05-01T10:00:00',
      sendRate: 30,
      cron: '0 0 1 1 *',
    });
    try {
      const atStart = await memoryKb(app.pid);
      const mb = (kb: number) => (kb / 1024).toFixed(1);
      const along: string[] = [];
      for (let waited = 0; waited < REST_MS; waited += 5_000) {
        await sleep(Math.min(5_000, REST_MS - waited));
        along.push(`${mb((await memoryKb(app.pid)).rss)} MB at ${(Math.min(waited + 5_000, REST_MS) / 1000).toFixed(0)} s`);
      }
      const rest = await memoryKb(app.pid);
      console.log(
        `  RSS when running ${mb(atStart.rss)} MB; at rest ${along.join(', ')} (target ≤ 120 MB); peak (VmHWM) ${mb(rest.hwm)} MB`,
      );
    } finally {
      await app.stop('SIGTERM');
    }
  } finally {
    await fake.close();
    await province.cleanup();
    await deleteKeysUnder(prefix);
  }
}
