import { InputFile, type Api } from 'grammy';
import type { Clock } from '../../domain/clock.js';
import { NetworkError, PlatformApiError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import type { ChatAddress, DeliveryResult, Messenger } from '../../messaging/delivery.js';
import type { ChatKind } from '../../messaging/incoming.js';
import type { Attachment, Reply } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';
import { toPlatformError } from './client.js';
import { recordUnreachable } from './contacts.js';
import { rebindMigratedChat } from './migrate.js';
import type { Pacer } from './pacer.js';
import { renderCaption, renderReply, type RenderContext } from './render.js';

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
  /** Sends a reply rendered for where it is said (quoting, force_reply) — answers to a person. */
  sendReply(chatId: string, reply: Reply, context: RenderContext): Promise<DeliveryResult>;
  /** Takes the inline keyboard off a message after a choice, so a stale button cannot be pressed again. */
  removeKeyboard(chatId: string, messageId: number): Promise<void>;
  /** Stops the button's spinner; never throws (a query answered late has simply expired). */
  answerCallback(callbackId: string, text?: string): Promise<void>;
}

/** Telegram ids: people (and private chats) are positive, groups and supergroups negative. */
export function chatKindOfId(chatId: string): ChatKind {
  return chatId.startsWith('-') ? 'group' : 'private';
}

type Failure = Extract<DeliveryResult, { ok: false }>;

/** How a failed send is reported to the scheduler: person-level refusals are permanent, not retried. */
export function classifyFailure(err: unknown): Failure {
  if (err instanceof PlatformApiError) {
    const d = err.description.toLowerCase();
    const detail = `${err.code} ${err.description}`;
    if (err.code === 403) {
      if (d.includes('blocked') || d.includes('kicked') || d.includes('not a member') || d.includes('chat was deleted')) return { ok: false, reason: 'blocked', permanent: true, detail };
      return { ok: false, reason: 'not-found', permanent: true, detail }; // can't initiate conversation, user is deactivated
    }
    if (err.code === 400 && (d.includes('chat not found') || d.includes('user not found') || d.includes('peer_id_invalid'))) return { ok: false, reason: 'not-found', permanent: true, detail };
    if (err.code === 429) return { ok: false, reason: 'rate-limited', permanent: false, detail };
    // Any other 400 is our mistake (markup, length): sending it again would fail the same way.
    if (err.code === 400) return { ok: false, reason: 'failed', permanent: true, detail };
    return { ok: false, reason: 'failed', permanent: false, detail };
  }
  if (err instanceof NetworkError) return { ok: false, reason: 'failed', permanent: false, detail: err.message };
  return { ok: false, reason: 'failed', permanent: false, detail: err instanceof Error ? err.message : String(err) };
}

export function createTelegramMessenger(options: TelegramMessengerOptions): TelegramMessenger {
  const { api, pacer, store, clock, logger } = options;

  async function noteUnreachable(chatId: string, failure: Failure): Promise<void> {
    if (chatKindOfId(chatId) !== 'private' || (failure.reason !== 'blocked' && failure.reason !== 'not-found')) return;
    await recordUnreachable(store, clock, logger, chatId, failure.reason);
  }

  async function sendPieces(chatId: string, reply: Reply, context: RenderContext, migrated = false): Promise<DeliveryResult> {
    const messages = renderReply(reply, context);
    const kind = context.chatKind;
    for (const [i, { text, ...other }] of messages.entries()) {
      try {
        await pacer.schedule(chatId, kind, () => api.sendMessage(chatId, text, other));
      } catch (raw) {
        const err = toPlatformError(raw, 'sendMessage');
        // The group became a supergroup before this reply: move its binding, send to the new id.
        if (!migrated && i === 0 && err instanceof PlatformApiError && err.parameters.migrateToChatId !== undefined) {
          const to = String(err.parameters.migrateToChatId);
          await rebindMigratedChat(store, logger, chatId, to, clock.now());
          return sendPieces(to, reply, context, true);
        }
        const failure = classifyFailure(err);
        const level = failure.permanent && failure.reason === 'failed' ? 'error' : 'warn';
        logger[level]({ chat: chatId, reason: failure.reason, detail: failure.detail, piece: i + 1, of: messages.length }, 'telegram: message not delivered');
        await noteUnreachable(chatId, failure).catch((e: unknown) => logger.error({ err: e }, 'telegram: could not record an unreachable contact'));
        return failure;
      }
    }
    for (const attachment of reply.attachments ?? []) {
      try {
        await pacer.schedule(chatId, kind, () => sendAttachment(chatId, attachment));
      } catch (raw) {
        const failure = classifyFailure(toPlatformError(raw, attachment.kind === 'photo' ? 'sendPhoto' : 'sendDocument'));
        logger[failure.permanent && failure.reason === 'failed' ? 'error' : 'warn']({ chat: chatId, reason: failure.reason, detail: failure.detail, file: attachment.filename }, 'telegram: attachment not delivered');
        await noteUnreachable(chatId, failure).catch((e: unknown) => logger.error({ err: e }, 'telegram: could not record an unreachable contact'));
        return failure;
      }
    }
    return { ok: true };
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
    sendReply(chatId, reply, context) {
      return sendPieces(chatId, reply, context);
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

