import type { RateGate } from '../store.js';

/**
 * The Redis side of a bot's shared send rate (see `platforms/core/rate-gate.ts` for why it is shared):
 * GCRA in its reservation form, on Redis's own clock.
 */
/** The part of an ioredis client (Redis or Cluster) the gate needs. */
export interface RedisEvaluator {
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * KEYS[1] the bot's TAT (ms, as a string with a fraction); ARGV[1] the interval in ms. Returns the
 * wait in ms (as a string: Lua numbers come back truncated to integers otherwise).
 */
export const GCRA_RESERVE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tat < now then tat = now end
local nextTat = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now) + 1000)
return string.format('%.3f', tat - now)
`;

const sha1 = async (text: string) => (await import('node:crypto')).createHash('sha1').update(text).digest('hex');

export interface RedisRateGateOptions {
  redis: RedisEvaluator;
  /** The bot's key, e.g. `dondoc:tg-rate:7000000001` or `dondoc:zalo-rate:<bot id>`. */
  key: string;
  /** Messages per second across all instances. */
  perSecond: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A gate shared through Redis: N instances together stay at `perSecond`. One round trip per send. */
export function createRedisRateGate(options: RedisRateGateOptions): RateGate {
  const { redis, key } = options;
  if (!(options.perSecond > 0)) throw new RangeError('perSecond must be > 0');
  const interval = (1000 / options.perSecond).toFixed(3);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let sha: Promise<string> | undefined;
  async function reserve(): Promise<number> {
    const digest = await (sha ??= sha1(GCRA_RESERVE_LUA));
    try {
      return Number(await redis.evalsha(digest, 1, key, interval));
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return Number(await redis.eval(GCRA_RESERVE_LUA, 1, key, interval));
    }
  }
  return {
    async acquire() {
      const waitMs = await reserve();
      if (waitMs > 0.5) await sleep(Math.ceil(waitMs));
    },
  };
}
