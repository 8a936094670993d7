import { afterAll, describe, expect, it } from 'vitest';
import { FakeBotApi, type FakeUser } from '../fake-telegram/fake-bot-api.js';
import type { RunningApp } from '../fake-telegram/app-process.js';
import { deleteKeysUnder, uniqueRedisPrefix } from '../helpers/redis.js';
import { BEFORE_EIGHT, fanOutProvince, startFanOutApp } from './fanout-fixture.js';

const REMINDERS = 200;
const RATE = 100;
const FAULT_RATE = 0.3;
/** People who are not heads, each asking /toi a few times while the reminders go out. */
const ASKERS: FakeUser[] = Array.from({ length: 5 }, (_, i) => ({ id: 20_000_001 + i, first_name: `Người hỏi ${i + 1}` }));
const ASKS = 3;

const prefix = uniqueRedisPrefix();
let app: RunningApp | undefined;
let fake: FakeBotApi | undefined;
afterAll(async () => {
  await app?.stop('SIGKILL');
  await fake?.close();
  await deleteKeysUnder(prefix);
});

/**
 * The Bot API answers a seeded random 30 % of calls (every method but getUpdates and getMe) with
 * 429 (retry_after 1), 500 or 502, evenly. The fake decides that a 429 and a 5xx did NOT deliver
 * the message (for a 5xx, real Telegram might have; a bot cannot tell and sends again).
 */
describe('the Bot API failing 30 % of calls with 429 or 5xx', () => {
  it(
    `every reminder (${REMINDERS}) and every reply to ${ASKERS.length} people's commands arrives, none twice`,
    { timeout: 120_000 },
    async () => {
      fake = await FakeBotApi.start({
        limits: {
          global: { limit: RATE, windowMs: 1_000 },
          group: { limit: 1_000, windowMs: 1_000 },
          private: { limit: 1_000, windowMs: 1_000 },
        },
        faults: { rate: FAULT_RATE, seed: 20250613 },
      });
      const api = fake;
      const province = await fanOutProvince(REMINDERS, prefix, api);
      const started = Date.now();
      try {
        app = await startFanOutApp({
          fake: api,
          prefix,
          planFile: province.planFile,
          clockStart: BEFORE_EIGHT,
          sendRate: RATE,
          leaseSeconds: 120,
        });
        for (let round = 0; round < ASKS; round++) for (const person of ASKERS) api.send(person, api.privateChat(person), '/toi');
        const askerChats = ASKERS.map((p) => p.id);
        await api.waitFor(
          () => api.onceEach(province.chats).missed === 0 && askerChats.every((c) => api.sentCount(c) >= ASKS),
          100_000,
          'every reminder and every reply',
        );
        await app.waitForLog((l) => l.msg === 'scheduler tick' && l.advanced === true, 60_000, 'a tick that closes the window');
        await new Promise((r) => setTimeout(r, 2_000)); // a late duplicate would arrive now
        const reminders = api.onceEach(province.chats);
        const replies = askerChats.map((c) => api.sentCount(c));
        const ticks = app.logs().filter((l) => l.msg === 'scheduler tick');
        const failedAttempts = ticks.reduce((n, l) => n + Number(l.failed ?? 0), 0);
        console.log(
          `Bot API faults: ${FAULT_RATE * 100}% of calls failed (${api.injected[429]}× 429 retry_after 1, ${api.injected[500]}× 500, ${api.injected[502]}× 502; a 5xx is not a delivery in this fake); ` +
            `${REMINDERS} reminders: ${reminders.missed} missed, ${reminders.duplicates} duplicates (${failedAttempts} deliveries failed after the client's retries and went again on a later tick); ` +
            `${ASKERS.length}×${ASKS} /toi replies: ${replies.reduce((a, b) => a + b, 0)} delivered, ${replies.filter((n) => n !== ASKS).length} chats with a wrong count; all done in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        expect(api.injected[429] + api.injected[500] + api.injected[502]).toBeGreaterThan(REMINDERS * 0.2);
        expect(reminders).toMatchObject({ missed: 0, duplicates: 0 });
        expect(replies).toEqual(askerChats.map(() => ASKS));
      } finally {
        await province.cleanup();
      }
    },
  );
});
