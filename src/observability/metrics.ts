import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Router } from '../ports/router.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { Platform } from '../domain/roles.js';
import type { Store } from '../store/store.js';
import type { UpdateStats } from '../platforms/core/update-stats.js';

/**
 * The Prometheus metrics of one running bot (`GET /metrics`). A registry of its own, not the
 * global one, so two bots in one test process never add to each other's figures. Every label
 * value is from a fixed set (platform, API method, error code, outcome): never a chat, a person or
 * a token.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly updates: Counter<'platform' | 'outcome'>;
  readonly replies: Counter<'platform'>;
  readonly messagesSent: Counter<'platform' | 'method'>;
  readonly apiErrors: Counter<'platform' | 'method' | 'code'>;
  readonly reminders: Counter<'outcome'>;
  readonly schedulerTicks: Counter<'outcome'>;
  readonly submissions: Counter<'status' | 'timeliness'>;
  readonly storeOperation: Histogram<'operation' | 'outcome'>;
  readonly updateHandling: Histogram<'platform'>;
  /** Counts updates by outcome from a pipeline's running totals, read at each scrape. */
  watchUpdates(platform: Platform, totals: () => Partial<Record<UpdateOutcome, number>> | undefined): void;
  /** Reads the number of open report conversations at each scrape. */
  watchConversations(count: () => Promise<number>): void;
}

export type UpdateOutcome = keyof UpdateStats;

/** Observes every Bot API / Zalo API call attempt (retries included). */
export interface ApiCallObserver {
  (platform: Platform, method: string, outcome: { ok: true } | { ok: false; code: number | 'network' }): void;
}

