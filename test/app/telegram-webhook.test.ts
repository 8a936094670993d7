import { rm } from 'node:fs/promises';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, FAKE_TOKEN } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { ADMIN, Conversation, inviteReportStatusStory, planOpenToday } from '../fake-telegram/story.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis.js';

const SECRET = 'e2e-webhook-secret_0123456789';
const WEBHOOK_URL = 'https://example.invalid/telegram';

/** The built app in webhook mode: Telegram's calls are POSTed to our own HTTP server. */
describe('Telegram end to end: webhook', () => {
  let fake: FakeBotApi;
  let app: RunningApp;
  let planFile: string;
  let endpoint: string;
  const prefix = uniqueRedisPrefix();

  const post = (body: string | Buffer, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) =>
    fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const postUpdate = async (update: Update) => {
    const res = await post(JSON.stringify(update));
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    fake = await FakeBotApi.start();
    planFile = await planOpenToday();
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}/telegram`;
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: WEBHOOK_URL,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: String(port),
      ADMIN_IDS: `telegram:${ADMIN.id}`,
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run');
  }, 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await fake?.close();
    await deleteKeysUnder(prefix);
    await rm(planFile, { force: true });
  });

  it('registers the webhook with its secret token and the updates it handles', () => {
    expect(fake.webhook).toEqual({
      url: WEBHOOK_URL,
      secret_token: SECRET,
      allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
    });
    expect(fake.callsOf('getUpdates')).toEqual([]);
  });

  it('refuses a missing or wrong secret (401), malformed JSON (400), an oversized body (413), other paths (404)', async () => {
    const update = JSON.stringify(fake.messageUpdate(ADMIN, fake.privateChat(ADMIN), '/toi'));
    expect((await post(update, {})).status).toBe(401);
    expect((await post(update, { 'x-telegram-bot-api-secret-token': `${SECRET}x` })).status).toBe(401);
    expect((await post('{"update_id": 1, "message": ')).status).toBe(400);
    expect((await post('[1, 2, 3]')).status).toBe(400);
    // The server reads (and drops) an oversized body up to a bound before answering, so the
    // client always reads the 413 rather than a broken pipe (test/http/server.test.ts).
    const tooLarge = await post(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('connection')).toBe('close');
    expect((await fetch(endpoint.replace('/telegram', '/other'), { method: 'POST', body: update })).status).toBe(404);
    expect((await fetch(endpoint)).status).toBe(405);
    // None of those reached the bot.
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('sendMessage')).toEqual([]);
  });

  it('answers at once and handles an update Telegram redelivers only once', async () => {
    const chat = fake.privateChat(ADMIN);
    const update = fake.messageUpdate(ADMIN, chat, '/toi');
    const started = Date.now();
    await postUpdate(update);
    expect(Date.now() - started).toBeLessThan(1_000);
    await postUpdate(update);
    await postUpdate(update);
    await fake.nextMessage(chat.id, 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.sent(chat.id)).toHaveLength(1);
  });

  it("serves the dashboard at the webhook URL's origin: /web sends a link there, the pages answer with their headers", async () => {
    const chat = fake.privateChat(ADMIN);
    const before = fake.sent(chat.id).length;
    await postUpdate(fake.messageUpdate(ADMIN, chat, '/web'));
    const sent = await fake.nextMessage(chat.id, before);
    const link = /https:\/\/example\.invalid\/dashboard\/dangnhap\?t=[A-Za-z0-9_-]{43}/.exec(sent.text)?.[0];
    expect(link).toBeDefined();
    // The proxy in front would forward the link's path and query to the app's own port.
    const signIn = await fetch(endpoint.replace('/telegram', new URL(link ?? '').pathname + new URL(link ?? '').search), {
      redirect: 'manual',
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('set-cookie')).toMatch(/^__Host-dondoc=.*; Secure$/);
    const stranger = await fetch(endpoint.replace('/telegram', '/dashboard'));
    expect(stranger.status).toBe(401);
    expect(stranger.headers.get('x-frame-options')).toBe('DENY');
  });

  it('an invitee joins by deep link, reports with buttons, and the coordinator asks /status in the group', async () => {
    await inviteReportStatusStory(new Conversation(fake, postUpdate));
    const rejected = fake.calls.filter((c) => !c.response.ok && c.response.error_code !== 429);
    expect(rejected.map((c) => `${c.method}: ${c.response.description}`)).toEqual([]);
  }, 60_000);

  it('stops gracefully on SIGTERM and leaves the webhook for the other instances', async () => {
    const exit = await app.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(fake.callsOf('deleteWebhook')).toEqual([]);
    expect(app.stderr()).not.toContain(SECRET);
  }, 30_000);
});
