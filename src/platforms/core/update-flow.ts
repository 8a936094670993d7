import type { Clock } from '../../domain/clock.js';
import type { Platform } from '../../domain/roles.js';
import type { Deliver } from '../../messaging/delivery.js';
import type { Store } from '../../store/store.js';
import type { Logger } from '../../logging/logger.js';
import { replyLanguage, type Incoming } from '../../messaging/incoming.js';
import type { Reply } from '../../messaging/reply.js';
import { textsFor } from '../../texts/index.js';
import { createIntakeLimiter, type IntakeLimits } from './intake-limiter.js';
import { newUpdateStats, type UpdateStats } from './update-stats.js';
import { failureNotice, owesFailureNotice } from './failure-notice.js';
import { createKeyedQueue } from './keyed-queue.js';

/** What a platform hands back once replies are queued for sending: `sent` settles once they are out. */
export interface Queued {
  sent?: Promise<unknown>;
}

/**
 * One translated update, as the platform hands it to the flow: the platform-specific parts (its
 * de-duplication key, what a button press needs, how a reply is said in its chat) as closures.
 */
export interface UpdateWork {
  /** Log fields that name the update (`updateId`, `update`). */
  ref: Record<string, unknown>;
  /** Updates with the same key are handled one after another, in arrival order (one chat). */
  order: string;
  /** A person's message: counted at intake per sender and chat, told when dropped or failed. */
  incoming?: Incoming;
  /** Answers a button press's spinner (Telegram); defined only for a press. */
  answerPress?: (text: string) => Promise<void>;
  /**
   * At once on arrival, before earlier updates of the chat are done: the de-duplication claim (and
   * for a press, answering it). `duplicate`: seen before; `answered`: nothing more to do.
   */
  accept(): Promise<'go' | 'duplicate' | 'answered'>;
  /** In the chat's turn: routes the update and queues its replies; `sent` settles once they are out. */
  handle(): Promise<Queued>;
  /** Says one reply in the update's own chat (a notice: too fast, not handled). */
  tell(reply: Reply): Promise<Queued>;
}

/** What every platform's pipeline is built from, besides its router and messenger. */
export interface PipelineBaseOptions {
  /** For replies addressed to another chat (`Reply.to`): a coordinators' group, another platform. */
  deliver: Deliver;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Owner of the de-duplication leases, e.g. `host:pid:random`. */
  instanceId: string;
  /** Per-sender and per-chat rate and backlog (src/config/limits.ts by default). */
  intake?: IntakeLimits;
}

export interface UpdateFlowOptions {
  platform: Platform;
  logger: Logger;
  /** The injected clock's reading (the intake limiter's windows). */
  now: () => number;
  intake: IntakeLimits;
}

/**
 * The way every platform's updates go, written once: intake bounds per sender and chat (dropped,
 * the first of a run told to slow down) → the de-duplication claim at once → the chat's queue →
 * the platform's handling → a sender whose update failed is told "chưa xử lý được, đề nghị gửi
 * lại", never left in silence. A platform plugs in with translate, render and send (UpdateWork).
 */
export interface UpdateFlow {
  /** `queued` once the update's replies are queued (or it was dropped), `finished` once they are sent. Never reject. */
  process(work: UpdateWork): { queued: Promise<void>; finished: Promise<void> };
  /** An update the platform's translation set aside (counted and logged). */
  ignore(ref: Record<string, unknown>, reason: string): Promise<void>;
  /** True while the process holds as many updates as it may (IntakeLimits.totalBacklog). */
  busy(): boolean;
  /** Resolves once there is room for more updates (polling waits for it before fetching). */
  room(): Promise<void>;
  /** Updates queued or in progress, and replies still being sent. */
  size(): number;
  /** Waits for every queued update and its replies (true), or gives up after `timeoutMs` (false). */
  drain(timeoutMs?: number): Promise<boolean>;
  stats(): UpdateStats;
}

