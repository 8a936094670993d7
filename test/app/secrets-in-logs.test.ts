import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, FAKE_TOKEN } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { planOpenToday } from '../fake-telegram/story.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server.js';

const WEBHOOK_SECRET = 'whsec_Lai-Chau_0123456789abcdef';
const REDIS_PASSWORD = 'redis-pass_Lai-Chau-987654';

/**
 * The IT team ships logs to a shared system: whatever happens — bad webhook calls, API errors,
 * Redis going away — no token, webhook secret or Redis password may appear in them, even at trace
 * level, nor in /healthz or /metrics.
 */
describe('secrets never reach the logs', () => {
  let fake: FakeBotApi;
  let app: RunningApp;
  let redis: PrivateRedis;
  let planFile: string;
  let base: string;

  beforeAll(async () => {
    [fake, redis, planFile] = await Promise.all([FakeBotApi.start(), startPrivateRedis({ password: REDIS_PASSWORD }), planOpenToday()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://example.invalid/telegram',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      REDIS_URL: redis.url,
      PORT: String(port),
      PLAN_FILE: planFile,
      LOG_LEVEL: 'trace',
    });
    await app.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run');
  }, 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await Promise.all([fake?.close(), redis?.cleanup(), rm(planFile, { force: true })]);
  });

  it('after bad webhook calls, API failures, a Redis outage and a shutdown, at trace level', async () => {
    const hook = `${base}/telegram`;
    const person = { id: 8008, first_name: 'Giàng A', last_name: 'Súa' };
    const chat = fake.privateChat(person);
    const update = (text: string) => JSON.stringify(fake.messageUpdate(person, chat, text));
    // Wrong, missing and almost-right secrets.
    for (const secret of [undefined, 'wrong', WEBHOOK_SECRET.slice(0, -1), `${WEBHOOK_SECRET}x`]) {
      const res = await fetch(hook, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: update('/toi'),
      });
      expect(res.status).toBe(401);
    }
    // A send that fails for good, then one that works.
    fake.failNext('sendMessage', { status: 500, error_code: 500, description: 'Internal Server Error' }, 10);
    await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: update('/toi'),
    });
    await new Promise((r) => setTimeout(r, 300));
    // Redis away for a moment while someone writes.
    await redis.stop();
    await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: update('/trogiup'),
    });
    const pages = [await (await fetch(`${base}/healthz`)).text(), await (await fetch(`${base}/metrics`)).text()];
    await redis.start();
    await app.stop('SIGTERM');
    const everything = [app.stderr(), ...pages].join('\n');
    expect(app.logs().length).toBeGreaterThan(20);
    for (const secret of [FAKE_TOKEN, FAKE_TOKEN.split(':')[1] as string, WEBHOOK_SECRET, REDIS_PASSWORD]) {
      expect(everything.includes(secret), `a secret leaked: ${secret.slice(0, 4)}…`).toBe(false);
    }
  }, 60_000);
});
