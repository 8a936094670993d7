import { rm } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { planOpenToday } from '../fake-telegram/story.js';
import { FAKE_ZALO_TOKEN, FakeZaloApi } from '../fake-zalo/fake-zalo-api.js';
import { ZALO_ADMIN, ZaloConversation, zaloInviteReportStory } from '../fake-zalo/story.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis.js';

/** The built app against the fake Zalo Bot API, long polling, on Redis, Zalo alone. */
describe('Zalo end to end: long polling', () => {
  let fake: FakeZaloApi;
  let app: RunningApp;
  let planFile: string;
  const prefix = uniqueRedisPrefix();

  beforeAll(async () => {
    fake = await FakeZaloApi.start();
    fake.webhook = { url: 'https://old.example.vn/zalo', secret: 'left-over-secret' }; // polling must delete it first
    planFile = await planOpenToday();
    app = await startApp({
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_API_ROOT: fake.apiRoot,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: String(await freePort()),
      ADMIN_IDS: `zalo:${ZALO_ADMIN.id}`,
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'zalo: long polling (this instance holds the poll lock)', 20_000, 'polling to start');
  }, 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await fake?.close();
    await deleteKeysUnder(prefix);
    await rm(planFile, { force: true });
  });

  it('deletes the webhook before polling', async () => {
    await fake.waitFor(() => fake.arrivals.includes('getUpdates'), 10_000, 'a poll');
    const first = fake.arrivals.indexOf('getUpdates');
    expect(fake.arrivals.indexOf('deleteWebhook')).toBeGreaterThanOrEqual(0);
    expect(fake.arrivals.indexOf('deleteWebhook')).toBeLessThan(first);
    expect(fake.webhook).toBeUndefined();
    expect(fake.callsOf('getUpdates').every((c) => c.response.error_code !== 409)).toBe(true);
  });

  it('an invitee registers with /dangky, reports with /baocao answering by number, and /status counts it', async () => {
    await zaloInviteReportStory(new ZaloConversation(fake, async (u) => void fake.enqueue(u)));
    const rejected = fake.calls.filter((c) => !c.response.ok && c.method !== 'getUpdates');
    expect(rejected.map((c) => `${c.method}: ${c.response.description}`)).toEqual([]);
  }, 90_000);

  it('an update delivered twice is answered once; a failed poll backs off and polling goes on', async () => {
    const person = { id: 'c0ffee01', display_name: 'Vàng A Dình' };
    const update = fake.textUpdate(person, '/toi');
    fake.enqueue(update);
    fake.enqueue(update);
    await fake.nextMessage(person.id, 0);
    fake.fail('getUpdates', { kind: 'http', status: 502 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.sent(person.id)).toHaveLength(1);
    const reply = await fake.say(person, '/trogiup');
    expect(reply.text).toContain('/dangky');
  }, 30_000);

  it('stops gracefully on SIGTERM: exit code 0, the poll lock released, the token never logged', async () => {
    const exit = await app.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(app.stderr()).not.toContain(FAKE_ZALO_TOKEN.split(':')[1]);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.exists(`${prefix}poll-lock:zalo`)).toBe(0);
    } finally {
      await redis.quit();
    }
  }, 30_000);
});
