import type { ChatBinding } from '../src/domain/chat-binding.js';
import { localDateAt } from '../src/domain/vietnam-time.js';
import { findAgency, findCampaign } from '../src/domain/plan.js';
import { reminderMessageFacts, type ReminderDue } from '../src/domain/reminders/index.js';
import { draftMarkerKey, type DraftMarker } from '../src/domain/report/draft-marker.js';
import type { ChatAddress, DeliveryResult } from '../src/messaging/delivery.js';
import { privateChatOf } from '../src/messaging/targets.js';
import { vi as texts } from '../src/texts/vi.js';
import type { Services } from '../handlers/services.js';
import { waitingDraft } from '../handlers/report/sign-off.js';
import { noteReminded } from '../handlers/reminded.js';
import { deliveryKey, privateDeliveryKey, reached, tally, type DeliveryTally, type Outbox } from './outbox.js';
import { reminderRecipients, type DmRecipient } from '../handlers/reminder-recipients.js';
import { reminderText } from '../handlers/reminder-message.js';

export interface ReminderSenderOptions {
  services: Services;
  outbox: Outbox;
  coordinatorTargets(): Promise<ChatAddress[]>;
}

/** Sends one due reminder; false when a delivery must be retried (the window stays open). */
export type SendReminder = (
  item: ReminderDue,
  nowMs: number,
  report: DeliveryTally,
  bindings: readonly ChatBinding[],
  signal?: AbortSignal,
) => Promise<boolean>;

/**
 * A reminder to an agency that has not reported: to its group and privately to the people the
 * plan names, each copy once. A private copy that cannot be delivered falls back to the agency's
 * group, and the coordinators are told who could not be reached.
 */
export function createReminderSender(options: ReminderSenderOptions): SendReminder {
  const { services, outbox } = options;
  const { plan, store, calendar, logger } = services;
  const policy = plan.reminders;

  return async function sendReminder(item, nowMs, report, bindings, signal) {
    const period = await services.periods.find(item.periodId);
    const agency = findAgency(plan, item.agencyId);
    if (!period || !agency) return true;
    const campaign = findCampaign(plan, period.campaignId);
    const facts = reminderMessageFacts(item, period, calendar, nowMs);
    const [members, delegation] = await Promise.all([store.people.membersOf(agency.id), store.delegations.get(agency.id)]);
    const groups = bindings.filter((b) => b.target.kind === 'agency' && b.target.agencyId === agency.id);
    const { dms, groups: groupTargets } = reminderRecipients({
      members,
      delegation,
      groups,
      today: localDateAt(nowMs),
      channels: policy.channels,
      recipients: policy.recipients,
    });
    const draftPending = (await waitingDraft(services, period.id, agency.id)) !== undefined;
    const adHoc = period.kind === 'ad-hoc';
    let complete = true;
    // Reached when any one copy got through (now or on an earlier attempt): what "đã nhắc N lần" counts.
    let anyReached = false;
    const postToGroup = async (g: ChatBinding, via: 'group' | 'fallback') => {
      const outcome = await outbox.deliverOnce(
        deliveryKey(item.key, g, via),
        g,
        { text: reminderText(texts, facts, campaign, agency, { as: 'group' }, adHoc, draftPending) },
        signal,
      );
      anyReached = reached(outcome) || anyReached;
      complete = tally(report, outcome) && complete;
    };

    for (const g of groupTargets) await postToGroup(g, 'group');
    for (const person of dms) {
      // A report left half done is mentioned, so the person goes back to it rather than start again.
      const draft = await store.conversations.get<DraftMarker>(draftMarkerKey(person.account, period.id, agency.id));
      const text = [
        reminderText(texts, facts, campaign, agency, person, adHoc, draftPending),
        ...(draft?.v === 1 ? [texts.reminderDraft(draft.answered, draft.total)] : []),
      ].join('\n');
      const outcome = await outbox.deliverOnce(
        privateDeliveryKey(item.key, person.account),
        privateChatOf(person.account),
        { text },
        signal,
      );
      anyReached = reached(outcome) || anyReached;
      complete = tally(report, outcome) && complete;
      if (typeof outcome === 'object' && !outcome.ok && outcome.permanent) {
        await reportUnreachable(item, person, agency.name, outcome, groupTargets.length > 0 ? [] : groups, nowMs, postToGroup, signal);
      }
    }
    // Only a count for the summaries: a store hiccup here must not hold the reminder up for a retry.
    if (anyReached)
      await noteReminded(store, period.id, agency.id, item.key).catch((err: unknown) =>
        logger.warn({ err, key: item.key }, 'could not count a reminder as reached'),
      );
    return complete;
  };

  /** A DM that cannot be delivered falls back to the agency's group, and the coordinators are told. */
  async function reportUnreachable(
    item: ReminderDue,
    person: DmRecipient,
    agencyName: string,
    result: Extract<DeliveryResult, { ok: false }>,
    fallbackGroups: readonly ChatBinding[],
    nowMs: number,
    postToGroup: (g: ChatBinding, via: 'fallback') => Promise<void>,
    signal?: AbortSignal,
  ): Promise<void> {
    const known = await store.contacts.get(person.account);
    await store.contacts.put({
      account: person.account,
      name: known?.name ?? person.name,
      reachable: false,
      unreachableReason: result.reason,
      unreachableSince: nowMs,
      ...(known?.lastSeenAt ? { lastSeenAt: known.lastSeenAt } : {}),
    });
    for (const g of fallbackGroups) await postToGroup(g, 'fallback');
    const reason =
      result.reason === 'blocked'
        ? texts.unreachableReason.blocked
        : result.reason === 'not-found'
          ? texts.unreachableReason['not-found']
          : texts.unreachableReason.other;
    const notice = texts.unreachableNotice({
      who: person.name,
      agency: agencyName,
      reason,
      fellBackToGroup: fallbackGroups.length > 0 || policy.channels.group,
    });
    // Not counted in the tick, nor retried: the reminder itself was the delivery that mattered.
    await outbox.deliverToEach(`${item.key}|unreachable:${person.account}`, await options.coordinatorTargets(), { text: notice }, signal);
    logger.warn({ account: person.account, agency: item.agencyId, reason: result.reason }, 'reminder could not be delivered privately');
  }
}
