import { isInOfficeHours } from '../src/domain/calendar/index.js';
import { formatVietnamTime, localDateAt } from '../src/domain/vietnam-time.js';
import { agenciesOfPeriod } from '../src/domain/plan.js';
import { currentPeriods } from '../src/domain/period.js';
import { nextDueAt, planDue, type DueItem } from '../src/domain/reminders/index.js';
import type { Deliver } from '../src/messaging/delivery.js';
import type { Services } from '../handlers/services.js';
import { countingSubmissions } from '../handlers/counting-reports.js';
import { coordinatorTargets } from './coordinators.js';
import { createEscalationSender } from './escalations.js';
import { forEachBounded } from './fan-out.js';
import { createOutbox } from './outbox.js';
import { claimToken } from '../src/store/claim-token.js';
import type { Scheduler, TickOptions, TickReport } from '../src/ports/scheduler.js';
import { createQueuedPushRunner } from './queued-pushes.js';
import { createReminderSender } from './reminders.js';
import { createSummaryRunner } from './summaries.js';

export type { Scheduler, TickOptions, TickReport };

/** Where the scheduler remembers the end of the last window it finished. */
export const CURSOR_KEY = 'scheduler:cursor';
/** Deliveries a tick keeps in flight at once: throughput is set by the pacer, not by Redis round trips. */
export const FAN_OUT_CONCURRENCY = 32;
/** Where the instance that runs a tick slot is decided: `scheduler-tick:<Hà Nội yyyy-mm-ddThh:mm[:ss]>`. */
export const TICK_LEASE_PREFIX = 'scheduler-tick:';

export interface SchedulerOptions {
  services: Services;
  deliver: Deliver;
  /** Distinguishes instances in leases, e.g. `host:pid`. */
  instanceId: string;
  /** How long a claimed delivery is held before another instance may take it over. */
  leaseMs?: number;
  /** Deliveries in flight at once during a fan-out (FAN_OUT_CONCURRENCY by default). */
  concurrency?: number;
}

