import { describe, expect, it } from 'vitest';
import { createPacer, type PacerClock } from '../../../src/platforms/core/pacer.js';
import { TELEGRAM_LIMITS } from '../../../src/platforms/telegram/limits.js';
import { createZaloPacer } from '../../../src/platforms/zalo/pacer.js';
import { busiest } from '../../helpers/send-times.js';

/** A clock that jumps straight to the next sleeper once everything else has settled. */
function jumpingClock() {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise<void>((r) => setImmediate(r));
  const clock: PacerClock = { now: () => now, sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })) };
  return {
    clock,
    now: () => now,
    /** Runs until `done` resolves, moving time forward whenever nothing else can happen. */
    async runUntil(done: Promise<unknown>) {
      let finished = false;
      void done.then(() => (finished = true));
      for (let guard = 0; guard < 100_000 && !finished; guard++) {
        await settle();
        if (finished) break;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift();
        if (!next) continue;
        now = Math.max(now, next.at);
        next.wake();
      }
      return done;
    },
  };
}

describe('pacer', () => {
  it('keeps to 30 messages a second overall (reminders to 200 people take about 6.6 s)', async () => {
    const t = jumpingClock();
    const pacer = createPacer(TELEGRAM_LIMITS, t.clock);
    const sentAt: number[] = [];
    const all = Promise.all(
      Array.from({ length: 200 }, (_, i) => pacer.schedule(String(i + 1), 'private', async () => sentAt.push(t.now()))),
    );
    await t.runUntil(all);
    expect(sentAt).toHaveLength(200);
    expect(busiest(sentAt, 1000)).toBe(30);
    expect(Math.max(...sentAt)).toBe(6000);
  });

  it('keeps to 20 a minute into one group, without holding up other chats', async () => {
    const t = jumpingClock();
    const pacer = createPacer(TELEGRAM_LIMITS, t.clock);
    const group: number[] = [];
    const others: number[] = [];
    const groupSends = Promise.all(Array.from({ length: 25 }, () => pacer.schedule('-100', 'group', async () => group.push(t.now()))));
    const privateSends = Promise.all(
      Array.from({ length: 10 }, (_, i) => pacer.schedule(String(i + 1), 'private', async () => others.push(t.now()))),
    );
    await t.runUntil(Promise.all([groupSends, privateSends]));
    expect(busiest(group, 60_000)).toBe(20);
    expect(group.slice(20).every((at) => at >= 60_000)).toBe(true);
    expect(Math.max(...others)).toBeLessThan(2_000);
  });

  it('about one a second into a private chat, after a burst of three; in order', async () => {
    const t = jumpingClock();
    const pacer = createPacer(TELEGRAM_LIMITS, t.clock);
    const order: number[] = [];
    const times: number[] = [];
    const all = Promise.all(
      Array.from({ length: 9 }, (_, i) => pacer.schedule('7', 'private', async () => (order.push(i), times.push(t.now())))),
    );
    await t.runUntil(all);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(busiest(times, 3000)).toBe(3);
    expect(times.slice(0, 3)).toEqual([0, 0, 0]);
  });

  it('a failed send does not stop the chat queue; unlimited does not wait', async () => {
    const t = jumpingClock();
    const pacer = createPacer(TELEGRAM_LIMITS, t.clock);
    const failing = pacer.schedule('7', 'private', async () => {
      throw new Error('403');
    });
    const next = pacer.schedule('7', 'private', async () => 'ok');
    await expect(failing).rejects.toThrow('403');
    await expect(t.runUntil(next)).resolves.toBe('ok');
    const free = createPacer('unlimited');
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => free.schedule('-1', 'group', async () => i)));
    expect(results).toHaveLength(100);
  });

  it('edits wait only for the global window', async () => {
    const t = jumpingClock();
    const pacer = createPacer(TELEGRAM_LIMITS, t.clock);
    const times: number[] = [];
    const sends = Promise.all(Array.from({ length: 20 }, () => pacer.schedule('-1', 'group', async () => undefined)));
    const edits = Promise.all(Array.from({ length: 5 }, () => pacer.global(async () => times.push(t.now()))));
    await t.runUntil(Promise.all([sends, edits]));
    expect(Math.max(...times)).toBeLessThanOrEqual(1000);
  });
});

describe('the same pacer for Zalo', () => {
  it('runs on the injected clock: one chat at least the gap apart, at most `perSecond` a second overall', async () => {
    const t = jumpingClock();
    const pacer = createZaloPacer({ perChatGapMs: 500, perSecond: 20 }, t.clock);
    const chat: number[] = [];
    const everyone: number[] = [];
    const all = Promise.all([
      ...Array.from({ length: 4 }, () => pacer.schedule('z1', 'private', async () => chat.push(t.now()))),
      // Everyone else's messages share the overall window, first come first served.
      ...Array.from({ length: 60 }, (_, i) => pacer.schedule(`p${i}`, 'private', async () => everyone.push(t.now()))),
    ]);
    await t.runUntil(all);
    expect(chat).toHaveLength(4);
    for (let i = 1; i < chat.length; i++) expect((chat[i] as number) - (chat[i - 1] as number)).toBeGreaterThanOrEqual(500);
    expect(busiest([...chat, ...everyone], 1000)).toBe(20);
  });

  it('shares its overall window through the gate it is given (Redis across instances)', async () => {
    const t = jumpingClock();
    let acquired = 0;
    const pacer = createZaloPacer({ perChatGapMs: 0, perSecond: 1000 }, t.clock, (local) => ({
      acquire: () => (acquired++, local.acquire()),
    }));
    await t.runUntil(Promise.all(['a', 'b', 'c'].map((c) => pacer.schedule(c, 'private', () => Promise.resolve()))));
    expect(acquired).toBe(3);
  });
});