export function createUpdateFlow(options: UpdateFlowOptions): UpdateFlow {
  const { platform, logger } = options;
  const queue = createKeyedQueue();
  const stats = newUpdateStats();
  const limiter = createIntakeLimiter(options.intake, options.now);

  /** Sends in progress: the chat queue moves on once a reply is queued, a drain waits for these too. */
  const sending = new Set<Promise<unknown>>();
  const track = (q: Queued | undefined) => {
    const p = q?.sent;
    if (!p) return;
    sending.add(p);
    void p.finally(() => sending.delete(p));
  };

  /**
   * Over its sender's or chat's bound: dropped before it costs a store call, and the first of a run
   * answered once, in the chat's order (a button press gets the answer on its spinner instead).
   */
  function throttled(work: UpdateWork, incoming: Incoming, warn: boolean): Promise<void> {
    stats.throttled++;
    logger.debug({ ...work.ref, sender: incoming.sender.account }, `${platform}: update dropped (sender or chat over its intake limit)`);
    if (!warn) return Promise.resolve();
    const text = textsFor(replyLanguage(incoming)).sendingTooFast;
    if (work.answerPress) return work.answerPress(text);
    return queue
      .run(work.order, async () => track(await work.tell({ text })))
      .catch((err: unknown) => logger.error({ err, ...work.ref }, `${platform}: could not tell a sender to slow down`));
  }

  /**
   * An update that could not be handled (the store unreachable past the client's retries while
   * claiming it) is logged, and its sender told so rather than left in silence when they are owed
   * an answer (failure-notice.ts).
   */
  const failed = (work: UpdateWork) => async (err: unknown) => {
    stats.failed++;
    logger.error({ err, ...work.ref }, `${platform}: update failed`);
    const { incoming } = work;
    if (!incoming || !owesFailureNotice(incoming, work.answerPress !== undefined)) return;
    const notice = failureNotice(incoming);
    if (work.answerPress) await work.answerPress(notice.text);
    await (
      await work.tell(notice)
    ).sent;
  };

  return {
    process(work) {
      let done = () => {};
      if (work.incoming) {
        const admission = limiter.admit(work.incoming.sender.account, `${platform}:${work.incoming.chat.id}`);
        if (!admission.admitted) {
          const told = throttled(work, work.incoming, admission.warn);
          return { queued: told, finished: told };
        }
        done = admission.done;
      }
      // Accepted now, in arrival order; handled when the chat's turn comes.
      const accepted = work.accept();
      accepted.catch(() => undefined); // awaited (and its failure logged) in the queued task below
      const handled = queue.run(work.order, async (): Promise<Queued | undefined> => {
        const a = await accepted;
        if (a === 'duplicate') {
          stats.duplicates++;
          logger.debug(work.ref, `${platform}: update already handled`);
          return undefined;
        }
        if (a === 'answered') {
          stats.handled++;
          return undefined;
        }
        const queued = await work.handle();
        stats.handled++;
        track(queued);
        return queued;
      });
      // The chat's queue moves on once the replies are queued; `finished` waits for them to be sent.
      const finished = handled
        .then((h) => h?.sent)
        .then(() => undefined, failed(work))
        .catch((err: unknown) => logger.error({ err, ...work.ref }, `${platform}: could not tell the sender their update failed`))
        .finally(done);
      return {
        queued: handled.then(
          () => undefined,
          () => finished,
        ),
        finished,
      };
    },
    ignore(ref, reason) {
      stats.ignored++;
      logger.debug({ ...ref, reason }, `${platform}: update ignored`);
      return Promise.resolve();
    },
    busy: () => limiter.full(),
    room: () => limiter.room(),
    size: () => queue.size() + sending.size,
    async drain(timeoutMs) {
      const started = Date.now();
      if (!(await queue.drain(timeoutMs))) return false;
      const left = timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - (Date.now() - started));
      const all = Promise.allSettled([...sending]).then(() => true);
      if (left === undefined) return all;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), left)));
      const result = await Promise.race([all, timeout]);
      clearTimeout(timer);
      return result;
    },
    stats: () => ({ ...stats }),
  };
}
