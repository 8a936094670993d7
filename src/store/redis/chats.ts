// The group chats port on Redis: one hash of ChatBinding JSON by `platform:chatId`.
import { chatKey, type ChatBinding } from '../../domain/chat-binding.js';
import type { Platform } from '../../domain/roles.js';
import type { ChatBindings } from '../ports/chats.js';
import { isChatBinding } from '../record-shapes.js';
import { chatBindingRecord, compareChatBindings } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisChatBindings implements ChatBindings {
  constructor(private readonly ctx: RedisContext) {}

  async bind(binding: ChatBinding): Promise<void> {
    const record = chatBindingRecord(binding);
    await this.ctx.redis.hset(this.ctx.keys.chatBindings(), chatKey(record.platform, record.chatId), JSON.stringify(record));
  }

  async unbind(platform: Platform, chatId: string): Promise<boolean> {
    return (await this.ctx.redis.hdel(this.ctx.keys.chatBindings(), chatKey(platform, chatId))) === 1;
  }

  async get(platform: Platform, chatId: string): Promise<ChatBinding | undefined> {
    const key = this.ctx.keys.chatBindings();
    const field = chatKey(platform, chatId);
    return this.ctx.parse(await this.ctx.redis.hget(key, field), isChatBinding, `${key} ${field}`);
  }

  async list(): Promise<ChatBinding[]> {
    const key = this.ctx.keys.chatBindings();
    return this.ctx.parseAll(await this.ctx.redis.hvals(key), isChatBinding, key).sort(compareChatBindings);
  }
}