/**
 * The reminder scheduler: planner over (cursor, now] → a deterministic key per delivery → the
 * outbox (scheduler/outbox.ts: claimed once across instances, sent, recorded as done). Each kind of
 * delivery has its own module: reminders, escalations, summaries, queued pushes.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { services, instanceId } = options;
  const concurrency = Math.max(1, options.concurrency ?? FAN_OUT_CONCURRENCY);
  const { plan, store, calendar, logger } = services;
  const policy = plan.reminders;
  const outbox = createOutbox({ store, deliver: options.deliver, instanceId, leaseMs: options.leaseMs, logger });
  const coordinators = () => coordinatorTargets(store);
  const sendReminder = createReminderSender({ services, outbox, coordinatorTargets: coordinators });
  const sendEscalation = createEscalationSender({ services, outbox, coordinatorTargets: coordinators });
  const summaries = createSummaryRunner({ services, outbox, coordinatorTargets: coordinators });
  const queuedPushes = createQueuedPushRunner({ services, outbox });

  async function cursor(nowMs: number): Promise<number> {
    const saved = Number(await store.settings.get(CURSOR_KEY));
    if (Number.isFinite(saved) && saved > 0) return saved;
    // First run ever: start from now, never replay the past.
    await store.settings.set(CURSOR_KEY, String(nowMs));
    return nowMs;
  }

  async function runWindow(fromMs: number, toMs: number, signal?: AbortSignal): Promise<TickReport> {
    const report: TickReport = { fromMs, toMs, sent: 0, skippedStale: 0, alreadyDone: 0, failed: 0, advanced: false };
    if (!isInOfficeHours(toMs, policy.officeHours, calendar)) return report;
    const due: DueItem[] = [];
    for (const period of currentPeriods(await services.periods.all(), toMs, 366)) {
      const agencies = agenciesOfPeriod(plan, period).map((a) => a.id);
      const input = { periods: [period], policy, calendar, fromMs, toMs, agencies };
      // Submissions are read only for a period with something due.
      if (planDue({ ...input, reported: () => false }).length === 0) continue;
      // A deputy's draft awaiting the head's sign-off does not count as reported.
      const reported = new Set((await countingSubmissions(store, period.id)).keys());
      due.push(...planDue({ ...input, reported: (_p, a) => reported.has(a) }));
    }
    const today = localDateAt(toMs);
    let complete = true;
    // Read once per window, not once per agency (10,000 reminders would read every binding 10,000 times).
    const bindings = due.some((d) => d.kind !== 'escalation' && d.slotDay === today) ? await store.chats.list() : [];
    // Bounded fan-out: up to `concurrency` items at once, each sending its deliveries one after
    // another, so at most `concurrency` deliveries are in flight. Order across recipients does not
    // matter; per-chat order and pace are the pacer's.
    await forEachBounded(
      due,
      concurrency,
      () => signal?.aborted === true,
      async (item) => {
        if (item.kind === 'escalation') {
          complete = (await sendEscalation(item, toMs, report, signal)) && complete;
        } else if (item.slotDay !== today) {
          // A reminder missed on an earlier day is stale: today's own reminders (if any) supersede it.
          report.skippedStale++;
        } else {
          complete = (await sendReminder(item, toMs, report, bindings, signal)) && complete;
        }
      },
    );
    if (signal?.aborted) {
      // Stopped part-way: what was not started is left for the next tick; the window stays open.
      report.aborted = true;
      return report;
    }
    // Summaries to the coordinators (deadline, final, weekly digest, addenda): scheduler/summaries.ts.
    complete = (await summaries.run(fromMs, toMs, report, signal)) && complete;
    complete = (await queuedPushes.run(toMs, report, signal)) && complete;
    report.advanced = complete && !signal?.aborted;
    if (signal?.aborted) report.aborted = true;
    return report;
  }

  async function tick(nowMs = services.clock.now(), options: TickOptions = {}): Promise<TickReport> {
    const from = await cursor(nowMs);
    if (nowMs <= from) return { fromMs: from, toMs: nowMs, sent: 0, skippedStale: 0, alreadyDone: 0, failed: 0, advanced: false };
    const report = await runWindow(from, nowMs, options.signal);
    // Outside office hours, or with a delivery still to retry, the window stays open for the next tick.
    if (report.advanced) await store.settings.set(CURSOR_KEY, String(nowMs));
    if (report.sent + report.failed + report.skippedStale > 0 || report.aborted) logger.info({ ...report }, 'scheduler tick');
    return report;
  }

  async function claimTickSlot(slotMs = 60_000): Promise<boolean> {
    const now = services.clock.now();
    const slotStart = Math.floor(now / slotMs) * slotMs;
    // Hà Nội local time names the slot: scheduler-tick:2025-06-13T08:00 (…:05 for sub-minute slots).
    const name = formatVietnamTime(slotStart, slotMs % 60_000 === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
    // Claimed once, never released, for the slot and a minute more: enough for instances whose
    // clocks differ by some seconds to name the same slot while the claim still stands. A token per
    // attempt, so this instance's own next tick in the same slot is refused too.
    return store.firstClaims.claim(`${TICK_LEASE_PREFIX}${name}`, claimToken(instanceId), slotMs + 60_000);
  }

  async function runUntil(toMs: number, setClock: (ms: number) => void): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    let at = services.clock.now();
    await cursor(at);
    for (;;) {
      const reminderNext = nextDueAt({ periods: await services.periods.all(), policy, calendar, afterMs: at });
      const summaryNext = await summaries.nextAt(at);
      const pushNext = await queuedPushes.nextAt(at);
      const next = [reminderNext, summaryNext, pushNext].filter((t): t is number => t !== undefined).sort((a, b) => a - b)[0];
      if (next === undefined || next > toMs) break;
      setClock(next);
      reports.push(await tick(next));
      at = next;
    }
    setClock(toMs);
    reports.push(await tick(toMs));
    return reports;
  }

  return { tick, runUntil, claimTickSlot };
}

export type { DueItem };
