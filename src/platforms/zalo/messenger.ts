import { NetworkError, PlatformApiError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import type { ChatAddress, DeliveryResult, Messenger } from '../../messaging/delivery.js';
import type { Attachment, Reply } from '../../messaging/reply.js';
import { formatInstantVi } from '../../texts/when.js';
import type { ChoiceMemory } from './choices.js';
import type { ZaloClient } from './client.js';
import type { FileLinks } from './files.js';
import type { Pacer } from '../core/pacer.js';
import { renderZaloText, ZALO_TEXT_LIMIT } from './render.js';
import { zaloTexts } from './zalo-texts.js';

export interface ZaloMessengerOptions {
  client: ZaloClient;
  pacer: Pacer;
  logger: Logger;
  /** Files as links; without it, files are left out (and logged). */
  files?: FileLinks;
  /**
   * Remembers the options of a message the bot sends on its own (an approval request to a head), so
   * a typed number answers it.
   */
  choices?: ChoiceMemory;
  /** Called when a private chat refuses for good (blocked, unknown): records the person as unreachable. */
  onUnreachable?: (chatId: string, reason: 'blocked' | 'not-found') => Promise<unknown>;
}

/** Everything the Zalo transport sends goes through here: rendered, paced, failures classified. */
export interface ZaloMessenger extends Messenger {
  readonly platform: 'zalo';
}

type Failure = Extract<DeliveryResult, { ok: false }>;

/** How a failed send is reported: refusals about the person are permanent, not retried. */
export function classifyZaloFailure(err: unknown): Failure {
  if (err instanceof PlatformApiError) {
    const detail = `${err.code} ${err.description}`;
    const d = err.description.toLowerCase();
    if (err.code === 403 || d.includes('blocked')) return { ok: false, reason: 'blocked', permanent: true, detail };
    if (err.code === 404 || (err.code === 400 && (d.includes('chat') || d.includes('user')) && d.includes('not found'))) return { ok: false, reason: 'not-found', permanent: true, detail };
    if (err.code === 429) return { ok: false, reason: 'rate-limited', permanent: false, detail };
    if (err.code >= 400 && err.code < 500) return { ok: false, reason: 'failed', permanent: true, detail };
    return { ok: false, reason: 'failed', permanent: false, detail };
  }
  if (err instanceof NetworkError) return { ok: false, reason: 'failed', permanent: false, detail: err.message };
  return { ok: false, reason: 'failed', permanent: false, detail: err instanceof Error ? err.message : String(err) };
}

export function createZaloMessenger(options: ZaloMessengerOptions): ZaloMessenger {
  const { client, pacer, logger, files, choices, onUnreachable } = options;

  /** A chart as a photo when its link is public (Zalo fetches it), else every file as a link in text. */
  async function attachmentPieces(attachment: Attachment): Promise<{ method: string; send: (chatId: string) => Promise<unknown> }[]> {
    if (!files) {
      logger.warn({ file: attachment.filename }, 'zalo: no file links configured; attachment left out');
      return [];
    }
    const link = await files.put(attachment);
    const expires = formatInstantVi(link.expiresAt);
    const text = (link.public ? zaloTexts.fileLink : zaloTexts.localFileLink)(attachment.filename, link.url, expires);
    const pieces: { method: string; send: (chatId: string) => Promise<unknown> }[] = [];
    if (attachment.kind === 'photo' && link.public) {
      const caption = attachment.caption?.trim();
      pieces.push({ method: 'sendPhoto', send: (chatId) => client.sendPhoto(chatId, link.url, caption ? [...caption].slice(0, ZALO_TEXT_LIMIT).join('') : undefined) });
    } else if (attachment.caption?.trim()) {
      pieces.push(...renderZaloText({ text: attachment.caption }).map((t) => ({ method: 'sendMessage', send: (chatId: string) => client.sendMessage(chatId, t) })));
    }
    pieces.push({ method: 'sendMessage', send: (chatId) => client.sendMessage(chatId, text) });
    return pieces;
  }

  async function sendReply(chatId: string, reply: Reply): Promise<DeliveryResult> {
    if (choices && reply.choices && reply.choices.length > 0) await choices.set(chatId, reply.choices);
    const pieces: { method: string; send: (chatId: string) => Promise<unknown> }[] = renderZaloText(reply).map((t) => ({ method: 'sendMessage', send: (id: string) => client.sendMessage(id, t) }));
    for (const a of reply.attachments ?? []) pieces.push(...(await attachmentPieces(a)));
    // Queued in the chat's lane all at once, so replies leave in order; after a failure the rest is skipped.
    let failure: unknown;
    let failedAt = -1;
    await Promise.all(
      pieces.map((piece, index) =>
        pacer
          .schedule(chatId, 'private', () => piece.send(chatId), () => failedAt >= 0)
          .catch((err: unknown) => {
            if (failedAt < 0) {
              failedAt = index;
              failure = err;
            }
          }),
      ),
    );
    if (failedAt < 0) return { ok: true };
    const result = classifyZaloFailure(failure);
    logger[result.permanent && result.reason === 'failed' ? 'error' : 'warn']({ chat: chatId, reason: result.reason, detail: result.detail, piece: failedAt + 1, of: pieces.length }, 'zalo: message not delivered');
    if (onUnreachable && (result.reason === 'blocked' || result.reason === 'not-found')) {
      await onUnreachable(chatId, result.reason).catch((err: unknown) => logger.error({ err }, 'zalo: could not record an unreachable contact'));
    }
    return result;
  }

  return {
    platform: 'zalo',
    send: (to: ChatAddress, reply: Reply) => sendReply(to.chatId, reply),
  };
}
