// The conversations port on Redis: one expiring key per conversation, and a sorted set per kind for counting them.
import type { Conversations } from '../ports/conversations.js';
import { checkedTtl, conversationJson } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisConversations implements Conversations {
  constructor(private readonly ctx: RedisContext) {}

  async get<T>(key: string): Promise<T | undefined> {
    const redisKey = this.ctx.keys.conversation(key);
    return this.ctx.parse(await this.ctx.redis.get(redisKey), (v): v is T => v !== undefined, redisKey);
  }

  async put<T>(key: string, state: T, ttlMs: number): Promise<void> {
    const { redis, keys } = this.ctx;
    const ttl = checkedTtl(ttlMs);
    // The count index lives in another slot (a Cluster could not update both atomically); it only
    // feeds a metric, so it is written beside the state, in the same round trip, not after it: a
    // write that fails between them costs a miscount until the entry expires, never a state.
    const index = keys.conversationIndex(conversationKind(key));
    const now = Date.now();
    await Promise.all([
      redis.set(keys.conversation(key), conversationJson(state), 'PX', ttl),
      redis.zadd(index, now + ttl, key),
      redis.zremrangebyscore(index, '-inf', now),
    ]);
  }

  async delete(key: string): Promise<void> {
    await Promise.all([
      this.ctx.redis.unlink(this.ctx.keys.conversation(key)),
      this.ctx.redis.zrem(this.ctx.keys.conversationIndex(conversationKind(key)), key),
    ]);
  }

  async count(kind: string): Promise<number> {
    return this.ctx.redis.zcount(this.ctx.keys.conversationIndex(kind), `(${Date.now()}`, '+inf');
  }
}

/** The first segment of a conversation key (`report:telegram:…` → `report`), which indexes it. */
function conversationKind(key: string): string {
  const colon = key.indexOf(':');
  return colon === -1 ? key : key.slice(0, colon);
}
