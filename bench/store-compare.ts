import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createPeriodCatalog } from '../handlers/period-catalog.js';
import { createRouter } from '../handlers/router.js';
import type { Services } from '../handlers/services.js';
import { calendarOf } from '../src/app/plan-calendar.js';
import { createVirtualClock } from '../src/domain/clock.js';
import { accountId } from '../src/domain/roles.js';
import type { NewSubmission } from '../src/domain/submission.js';
import { createStore } from '../src/store/create-store.js';
import type { Store } from '../src/store/store.js';
import { measure, type Measurement } from './measure.js';
import { answersFor, BENCH_REDIS_URL, benchProvince, deleteBenchPrefix } from './fixture.js';

const PERIOD = '2025-6-thang';
const COORDINATOR = accountId('telegram', '2002');
const RUNS = 9;

interface StoreFigures {
  kind: string;
  seedMs: number;
  status: Measurement;
  confirm: Measurement;
}

/**
 * The embedded store (SQLite, every commit fsynced) next to Redis on the same data: `/status`
 * through the router, and the store calls that confirming a report makes (take the report lease,
 * read the latest revision, add the new one, end the conversation and its tombstone, release the
 * lease). `agencyCount` agencies × the example's items, four fifths of them reported.
 */
export async function benchStoreCompare(agencyCount = 2_000): Promise<void> {
  const rows: StoreFigures[] = [];
  for (const kind of ['embedded', 'redis'] as const) {
    try {
      rows.push(await figuresFor(kind, agencyCount));
    } catch (err) {
      console.log(`\nembedded vs Redis: ${kind} skipped — ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(`\nThe embedded store (SQLite, WAL, synchronous=FULL) next to Redis — ${agencyCount} agencies, median of ${RUNS} runs`);
  console.log(
    `  ${'store'.padEnd(10)} ${'/status (router)'.padStart(18)} ${'confirm report (store calls)'.padStart(30)} ${'seeding'.padStart(12)}`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.kind.padEnd(10)} ${`${r.status.ms} ms`.padStart(18)} ${`${r.confirm.ms} ms`.padStart(30)} ${`${(r.seedMs / 1000).toFixed(1)} s`.padStart(12)}`,
    );
  }
}

async function figuresFor(kind: 'embedded' | 'redis', agencyCount: number): Promise<StoreFigures> {
  const prefix = `dondoc-bench:${randomBytes(6).toString('hex')}:`;
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-store-'));
  const { plan, agencies, campaign } = await benchProvince(agencyCount, PERIOD);
  const clock = createVirtualClock(Date.parse('2025-06-19T10:00:00+07:00'));
  const logger = pino({ level: 'silent' });
  let store: Store | undefined;
  try {
    store = await createStore({
      ...(kind === 'redis' ? { redisUrl: BENCH_REDIS_URL } : {}),
      redisPrefix: prefix,
      dataDir: dir,
      clock,
      logger,
    });
    const s = store;
    const seedStart = performance.now();
    await s.agencies.sync(plan.agencies);
    await s.people.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình', grantedAt: clock.now() });
    for (let start = 0; start < agencyCount; start += 500) {
      await Promise.all(
        agencies.slice(start, start + 500).map(async (a, j) => {
          const i = start + j;
          const head = accountId('telegram', String(100_000 + i));
          await s.people.grant({ account: head, role: 'head', agencyId: a.id, name: `Thủ trưởng ${i}`, grantedAt: clock.now() });
          if (i % 5 === 4) return;
          const report: NewSubmission = {
            campaignId: campaign.id,
            periodId: PERIOD,
            agencyId: a.id,
            answers: answersFor(i, campaign.items.length),
            submittedBy: { account: head, name: `Thủ trưởng ${i}`, role: 'head' },
            submittedAt: clock.now(),
            late: false,
          };
          await s.reports.add(report);
        }),
      );
    }
    const seedMs = Math.round(performance.now() - seedStart);
    const services: Services = {
      plan,
      periods: createPeriodCatalog(plan, s),
      calendar: calendarOf(plan),
      store: s,
      clock,
      adminIds: new Set(),
      logger,
    };
    const router = createRouter(services);
    const status = await measure(
      `/status (${kind})`,
      () =>
        router.handle({
          platform: 'telegram',
          chat: { id: '2002', kind: 'private' },
          sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
          content: { type: 'text', text: '/status' },
          receivedAt: clock.now(),
        }),
      true,
      RUNS,
    );
    let n = 0;
    const confirm = await measure(
      `confirm report (${kind})`,
      async () => {
        const i = 4 + 5 * (n++ % Math.floor(agencyCount / 5));
        const agencyId = `don-vi-${i}`;
        const head = accountId('telegram', String(100_000 + i));
        const key = `report:telegram:${100_000 + i}`;
        await s.conversations.put(key, { agencyId, phase: 'review' }, 3_600_000);
        if (!(await s.firstClaims.claim(`report-lease:${PERIOD}:${agencyId}`, key, 10_000))) throw new Error('lease taken');
        await s.reports.latest(PERIOD, agencyId);
        await s.reports.add({
          campaignId: campaign.id,
          periodId: PERIOD,
          agencyId,
          answers: answersFor(i, campaign.items.length),
          submittedBy: { account: head, name: `Thủ trưởng ${i}`, role: 'head' },
          submittedAt: clock.now(),
          late: false,
        });
        await s.conversations.delete(`${key}:tombstone`);
        await s.conversations.delete(key);
        await s.leases.release(`report-lease:${PERIOD}:${agencyId}`, key);
      },
      true,
      RUNS,
    );
    return { kind, seedMs, status, confirm };
  } finally {
    await store?.close();
    if (kind === 'redis') await deleteBenchPrefix(prefix);
    await rm(dir, { recursive: true, force: true });
  }
}
