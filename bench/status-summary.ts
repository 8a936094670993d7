import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createPeriodCatalog } from '../handlers/period-catalog.js';
import { createRouter } from '../handlers/router.js';
import type { Services } from '../handlers/services.js';
import { forSummaryText, loadSummary } from '../handlers/summary-data.js';
import { calendarOf } from '../src/app/plan-calendar.js';
import { createVirtualClock } from '../src/domain/clock.js';
import { accountId } from '../src/domain/roles.js';
import type { NewSubmission } from '../src/domain/submission.js';
import type { Incoming } from '../src/messaging/incoming.js';
import { progressChartPng } from '../src/reports/chart.js';
import { renderSummaryText } from '../src/reports/progress-text.js';
import { createStore } from '../src/store/create-store.js';
import { vi } from '../src/texts/vi.js';
import { answersFor, BENCH_REDIS_URL, benchProvince, deleteBenchPrefix } from './fixture.js';
import { measure, printTable } from './measure.js';
import { createMetrics, instrumentRouter, instrumentStore } from '../src/observability/metrics.js';

const PERIOD = '2025-6-thang';
const COORDINATOR = accountId('telegram', '2002');
/** Timed runs per figure (the median is printed). */
const RUNS = 5;

/**
 * `/status` and a summary for 10,000 agencies × 7 items on Redis: 8,000 reported (a tenth of them
 * late, a hundred with a deputy's draft on top), every agency with a registered head. The baseline
 * is the raw store read `latestSubmissions` alone, which `/status` cannot avoid; the ratio shows
 * what counting, the heads' lookup and the text cost on top. The keys go under a fresh
 * `dondoc-bench:` prefix, deleted afterwards.
 */
export async function benchStatusAndSummary(agencyCount = 10_000): Promise<void> {
  const prefix = `dondoc-bench:${randomBytes(6).toString('hex')}:`;
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-bench-'));
  const { plan, agencies, period, campaign } = await benchProvince(agencyCount, PERIOD);
  const clock = createVirtualClock(Date.parse('2025-06-19T10:00:00+07:00'));
  const logger = pino({ level: 'silent' });
  let store;
  try {
    store = await createStore({ redisUrl: BENCH_REDIS_URL, redisPrefix: prefix, dataDir: dir, clock, logger });
  } catch (err) {
    console.log(`\n/status and summaries (issue 6): skipped — ${err instanceof Error ? err.message : String(err)}`);
    await rm(dir, { recursive: true, force: true });
    return;
  }
  try {
    const seedStart = performance.now();
    await store.agencies.sync(plan.agencies);
    await store.people.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình', grantedAt: clock.now() });
    const deadlineEnd = Date.parse('2025-06-18T23:59:59+07:00');
    for (let start = 0; start < agencyCount; start += 1_000) {
      const batch = agencies.slice(start, start + 1_000);
      await Promise.all(
        batch.map(async (a, j) => {
          const i = start + j;
          await store.people.grant({
            account: accountId('telegram', String(100_000 + i)),
            role: 'head',
            agencyId: a.id,
            name: `Thủ trưởng ${i}`,
            grantedAt: clock.now(),
          });
          if (i % 5 === 4) return; // a fifth have not reported
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
          if (i % 100 === 1) await store.reports.add({ ...s, status: 'draft', submittedAt: submittedAt + 60_000 });
        }),
      );
    }
    const seedMs = Math.round(performance.now() - seedStart);
    const services: Services = {
      plan,
      periods: createPeriodCatalog(plan, store),
      calendar: calendarOf(plan),
      store,
      clock,
      adminIds: new Set(),
      logger,
    };
    const router = createRouter(services);
    const asCoordinator = (content: Incoming['content']): Incoming => ({
      platform: 'telegram',
      chat: { id: '2002', kind: 'private' },
      sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
      content,
      receivedAt: clock.now(),
    });
    let statusChars = 0;
    let summaryChars = 0;
    let pngBytes = 0;

    // The raw read: a store that has not read the period before parses every report from Redis.
    const fresh = await createStore({ redisUrl: BENCH_REDIS_URL, redisPrefix: prefix, dataDir: dir, clock, logger });
    const baseline = await measure(
      `baseline: latestSubmissions, first read (${agencyCount} × ${campaign.items.length} items)`,
      () => fresh.reports.latestOfPeriod(PERIOD),
      false,
    );
    await fresh.close();
    const warm = await measure(
      'latestSubmissions again (version unchanged: cached)',
      () => store.reports.latestOfPeriod(PERIOD),
      true,
      RUNS,
    );
    const status = await measure(
      '/status through the router (counting, heads, page 1)',
      async () => {
        const replies = await router.handle(asCoordinator({ type: 'text', text: '/status' }));
        statusChars = replies.reduce((n, r) => n + r.text.length, 0);
      },
      true,
      RUNS,
    );
    let extra = 0;
    const afterReport = await measure(
      '/status right after a new report (the changed agency re-read)',
      async () => {
        const a = agencies[4 + 5 * (extra++ % 1_000)]; // one not reported yet
        if (a)
          await store.reports.add({
            campaignId: campaign.id,
            periodId: PERIOD,
            agencyId: a.id,
            answers: answersFor(4, campaign.items.length),
            submittedBy: { account: COORDINATOR, name: 'Trần Thị Bình', role: 'coordinator' },
            submittedAt: clock.now(),
            late: true,
          });
        await router.handle(asCoordinator({ type: 'text', text: '/status' }));
      },
      true,
      RUNS,
    );
    // As deployed: the router over the metrics-instrumented store (every call timed by a Proxy).
    const metrics = createMetrics({ defaultMetrics: false });
    const instrumented = instrumentStore(store, metrics);
    const observedRouter = instrumentRouter(
      createRouter({ ...services, store: instrumented, periods: createPeriodCatalog(plan, instrumented) }),
      metrics,
    );
    const observed = await measure(
      '/status as deployed (store and router instrumented for /metrics)',
      () => observedRouter.handle(asCoordinator({ type: 'text', text: '/status' })),
      true,
      RUNS,
    );
    const page = await measure(
      '/status page 50 (a button press)',
      () => router.handle(asCoordinator({ type: 'choice', value: `st:page:${PERIOD}:50` })),
      true,
      RUNS,
    );
    let model = await loadSummary(services, period, clock.now());
    const summary = await measure(
      'summary: model + who can be reminded + text (as the scheduler builds it)',
      async () => {
        const counted = await loadSummary(services, period, clock.now());
        const named = await forSummaryText(store, counted);
        model = named.model;
        summaryChars = renderSummaryText(model, vi, 'final', named.reach).length;
      },
      true,
      RUNS,
    );
    const chart = await measure(
      'summary chart: SVG → PNG (resvg)',
      () => {
        pngBytes = progressChartPng(model).length;
      },
      true,
      RUNS,
    );
    printTable(`/status and summaries on Redis (issue 6) — seeded in ${seedMs} ms`, [
      baseline,
      warm,
      status,
      observed,
      afterReport,
      page,
      summary,
      chart,
    ]);
    console.log(
      `  reported ${model.reported}/${model.total} (late ${model.late}); /status page 1: ${statusChars} characters; summary: ${summaryChars} characters; chart: ${Math.round(pngBytes / 1024)} KB`,
    );
    console.log(
      `  /status target 100 ms: ${status.ms <= 100 ? 'met' : 'NOT met'} (${status.ms} ms, ×${(status.ms / baseline.ms).toFixed(2)} the raw read)`,
    );
  } finally {
    await store.close();
    await deleteBenchPrefix(prefix);
    await rm(dir, { recursive: true, force: true });
  }
}
