import { nextOfficeTime } from '../src/domain/calendar/index.js';
import { localDateAt } from '../src/domain/vietnam-time.js';
import { agenciesOfPeriod, type Plan } from '../src/domain/plan.js';
import type { Period } from '../src/domain/period.js';
import {
  addendumKey,
  DEFAULT_SUMMARY_POLICY,
  dueSummarySlots,
  finalSummaryMetaKey,
  summarise,
  summarySlots,
  type SummaryPolicy,
  type SummarySlot,
} from '../src/domain/summary/index.js';
import type { ChatAddress } from '../src/messaging/delivery.js';
import type { Reply } from '../src/messaging/reply.js';
import { progressChartPng } from '../src/reports/chart.js';
import { chartAttachment } from '../src/reports/files.js';
import { renderAddendum, renderSummaryText } from '../src/reports/progress-text.js';
import { vi as texts } from '../src/texts/vi.js';
import type { Services } from '../handlers/services.js';
import { campaignOf, forSummaryText, loadSummary } from '../handlers/summary-data.js';
import { reportsOfPeriod } from '../handlers/counting-reports.js';
import { tally, type DeliveryTally, type Outbox } from './outbox.js';

/** Late reports are looked for this long after a period's final summary; older periods are left alone. */
export const ADDENDUM_WINDOW_MS = 60 * 86_400_000;
const HOUR_MS = 3_600_000;

export interface SummaryRunnerOptions {
  services: Services;
  /** The scheduler's lease-and-ledger send. */
  outbox: Outbox;
  coordinatorTargets(): Promise<ChatAddress[]>;
}

export interface SummaryRunner {
  /** Sends what falls due in (fromMs, toMs]; false when something must be retried. */
  run(fromMs: number, toMs: number, report: DeliveryTally, signal?: AbortSignal): Promise<boolean>;
  /** The next summary slot after `afterMs` (for runUntil over virtual time), or undefined. */
  nextAt(afterMs: number): Promise<number | undefined>;
}

export function summaryPolicyOf(plan: Plan): SummaryPolicy {
  return plan.summaries ?? DEFAULT_SUMMARY_POLICY;
}

/**
 * The coordinators' summaries, posted by the scheduler to the coordinator chat (else to each
 * coordinator privately) through the same lease and ledger as reminders, once per slot and target:
 *
 *   sum:<periodId>:weekly:<day>     a digest while the period is open (plan `summaries.weekly_digest`)
 *   sum:<periodId>:deadline:<day>   on the deadline day, half an hour before closing (or `deadline_at`)
 *   sum:<periodId>:final:<day>      one working day later, the same time: final, with the late ones
 *   sum:<periodId>:addendum:<agencyId>:<revision>
 *                                   a report that came after the final summary, as a short note
 *
 * Each summary is computed when it is sent, from the store, and carries the progress chart (PNG).
 * Late reports are looked for at most once an hour, and for 60 days after the final summary.
 */
