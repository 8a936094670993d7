import { NetworkError, PlatformApiError } from '../../errors.js';
import type { Platform } from '../../domain/roles.js';
import type { Logger } from '../../logging/logger.js';
import type { ChatKind } from '../../messaging/incoming.js';
import type { DeliveryResult } from '../../messaging/delivery.js';
import type { Pacer } from './pacer.js';

export type Failure = Extract<DeliveryResult, { ok: false }>;

/** One message of a rendered reply (a text piece, a photo, a file), as the platform sends it. */
export interface Piece {
  method: string;
  send: () => Promise<unknown>;
  /** The file it carries, for the log. */
  file?: string;
}

export interface QueuePiecesOptions {
  /** Skips the rest too when it says so at a piece's turn (another reply of the update failed for good). */
  skip?: () => boolean;
  /** Told of each failure at once, before the lane moves on to the next reply (the raw error). */
  onError?: (err: unknown, index: number) => void;
  /** Waited for before the first piece goes. */
  after?: Promise<unknown>;
}

/**
 * Queues every piece of a reply in the chat's lane at once, so the caller may go on (the chat's next
 * update is routed meanwhile) and replies still leave in order. A piece after a failed one is
 * skipped and takes no slot. Resolves with the first failure, or undefined when all went out.
 */
export function queuePieces(
  pacer: Pacer,
  chatId: string,
  kind: ChatKind,
  pieces: readonly Piece[],
  options: QueuePiecesOptions = {},
): Promise<{ index: number; err: unknown } | undefined> {
  let failure: { index: number; err: unknown } | undefined;
  const { after } = options;
  const queued = pieces.map((piece, index) =>
    pacer
      .schedule(chatId, kind, after ? () => after.then(piece.send) : piece.send, () => failure !== undefined || options.skip?.() === true)
      .catch((err: unknown) => {
        failure ??= { index, err };
        options.onError?.(err, index);
      }),
  );
  return Promise.all(queued).then(() => failure);
}

/**
 * A failed send as the scheduler sees it, for what every platform answers alike: a 429 is
 * rate-limited (tried again later), a network failure or anything unknown a passing failure.
 * `specific` first classifies the platform's own refusals (blocked, not found, our mistake).
 */
export function classifySendFailure(err: unknown, specific: (err: PlatformApiError, detail: string) => Failure | undefined): Failure {
  if (err instanceof PlatformApiError) {
    const detail = `${err.code} ${err.description}`;
    const known = specific(err, detail);
    if (known) return known;
    if (err.code === 429) return { ok: false, reason: 'rate-limited', permanent: false, detail };
    return { ok: false, reason: 'failed', permanent: false, detail };
  }
  if (err instanceof NetworkError) return { ok: false, reason: 'failed', permanent: false, detail: err.message };
  return { ok: false, reason: 'failed', permanent: false, detail: err instanceof Error ? err.message : String(err) };
}

/**
 * Logs a reply that was not delivered (an error when it is our mistake, else a warning) and, when
 * a private chat refused for good (blocked, unknown), has the person recorded as unreachable.
 */
export async function reportUndelivered(
  platform: Platform,
  logger: Logger,
  chatId: string,
  failure: Failure,
  where: { piece: number; of: number; file?: string | undefined },
  onUnreachable?: (chatId: string, reason: 'blocked' | 'not-found') => Promise<unknown>,
): Promise<Failure> {
  const level = failure.permanent && failure.reason === 'failed' ? 'error' : 'warn';
  logger[level]({ chat: chatId, reason: failure.reason, detail: failure.detail, ...where }, `${platform}: message not delivered`);
  if (onUnreachable && (failure.reason === 'blocked' || failure.reason === 'not-found')) {
    await onUnreachable(chatId, failure.reason).catch((err: unknown) =>
      logger.error({ err }, `${platform}: could not record an unreachable contact`),
    );
  }
  return failure;
}
