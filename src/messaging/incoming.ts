import type { AccountId, Platform } from '../domain/roles.js';

/** Private chat with the bot, or a group the bot is in. */
export type ChatKind = 'private' | 'group';

/** What a person sent, independent of the platform it came from. */
export type IncomingContent =
  | { type: 'text'; text: string }
  /** A button pressed or a numbered option answered; `value` is the option's id. */
  | { type: 'choice'; value: string }
  /** Stickers, photos, voice notes … that the bot cannot read. */
  | { type: 'unsupported'; what: string };

/** One message from a person, as every platform translates it for the router. */
export interface Incoming {
  platform: Platform;
  /** The platform's id for this update, for logs and de-duplication. */
  updateId?: string;
  chat: { id: string; kind: ChatKind; title?: string };
  sender: { account: AccountId; name: string; languageCode?: string };
  content: IncomingContent;
  /** True when this is an edit of an earlier message rather than a new one. */
  edited?: boolean;
  /**
   * True when the message answers one of the bot's own messages (a reply to it, e.g. after a
   * `Reply.expectsReply` question in a group): plain text in a group is meant for the bot only then.
   */
  replyToBot?: boolean;
  receivedAt: number;
}

/** The language to answer in: English only for people whose app is set to English. */
export function replyLanguage(incoming: Pick<Incoming, 'sender'>): 'vi' | 'en' {
  return incoming.sender.languageCode?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
