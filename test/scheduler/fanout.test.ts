import type { Store } from '../../src/store/store.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startCron } from '../../scheduler/cron.js';
import { createScheduler, CURSOR_KEY, type Scheduler, type TickReport } from '../../scheduler/scheduler.js';
import { reportingAgencies } from '../../src/domain/plan.js';
import { accountId } from '../../src/domain/roles.js';
import type { ChatAddress, DeliveryResult } from '../../src/messaging/delivery.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { deleteKeysUnder, keysUnder, uniqueRedisPrefix } from '../helpers/redis.js';

const at = (iso: string) => Date.parse(`${iso}+07:00`);
const opened: TestBot[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
  await Promise.all(prefixes.splice(0).map((p) => deleteKeysUnder(p)));
});

/** Every agency of the bundled plan gets a head (telegram:5000 + i): one reminder each at 08:00 on 13/06/2025. */
async function botWithHeads(prefix: string) {
  const bot = await createTestBot({ now: '2025-06-13T07:59:00+07:00', store: 'redis', redisPrefix: prefix });
  opened.push(bot);
  // Every agency that reports (the coordinating Sở Nội vụ does not report to itself).
  const heads = reportingAgencies(bot.plan).map((a, i) => ({ agency: a.id, chat: String(5000 + i) }));
  for (const h of heads)
    await bot.grant({ account: accountId('telegram', h.chat), role: 'head', agencyId: h.agency, name: `Head ${h.agency}` });
  return { bot, heads };
}

/** A Deliver that takes `ms` per message and counts what is in flight. */
function slowDeliver(ms: number) {
  const sent: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const deliver = async (to: ChatAddress): Promise<DeliveryResult> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await sleep(ms);
    inFlight--;
    sent.push(to.chatId);
    return { ok: true };
  };
  return { deliver, sent, peak: () => peak, inFlight: () => inFlight };
}

