import { afterAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fake-telegram/fake-bot-api.js';
import type { RunningApp } from '../fake-telegram/app-process.js';
import { deleteKeysUnder, uniqueRedisPrefix } from '../helpers/redis.js';
import { AFTER_EIGHT, BEFORE_EIGHT, deliveriesDone, deliveriesInFlight, fanOutProvince, startFanOutApp } from './fanout-fixture.js';

const REMINDERS = 1_000;
/** The fake API's (and our pacer's) overall rate: the fan-out takes about 4 s, so a kill lands mid-way. */
const RATE = 250;

const prefix = uniqueRedisPrefix();
const apps: RunningApp[] = [];
let fake: FakeBotApi | undefined;
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop('SIGKILL')));
  await fake?.close();
  await deleteKeysUnder(prefix);
});

describe('kill -9 during a fan-out', () => {
  it(
    `${REMINDERS} reminders: after a restart none is missed, and duplicates are no more than the deliveries in flight at the kill`,
    { timeout: 90_000 },
    async () => {
      fake = await FakeBotApi.start({
        limits: {
          global: { limit: RATE, windowMs: 1_000 },
          group: { limit: 1_000, windowMs: 1_000 },
          private: { limit: 1_000, windowMs: 1_000 },
        },
      });
      const province = await fanOutProvince(REMINDERS, prefix, fake);
      try {
        // The app's clock starts just before 08:00, when every head's T-3 reminder falls due.
        const first = await startFanOutApp({ fake, prefix, planFile: province.planFile, clockStart: BEFORE_EIGHT, sendRate: RATE });
        apps.push(first);
        const killAfter = Math.round(REMINDERS * 0.4);
        const api = fake;
        await api.waitFor(() => api.onceEach(province.chats).total >= killAfter, 30_000, `${killAfter} reminders sent`);
        await first.stop('SIGKILL');
        const atKill = fake.onceEach(province.chats);
        // Read at once (the leases of the dead instance last DELIVERY_LEASE_SECONDS = 5 s).
        const inFlight = await deliveriesInFlight(prefix);
        const doneAtKill = await deliveriesDone(prefix);
        expect(atKill.total).toBeLessThan(REMINDERS);

        // A restart on the same Redis, the same morning: the window the killed tick left open is run again.
        const second = await startFanOutApp({ fake, prefix, planFile: province.planFile, clockStart: AFTER_EIGHT, sendRate: RATE });
        apps.push(second);
        await api.waitFor(() => api.onceEach(province.chats).missed === 0, 40_000, 'every head reminded');
        // The tick that finished the window: its cursor advanced, so nothing is left to send.
        await second.waitForLog((l) => l.msg === 'scheduler tick' && l.advanced === true, 20_000, 'a tick that closes the window');
        await new Promise((r) => setTimeout(r, 1_500)); // anything still on its way would arrive now
        const after = fake.onceEach(province.chats);
        await second.stop('SIGTERM');

        console.log(
          `kill -9 during fan-out: ${REMINDERS} reminders at ${RATE}/s, killed after ${atKill.total} sent (${doneAtKill} recorded done), ` +
            `${inFlight.length} in flight at the kill (lease held, not marked done), after restart: ${after.missed} missed, ${after.duplicates} duplicate${after.duplicates === 1 ? '' : 's'} (≤ ${inFlight.length} in flight)`,
        );
        expect(after.missed).toBe(0);
        expect(after.duplicates).toBeLessThanOrEqual(inFlight.length);
        expect(inFlight.length).toBeLessThanOrEqual(32); // the fan-out's bound
      } finally {
        await province.cleanup();
      }
    },
  );
});
