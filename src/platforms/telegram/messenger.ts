import { InputFile, type Api } from 'grammy';
import type { Clock } from '../../domain/clock.js';
import { PlatformApiError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import type { ChatAddress, DeliveryResult, Messenger } from '../../messaging/delivery.js';
import type { ChatKind } from '../../messaging/incoming.js';
import type { Attachment, Reply } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';
import { toPlatformError } from './client.js';
import { recordUnreachable } from './contacts.js';
import { rebindMigratedChat } from './migrate.js';
import type { Pacer } from '../core/pacer.js';
import { renderCaption, renderReply, type RenderContext } from './render.js';
import { classifySendFailure, queuePieces, reportUndelivered, type Failure, type Piece } from '../core/send-pieces.js';

export interface TelegramMessengerOptions {
  api: Api;
  pacer: Pacer;
  store: Store;
  clock: Clock;
  logger: Logger;
}

/** Everything the Telegram transport sends goes through here: paced, rendered, errors classified. */
export interface TelegramMessenger extends Messenger {
  readonly platform: 'telegram';
  /**
   * Sends a reply rendered for where it is said (quoting, force_reply) — answers to a person. Its
   * pieces are queued in the chat's lane before this returns, so replies queued one after another
   * leave in that order even when the caller does not wait for each.
   */
  sendReply(chatId: string, reply: Reply, context: RenderContext, options?: SendOptions): Promise<DeliveryResult>;
  /** Takes the inline keyboard off a message after a choice, so a stale button cannot be pressed again. */
  removeKeyboard(chatId: string, messageId: number): Promise<void>;
  /** Stops the button's spinner; never throws (a query answered late has simply expired). */
  answerCallback(callbackId: string, text?: string): Promise<void>;
}

export interface SendOptions {
  /** Shared by the replies to one update: once one fails for good (blocked), the rest are not sent. */
  batch?: { failed?: boolean };
  /** Already redirected once after a migration. */
  migrated?: boolean;
  /** Waited for before the first piece goes (the keyboard of the pressed button is removed first). */
  after?: Promise<unknown>;
  /** In a group, whom the reply's buttons are for: a press by anyone else is turned away. */
  keyboardOwner?: KeyboardOwner;
}

export interface KeyboardOwner {
  account: string;
  name: string;
}

/** How long a group keyboard remembers whom it is for. */
export const KEYBOARD_OWNER_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Where the owner of a group keyboard is kept (the store's expiring key–value space). */
export function keyboardOwnerKey(chatId: string, messageId: number): string {
  return `tg-keyboard:${chatId}:${messageId}`;
}

/** Telegram ids: people (and private chats) are positive, groups and supergroups negative. */
export function chatKindOfId(chatId: string): ChatKind {
  return chatId.startsWith('-') ? 'group' : 'private';
}

/** How a failed send is reported to the scheduler: person-level refusals are permanent, not retried. */
export function classifyFailure(err: unknown): Failure {
  return classifySendFailure(err, (e, detail) => {
    const d = e.description.toLowerCase();
    if (e.code === 403) {
      if (d.includes('blocked') || d.includes('kicked') || d.includes('not a member') || d.includes('chat was deleted'))
        return { ok: false, reason: 'blocked', permanent: true, detail };
      return { ok: false, reason: 'not-found', permanent: true, detail }; // can't initiate conversation, user is deactivated
    }
    if (e.code === 400 && (d.includes('chat not found') || d.includes('user not found') || d.includes('peer_id_invalid')))
      return { ok: false, reason: 'not-found', permanent: true, detail };
    // Any other 400 is our mistake (markup, length): sending it again would fail the same way.
    if (e.code === 400) return { ok: false, reason: 'failed', permanent: true, detail };
    return undefined;
  });
}

export function createTelegramMessenger(options: TelegramMessengerOptions): TelegramMessenger {
  const { api, pacer, store, clock, logger } = options;

  /** Only a private chat's refusal is a person's: a group that refuses is not someone unreachable. */
  const noteUnreachable = (chatId: string, reason: 'blocked' | 'not-found') =>
    chatKindOfId(chatId) === 'private' ? recordUnreachable(store, clock, logger, chatId, reason) : Promise.resolve();

  /**
   * Queues every piece of a reply (text pieces, then files) into the chat's lane at once, so the
   * caller may go on (the next update of the chat is routed meanwhile) and replies still leave in
   * order. A piece after a failed one is skipped. Resolves when the last piece is done.
   */
  async function sendPieces(chatId: string, reply: Reply, context: RenderContext, options: SendOptions = {}): Promise<DeliveryResult> {
    const kind = context.chatKind;
    const pieces: Piece[] = [
      ...renderReply(reply, context).map(({ text, ...other }) => {
        const owner = kind === 'group' && other.reply_markup && 'inline_keyboard' in other.reply_markup ? options.keyboardOwner : undefined;
        const send = () => api.sendMessage(chatId, text, other);
        return { method: 'sendMessage', send: owner ? () => send().then((m) => rememberOwner(chatId, m.message_id, owner)) : send };
      }),
      ...(reply.attachments ?? []).map((a) => ({
        method: a.kind === 'photo' ? 'sendPhoto' : 'sendDocument',
        send: () => sendAttachment(chatId, a),
        file: a.filename,
      })),
    ];
    const batch = options.batch ?? {};
    const failed = await queuePieces(pacer, chatId, kind, pieces, {
      skip: () => batch.failed === true,
      ...(options.after ? { after: options.after } : {}),
      onError(raw, index) {
        const err = toPlatformError(raw, pieces[index]?.method ?? 'send');
        // At once, before the lane moves on to the next reply of the same update.
        const migrating = err instanceof PlatformApiError && err.parameters.migrateToChatId !== undefined;
        if (!migrating && classifyFailure(err).permanent) batch.failed = true;
      },
    });
    if (!failed) return { ok: true };
    const { index } = failed;
    const err = toPlatformError(failed.err, pieces[index]?.method ?? 'send');
    // The group became a supergroup before this reply: move its binding, send to the new id.
    if (!options.migrated && index === 0 && err instanceof PlatformApiError && err.parameters.migrateToChatId !== undefined) {
      const to = String(err.parameters.migrateToChatId);
      await rebindMigratedChat(store, logger, chatId, to, clock.now());
      return sendPieces(to, reply, context, { batch, migrated: true });
    }
    return reportUndelivered(
      'telegram',
      logger,
      chatId,
      classifyFailure(err),
      { piece: index + 1, of: pieces.length, file: pieces[index]?.file },
      noteUnreachable,
    );
  }

  /** Group buttons belong to the person they answer; a failure here only loosens that. */
  async function rememberOwner(chatId: string, messageId: number, owner: KeyboardOwner): Promise<void> {
    await store.conversations
      .put(keyboardOwnerKey(chatId, messageId), owner, KEYBOARD_OWNER_TTL_MS)
      .catch((err: unknown) => logger.warn({ err }, 'telegram: keyboard owner not stored'));
  }

  /** A chart as a photo (shown inline), an export as a document. */
  function sendAttachment(chatId: string, attachment: Attachment): Promise<unknown> {
    const file = new InputFile(attachment.data, attachment.filename);
    const other = attachment.caption?.trim() ? { caption: renderCaption(attachment.caption), parse_mode: 'HTML' as const } : {};
    return attachment.kind === 'photo' ? api.sendPhoto(chatId, file, other) : api.sendDocument(chatId, file, other);
  }

  return {
    platform: 'telegram',
    send(to: ChatAddress, reply: Reply) {
      return sendPieces(to.chatId, reply, { chatKind: chatKindOfId(to.chatId) });
    },
    sendReply(chatId, reply, context, options) {
      return sendPieces(chatId, reply, context, options);
    },
    async removeKeyboard(chatId, messageId) {
      try {
        await pacer.global(() => api.editMessageReplyMarkup(chatId, messageId));
      } catch (raw) {
        const err = toPlatformError(raw, 'editMessageReplyMarkup');
        // "message is not modified": the keyboard is already gone (a second press raced the first).
        if (err instanceof PlatformApiError && err.code === 400) return;
        logger.warn({ chat: chatId, err }, 'telegram: could not remove a keyboard');
      }
    },
    async answerCallback(callbackId, text) {
      try {
        await api.answerCallbackQuery(callbackId, text ? { text } : undefined);
      } catch (raw) {
        logger.debug({ err: toPlatformError(raw, 'answerCallbackQuery') }, 'telegram: callback query not answered');
      }
    },
  };
}
