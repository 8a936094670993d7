import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, FAKE_TOKEN } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { planOpenToday } from '../fake-telegram/story.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server.js';

/** What the provincial IT team's monitoring sees: /healthz and /metrics of the built app. */
describe('health and metrics of a running bot', () => {
  let fake: FakeBotApi;
  let app: RunningApp;
  let redis: PrivateRedis;
  let planFile: string;
  let base: string;

  beforeAll(async () => {
    [fake, redis, planFile] = await Promise.all([FakeBotApi.start(), startPrivateRedis(), planOpenToday()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      REDIS_URL: redis.url,
      PORT: String(port),
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'telegram: long polling (this instance holds the poll lock)', 20_000, 'polling to start');
  }, 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await Promise.all([fake?.close(), redis?.cleanup(), rm(planFile, { force: true })]);
  });

  const health = async () => {
    const res = await fetch(`${base}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const metricsText = async () => (await fetch(`${base}/metrics`)).text();
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('is healthy while Redis answers and this instance polls', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', store: { kind: 'redis', ok: true }, telegram: { mode: 'polling', state: 'polling' } });
  });

  it('counts updates, replies, messages sent, API errors, store round trips — and shows no token', async () => {
    const person = { id: 7007, first_name: 'Lò Văn', last_name: 'Pành' };
    const chat = fake.privateChat(person);
    fake.failNext('sendMessage', {
      status: 429,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    fake.send(person, chat, '/toi');
    await fake.nextMessage(chat.id, 0, 15_000);
    fake.send(person, chat, '/trogiup');
    await fake.nextMessage(chat.id, 1, 15_000);
    const text = await metricsText();
    expect(value(text, 'dondoc_updates_total{platform="telegram",outcome="handled"}')).toBe(2);
    expect(value(text, 'dondoc_replies_total{platform="telegram"}')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'dondoc_messages_sent_total{platform="telegram",method="sendMessage"}')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'dondoc_platform_api_errors_total{platform="telegram",method="sendMessage",code="429"}')).toBe(1);
    expect(value(text, 'dondoc_conversations_open')).toBe(0);
    expect(value(text, 'dondoc_store_operation_seconds_count{operation="leases.claim",outcome="ok"}')).toBeGreaterThan(0);
    expect(value(text, 'dondoc_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE dondoc_submissions_total counter');
    expect(text).toContain('# TYPE dondoc_reminders_total counter');
    expect(text).not.toContain(FAKE_TOKEN.split(':')[1]);
  }, 30_000);

  it('turns 503 when Redis goes down and healthy again by itself when Redis is back', async () => {
    await redis.stop();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', store: { ok: false } });
    await redis.start();
    let up = await health();
    for (let i = 0; up.status !== 200 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      up = await health();
    }
    expect(up.status).toBe(200);
    expect(app.logs().some((l) => l.msg === 'health: unhealthy')).toBe(true);
    expect(app.stderr()).not.toContain(FAKE_TOKEN.split(':')[1]);
  }, 30_000);
});