/** Methods whose success means a message reached a chat. */
const SENDING_METHODS = new Set(['sendMessage', 'sendDocument', 'sendPhoto', 'sendMediaGroup', 'copyMessage', 'forwardMessage']);

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'dondoc_' });
  const registers = [registry];

  const updateSources: { platform: Platform; totals: () => Partial<Record<UpdateOutcome, number>> | undefined }[] = [];
  const updates = new Counter({
    name: 'dondoc_updates_total',
    help: "Updates received from the platforms, by outcome: handled, duplicates (already seen), ignored (nothing to do), failed, throttled (dropped at intake: over a sender's or chat's rate or backlog).",
    labelNames: ['platform', 'outcome'] as const,
    registers,
    collect() {
      // The pipelines keep running totals; a counter set from them at each scrape stays monotonic.
      this.reset();
      for (const { platform, totals } of updateSources) {
        for (const [outcome, n] of Object.entries(totals() ?? {})) this.inc({ platform, outcome }, n);
      }
    },
  });

  let conversations: (() => Promise<number>) | undefined;
  new Gauge({
    name: 'dondoc_conversations_open',
    help: 'Report conversations (/baocao) in progress, across every instance.',
    registers,
    async collect() {
      if (!conversations) return;
      try {
        this.set(await conversations());
      } catch {
        // The store is unreachable: /healthz says so; the gauge keeps its last value.
      }
    },
  });

  return {
    registry,
    updates,
    replies: new Counter({
      name: 'dondoc_replies_total',
      help: 'Replies the bot gave to people (one per message it answered with).',
      labelNames: ['platform'] as const,
      registers,
    }),
    messagesSent: new Counter({
      name: 'dondoc_messages_sent_total',
      help: 'Messages the platforms accepted: replies, reminders, summaries, files.',
      labelNames: ['platform', 'method'] as const,
      registers,
    }),
    apiErrors: new Counter({
      name: 'dondoc_platform_api_errors_total',
      help: 'Failed platform API calls by error code (429, 403, 5xx …, or "network"), each attempt counted.',
      labelNames: ['platform', 'method', 'code'] as const,
      registers,
    }),
    reminders: new Counter({
      name: 'dondoc_reminders_total',
      help: 'Scheduled deliveries (reminders, escalations, summaries) by outcome: sent, failed, already_done (another instance or an earlier tick), skipped_stale.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    schedulerTicks: new Counter({
      name: 'dondoc_scheduler_ticks_total',
      help: 'Scheduler ticks by outcome: advanced (window closed), held (outside office hours or something to retry), skipped (another instance won the slot), aborted (shutdown), failed.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    submissions: new Counter({
      name: 'dondoc_submissions_total',
      help: 'Report revisions stored, by status (final, draft …) and timeliness (on_time, late).',
      labelNames: ['status', 'timeliness'] as const,
      registers,
    }),
    storeOperation: new Histogram({
      name: 'dondoc_store_operation_seconds',
      help: "Time of each store operation (Redis round trips or the embedded store's fsync).",
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    updateHandling: new Histogram({
      name: 'dondoc_update_handling_seconds',
      help: 'Time from an update reaching the router to its replies being ready.',
      labelNames: ['platform'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    watchUpdates(platform, totals) {
      updateSources.push({ platform, totals });
    },
    watchConversations(count) {
      conversations = count;
    },
  };
}

/** Counts each API call attempt's outcome; successful sends also count as messages sent. */
export function apiCallObserver(metrics: Metrics): ApiCallObserver {
  return (platform, method, outcome) => {
    if (outcome.ok) {
      if (SENDING_METHODS.has(method)) metrics.messagesSent.inc({ platform, method });
    } else {
      metrics.apiErrors.inc({ platform, method, code: String(outcome.code) });
    }
  };
}

/**
 * The store with every call timed (`dondoc_store_operation_seconds{operation}`, the operation named
 * `port.method`, e.g. `reports.add`) and every stored report counted. The store itself is untouched:
 * each port is wrapped in a new object over it.
 */
export function instrumentStore(store: Store, metrics: Metrics): Store {
  // /status on 10,000 agencies makes thousands of store calls: each method is wrapped once, and
  // its histogram children are looked up once, so a call costs two clock reads and an add.
  const wrap = (operation: string, method: (...a: unknown[]) => unknown, self: object) => {
    const ok = metrics.storeOperation.labels({ operation, outcome: 'ok' });
    const failed = metrics.storeOperation.labels({ operation, outcome: 'error' });
    const counted = operation === 'reports.add';
    return (...args: unknown[]) => {
      const started = performance.now();
      const result: unknown = method.apply(self, args);
      if (!(result instanceof Promise)) return result;
      return result.then(
        (value: unknown) => {
          ok.observe((performance.now() - started) / 1000);
          if (counted) countSubmission(metrics, value);
          return value;
        },
        (err: unknown) => {
          failed.observe((performance.now() - started) / 1000);
          throw err;
        },
      );
    };
  };
  const instrumented: Record<string, unknown> = { kind: store.kind, sharedSendRates: store.sharedSendRates };
  const self = store as unknown as Record<'ping' | 'close', (...a: unknown[]) => unknown>;
  for (const name of ['ping', 'close'] as const) instrumented[name] = wrap(name, self[name], store);
  for (const name of STORE_PORTS) {
    const part = store[name] as unknown as Record<string, unknown>;
    const port: Record<string, unknown> = {};
    // Methods may live on a class's prototype, so they are looked up by walking it, not by own keys.
    for (let proto: object | null = part; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null)
      for (const method of Object.getOwnPropertyNames(proto)) {
        const fn = part[method];
        if (method !== 'constructor' && !(method in port) && typeof fn === 'function')
          port[method] = wrap(`${name}.${method}`, fn as (...a: unknown[]) => unknown, part);
      }
    instrumented[name] = port;
  }
  return instrumented as unknown as Store;
}

/** Every port of the store, each instrumented as `port.method`. */
const STORE_PORTS = [
  'agencies',
  'people',
  'reports',
  'invites',
  'delegations',
  'chats',
  'contacts',
  'audit',
  'adHocRequests',
  'conversations',
  'leases',
  'firstClaims',
  'deliveries',
  'hitCounters',
  'settings',
] as const satisfies readonly Exclude<keyof Store, 'kind' | 'ping' | 'close' | 'sharedSendRates'>[];

function countSubmission(metrics: Metrics, saved: unknown): void {
  const s = saved as { status?: unknown; late?: unknown } | undefined;
  metrics.submissions.inc({
    status: typeof s?.status === 'string' ? s.status : 'final',
    timeliness: s?.late === true ? 'late' : 'on_time',
  });
}

/** The router with each update's handling timed and its replies counted. */
export function instrumentRouter(router: Router, metrics: Metrics): Router {
  return {
    commands: router.commands,
    async handle(incoming) {
      const stop = metrics.updateHandling.startTimer({ platform: incoming.platform });
      try {
        const replies = await router.handle(incoming);
        metrics.replies.inc({ platform: incoming.platform }, replies.length);
        return replies;
      } finally {
        stop();
      }
    },
  };
}

/** The scheduler with each tick's deliveries counted by outcome. */
export function instrumentScheduler(scheduler: Scheduler, metrics: Metrics): Scheduler {
  return {
    ...scheduler,
    async tick(nowMs, options) {
      try {
        const report = await scheduler.tick(nowMs, options);
        metrics.reminders.inc({ outcome: 'sent' }, report.sent);
        metrics.reminders.inc({ outcome: 'failed' }, report.failed);
        metrics.reminders.inc({ outcome: 'already_done' }, report.alreadyDone);
        metrics.reminders.inc({ outcome: 'skipped_stale' }, report.skippedStale);
        metrics.schedulerTicks.inc({ outcome: report.aborted ? 'aborted' : report.advanced ? 'advanced' : 'held' });
        return report;
      } catch (err) {
        metrics.schedulerTicks.inc({ outcome: 'failed' });
        throw err;
      }
    },
  };
}
