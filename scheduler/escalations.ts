import { agenciesOfPeriod, findAgency, findCampaign } from '../src/domain/plan.js';
import { reminderMessageFacts, type EscalationDue } from '../src/domain/reminders/index.js';
import type { ChatAddress } from '../src/messaging/delivery.js';
import { splitMissing } from '../src/reports/missing-split.js';
import { SUMMARY_NAME_LIMIT } from '../src/reports/progress-text.js';
import { formatDateWithWeekdayVi } from '../src/texts/format.js';
import { vi as texts } from '../src/texts/vi.js';
import type { Services } from '../handlers/services.js';
import { reachOf } from '../handlers/summary-data.js';
import { tally, type DeliveryTally, type Outbox } from './outbox.js';

export interface EscalationSenderOptions {
  services: Services;
  outbox: Outbox;
  coordinatorTargets(): Promise<ChatAddress[]>;
}

/** Sends one due escalation; false when a delivery must be retried (the window stays open). */
export type SendEscalation = (item: EscalationDue, nowMs: number, report: DeliveryTally, signal?: AbortSignal) => Promise<boolean>;

/**
 * The escalation to the coordinators once a deadline has passed: which agencies are still missing,
 * split by what the coordinator can do about each (reminded, never registered, not reachable).
 */
export function createEscalationSender(options: EscalationSenderOptions): SendEscalation {
  const { services, outbox } = options;
  const { plan, store, calendar } = services;

  return async function sendEscalation(item, nowMs, report, signal) {
    const period = await services.periods.find(item.periodId);
    if (!period) return true;
    const campaign = findCampaign(plan, period.campaignId);
    const facts = reminderMessageFacts(item, period, calendar, nowMs);
    // Split by what the coordinator can do: an agency nobody could be reminded is never listed as
    // having ignored reminders.
    const missingRows = item.missingAgencies.map((id) => ({
      agency: { id, name: findAgency(plan, id)?.name ?? id },
      standing: 'missing' as const,
      heads: [],
      draftPending: false,
    }));
    const split = splitMissing(missingRows, await reachOf(store, period.id, item.missingAgencies));
    const shown = (rows: readonly { agency: { name: string } }[]) =>
      rows.length > SUMMARY_NAME_LIMIT
        ? [
            ...rows.slice(0, SUMMARY_NAME_LIMIT).map((r) => r.agency.name),
            texts.progress.more(rows.length - SUMMARY_NAME_LIMIT).replace(/\.$/, ''),
          ]
        : rows.map((r) => r.agency.name);
    const text = texts.escalation({
      period: period.name,
      campaign: campaign ? `${campaign.name}, ${campaign.legalBasis}` : period.campaignId,
      deadline: formatDateWithWeekdayVi(period.deadline),
      workingDaysLate: Math.max(1, -facts.workingDaysLeft),
      total: agenciesOfPeriod(plan, period).length,
      missing: item.missingAgencies.length,
      reminded: split.reminded.map((r) => ({ name: r.row.agency.name, times: r.times })),
      unregistered: split.unregistered.length,
      unregisteredNames: shown(split.unregistered),
      notReached: split.notReached.length,
      notReachedNames: shown(split.notReached),
    });
    return tally(report, ...(await outbox.deliverToEach(item.key, await options.coordinatorTargets(), { text }, signal)));
  };
}
