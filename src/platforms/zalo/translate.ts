import { accountId } from '../../domain/roles.js';
import type { ChatKind, Incoming, IncomingContent } from '../../messaging/incoming.js';
import type { ZaloUpdate } from './client.js';

export type ZaloTranslated = { kind: 'incoming'; incoming: Incoming } | { kind: 'ignore'; reason: string };

/** The key Zalo redelivers an update under (it has no update id). */
export function updateKey(update: ZaloUpdate): string {
  return `${update.event_name}:${update.message.message_id}`;
}

/** Whether a parsed body looks like an update: an event name and a message with ids. */
export function isZaloUpdate(value: unknown): value is ZaloUpdate {
  if (typeof value !== 'object' || value === null) return false;
  const u = value as { event_name?: unknown; message?: { message_id?: unknown; from?: { id?: unknown }; chat?: { id?: unknown } } };
  return (
    typeof u.event_name === 'string' &&
    typeof u.message === 'object' &&
    u.message !== null &&
    (typeof u.message.message_id === 'string' || typeof u.message.message_id === 'number') &&
    typeof u.message.from?.id === 'string' &&
    typeof u.message.chat?.id === 'string'
  );
}

/** Webhook bodies come as the update itself or wrapped in `{ result: update }`; both are accepted. */
export function unwrapWebhookBody(body: unknown): ZaloUpdate | undefined {
  if (isZaloUpdate(body)) return body;
  const inner = typeof body === 'object' && body !== null ? (body as { result?: unknown }).result : undefined;
  return isZaloUpdate(inner) ? inner : undefined;
}

export function chatKindOf(update: ZaloUpdate): ChatKind {
  return update.message.chat.chat_type === 'GROUP' ? 'group' : 'private';
}

function contentOf(update: ZaloUpdate): IncomingContent | undefined {
  const m = update.message;
  switch (update.event_name) {
    case 'message.text.received':
      return typeof m.text === 'string' ? { type: 'text', text: m.text } : undefined;
    case 'message.image.received':
      return typeof m.caption === 'string' && m.caption.trim() ? { type: 'text', text: m.caption } : { type: 'unsupported', what: 'photo' };
    case 'message.sticker.received':
      return { type: 'unsupported', what: 'sticker' };
    case 'message.unsupported.received':
      return { type: 'unsupported', what: 'unsupported' };
    default:
      return undefined;
  }
}

/** One update as the router sees it. Pure: the clock's reading is passed in. */
export function translateZaloUpdate(update: ZaloUpdate, receivedAt: number): ZaloTranslated {
  const m = update.message;
  if (m.from.is_bot) return { kind: 'ignore', reason: 'not from a person' };
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(m.from.id)) return { kind: 'ignore', reason: 'sender id not usable' };
  // The chat id becomes part of store keys (conversations, choices): the same shape as a person's id.
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(m.chat.id)) return { kind: 'ignore', reason: 'chat id not usable' };
  const content = contentOf(update);
  if (!content) return { kind: 'ignore', reason: `event ${update.event_name}` };
  const given = [m.from.display_name, m.from.first_name].find((n): n is string => typeof n === 'string' && n.trim() !== '');
  const name = given?.trim() ?? `zalo:${m.from.id}`;
  const kind = chatKindOf(update);
  return {
    kind: 'incoming',
    incoming: {
      platform: 'zalo',
      updateId: updateKey(update),
      chat: { id: m.chat.id, kind },
      sender: { account: accountId('zalo', m.from.id), name },
      content,
      receivedAt,
    },
  };
}
