import type { AccountId } from '../src/domain/roles.js';
import type { ChatAddress, Deliver, DeliveryResult } from '../src/messaging/delivery.js';
import type { Reply } from '../src/messaging/reply.js';
import { claimToken } from '../src/store/claim-token.js';
import type { Store } from '../src/store/store.js';
import type { DeliveryTally } from '../src/ports/scheduler.js';

/**
 * How long a delivery lease lasts without renewal: an instance renews its own while it sends, so
 * this is how long the deliveries of an instance that died stay held before another takes them over.
 */
export const DELIVERY_LEASE_MS = 120_000;

/** What one delivery came to: the platform's answer, already done (the ledger), or held by another claim. */
export type DeliveryOutcome = DeliveryResult | 'done' | 'busy';

export type { DeliveryTally };

export interface OutboxOptions {
  store: Store;
  deliver: Deliver;
  /** Distinguishes instances in leases, e.g. `host:pid`. */
  instanceId: string;
  /** How long a claimed delivery is held before another instance may take it over. */
  leaseMs?: number;
  logger: { error(fields: object, message: string): void };
}

/**
 * The one way the scheduler sends anything (reminders, escalations, summaries, queued pushes):
 * each delivery under a deterministic key is sent at most once across instances and restarts.
 */
export interface Outbox {
  /**
   * Sends once per key: the ledger checked and the lease taken in one step, the lease renewed while
   * the send lasts, the outcome recorded, the lease released. `busy` when another claim holds the
   * key or `signal` is aborted (nothing new starts while stopping): it is for a later tick.
   */
  deliverOnce(key: string, to: ChatAddress, message: Reply, signal?: AbortSignal): Promise<DeliveryOutcome>;
  /**
   * Sends `key` to each target once, under `deliveryKey(key, target)`. Given a builder, targets
   * already in the ledger are skipped (and left out of the outcomes) and the message is built only
   * when some target still waits: a chart is not drawn again for a retry with nothing left to send.
   */
  deliverToEach(
    key: string,
    targets: readonly ChatAddress[],
    message: Reply | (() => Promise<Reply>),
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome[]>;
}

/**
 * The ledger key of `key` delivered to one chat: `<key>|<platform>:<chatId>`, or with the way it
 * went to an agency's group, `<key>|group:<platform>:<chatId>` (`fallback:` in place of a DM).
 */
export function deliveryKey(key: string, to: ChatAddress, via?: 'group' | 'fallback'): string {
  return `${key}|${via ? `${via}:` : ''}${to.platform}:${to.chatId}`;
}

/** The ledger key of `key` sent to a person privately: `<key>|dm:<account>` (the playground's chat id is the whole account). */
export function privateDeliveryKey(key: string, account: AccountId): string {
  return `${key}|dm:${account}`;
}

/** True when the outcome means the message reached its chat, now or on an earlier attempt. */
export function reached(outcome: DeliveryOutcome): boolean {
  return outcome === 'done' || (typeof outcome === 'object' && outcome.ok);
}

/**
 * Counts outcomes in a tick's tally; false when any must be retried (held by another claim, or a
 * failure that may pass), which keeps the window open.
 */
export function tally(report: DeliveryTally, ...outcomes: DeliveryOutcome[]): boolean {
  let complete = true;
  for (const outcome of outcomes) {
    if (outcome === 'done') report.alreadyDone++;
    else if (outcome === 'busy') complete = false;
    else if (outcome.ok) report.sent++;
    else {
      report.failed++;
      if (!outcome.permanent) complete = false;
    }
  }
  return complete;
}

/**
 * Any number of instances may deliver at once: the lease and the sent ledger make each delivery
 * happen once, and a crash between claim and send only delays it until the lease expires.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { store, deliver, instanceId, logger } = options;
  const leaseMs = options.leaseMs ?? DELIVERY_LEASE_MS;

  async function deliverOnce(key: string, to: ChatAddress, message: Reply, signal?: AbortSignal): Promise<DeliveryOutcome> {
    // Stopping: nothing new starts; the delivery stays for the next tick (of this or another instance).
    if (signal?.aborted) return 'busy';
    // A token per attempt: a claim resent after a dropped connection is still this attempt's.
    const token = claimToken(instanceId);
    // Checked and claimed in one step, so no instance's release can fall between the two.
    const claim = await store.deliveries.claim(key, token, leaseMs);
    if (claim.state !== 'claimed') return claim.state;
    // Held for as long as the send takes (a 429 may keep it waiting in the client for a while):
    // renewed every third of the lease, so only a dead instance's lease ever runs out.
    const heartbeat = setInterval(
      () => void store.leases.renew(claim.lease, token, leaseMs).catch(() => undefined),
      Math.max(100, leaseMs / 3),
    );
    let unrecorded = false;
    try {
      const result = await deliver(to, message);
      unrecorded = result.ok || result.permanent;
      // The store waits out an outage here (Redis: up to a minute), well within the lease.
      if (result.ok) await store.deliveries.markDone(key, 'sent');
      else if (result.permanent) await store.deliveries.markDone(key, `failed:${result.reason}`);
      unrecorded = false;
      return result;
    } finally {
      clearInterval(heartbeat);
      // Sent but not recorded (the store gone for longer than markDone waits): keeping the lease
      // until it expires is what still stands between this message and a second copy.
      if (unrecorded) logger.error({ key }, 'reminder sent but not recorded as sent; its lease is kept until it expires');
      else await store.leases.release(claim.lease, token);
    }
  }

  async function deliverToEach(
    key: string,
    targets: readonly ChatAddress[],
    message: Reply | (() => Promise<Reply>),
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome[]> {
    let pending = targets;
    if (typeof message === 'function') {
      pending = [];
      for (const t of targets) if (!(await store.deliveries.isDone(deliveryKey(key, t)))) pending = [...pending, t];
      if (pending.length === 0) return [];
    }
    const built = typeof message === 'function' ? await message() : message;
    const outcomes: DeliveryOutcome[] = [];
    for (const t of pending) outcomes.push(await deliverOnce(deliveryKey(key, t), t, built, signal));
    return outcomes;
  }

  return { deliverOnce, deliverToEach };
}
