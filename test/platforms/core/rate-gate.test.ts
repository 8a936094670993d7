import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/platforms/core/pacer.js';
import { TELEGRAM_LIMITS } from '../../../src/platforms/telegram/limits.js';
import { withFallback, type RateGate } from '../../../src/platforms/core/rate-gate.js';
import { createRedisRateGate } from '../../../src/store/redis/send-rate.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../../helpers/redis.js';
import { busiest } from '../../helpers/send-times.js';

const prefix = uniqueRedisPrefix();
const connections: Redis[] = [];
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit()));
  await deleteKeysUnder(prefix);
});

function connect(): Redis {
  const redis = new Redis(TEST_REDIS_URL);
  connections.push(redis);
  return redis;
}

describe('the send-rate gate shared through Redis', () => {
  it('keeps two instances together at the rate, as one instance alone would be', async () => {
    const rate = 50;
    const key = `${prefix}tg-rate:7000000001`;
    // Two "instances": separate connections, separate gate objects, one key.
    const gates = [
      createRedisRateGate({ redis: connect(), key, perSecond: rate }),
      createRedisRateGate({ redis: connect(), key, perSecond: rate }),
    ];
    const times: number[] = [];
    const started = Date.now();
    const perGate = 60;
    await Promise.all(
      gates.map(async (gate) => {
        // Each instance fires its sends as fast as it can, several at a time, like a fan-out.
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            for (let i = 0; i < perGate / 4; i++) {
              await gate.acquire();
              times.push(Date.now());
            }
          }),
        );
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const achieved = times.length / seconds;
    const inOneSecond = busiest(times, 1000);
    console.log(
      `shared limiter: 2 gates × ${perGate} sends at ${rate}/s → ${seconds.toFixed(2)} s, ${achieved.toFixed(1)}/s overall, at most ${inOneSecond} in any 1 s`,
    );
    expect(times).toHaveLength(2 * perGate);
    // 120 sends spaced 20 ms apart: at least 119 intervals (2.38 s), never more than the rate in a second.
    expect(seconds).toBeGreaterThanOrEqual(((2 * perGate - 1) / rate) * 0.97);
    // Slots are 20 ms apart on Redis's clock; a timer firing a few ms late on a busy machine may
    // bunch one or two sends here, never more (the fake Bot API allows 15 % of slack for the same reason).
    expect(inOneSecond).toBeLessThanOrEqual(rate + 3);
    // Not much slower than the rate either (one Redis round trip per send).
    expect(achieved).toBeGreaterThan(rate * 0.85);
  });

  it('lets a send through at once when the bot has been idle, and loads its script again when Redis lost it (NOSCRIPT)', async () => {
    const key = `${prefix}tg-rate:idle`;
    const redis = connect();
    let evals = 0;
    const counting = {
      evalsha: (sha: string, n: number, ...args: (string | number)[]) => {
        // The first call finds no script (as after a Redis restart): the gate falls back to EVAL.
        if (evals++ === 0) return Promise.reject(new Error('NOSCRIPT No matching script. Please use EVAL.'));
        return redis.evalsha(sha, n, ...args);
      },
      eval: (script: string, n: number, ...args: (string | number)[]) => redis.eval(script, n, ...args),
    };
    const gate = createRedisRateGate({ redis: counting, key, perSecond: 10 });
    const t0 = Date.now();
    await gate.acquire();
    expect(Date.now() - t0).toBeLessThan(50);
    await gate.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(Number(await redis.pttl(key))).toBeGreaterThan(0);
  });
  it('lets sends asked for together take consecutive slots in one round trip, still one interval apart', async () => {
    const key = `${prefix}tg-rate:together`;
    const redis = connect();
    const calls: number[] = [];
    const counting = {
      evalsha: (sha: string, n: number, ...args: (string | number)[]) => {
        calls.push(Number(args[2]));
        return redis.evalsha(sha, n, ...args);
      },
      eval: (script: string, n: number, ...args: (string | number)[]) => {
        calls.push(Number(args[2]));
        return redis.eval(script, n, ...args);
      },
    };
    const rate = 50;
    const gate = createRedisRateGate({ redis: counting, key, perSecond: rate });
    const started = Date.now();
    const times = await Promise.all(Array.from({ length: 20 }, () => gate.acquire().then(() => Date.now() - started)));
    // A fan-out's 20 answers in one turn: one reservation of 20 slots, not 20 reservations.
    expect(calls).toEqual([20]);
    // The last slot is 19 intervals (380 ms) after the first, as 20 single reservations would be.
    expect(Math.max(...times)).toBeGreaterThanOrEqual(19 * (1000 / rate) - 5);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(rate);
    // The next send, asked for alone afterwards, waits behind all of them.
    await gate.acquire();
    expect(calls).toEqual([20, 1]);
  });
});

describe('the pacer with a shared gate', () => {
  it('takes every send through the shared gate, and through its own window while the shared one fails', async () => {
    let shared = 0;
    let local = 0;
    let failing = false;
    const errors: unknown[] = [];
    const gate: RateGate = {
      acquire: async () => {
        if (failing) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
        shared++;
      },
    };
    const countingLocal = (own: RateGate): RateGate => ({
      acquire: () => {
        local++;
        return own.acquire();
      },
    });
    const pacer = createPacer(TELEGRAM_LIMITS, undefined, (own) => withFallback(gate, countingLocal(own), (err) => errors.push(err)));
    const sent: string[] = [];
    await Promise.all(['1', '2', '3'].map((chat) => pacer.schedule(chat, 'private', async () => sent.push(chat))));
    expect(shared).toBe(3);
    failing = true;
    await pacer.schedule('4', 'private', async () => sent.push('4'));
    expect(sent.sort()).toEqual(['1', '2', '3', '4']);
    expect(local).toBe(1);
    expect(errors).toHaveLength(1);
  });
});
