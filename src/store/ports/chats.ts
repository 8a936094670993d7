import type { ChatBinding } from '../../domain/chat-binding.js';
import type { Platform } from '../../domain/roles.js';

/** Group chats the bot posts to: an agency's group, or the coordinators'. */
export interface ChatBindings {
  /** Binds a chat (replacing any earlier binding of the same chat). */
  bind(binding: ChatBinding): Promise<void>;
  /** True when a binding existed. */
  unbind(platform: Platform, chatId: string): Promise<boolean>;
  get(platform: Platform, chatId: string): Promise<ChatBinding | undefined>;
  /** Every bound chat, sorted by `platform:chatId`: for the directory, reminders and summaries. */
  list(): Promise<ChatBinding[]>;
}
