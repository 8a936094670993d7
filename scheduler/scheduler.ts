import { isInOfficeHours } from '../src/domain/calendar/index.js';
import type { ChatBinding } from '../src/domain/chat-binding.js';
import { formatVietnamTime, localDateAt } from '../src/domain/vietnam-time.js';
import { agenciesOfPeriod, findAgency, findCampaign } from '../src/domain/plan.js';
import { currentPeriods } from '../src/domain/period.js';
import { nextDueAt, planDue, reminderMessageFacts, type DueItem, type EscalationDue, type ReminderDue } from '../src/domain/reminders/index.js';
import { privateChatOf } from '../src/messaging/targets.js';
import type { ChatAddress, Deliver, DeliveryResult } from '../src/messaging/delivery.js';
import type { Reply } from '../src/messaging/reply.js';
import { vi as texts } from '../src/texts/vi.js';
import { formatDateWithWeekdayVi } from '../src/texts/format.js';
import type { Services } from '../handlers/services.js';
import { reminderRecipients, type DmRecipient } from './recipients.js';
import { claimToken } from '../src/store/claim-token.js';
import { countingSubmissions } from '../handlers/counting-reports.js';
import { waitingDraft } from '../handlers/report/sign-off.js';
import { listQueuedPushes, removePush, updatePush } from '../handlers/push-queue.js';
import { remindPeriod } from '../handlers/remind-now.js';
import { reminderText } from './reminder-message.js';
import { draftMarkerKey, type DraftMarker } from '../src/domain/report/draft-marker.js';
import { createSummaryRunner } from './summaries.js';
import { noteReminded } from '../handlers/reminded.js';
import { reachOf } from '../handlers/summary-data.js';
import { splitMissing } from '../src/reports/missing-split.js';
import { SUMMARY_NAME_LIMIT } from '../src/reports/progress-text.js';

/** Where the scheduler remembers the end of the last window it finished. */
export const CURSOR_KEY = 'scheduler:cursor';
/**
 * How long a delivery lease lasts without renewal: an instance renews its own while it sends, so
 * this is how long the deliveries of an instance that died stay held before another takes them over.
 */
export const DELIVERY_LEASE_MS = 120_000;
/** Deliveries a tick keeps in flight at once: throughput is set by the pacer, not by Redis round trips. */
export const FAN_OUT_CONCURRENCY = 32;
/** Where the instance that runs a tick slot is decided: `scheduler-tick:<Hà Nội yyyy-mm-ddThh:mm[:ss]>`. */
export const TICK_LEASE_PREFIX = 'scheduler-tick:';

/** What one tick did, for logs, the playground and tests. */
export interface TickReport {
  fromMs: number;
  toMs: number;
  sent: number;
  skippedStale: number;
  alreadyDone: number;
  failed: number;
  /** False when the tick stopped short (outside office hours, a delivery to retry, or aborted). */
  advanced: boolean;
  /** True when the tick was told to stop (shutdown) before it had started every delivery. */
  aborted?: boolean;
}

export interface TickOptions {
  /** Once aborted, no new delivery starts; those in flight finish and the window stays open. */
  signal?: AbortSignal;
}

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

export interface Scheduler {
  /**
   * Runs the window since the last finished tick up to `nowMs` (the clock's now by default). Outside
   * office hours it does nothing and keeps the window open, so what fell due is sent at the next
   * office time; reminders of an earlier day are dropped rather than sent late.
   */
  tick(nowMs?: number, options?: TickOptions): Promise<TickReport>;
  /**
   * Claims the tick slot (of `slotMs`, a minute by default) that holds the clock's now for this
   * instance: true for the one instance of several on one store that runs it, false for the others.
   * The claim is never released (it expires), so a slot runs at most once across instances.
   */
  claimTickSlot?(slotMs?: number): Promise<boolean>;
  /**
   * Moves a virtual clock from its current time to `toMs`, stopping at every moment something falls
   * due so each is sent as it would have been in real time (the playground's /advance).
   */
  runUntil(toMs: number, setClock: (ms: number) => void): Promise<TickReport[]>;
}

