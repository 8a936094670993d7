import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { CURSOR_KEY } from '../../scheduler/scheduler.js';
import { FakeBotApi } from '../fake-telegram/fake-bot-api.js';
import type { RunningApp } from '../fake-telegram/app-process.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis.js';
import { AFTER_EIGHT, BEFORE_EIGHT, deliveriesDone, deliveriesInFlight, fanOutProvince, startFanOutApp } from './fanout-fixture.js';

const REMINDERS = 1_000;
const RATE = 250;

const prefix = uniqueRedisPrefix();
const apps: RunningApp[] = [];
let fake: FakeBotApi | undefined;
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop('SIGKILL')));
  await fake?.close();
  await deleteKeysUnder(prefix);
});

async function cursor(): Promise<string | null> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    return await redis.hget(`${prefix}meta`, CURSOR_KEY);
  } finally {
    await redis.quit();
  }
}

describe('SIGTERM during a fan-out', () => {
  it(
    `${REMINDERS} reminders: the tick stops starting deliveries, those in flight finish and release their leases, the window stays open, and a restart sends the rest once`,
    { timeout: 90_000 },
    async () => {
      fake = await FakeBotApi.start({
        limits: {
          global: { limit: RATE, windowMs: 1_000 },
          group: { limit: 1_000, windowMs: 1_000 },
          private: { limit: 1_000, windowMs: 1_000 },
        },
      });
      const api = fake;
      const province = await fanOutProvince(REMINDERS, prefix, api);
      try {
        const first = await startFanOutApp({ fake: api, prefix, planFile: province.planFile, clockStart: BEFORE_EIGHT, sendRate: RATE });
        apps.push(first);
        await api.waitFor(() => api.onceEach(province.chats).total >= REMINDERS * 0.3, 30_000, 'a third of the reminders sent');
        const cursorBefore = await cursor();
        const exit = await first.stop('SIGTERM');
        const atStop = api.onceEach(province.chats);
        const inFlight = await deliveriesInFlight(prefix);
        const done = await deliveriesDone(prefix);
        const aborted = first.logs().find((l) => l.msg === 'scheduler tick' && l.aborted === true);
        expect(exit.code).toBe(0);
        expect(aborted).toBeDefined();
        expect(inFlight).toEqual([]); // every lease released, every delivery that went out recorded
        expect(done).toBe(atStop.total);
        expect(atStop.total).toBeLessThan(REMINDERS);
        expect(cursorBefore).toMatch(/^\d+$/);
        expect(await cursor()).toBe(cursorBefore); // the window was not closed

        const second = await startFanOutApp({ fake: api, prefix, planFile: province.planFile, clockStart: AFTER_EIGHT, sendRate: RATE });
        apps.push(second);
        await api.waitFor(() => api.onceEach(province.chats).missed === 0, 40_000, 'every head reminded');
        await second.waitForLog((l) => l.msg === 'scheduler tick' && l.advanced === true, 20_000, 'a tick that closes the window');
        await new Promise((r) => setTimeout(r, 1_500));
        const after = api.onceEach(province.chats);
        await second.stop('SIGTERM');
        console.log(
          `SIGTERM during fan-out: ${REMINDERS} reminders at ${RATE}/s, stopped after ${atStop.total} sent (exit ${exit.code}; the aborted tick reported sent ${String(aborted?.sent)}), ` +
            `${inFlight.length} leases left held, ${done} recorded done; after restart: ${after.missed} missed, ${after.duplicates} duplicates`,
        );
        expect(after).toMatchObject({ missed: 0, duplicates: 0 });
      } finally {
        await province.cleanup();
      }
    },
  );
});
