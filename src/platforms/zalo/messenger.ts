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
import { classifySendFailure, queuePieces, reportUndelivered, type Failure, type Piece } from '../core/send-pieces.js';

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

/** How a failed send is reported: refusals about the person are permanent, not retried. */
export function classifyZaloFailure(err: unknown): Failure {
  return classifySendFailure(err, (e, detail) => {
    const d = e.description.toLowerCase();
    if (e.code === 403 || d.includes('blocked')) return { ok: false, reason: 'blocked', permanent: true, detail };
    if (e.code === 404 || (e.code === 400 && (d.includes('chat') || d.includes('user')) && d.includes('not found')))
      return { ok: false, reason: 'not-found', permanent: true, detail };
    if (e.code !== 429 && e.code >= 400 && e.code < 500) return { ok: false, reason: 'failed', permanent: true, detail };
    return undefined;
  });
}

export function createZaloMessenger(options: ZaloMessengerOptions): ZaloMessenger {
  const { client, pacer, logger, files, choices, onUnreachable } = options;

  /** A chart as a photo when its link is public (Zalo fetches it), else every file as a link in text. */
  async function attachmentPieces(chatId: string, attachment: Attachment): Promise<Piece[]> {
    if (!files) {
      logger.warn({ file: attachment.filename }, 'zalo: no file links configured; attachment left out');
      return [];
    }
    const link = await files.put(attachment);
    const expires = formatInstantVi(link.expiresAt);
    const text = (link.public ? zaloTexts.fileLink : zaloTexts.localFileLink)(attachment.filename, link.url, expires);
    const pieces: Piece[] = [];
    if (attachment.kind === 'photo' && link.public) {
      const caption = attachment.caption?.trim();
      pieces.push({
        method: 'sendPhoto',
        file: attachment.filename,
        send: () => client.sendPhoto(chatId, link.url, caption ? [...caption].slice(0, ZALO_TEXT_LIMIT).join('') : undefined),
      });
    } else if (attachment.caption?.trim()) {
      pieces.push(
        ...renderZaloText({ text: attachment.caption }).map((t) => ({ method: 'sendMessage', send: () => client.sendMessage(chatId, t) })),
      );
    }
    pieces.push({ method: 'sendMessage', file: attachment.filename, send: () => client.sendMessage(chatId, text) });
    return pieces;
  }

  async function sendReply(chatId: string, reply: Reply): Promise<DeliveryResult> {
    if (choices && reply.choices && reply.choices.length > 0) await choices.set(chatId, reply.choices);
    const pieces: Piece[] = renderZaloText(reply).map((t) => ({ method: 'sendMessage', send: () => client.sendMessage(chatId, t) }));
    for (const a of reply.attachments ?? []) pieces.push(...(await attachmentPieces(chatId, a)));
    // Queued in the chat's lane all at once, so replies leave in order; after a failure the rest is skipped.
    const failed = await queuePieces(pacer, chatId, 'private', pieces);
    if (!failed) return { ok: true };
    return reportUndelivered(
      'zalo',
      logger,
      chatId,
      classifyZaloFailure(failed.err),
      { piece: failed.index + 1, of: pieces.length, file: pieces[failed.index]?.file },
      onUnreachable,
    );
  }

  return {
    platform: 'zalo',
    send: (to: ChatAddress, reply: Reply) => sendReply(to.chatId, reply),
  };
}
