// Group chats the bot posts to, in the `chats` table keyed by `platform:chatId`.
import { chatKey, type ChatBinding } from '../../domain/chat-binding.js';
import type { Platform } from '../../domain/roles.js';
import type { ChatBindings } from '../ports/chats.js';
import { isChatBinding } from '../record-shapes.js';
import { chatBindingRecord, compareChatBindings } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

export class EmbeddedChatBindings implements ChatBindings {
  constructor(private readonly db: EmbeddedDatabase) {}

  async bind(binding: ChatBinding): Promise<void> {
    const record = chatBindingRecord(binding);
    this.db.write(() => {
      this.db.run(
        'INSERT OR REPLACE INTO chats (chat_key, record) VALUES (?, ?)',
        chatKey(record.platform, record.chatId),
        JSON.stringify(record),
      );
    });
  }

  async unbind(platform: Platform, chatId: string): Promise<boolean> {
    return this.db.write(() => this.db.run('DELETE FROM chats WHERE chat_key = ?', chatKey(platform, chatId)).changes > 0);
  }

  async get(platform: Platform, chatId: string): Promise<ChatBinding | undefined> {
    return this.db.read(() => this.db.one(isChatBinding, 'SELECT record FROM chats WHERE chat_key = ?', chatKey(platform, chatId)));
  }

  async list(): Promise<ChatBinding[]> {
    return this.db.read(() => this.db.all(isChatBinding, 'SELECT record FROM chats').sort(compareChatBindings));
  }
}