export function createSummaryRunner(options: SummaryRunnerOptions): SummaryRunner {
  const { services, outbox } = options;
  const { plan, store, calendar } = services;
  const policy = summaryPolicyOf(plan);
  const slotsOf = (period: Period) => summarySlots(period, policy, plan.reminders.officeHours, calendar);
  /** Late reports are looked for when a tick crosses a full hour: the first such moment in office time. */
  const addendumDueAt = (countedAt: number) =>
    nextOfficeTime((Math.floor(countedAt / HOUR_MS) + 1) * HOUR_MS, plan.reminders.officeHours, calendar);

  async function sendToAll(
    report: DeliveryTally,
    key: string,
    targets: readonly ChatAddress[],
    build: () => Promise<Reply>,
    signal?: AbortSignal,
  ): Promise<boolean> {
    // Built only when some target still waits for it: a chart is not drawn for nothing on a retry.
    return tally(report, ...(await outbox.deliverToEach(key, targets, build, signal)));
  }

  async function sendSlot(
    report: DeliveryTally,
    period: Period,
    slot: SummarySlot,
    toMs: number,
    targets: readonly ChatAddress[],
    signal?: AbortSignal,
  ): Promise<boolean> {
    const complete = await sendToAll(
      report,
      slot.key,
      targets,
      async () => {
        const counted = await loadSummary(services, period, toMs);
        const { model, reach } = await forSummaryText(store, counted);
        return {
          text: renderSummaryText(model, texts, slot.kind, reach),
          attachments: [chartAttachment(progressChartPng(model), period.id, toMs, texts.progress.chartCaption(period.name))],
        };
      },
      signal,
    );
    if (slot.kind === 'final' && (await store.settings.get(finalSummaryMetaKey(period.id))) === undefined) {
      // What the final summary counted: reports counted after this instant get an addendum.
      await store.settings.set(finalSummaryMetaKey(period.id), String(toMs));
    }
    return complete;
  }

  async function sendAddenda(
    report: DeliveryTally,
    period: Period,
    final: SummarySlot,
    toMs: number,
    targets: readonly ChatAddress[],
    signal?: AbortSignal,
  ): Promise<boolean> {
    const threshold = Number(await store.settings.get(finalSummaryMetaKey(period.id))) || final.dueAt;
    const { counting, draftsPending } = await reportsOfPeriod(store, period.id);
    const after = [...counting.values()].filter((s) => {
      const at = s.approvedAt ?? s.submittedAt;
      return at > threshold && at <= toMs;
    });
    if (after.length === 0) return true;
    const model = summarise({
      period,
      campaign: campaignOf(services, period),
      agencies: agenciesOfPeriod(plan, period),
      latest: counting,
      draftsPending,
      now: toMs,
      calendar,
    });
    let complete = true;
    for (const s of after) {
      const row = model.rows.find((r) => r.agency.id === s.agencyId);
      if (!row?.submission) continue;
      complete =
        (await sendToAll(
          report,
          addendumKey(period.id, s.agencyId, s.revision),
          targets,
          async () => ({ text: renderAddendum(model, row, texts, calendar) }),
          signal,
        )) && complete;
    }
    return complete;
  }

  return {
    async run(fromMs, toMs, report, signal) {
      const today = localDateAt(toMs);
      const hourCrossed = Math.floor(fromMs / HOUR_MS) !== Math.floor(toMs / HOUR_MS);
      let targets: ChatAddress[] | undefined;
      let complete = true;
      for (const period of await services.periods.all()) {
        const slots = slotsOf(period);
        const final = slots.find((s) => s.kind === 'final');
        const due = dueSummarySlots(slots, fromMs, toMs, today);
        const lookForLate =
          hourCrossed && final !== undefined && final.dueAt < toMs && toMs - final.dueAt <= ADDENDUM_WINDOW_MS && !due.includes(final);
        if (due.length === 0 && !lookForLate) continue;
        targets ??= await options.coordinatorTargets();
        if (targets.length === 0) return true;
        for (const slot of due) complete = (await sendSlot(report, period, slot, toMs, targets, signal)) && complete;
        if (lookForLate && final) complete = (await sendAddenda(report, period, final, toMs, targets, signal)) && complete;
      }
      return complete;
    },
    async nextAt(afterMs) {
      let best: number | undefined;
      const consider = (ms: number) => {
        if (ms > afterMs && (best === undefined || ms < best)) best = ms;
      };
      for (const period of await services.periods.all()) {
        const slots = slotsOf(period);
        const next = slots.find((s) => s.dueAt > afterMs);
        if (next) consider(next.dueAt);
        // A report already in after the final summary: its addendum goes out at the next full hour in office time.
        const final = slots.find((s) => s.kind === 'final');
        if (!final || final.dueAt > afterMs || afterMs - final.dueAt > ADDENDUM_WINDOW_MS) continue;
        const threshold = Number(await store.settings.get(finalSummaryMetaKey(period.id))) || final.dueAt;
        const { counting } = await reportsOfPeriod(store, period.id);
        for (const s of counting.values()) {
          const countedAt = s.approvedAt ?? s.submittedAt;
          if (countedAt > threshold) consider(addendumDueAt(countedAt));
        }
      }
      return best;
    },
  };
}