describe('the fan-out of one tick', () => {
  it('keeps a bounded number of deliveries in flight and sends each reminder once', async () => {
    const prefix = uniqueRedisPrefix();
    prefixes.push(prefix);
    const { bot, heads } = await botWithHeads(prefix);
    const out = slowDeliver(40);
    const scheduler = createScheduler({ services: bot.services, deliver: out.deliver, instanceId: 'a', concurrency: 8 });
    await scheduler.tick(at('2025-06-13T07:59'));
    bot.clock.set(at('2025-06-13T08:00'));
    const report = await scheduler.tick(at('2025-06-13T08:00'));
    expect(report).toMatchObject({ sent: heads.length, failed: 0, alreadyDone: 0, advanced: true });
    expect(new Set(out.sent).size).toBe(heads.length);
    expect(out.sent).toHaveLength(heads.length);
    expect(out.peak()).toBe(8);
  });

  it('keeps the lease of a reminder it sent but could not record, so another instance does not send it again', async () => {
    const prefix = uniqueRedisPrefix();
    prefixes.push(prefix);
    const { bot, heads } = await botWithHeads(prefix);
    const out = slowDeliver(1);
    // The store answers everything but the sent-ledger write (Redis gone for longer than markDone waits).
    const store = Object.assign(Object.create(bot.store) as Store, {
      deliveries: Object.assign(Object.create(bot.store.deliveries) as Store['deliveries'], {
        markDone: () => Promise.reject(new Error('Redis unreachable')),
      }),
    });
    const a = createScheduler({ services: { ...bot.services, store }, deliver: out.deliver, instanceId: 'a', concurrency: 8 });
    await a.tick(at('2025-06-13T07:59')).catch(() => undefined);
    bot.clock.set(at('2025-06-13T08:00'));
    await a.tick(at('2025-06-13T08:00')).catch(() => undefined);
    const sentByA = out.sent.length;
    expect(sentByA).toBeGreaterThan(0);
    // Instance b, with a working store, finds those deliveries still held and sends none of them again.
    const b = createScheduler({ services: bot.services, deliver: out.deliver, instanceId: 'b', concurrency: 8 });
    await b.tick(at('2025-06-13T08:00:30'));
    const twice = out.sent.filter((chat, i) => out.sent.indexOf(chat) !== i);
    expect(twice).toEqual([]);
    expect(out.sent.length).toBeLessThanOrEqual(heads.length);
  });

  it('stops starting deliveries when aborted, lets those in flight finish and release their leases, and leaves the window open', async () => {
    const prefix = uniqueRedisPrefix();
    prefixes.push(prefix);
    const { bot, heads } = await botWithHeads(prefix);
    const out = slowDeliver(30);
    const scheduler = createScheduler({ services: bot.services, deliver: out.deliver, instanceId: 'a', concurrency: 4 });
    await scheduler.tick(at('2025-06-13T07:59'));
    const cursorBefore = await bot.store.settings.get(CURSOR_KEY);
    bot.clock.set(at('2025-06-13T08:00'));
    const abort = new AbortController();
    const ticking = scheduler.tick(at('2025-06-13T08:00'), { signal: abort.signal });
    // Abort once some deliveries are done (a condition, not a fixed sleep: under load 100 ms may be none).
    for (const started = Date.now(); out.sent.length < 2 && Date.now() - started < 10_000;) await sleep(5);
    abort.abort();
    const inFlightAtAbort = out.inFlight();
    const report = await ticking;
    expect(report.aborted).toBe(true);
    expect(report.advanced).toBe(false);
    expect(report.sent).toBe(out.sent.length);
    expect(report.sent).toBeGreaterThan(0);
    expect(report.sent).toBeLessThan(heads.length);
    expect(inFlightAtAbort).toBeLessThanOrEqual(4);
    expect(await bot.store.settings.get(CURSOR_KEY)).toBe(cursorBefore);
    expect(await keysUnder(`${prefix}lease:`)).toEqual([]); // every delivery lease released
    // The next tick (here, or another instance) sends the rest, each once.
    const next = await scheduler.tick(at('2025-06-13T08:01'));
    expect(next).toMatchObject({ sent: heads.length - report.sent, alreadyDone: report.sent, advanced: true });
    expect(new Set(out.sent).size).toBe(heads.length);
    expect(out.sent).toHaveLength(heads.length);
  });

  it('two instances on one Redis: one claims each minute, and ticking together they still send each reminder once', async () => {
    const prefix = uniqueRedisPrefix();
    prefixes.push(prefix);
    const { bot, heads } = await botWithHeads(prefix);
    const b = await createTestBot({ now: '2025-06-13T07:59:00+07:00', store: 'redis', redisPrefix: prefix });
    opened.push(b);
    const out = slowDeliver(10);
    const sa = createScheduler({ services: bot.services, deliver: out.deliver, instanceId: 'a', concurrency: 8 });
    const sb = createScheduler({ services: b.services, deliver: out.deliver, instanceId: 'b', concurrency: 8 });
    for (const minute of ['07:59', '08:00', '08:01']) {
      bot.clock.set(at(`2025-06-13T${minute}:00.200`));
      b.clock.set(at(`2025-06-13T${minute}:00.350`));
      const claims = await Promise.all([sa.claimTickSlot?.(), sb.claimTickSlot?.()]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
    expect(await keysUnder(`${prefix}lease:scheduler-tick:2025-06-13T08:00`)).toHaveLength(1);
    // A long tick helped by another instance: both run the same window at once.
    await sa.tick(at('2025-06-13T07:59'));
    const [ra, rb] = await Promise.all([sa.tick(at('2025-06-13T08:00')), sb.tick(at('2025-06-13T08:00:30'))]);
    expect(ra.sent + rb.sent).toBe(heads.length);
    expect(out.sent).toHaveLength(heads.length);
    expect(new Set(out.sent).size).toBe(heads.length);
  });
});

describe('the cron loop with several instances', () => {
  it('runs each slot on one instance only and reports ticks and skips to the hooks', async () => {
    const claimed = new Set<number>();
    const empty: TickReport = { fromMs: 0, toMs: 0, sent: 1, skippedStale: 0, alreadyDone: 0, failed: 0, advanced: true };
    const ticks: string[] = [];
    const make = (name: string): Scheduler => ({
      tick: async () => {
        ticks.push(name);
        return empty;
      },
      runUntil: async () => [],
      // Both instances name the slot alike; the first to ask wins it.
      claimTickSlot: async (slotMs = 60_000) => {
        const slot = Math.floor(Date.now() / slotMs);
        if (claimed.has(slot)) return false;
        claimed.add(slot);
        return true;
      },
    });
    const logger = pino({ level: 'silent' });
    const reports: TickReport[] = [];
    let skipped = 0;
    const hooks = { onTick: (r: TickReport) => reports.push(r), onTickSkipped: () => skipped++ };
    const loops = [startCron(make('a'), logger, '* * * * * *', hooks), startCron(make('b'), logger, '* * * * * *', hooks)];
    await sleep(3200);
    await Promise.all(loops.map((l) => l.stop()));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(reports).toHaveLength(ticks.length);
    // No slot ran twice, and the losers were told: the other instance skipped the slots it saw
    // (not necessarily all: the loops may stop between the two callbacks of a second, and a busy
    // machine's timer may miss a second for one instance).
    expect(claimed.size).toBe(ticks.length);
    expect(skipped).toBeGreaterThanOrEqual(1);
    expect(skipped).toBeLessThanOrEqual(ticks.length);
  });

  it('stop() aborts the tick in progress and waits for it', async () => {
    let seen: AbortSignal | undefined;
    let finished = false;
    const scheduler: Scheduler = {
      tick: async (_now, options) => {
        seen = options?.signal;
        while (!options?.signal?.aborted) await sleep(20);
        await sleep(100); // deliveries in flight finish
        finished = true;
        return { fromMs: 0, toMs: 0, sent: 0, skippedStale: 0, alreadyDone: 0, failed: 0, advanced: false, aborted: true };
      },
      runUntil: async () => [],
    };
    const loop = startCron(scheduler, pino({ level: 'silent' }), '* * * * * *');
    await sleep(1300);
    expect(seen?.aborted).toBe(false);
    await loop.stop();
    expect(seen?.aborted).toBe(true);
    expect(finished).toBe(true);
  });
});

describe('a delivery slower than its lease', () => {
  it('keeps its lease (renewed while it sends), so another instance does not send it too', async () => {
    const prefix = uniqueRedisPrefix();
    prefixes.push(prefix);
    const { bot, heads } = await botWithHeads(prefix);
    const b = await createTestBot({ now: '2025-06-13T07:59:00+07:00', store: 'redis', redisPrefix: prefix });
    opened.push(b);
    // Each send takes 1.2 s (a 429 waited out in the client), four times the 300 ms lease.
    const out = slowDeliver(1_200);
    const sa = createScheduler({ services: bot.services, deliver: out.deliver, instanceId: 'a', concurrency: 64, leaseMs: 300 });
    const sb = createScheduler({ services: b.services, deliver: out.deliver, instanceId: 'b', concurrency: 64, leaseMs: 300 });
    await sa.tick(at('2025-06-13T07:59'));
    const first = sa.tick(at('2025-06-13T08:00'));
    // Once a holds and sends every delivery (a loaded machine may take a while to get there: a fixed
    // 400 ms once let b claim them first), past the lease: without renewal, b would take them all.
    const until = Date.now() + 20_000;
    while (out.inFlight() < heads.length && Date.now() < until) await sleep(10);
    await sleep(500);
    const second = await sb.tick(at('2025-06-13T08:00:30'));
    await first;
    expect(second.sent).toBe(0);
    expect(out.sent).toHaveLength(heads.length);
    expect(new Set(out.sent).size).toBe(heads.length);
  });
});
