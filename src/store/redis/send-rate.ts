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
 * KEYS[1] the bot's TAT (ms, as a string with a fraction); ARGV[1] the interval in ms; ARGV[2] how
 * many consecutive slots to take (sends asked for together). Returns the wait in ms until the first
 * of them (as a string: Lua numbers come back truncated to integers otherwise); the others follow
 * one interval apart.
 */
export const GCRA_RESERVE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local count = tonumber(ARGV[2] or '1')
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tat < now then tat = now end
local nextTat = tat + interval * count
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now) + 1000)
return string.format('%.3f', tat - now)
`;

/** Sends asked for in one turn take their slots in one reservation, up to this many at a time. */
const MAX_SLOTS_PER_RESERVATION = 256;

const sha1 = async (text: string) => (await import('node:crypto')).createHash('sha1').update(text).digest('hex');

export interface RedisRateGateOptions {
  redis: RedisEvaluator;
  /** The bot's key, e.g. `dondoc:tg-rate:7000000001` or `dondoc:zalo-rate:<bot id>`. */
  key: string;
  /** Messages per second across all instances. */
  perSecond: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A gate shared through Redis: N instances together stay at `perSecond`. The sends one instance
 * asks for in the same turn (a burst of answers, a fan-out) reserve consecutive slots in one round
 * trip: the same slots, one after another, that as many single reservations would have taken, so
 * a busy instance spends one script call per turn instead of one per message.
 */
export function createRedisRateGate(options: RedisRateGateOptions): RateGate {
  const { redis, key } = options;
  if (!(options.perSecond > 0)) throw new RangeError('perSecond must be > 0');
  const intervalMs = 1000 / options.perSecond;
  const interval = intervalMs.toFixed(3);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let sha: Promise<string> | undefined;
  async function reserve(count: number): Promise<number> {
    const digest = await (sha ??= sha1(GCRA_RESERVE_LUA));
    try {
      return Number(await redis.evalsha(digest, 1, key, interval, count));
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return Number(await redis.eval(GCRA_RESERVE_LUA, 1, key, interval, count));
    }
  }

  type Waiting = { resolve: (waitMs: number) => void; reject: (err: unknown) => void };
  const asked: Waiting[] = [];
  function reserveAsked(): void {
    const batch = asked.splice(0, MAX_SLOTS_PER_RESERVATION);
    if (asked.length > 0) process.nextTick(reserveAsked);
    reserve(batch.length).then(
      (firstWaitMs) => batch.forEach((w, i) => w.resolve(firstWaitMs + i * intervalMs)),
      (err: unknown) => batch.forEach((w) => w.reject(err)),
    );
  }
  return {
    async acquire() {
      const waitMs = await new Promise<number>((resolve, reject) => {
        if (asked.push({ resolve, reject }) === 1) process.nextTick(reserveAsked);
      });
      if (waitMs > 0.5) await sleep(Math.ceil(waitMs));
    },
  };
}
