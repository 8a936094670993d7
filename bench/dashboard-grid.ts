import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { dashboardData } from '../handlers/dashboard-data.js';
import { createPeriodCatalog } from '../handlers/period-catalog.js';
import { createRouter } from '../handlers/router.js';
import type { Services } from '../handlers/services.js';
import { loadSummary } from '../handlers/summary-data.js';
import { calendarOf } from '../src/app/plan-calendar.js';
import { createVirtualClock } from '../src/domain/clock.js';
import { accountId } from '../src/domain/roles.js';
import type { NewSubmission } from '../src/domain/submission.js';
import { dashboardRoutes } from '../src/http/dashboard/routes.js';
import type { HttpResponse } from '../src/http/server.js';
import { createWebSessions } from '../src/security/web-sessions.js';
import { createStore } from '../src/store/create-store.js';
import { answersFor, BENCH_REDIS_URL, benchProvince, deleteBenchPrefix } from './fixture.js';
import { measure, printTable } from './measure.js';

const PERIOD = '2025-6-thang';
const COORDINATOR = accountId('telegram', '2002');
const RUNS = 5;

/**
 * The dashboard's period grid for 10,000 agencies × 7 items on Redis (8,000 reported, in 20
 * khối), against building the same numbers for `/status` (loadSummary: the store read and the
 * counting both share). The page is measured as a browser gets it: the route with a session
 * cookie (session lookup, roles, the summary, the grid's page of 100 rows, the HTML).
 */
export async function benchDashboardGrid(agencyCount = 10_000): Promise<void> {
  const prefix = `dondoc-bench:${randomBytes(6).toString('hex')}:`;
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-'));
  const { plan, agencies, period, campaign } = await benchProvince(agencyCount, PERIOD);
  const clock = createVirtualClock(Date.parse('2025-06-19T10:00:00+07:00'));
  const logger = pino({ level: 'silent' });
  let store;
  try {
    store = await createStore({ redisUrl: BENCH_REDIS_URL, redisPrefix: prefix, dataDir: dir, clock, logger });
  } catch (err) {
    console.log(`\nDashboard grid (issue 18): skipped — ${err instanceof Error ? err.message : String(err)}`);
    await rm(dir, { recursive: true, force: true });
    return;
  }
  try {
    const seedStart = performance.now();
    await store.agencies.sync(plan.agencies);
    await store.people.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình', grantedAt: clock.now() });
    const deadlineEnd = Date.parse('2025-06-18T23:59:59+07:00');
    for (let start = 0; start < agencyCount; start += 1_000) {
      await Promise.all(
        agencies.slice(start, start + 1_000).map(async (a, j) => {
          const i = start + j;
          if (i % 5 === 4) return;
          const submittedAt = i % 10 === 3 ? deadlineEnd + 3_600_000 : Date.parse('2025-06-16T09:00:00+07:00') + i * 1_000;
          const s: NewSubmission = {
            campaignId: campaign.id,
            periodId: PERIOD,
            agencyId: a.id,
            answers: answersFor(i, campaign.items.length),
            submittedBy: { account: accountId('telegram', String(100_000 + i)), name: `Thủ trưởng ${i}`, role: 'head' },
            submittedAt,
            late: submittedAt > deadlineEnd,
          };
          await store.reports.add(s);
        }),
      );
    }
    const seedMs = Math.round(performance.now() - seedStart);
    const sessions = createWebSessions({ store });
    const services: Services = {
      plan,
      periods: createPeriodCatalog(plan, store),
      calendar: calendarOf(plan),
      store,
      clock,
      adminIds: new Set(),
      logger,
      dashboard: { publicUrl: 'http://127.0.0.1', sessions },
    };
    const router = createRouter(services);
    const routes = dashboardRoutes({ services, data: dashboardData, sessions, publicUrl: 'http://127.0.0.1' });
    const signIn = routes.find((r) => r.path === '/dashboard/dangnhap');
    const grid = routes.find((r) => r.path === '/dashboard/ky');
    if (!signIn || !grid) throw new Error('dashboard routes changed');
    const exchanged = await signIn.handle({
      method: 'GET',
      path: signIn.path,
      query: new URLSearchParams({ t: (await sessions.issueLink(COORDINATOR, 'Trần Thị Bình')) ?? '' }),
      headers: {},
      body: Buffer.alloc(0),
      remoteAddress: '127.0.0.1',
    });
    const cookie = (exchanged.headers?.['set-cookie'] ?? '').split(';')[0] ?? '';
    let html = 0;
    const open = async (query: Record<string, string>): Promise<HttpResponse> => {
      const res = await grid.handle({
        method: 'GET',
        path: grid.path,
        query: new URLSearchParams({ id: PERIOD, ...query }),
        headers: { cookie },
        body: Buffer.alloc(0),
        remoteAddress: '127.0.0.1',
      });
      if (res.status !== 200) throw new Error(`grid answered ${res.status}`);
      html = typeof res.body === 'string' || Buffer.isBuffer(res.body) ? Buffer.byteLength(res.body) : 0;
      return res;
    };

    const numbers = await measure(
      `baseline: /status numbers (loadSummary, ${agencyCount} × ${campaign.items.length})`,
      () => loadSummary(services, period, clock.now()),
      true,
      RUNS,
    );
    const status = await measure(
      '/status through the router (page 1 text)',
      () =>
        router.handle({
          platform: 'telegram',
          chat: { id: '2002', kind: 'private' },
          sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
          content: { type: 'text', text: `/status ${PERIOD}` },
          receivedAt: clock.now(),
        }),
      true,
      RUNS,
    );
    const first = await measure('dashboard grid, page 1 (100 rows, HTML)', () => open({}), true, RUNS);
    const firstKb = Math.round(html / 1024);
    const middle = await measure('dashboard grid, page 50', () => open({ trang: '50' }), true, RUNS);
    const search = await measure('dashboard grid, search "so 99" + filter late', () => open({ q: 'so 99', loc: 'late' }), true, RUNS);
    printTable(`Dashboard period grid on Redis (issue 18) — seeded in ${seedMs} ms`, [numbers, status, first, middle, search]);
    console.log(
      `  page 1 HTML: ${firstKb} KB; grid page 1 ×${(first.ms / numbers.ms).toFixed(2)} the /status numbers (goal ≤ ×2): ${first.ms <= 2 * numbers.ms ? 'met' : 'NOT met'}`,
    );
  } finally {
    await store.close();
    await deleteBenchPrefix(prefix);
    await rm(dir, { recursive: true, force: true });
  }
}
