import type { Chat, Message, Update, User } from 'grammy/types';
import { accountId } from '../../domain/roles.js';
import type { ChatKind, Incoming, IncomingContent } from '../../messaging/incoming.js';

/** A button press, kept with the update so the pipeline can answer it and take the keyboard away. */
export interface CallbackRef {
  id: string;
  chatId: string;
  /** The bot's message that carried the keyboard; absent when Telegram no longer shows it to us. */
  messageId?: number;
  data: string;
}

/** What one Telegram update means to the bot. */
export type Translated =
  | { kind: 'incoming'; incoming: Incoming; messageId?: number; callback?: CallbackRef }
  /** A group became a supergroup: its binding moves to the new id. */
  | { kind: 'migrate'; fromChatId: string; toChatId: string }
  /** The bot was added to or removed from a group, or a person blocked or unblocked it. */
  | {
      kind: 'membership';
      chatId: string;
      chatKind: ChatKind;
      title?: string;
      by: { userId: string; name: string };
      change: 'joined' | 'left';
    }
  | { kind: 'ignore'; reason: string };

/** The bot itself, to tell replies to its own messages. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** Which updates the bot asks Telegram for (polling and setWebhook alike). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/** `Nguyễn Văn An`, else the username, else the account id. */
export function displayName(user: Pick<User, 'id' | 'first_name' | 'last_name' | 'username'>): string {
  const full = [user.first_name, user.last_name]
    .filter((s) => typeof s === 'string' && s.trim())
    .join(' ')
    .trim();
  return full || (typeof user.username === 'string' && user.username ? `@${user.username}` : `telegram:${user.id}`);
}

function chatKind(chat: Pick<Chat, 'type'>): ChatKind | undefined {
  if (chat.type === 'private') return 'private';
  if (chat.type === 'group' || chat.type === 'supergroup') return 'group';
  return undefined; // channels are not for this bot
}

function chatOf(chat: Chat, kind: ChatKind): Incoming['chat'] {
  const title = 'title' in chat && typeof chat.title === 'string' ? chat.title : undefined;
  return { id: String(chat.id), kind, ...(title ? { title } : {}) };
}

function senderOf(user: User): Incoming['sender'] {
  return {
    account: accountId('telegram', user.id),
    name: displayName(user),
    ...(typeof user.language_code === 'string' && user.language_code ? { languageCode: user.language_code } : {}),
  };
}

/** What a message carries that the bot cannot read, by Telegram's field name. */
const UNSUPPORTED = [
  'sticker',
  'photo',
  'voice',
  'video_note',
  'video',
  'animation',
  'audio',
  'document',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
  'story',
  'game',
  'invoice',
  'paid_media',
  'checklist',
] as const;

