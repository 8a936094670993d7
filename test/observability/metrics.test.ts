import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.js';
import { apiCallObserver, createMetrics, instrumentScheduler, instrumentStore } from '../../src/observability/metrics.js';
import { openSqliteStore } from '../../src/store/embedded/open-embedded-store.js';

const series = async (metrics: ReturnType<typeof createMetrics>, name: string) =>
  (await metrics.registry.metrics()).split('\n').find((l) => l.startsWith(`${name} `));

describe('metrics', () => {
  it('times every store call and counts each stored report by status and timeliness, leaving the store as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dondoc-metrics-'));
    const metrics = createMetrics({ defaultMetrics: false });
    const raw = await openSqliteStore({ dataDir: dir, clock: systemClock });
    const store = instrumentStore(raw, metrics);
    try {
      expect(store.kind).toBe('embedded');
      const report = {
        campaignId: 'ci-09',
        periodId: '2025-h1',
        agencyId: 'so-y-te',
        answers: [{ itemNo: 1, status: 'done' as const, percent: 100, note: '' }],
        submittedBy: { account: 'telegram:1' as const, name: 'A', role: 'head' as const },
        submittedAt: 1,
        late: true,
      };
      expect((await store.reports.add(report)).revision).toBe(1);
      await store.reports.add({ ...report, late: false });
      await expect(store.conversations.put('report:x', {}, 0)).rejects.toThrow(RangeError);
      expect(await series(metrics, 'dondoc_submissions_total{status="final",timeliness="late"}')).toMatch(/ 1$/);
      expect(await series(metrics, 'dondoc_submissions_total{status="final",timeliness="on_time"}')).toMatch(/ 1$/);
      expect(await series(metrics, 'dondoc_store_operation_seconds_count{operation="reports.add",outcome="ok"}')).toMatch(/ 2$/);
      expect(await series(metrics, 'dondoc_store_operation_seconds_count{operation="conversations.put",outcome="error"}')).toMatch(/ 1$/);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('counts sends that the platform accepted and errors by code, and reads updates and conversations at scrape time', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const observe = apiCallObserver(metrics);
    observe('telegram', 'sendMessage', { ok: true });
    observe('telegram', 'getUpdates', { ok: true });
    observe('zalo', 'sendMessage', { ok: false, code: 'network' });
    observe('telegram', 'sendMessage', { ok: false, code: 403 });
    let handled = 3;
    metrics.watchUpdates('telegram', () => ({ handled, duplicates: 1 }));
    metrics.watchConversations(async () => 4);
    expect(await series(metrics, 'dondoc_messages_sent_total{platform="telegram",method="sendMessage"}')).toMatch(/ 1$/);
    expect(await series(metrics, 'dondoc_platform_api_errors_total{platform="zalo",method="sendMessage",code="network"}')).toMatch(/ 1$/);
    expect(await series(metrics, 'dondoc_platform_api_errors_total{platform="telegram",method="sendMessage",code="403"}')).toMatch(/ 1$/);
    expect(await series(metrics, 'dondoc_updates_total{platform="telegram",outcome="handled"}')).toMatch(/ 3$/);
    handled = 5;
    expect(await series(metrics, 'dondoc_updates_total{platform="telegram",outcome="handled"}')).toMatch(/ 5$/);
    expect(await series(metrics, 'dondoc_conversations_open')).toMatch(/ 4$/);
  });

  it('keeps two bots in one process apart (a registry each)', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.replies.inc({ platform: 'zalo' });
    expect(await series(a, 'dondoc_replies_total{platform="zalo"}')).toMatch(/ 1$/);
    expect(await series(b, 'dondoc_replies_total{platform="zalo"}')).toBeUndefined();
  });
});

describe('scheduler metrics', () => {
  it('passes the tick options (the shutdown signal) through and counts deliveries by outcome', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const seen: unknown[] = [];
    const report = { fromMs: 0, toMs: 1, sent: 3, skippedStale: 0, alreadyDone: 2, failed: 1, advanced: false, aborted: true };
    const scheduler = instrumentScheduler(
      {
        tick: async (_now, options) => {
          seen.push(options?.signal);
          return report;
        },
        runUntil: async () => [],
      },
      metrics,
    );
    const signal = new AbortController().signal;
    await scheduler.tick(undefined, { signal });
    expect(seen).toEqual([signal]);
    expect(await series(metrics, 'dondoc_reminders_total{outcome="sent"}')).toMatch(/ 3$/);
    expect(await series(metrics, 'dondoc_reminders_total{outcome="already_done"}')).toMatch(/ 2$/);
    expect(await series(metrics, 'dondoc_scheduler_ticks_total{outcome="aborted"}')).toMatch(/ 1$/);
  });
});
