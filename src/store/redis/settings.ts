// The settings port on Redis: one hash of strings (the `meta` key).
import type { Settings } from '../ports/settings.js';
import type { RedisContext } from './context.js';

export class RedisSettings implements Settings {
  constructor(private readonly ctx: RedisContext) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.ctx.redis.hget(this.ctx.keys.meta(), key)) ?? undefined;
  }

  async getMany(keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const values = await this.ctx.redis.hmget(this.ctx.keys.meta(), ...keys);
    return new Map(keys.flatMap((key, i) => (typeof values[i] === 'string' ? [[key, values[i]] as const] : [])));
  }

  async set(key: string, value: string): Promise<void> {
    await this.ctx.redis.hset(this.ctx.keys.meta(), key, value);
  }
}