function contentOf(message: Message): IncomingContent | undefined {
  if (typeof message.text === 'string') return { type: 'text', text: message.text };
  if (typeof message.caption === 'string' && message.caption.trim()) return { type: 'text', text: message.caption };
  for (const what of UNSUPPORTED)
    if (what in message && (message as unknown as Record<string, unknown>)[what] !== undefined) return { type: 'unsupported', what };
  return undefined; // a service message (someone joined, a title changed, a pin …)
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
/** Telegram's ids are integers; a chat or person with any other id is not one Telegram sent. */
const isId = (value: unknown): value is number => Number.isSafeInteger(value);
const hasChat = (value: object): boolean => {
  const chat = (value as { chat?: unknown }).chat;
  return isObject(chat) && isId((chat as { id?: unknown }).id);
};
/** A person (not a bot) with an integer id. */
const isPerson = (from: unknown): from is User =>
  isObject(from) && isId((from as { id?: unknown }).id) && !(from as { is_bot?: unknown }).is_bot;

/**
 * Translates one update. Pure: the clock's reading and the bot's identity are passed in.
 * Messages from bots and channels are ignored; service messages only matter for a migration.
 */
export function translateUpdate(update: Update, me: BotIdentity, receivedAt: number): Translated {
  const updateId = String(update.update_id);
  const message = update.message ?? update.edited_message;
  if (message) {
    // The webhook's JSON is only checked for an update_id: anything else may be missing or of the wrong type.
    if (!isObject(message) || !hasChat(message)) return { kind: 'ignore', reason: 'malformed message' };
    if (message.migrate_to_chat_id !== undefined)
      return isId(message.migrate_to_chat_id)
        ? { kind: 'migrate', fromChatId: String(message.chat.id), toChatId: String(message.migrate_to_chat_id) }
        : { kind: 'ignore', reason: 'malformed migration' };
    if (message.migrate_from_chat_id !== undefined)
      return isId(message.migrate_from_chat_id)
        ? { kind: 'migrate', fromChatId: String(message.migrate_from_chat_id), toChatId: String(message.chat.id) }
        : { kind: 'ignore', reason: 'malformed migration' };
    const kind = chatKind(message.chat);
    if (!kind) return { kind: 'ignore', reason: `chat type ${String(message.chat.type)}` };
    if (!isPerson(message.from)) return { kind: 'ignore', reason: 'not from a person' };
    const content = contentOf(message);
    if (!content) return { kind: 'ignore', reason: 'service message' };
    const incoming: Incoming = {
      platform: 'telegram',
      updateId,
      chat: chatOf(message.chat, kind),
      sender: senderOf(message.from),
      content,
      receivedAt,
      ...(update.edited_message ? { edited: true } : {}),
      ...(message.reply_to_message?.from?.id === me.id ? { replyToBot: true } : {}),
    };
    return { kind: 'incoming', incoming, ...(isId(message.message_id) ? { messageId: message.message_id } : {}) };
  }
  const query = update.callback_query;
  if (query) {
    if (!isObject(query) || !isPerson(query.from) || typeof query.id !== 'string') return { kind: 'ignore', reason: 'malformed callback' };
    if (!query.message) return { kind: 'ignore', reason: 'callback without a message (inline mode)' };
    if (!isObject(query.message) || !hasChat(query.message)) return { kind: 'ignore', reason: 'malformed callback' };
    const kind = chatKind(query.message.chat);
    if (!kind) return { kind: 'ignore', reason: `chat type ${String(query.message.chat.type)}` };
    const data = typeof query.data === 'string' ? query.data : '';
    const chatId = String(query.message.chat.id);
    // An inaccessible message (too old) has date 0: its keyboard cannot be edited any more.
    const messageId = query.message.date === 0 || !isId(query.message.message_id) ? undefined : query.message.message_id;
    const callback: CallbackRef = { id: query.id, chatId, data, ...(messageId !== undefined ? { messageId } : {}) };
    if (!data) return { kind: 'ignore', reason: 'callback without data' };
    const incoming: Incoming = {
      platform: 'telegram',
      updateId,
      chat: chatOf(query.message.chat, kind),
      sender: senderOf(query.from),
      content: { type: 'choice', value: data },
      receivedAt,
    };
    return { kind: 'incoming', incoming, callback };
  }
  const member = update.my_chat_member;
  if (member) {
    if (
      !isObject(member) ||
      !hasChat(member) ||
      !isObject(member.from) ||
      !isObject(member.old_chat_member) ||
      !isObject(member.new_chat_member)
    )
      return { kind: 'ignore', reason: 'malformed membership' };
    const kind = chatKind(member.chat);
    if (!kind) return { kind: 'ignore', reason: `chat type ${String(member.chat.type)}` };
    const present = (s: string) => s === 'member' || s === 'administrator' || s === 'creator' || s === 'restricted';
    const was = present(member.old_chat_member.status);
    const is = present(member.new_chat_member.status);
    if (was === is) return { kind: 'ignore', reason: 'membership unchanged' };
    const title = 'title' in member.chat && typeof member.chat.title === 'string' ? member.chat.title : undefined;
    return {
      kind: 'membership',
      chatId: String(member.chat.id),
      chatKind: kind,
      ...(title ? { title } : {}),
      by: { userId: String(member.from.id), name: displayName(member.from) },
      change: is ? 'joined' : 'left',
    };
  }
  return { kind: 'ignore', reason: 'update type not handled' };
}

/**
 * The key that orders updates: one chat's updates are handled one after another, different chats
 * in parallel. A button press belongs to the chat of its message.
 */
export function orderingKey(update: Update): string {
  const chat = update.message?.chat ?? update.edited_message?.chat ?? update.callback_query?.message?.chat ?? update.my_chat_member?.chat;
  if (chat) return `chat:${chat.id}`;
  const from = update.callback_query?.from;
  return from ? `user:${from.id}` : 'other';
}
