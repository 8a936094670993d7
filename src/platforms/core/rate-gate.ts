/**
 * The global send rate of one bot, shared by every instance that sends as it. A platform counts
 * messages per bot, whichever process sends them (Telegram about 30 a second): two instances each
 * pacing alone at 30/s send 60/s together. With a Redis store, each send reserves its slot in Redis
 * (one script, one round trip); with the embedded store (one process) the pacer's own window does.
 *
 * The Redis gate is GCRA in its reservation form: the key holds the bot's "theoretical arrival
 * time" (TAT). A send takes the slot at max(now, TAT), moves TAT one interval (1/rate) on, and
 * waits until its slot. Sends from all instances are thus spaced one interval apart on Redis's own
 * clock (instances' clocks never enter into it), and no send is ever refused or retried. A slot
 * reserved by a process that then dies is simply unused.
 */
export interface RateGate {
  /** Resolves when one more send fits the rate (at once when it fits now). */
  acquire(): Promise<void>;
}

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

/**
 * The shared gate, or — when it fails (Redis unreachable) — the process's own: a send is paced
 * alone rather than lost. `onError` hears of each failure (logged by the caller, at most once a minute).
 */
export function withFallback(shared: RateGate, local: RateGate, onError: (err: unknown) => void): RateGate {
  return {
    acquire: () =>
      shared.acquire().catch((err: unknown) => {
        onError(err);
        return local.acquire();
      }),
  };
}