/**
 * The reminder scheduler: planner over (cursor, now] → a deterministic key per delivery → a lease
 * in the store → send → recorded as done. Any number of instances may tick at once: the lease and
 * the done-ledger make each delivery happen once, and a crash between claim and send only delays it
 * until the lease expires.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { services, deliver, instanceId } = options;
  const leaseMs = options.leaseMs ?? DELIVERY_LEASE_MS;
  const concurrency = Math.max(1, options.concurrency ?? FAN_OUT_CONCURRENCY);
  const { plan, store, calendar, logger } = services;
  const policy = plan.reminders;

  async function cursor(nowMs: number): Promise<number> {
    const saved = Number(await store.getMeta(CURSOR_KEY));
    if (Number.isFinite(saved) && saved > 0) return saved;
    // First run ever: start from now, never replay the past.
    await store.setMeta(CURSOR_KEY, String(nowMs));
    return nowMs;
  }

  /**
   * Sends once per key: takes the lease, then checks the ledger (in that order, so an instance that
   * claims just after another released cannot miss its record), sends, records it.
   */
  async function deliverOnce(key: string, to: ChatAddress, message: Reply, signal?: AbortSignal): Promise<DeliveryResult | 'done' | 'busy'> {
    // Stopping: nothing new starts; the delivery stays for the next tick (of this or another instance).
    if (signal?.aborted) return 'busy';
    if (await store.isDone(key)) return 'done';
    // A token per attempt: a claim resent after a dropped connection is still this attempt's.
    const token = claimToken(instanceId);
    if (!(await store.claimOnce(key, token, leaseMs))) return 'busy';
    // Held for as long as the send takes (a 429 may keep it waiting in the client for a while):
    // renewed every third of the lease, so only a dead instance's lease ever runs out.
    const heartbeat = setInterval(() => void store.renewLease(key, token, leaseMs).catch(() => undefined), Math.max(100, leaseMs / 3));
    let unrecorded = false;
    try {
      if (await store.isDone(key)) return 'done';
      const result = await deliver(to, message);
      unrecorded = result.ok || result.permanent;
      if (result.ok) await store.markDone(key, 'sent');
      else if (result.permanent) await store.markDone(key, `failed:${result.reason}`);
      unrecorded = false;
      return result;
    } finally {
      clearInterval(heartbeat);
      // Sent but not recorded (the store gone for longer than markDone waits): keeping the lease
      // until it expires is what still stands between this message and a second copy.
      if (unrecorded) logger.error({ key }, 'reminder sent but not recorded as sent; its lease is kept until it expires');
      else await store.releaseLease(key, token);
    }
  }

  async function coordinatorTargets(): Promise<ChatAddress[]> {
    const chats = (await store.listChatBindings()).filter((b) => b.target.kind === 'coordinator');
    if (chats.length > 0) return chats.map((c) => ({ platform: c.platform, chatId: c.chatId }));
    // Zalo bots cannot join groups: without a coordinators' group, coordinators are told privately.
    return (await store.holdersOf('coordinator')).map((g) => privateChatOf(g.account));
  }

  async function sendReminder(item: ReminderDue, nowMs: number, report: TickReport, bindings: readonly ChatBinding[], signal?: AbortSignal): Promise<boolean> {
    const period = await services.periods.find(item.periodId);
    const agency = findAgency(plan, item.agencyId);
    if (!period || !agency) return true;
    const campaign = findCampaign(plan, period.campaignId);
    const facts = reminderMessageFacts(item, period, calendar, nowMs);
    const [members, delegation] = await Promise.all([store.agencyMembers(agency.id), store.getDelegation(agency.id)]);
    const groups = bindings.filter((b) => b.target.kind === 'agency' && b.target.agencyId === agency.id);
    const { dms, groups: groupTargets } = reminderRecipients({ members, delegation, groups, today: localDateAt(nowMs), channels: policy.channels, recipients: policy.recipients });
    const draftPending = (await waitingDraft(services, period.id, agency.id)) !== undefined;
    let retry = false;
    const count = (r: DeliveryResult | 'done' | 'busy') => {
      if (r === 'done') report.alreadyDone++;
      else if (r === 'busy') retry = true;
      else if (r.ok) report.sent++;
      else {
        report.failed++;
        if (!r.permanent) retry = true;
      }
    };
    // Reached when any one copy got through (now or on an earlier attempt): what "đã nhắc N lần" counts.
    let reached = false;
    const postToGroup = async (g: ChatBinding, prefix: string) => {
      const result = await deliverOnce(`${item.key}|${prefix}:${g.platform}:${g.chatId}`, g, { text: reminderText(texts, facts, campaign, agency, { as: 'group' }, period.kind === 'ad-hoc', draftPending) }, signal);
      if (result === 'done' || (typeof result === 'object' && result.ok)) reached = true;
      count(result);
    };

    for (const g of groupTargets) await postToGroup(g, 'group');
    for (const person of dms) {
      // A report left half done is mentioned, so the person goes back to it rather than start again.
      const draft = await store.getConversation<DraftMarker>(draftMarkerKey(person.account, period.id, agency.id));
      const text = [reminderText(texts, facts, campaign, agency, person, period.kind === 'ad-hoc', draftPending), ...(draft?.v === 1 ? [texts.reminderDraft(draft.answered, draft.total)] : [])].join('\n');
      const result = await deliverOnce(`${item.key}|dm:${person.account}`, privateChatOf(person.account), { text }, signal);
      if (result === 'done' || (typeof result === 'object' && result.ok)) reached = true;
      count(result);
      if (typeof result === 'object' && !result.ok && result.permanent) {
        await reportUnreachable(item, person, agency.name, result, groupTargets.length > 0 ? [] : groups, nowMs, postToGroup, signal);
      }
    }
    // Only a count for the summaries: a store hiccup here must not hold the reminder up for a retry.
    if (reached) await noteReminded(store, period.id, agency.id, item.key).catch((err: unknown) => logger.warn({ err, key: item.key }, 'could not count a reminder as reached'));
    return !retry;
  }

  /** A DM that cannot be delivered falls back to the agency's group, and the coordinators are told. */
  async function reportUnreachable(
    item: ReminderDue,
    person: DmRecipient,
    agencyName: string,
    result: Extract<DeliveryResult, { ok: false }>,
    fallbackGroups: readonly ChatBinding[],
    nowMs: number,
    postToGroup: (g: ChatBinding, prefix: string) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<void> {
    const known = await store.getContact(person.account);
    await store.putContact({ account: person.account, name: known?.name ?? person.name, reachable: false, unreachableReason: result.reason, unreachableSince: nowMs, ...(known?.lastSeenAt ? { lastSeenAt: known.lastSeenAt } : {}) });
    for (const g of fallbackGroups) await postToGroup(g, 'fallback');
    const reason = result.reason === 'blocked' ? texts.unreachableReason.blocked : result.reason === 'not-found' ? texts.unreachableReason['not-found'] : texts.unreachableReason.other;
    const notice = texts.unreachableNotice({ who: person.name, agency: agencyName, reason, fellBackToGroup: fallbackGroups.length > 0 || policy.channels.group });
    for (const target of await coordinatorTargets()) {
      await deliverOnce(`${item.key}|unreachable:${person.account}|${target.platform}:${target.chatId}`, target, { text: notice }, signal);
    }
    logger.warn({ account: person.account, agency: item.agencyId, reason: result.reason }, 'reminder could not be delivered privately');
  }

  async function sendEscalation(item: EscalationDue, nowMs: number, report: TickReport, signal?: AbortSignal): Promise<boolean> {
    const period = await services.periods.find(item.periodId);
    if (!period) return true;
    const campaign = findCampaign(plan, period.campaignId);
    const facts = reminderMessageFacts(item, period, calendar, nowMs);
    // Split by what the coordinator can do: an agency nobody could be reminded is never listed as
    // having ignored reminders.
    const missingRows = item.missingAgencies.map((id) => ({ agency: { id, name: findAgency(plan, id)?.name ?? id }, standing: 'missing' as const, heads: [], draftPending: false }));
    const split = splitMissing(missingRows, await reachOf(store, period.id, item.missingAgencies));
    const shown = (rows: readonly { agency: { name: string } }[]) =>
      rows.length > SUMMARY_NAME_LIMIT ? [...rows.slice(0, SUMMARY_NAME_LIMIT).map((r) => r.agency.name), texts.progress.more(rows.length - SUMMARY_NAME_LIMIT).replace(/\.$/, '')] : rows.map((r) => r.agency.name);
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
    let complete = true;
    for (const target of await coordinatorTargets()) {
      const r = await deliverOnce(`${item.key}|${target.platform}:${target.chatId}`, target, { text }, signal);
      if (r === 'done') report.alreadyDone++;
      else if (r === 'busy') complete = false;
      else if (r.ok) report.sent++;
      else {
        report.failed++;
        if (!r.permanent) complete = false;
      }
    }
    return complete;
  }

  const summaries = createSummaryRunner({ services, deliverOnce, coordinatorTargets });

  /**
   * Manual pushes queued outside office hours (handlers/push-queue.ts), sent at the first office
   * tick at or after their time. Their messages are composed once and kept in the queue entry, so
   * a retry after a failure or a crash sends the same messages, each once (the sent ledger).
   */
  async function runQueuedPushes(toMs: number, report: TickReport, signal?: AbortSignal): Promise<boolean> {
    let complete = true;
    for (const queued of await listQueuedPushes(services)) {
      if (queued.dueAt > toMs || signal?.aborted) continue;
      let push = queued;
      if (!push.messages) {
        const period = await services.periods.find(push.periodId);
        const replies = period ? await remindPeriod(services, texts, push.by, period, toMs) : [];
        // The first reply is the coordinator's report of what was sent: it goes to their private chat.
        const messages = replies.map((r, i) => ({ text: r.text, ...(r.to ? { to: r.to } : i === 0 ? { to: privateChatOf(push.by) } : {}) }));
        push = { ...push, messages };
        await updatePush(services, push);
      }
      let done = true;
      for (const [i, m] of (push.messages ?? []).entries()) {
        if (!m.to?.platform) continue;
        const r = await deliverOnce(`push:${push.id}:${i}`, { platform: m.to.platform as ChatAddress['platform'], chatId: m.to.chatId }, { text: m.text }, signal);
        if (r === 'done') report.alreadyDone++;
        else if (r === 'busy') done = false;
        else if (r.ok) report.sent++;
        else {
          report.failed++;
          if (!r.permanent) done = false;
        }
      }
      if (done) await removePush(services, push.id);
      complete = done && complete;
    }
    return complete;
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
    const bindings = due.some((d) => d.kind !== 'escalation' && d.slotDay === today) ? await store.listChatBindings() : [];
    // Bounded fan-out: up to `concurrency` items at once, each sending its deliveries one after
    // another, so at most `concurrency` deliveries are in flight. Order across recipients does not
    // matter; per-chat order and pace are the pacer's.
    await forEachBounded(due, concurrency, () => signal?.aborted === true, async (item) => {
      if (item.kind === 'escalation') {
        complete = (await sendEscalation(item, toMs, report, signal)) && complete;
      } else if (item.slotDay !== today) {
        // A reminder missed on an earlier day is stale: today's own reminders (if any) supersede it.
        report.skippedStale++;
      } else {
        complete = (await sendReminder(item, toMs, report, bindings, signal)) && complete;
      }
    });
    if (signal?.aborted) {
      // Stopped part-way: what was not started is left for the next tick; the window stays open.
      report.aborted = true;
      return report;
    }
    // Summaries to the coordinators (deadline, final, weekly digest, addenda): scheduler/summaries.ts.
    complete = (await summaries.run(fromMs, toMs, report)) && complete;
    complete = (await runQueuedPushes(toMs, report, signal)) && complete;
    report.advanced = complete && !signal?.aborted;
    if (signal?.aborted) report.aborted = true;
    return report;
  }

  async function tick(nowMs = services.clock.now(), options: TickOptions = {}): Promise<TickReport> {
    const from = await cursor(nowMs);
    if (nowMs <= from) return { fromMs: from, toMs: nowMs, sent: 0, skippedStale: 0, alreadyDone: 0, failed: 0, advanced: false };
    const report = await runWindow(from, nowMs, options.signal);
    // Outside office hours, or with a delivery still to retry, the window stays open for the next tick.
    if (report.advanced) await store.setMeta(CURSOR_KEY, String(nowMs));
    if (report.sent + report.failed + report.skippedStale > 0 || report.aborted) logger.info({ ...report }, 'scheduler tick');
    return report;
  }

  async function claimTickSlot(slotMs = 60_000): Promise<boolean> {
    const now = services.clock.now();
    const slotStart = Math.floor(now / slotMs) * slotMs;
    // Hà Nội local time names the slot: scheduler-tick:2025-06-13T08:00 (…:05 for sub-minute slots).
    const name = formatVietnamTime(slotStart, slotMs % 60_000 === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
    // Held, never released, for the slot and a minute more: enough for instances whose clocks
    // differ by some seconds to name the same slot while the claim still stands.
    return store.claimLease(`${TICK_LEASE_PREFIX}${name}`, instanceId, slotMs + 60_000);
  }

  async function runUntil(toMs: number, setClock: (ms: number) => void): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    let at = services.clock.now();
    await cursor(at);
    for (;;) {
      const reminderNext = nextDueAt({ periods: await services.periods.all(), policy, calendar, afterMs: at });
      const summaryNext = await summaries.nextAt(at);
      const pushNext = (await listQueuedPushes(services)).map((p) => p.dueAt).filter((t) => t > at).sort((a, b) => a - b)[0];
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

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, taking items in order; stops taking
 * new ones once `stop()` says so. The first error is rethrown after the calls in flight settle
 * (each releases its own lease), and no new item starts after it.
 */
export async function forEachBounded<T>(items: readonly T[], limit: number, stop: () => boolean, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !stop() && !failure) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
}

export type { DueItem };
