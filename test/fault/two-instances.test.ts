import { afterAll, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../src/store/redis/open-redis-store.js';
import { FakeBotApi, type FakeUser } from '../fake-telegram/fake-bot-api.js';
import type { RunningApp } from '../fake-telegram/app-process.js';
import { uniqueRedisPrefix } from '../helpers/redis.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server.js';
import { crashSignsIn, isReminder, POLLING, seedHeads, sleep, STANDING_BY, startBot } from './redis-fixture.js';

/** Mon 23/06/2025, ten seconds before 08:00: the half-year period (deadline Wed 18/06) is 3 working days late. */
const BEFORE_EIGHT_DAY3_LATE = '2025-06-23T07:59:50';
const ESCALATION = /^Kính gửi Sở Nội vụ,\nKỳ báo cáo .* đã quá hạn 3 ngày làm việc/;

/**
 * Issue 9: two instances of the built app on one fake Bot API and one Redis prefix, both ticking
 * every second across 08:00 on a day when 48 heads are due an overdue reminder and Sở Nội vụ an
 * escalation. One polls, the other stands by; both schedulers run.
 */
describe('fault: two instances on one Redis', () => {
  let redis: PrivateRedis | undefined;
  let fake: FakeBotApi | undefined;
  const apps: RunningApp[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop('SIGKILL')));
    await fake?.close();
    await redis?.cleanup();
  });

  it('send each reminder and the escalation exactly once', async () => {
    const started = Date.now();
    redis = await startPrivateRedis();
    const prefix = uniqueRedisPrefix();
    const heads = await seedHeads(redis.url, prefix, 48);
    const coordinator: FakeUser = { id: 7_008_888, first_name: 'Điều', last_name: 'Phối', language_code: 'vi' };
    const store = await openRedisStore({ url: redis.url, prefix });
    await store.people.grant({
      account: `telegram:${coordinator.id}`,
      role: 'coordinator',
      name: 'Điều Phối',
      grantedAt: Date.now(),
      grantedBy: 'bootstrap',
    });
    await store.close();
    fake = await FakeBotApi.start();
    const f = fake;
    for (const user of [...heads.map((h) => h.user), coordinator]) f.knowChat(f.privateChat(user));

    // Both at once, both schedulers every second.
    const env = { CLOCK_START: BEFORE_EIGHT_DAY3_LATE, SCHEDULER_CRON: '* * * * * *' };
    apps.push(...(await Promise.all([startBot(f, redis.url, prefix, env), startBot(f, redis.url, prefix, env)])));
    const [a, b] = apps as [RunningApp, RunningApp];
    await Promise.all(
      [a, b].map((app) => app.waitForLog((l) => l.msg === POLLING || l.msg === STANDING_BY, 20_000, 'polling or standing by')),
    );
    const roles = [a, b].map((app) => (app.logs().some((l) => l.msg === POLLING) ? 'polls' : 'stands by'));
    expect(roles.sort()).toEqual(['polls', 'stands by']);

    await f.waitFor(() => heads.every((h) => f.sent(h.user.id).some(isReminder)), 40_000, 'every head reminded');
    await f.waitFor(() => f.sent(coordinator.id).some((m) => ESCALATION.test(m.text)), 20_000, 'the escalation');
    // Five more ticks of each instance: anything sent twice would show now.
    await sleep(5_000);

    const perHead = heads.map((h) => f.sent(h.user.id).filter(isReminder).length);
    expect(
      perHead.filter((n) => n !== 1),
      `reminders per head: ${perHead.join(',')}`,
    ).toEqual([]);
    const toCoordinator = f.sent(coordinator.id).map((m) => m.text);
    const escalations = toCoordinator.filter((t) => ESCALATION.test(t)).length;
    expect(escalations).toBe(1);
    expect(new Set(toCoordinator).size, 'a message to the coordinator sent twice').toBe(toCoordinator.length);

    // Who sent what: each instance's tick reports.
    const sentBy = [a, b].map((app) =>
      app
        .logs()
        .filter((l) => l.msg === 'scheduler tick')
        .reduce((sum, l) => sum + Number(l.sent ?? 0), 0),
    );
    const ticksBy = [a, b].map((app) => app.logs().filter((l) => l.msg === 'scheduler tick').length);
    for (const app of [a, b]) expect(crashSignsIn(app)).toEqual([]);
    console.log(
      `Two instances (one polling, one standing by), one Redis prefix, both schedulers ticking every second across 08:00 on Mon 23/06/2025: ` +
        `${heads.length}/${heads.length} heads got exactly 1 overdue reminder (${perHead.reduce((x, y) => x + y, 0)} reminders in all, 0 duplicates); ` +
        `Sở Nội vụ got ${escalations} escalation and ${toCoordinator.length} message(s) in all, none twice; ` +
        `deliveries split ${sentBy[0]} + ${sentBy[1]} between the instances (${ticksBy[0]} and ${ticksBy[1]} ticks that sent something); ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 120_000);
});
