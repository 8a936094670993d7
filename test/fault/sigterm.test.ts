import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeBotApi, type FakeUser } from '../fake-telegram/fake-bot-api.js';
import type { RunningApp } from '../fake-telegram/app-process.js';
import { uniqueRedisPrefix } from '../helpers/redis.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server.js';
import { crashSignsIn, isReminder, keysMatching, POLLING, REMINDER_END, seedHeads, sleep, STANDING_BY, startBot } from './redis-fixture.js';

/** The addresses (ip:port) of the TCP connections process `pid` holds to `port`, as `ss` sees them. */
function connectionsOf(pid: number, port: number): string[] {
  const out = execFileSync('ss', ['-tnpH', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(`pid=${pid},`))
    .map((l) => l.trim().split(/\s+/)[2] ?? '')
    .filter(Boolean);
}

/**
 * Issue 9: SIGTERM to the polling instance (the built app) while people's messages are in flight
 * and its scheduler is sending the 08:00 reminders, with a second instance standing by. The
 * one-instance SIGTERM case (replies paced out, exit 0, lock key gone) is in
 * test/app/telegram-polling.test.ts; the stop order in test/app/telegram-shutdown.test.ts.
 */
describe('fault: graceful shutdown on SIGTERM with a standby instance', () => {
  let redis: PrivateRedis | undefined;
  let fake: FakeBotApi | undefined;
  const apps: RunningApp[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop('SIGKILL')));
    await fake?.close();
    await redis?.cleanup();
  });

  it('answers what is in flight, exits 0, leaves no lock, lease or connection, and the standby takes over', async () => {
    const started = Date.now();
    redis = await startPrivateRedis();
    const prefix = uniqueRedisPrefix();
    const heads = await seedHeads(redis.url, prefix, 30);
    fake = await FakeBotApi.start();
    const f = fake;
    for (const h of heads) f.knowChat(f.privateChat(h.user));

    const a = await startBot(f, redis.url, prefix);
    apps.push(a);
    await a.waitForLog((l) => l.msg === POLLING, 20_000, 'A polling');
    const b = await startBot(f, redis.url, prefix);
    apps.push(b);
    await b.waitForLog((l) => l.msg === STANDING_BY, 20_000, 'B standing by');
    const instanceA = String((await a.waitForLog((l) => l.msg === 'running')).instance);
    const redisConnectionsOfA = connectionsOf(a.pid, redis.port);
    expect(redisConnectionsOfA.length).toBeGreaterThan(0);

    // The 08:00 reminders start going out; then people write, and their messages reach A.
    await f.waitFor(() => f.sent().some(isReminder), 30_000, 'the first 08:00 reminder');
    const people: FakeUser[] = [0, 1, 2].map((i) => ({
      id: 7_005_000 + i,
      first_name: 'Người',
      last_name: `viết ${i + 1}`,
      language_code: 'vi',
    }));
    const expected = new Map<number, number>();
    for (const [i, p] of people.entries()) {
      const times = i === 0 ? 4 : 1; // four into one chat: the fourth waits for the chat's pace (~1/s)
      for (let n = 0; n < times; n++) f.send(p, f.privateChat(p), n % 2 === 0 ? '/toi' : '/trogiup');
      expected.set(p.id, times);
    }
    await f.waitFor(
      () =>
        f.pendingCount() === 0 || f.callsOf('getUpdates').some((c) => Array.isArray(c.response.result) && c.response.result.length >= 6),
      10_000,
      'the messages fetched',
    );
    const inFlight = people.reduce((n, p) => n + (expected.get(p.id) ?? 0) - f.sent(p.id).length, 0);
    const remindersBefore = f.sent().filter(isReminder).length;

    // Watch the poll lock: when A lets go of it.
    const watcher = new Redis(redis.url);
    let released = 0;
    const watching = (async () => {
      while (!released) {
        if ((await watcher.get(`${prefix}lease:poll-lock:telegram`)) !== instanceA) released = Date.now();
        else await sleep(20);
      }
    })();
    const sigterm = Date.now();
    const exit = await a.stop('SIGTERM', 40_000);
    await watching;
    await watcher.quit();
    const exitedAfter = (Date.now() - sigterm) / 1000;
    expect(exit.code).toBe(0);
    expect(exitedAfter).toBeLessThan(30);
    expect(a.logs().some((l) => l.msg === 'stopped')).toBe(true);
    expect(a.logs().filter((l) => l.msg === 'shutdown step timed out; moving on')).toEqual([]);
    expect(crashSignsIn(a)).toEqual([]);

    // Every message in flight was answered before the exit.
    for (const p of people) expect(f.sent(p.id).length, `answers to ${p.id}`).toBe(expected.get(p.id));

    // Nothing of A is left in Redis: not the poll lock, no lease it held, no connection.
    const redisClient = new Redis(redis.url);
    let leftLeases: string[];
    let clientAddrs: string[];
    try {
      const lock = await redisClient.get(`${prefix}lease:poll-lock:telegram`);
      expect(lock).not.toBe(instanceA);
      // Update ids and tick slots are claimed for good (they expire), not held: they must outlive the process.
      const leases = (await keysMatching(redis.url, prefix, 'lease:*')).filter(
        (k) => !/lease:(tg-update|tg-choice|scheduler-tick):/.test(k),
      );
      const owners = leases.length > 0 ? await redisClient.mget(...leases) : [];
      leftLeases = leases.filter((_, i) => owners[i]?.split('#')[0] === instanceA || /lease:report-confirm:/.test(leases[i] ?? ''));
      clientAddrs = String(await redisClient.client('LIST'))
        .split('\n')
        .map((l) => /addr=(\S+)/.exec(l)?.[1] ?? '')
        .filter(Boolean);
    } finally {
      await redisClient.quit();
    }
    expect(leftLeases).toEqual([]);
    expect(clientAddrs.filter((addr) => redisConnectionsOfA.includes(addr))).toEqual([]);

    // The standby takes over the polling and answers.
    await b.waitForLog((l) => l.msg === POLLING, 20_000, 'B polling');
    const takeover = ((b.logs().find((l) => l.msg === POLLING)?.time as number) - released) / 1000;
    const late: FakeUser = { id: 7_005_100, first_name: 'Người', last_name: 'đến sau', language_code: 'vi' };
    const answerAt = Date.now();
    f.send(late, f.privateChat(late), '/toi');
    await f.nextMessage(late.id, 0, 15_000);
    const answeredIn = (Date.now() - answerAt) / 1000;

    // Every head got the 08:00 reminder once, between A (before it stopped) and B.
    await f.waitFor(() => heads.every((h) => f.sent(h.user.id).some(isReminder)), 30_000, 'every head reminded');
    await sleep(4_000);
    const perHead = heads.map((h) => f.sent(h.user.id).filter((m) => m.text.includes(REMINDER_END)).length);
    expect(
      perHead.filter((n) => n !== 1),
      `reminders per head: ${perHead.join(',')}`,
    ).toEqual([]);

    console.log(
      `SIGTERM to the polling instance with ${inFlight} replies still to send (messages of ${people.length} people just fetched) and the 08:00 reminders going out (${remindersBefore}/${heads.length} sent): ` +
        `all ${[...expected.values()].reduce((x, y) => x + y, 0)} messages answered before exit; exit code ${exit.code} in ${exitedAfter.toFixed(1)} s; ` +
        `poll lock released, ${leftLeases.length} leases of the instance left, 0 of its ${redisConnectionsOfA.length} Redis connection(s) left in CLIENT LIST; ` +
        `lock released ${((released - sigterm) / 1000).toFixed(1)} s after SIGTERM (once the replies were out), the standby polling ${takeover.toFixed(1)} s after that and answering a new message in ${answeredIn.toFixed(1)} s; ` +
        `${heads.length}/${heads.length} heads reminded exactly once across the two instances; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 120_000);
});
