import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi, FAKE_TOKEN, type FakeUser } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { ADMIN, HEAD, planOpenToday } from '../fake-telegram/story.js';
import { FAKE_ZALO_TOKEN, FakeZaloApi, type FakeZaloUser } from '../fake-zalo/fake-zalo-api.js';
import { ZALO_ADMIN, ZALO_HEAD } from '../fake-zalo/story.js';
import type { ZaloUpdate } from '../../src/platforms/zalo/client.js';
import type { Update } from 'grammy/types';
import { vi as texts } from '../../src/texts/vi.js';
import { DEFAULT_LIMITS } from '../../src/config/limits.js';

/**
 * One sender cannot stall everyone (issue #13, item 2). The built app, with Telegram's real pacing:
 * an unregistered stranger's 1,000 messages are queued first, then the head of Sở Y tế sends
 * /kyhan — and is answered within 2 s, in polling and in webhook mode, on Telegram and on Zalo.
 * The stranger is told once to slow down; the rest of the flood is dropped, never queued.
 */
const FLOOD = 1_000;
const ANSWER_WITHIN_MS = 2_000;
const TG_SECRET = 'flood-webhook-secret_0123456789';
const ZALO_SECRET = 'flood-zalo-secret-0123456789';
const TG_STRANGER: FakeUser = { id: 6660, first_name: 'Người', last_name: 'Lạ' };
const ZALO_STRANGER: FakeZaloUser = { id: 'f100df100df100d0', display_name: 'Người Lạ' };
const CODE = /([A-Za-z0-9_-]{22})/;

let app: RunningApp | undefined;
let planFile: string | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await app?.stop('SIGKILL');
  app = undefined;
  for (const close of closers.splice(0)) await close();
  if (planFile) await rm(planFile, { force: true });
});

async function post(url: string, header: string, secret: string, body: unknown): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [header]: secret },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe.each(['polling', 'webhook'] as const)('a flood on Telegram (%s)', (mode) => {
  it("a stranger's 1,000 messages are queued first; the head's /kyhan is still answered within 2 s", async () => {
    const fake = await FakeBotApi.start();
    closers.push(() => fake.close());
    planFile = await planOpenToday();
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/telegram`;
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      ...(mode === 'webhook' ? { TELEGRAM_WEBHOOK_URL: 'https://example.invalid/telegram', TELEGRAM_WEBHOOK_SECRET: TG_SECRET } : {}),
      PORT: String(port),
      ADMIN_IDS: `telegram:${ADMIN.id}`,
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run');
    const deliver = async (u: Update) => {
      if (mode === 'polling') fake.enqueue(u);
      else expect(await post(hook, 'x-telegram-bot-api-secret-token', TG_SECRET, u)).toBe(200);
    };
    const say = async (who: FakeUser, text: string) => {
      const chat = fake.privateChat(who);
      const before = fake.sent(chat.id).length;
      await deliver(fake.messageUpdate(who, chat, text));
      return (await fake.nextMessage(chat.id, before, 15_000)).text;
    };
    const code = CODE.exec(await say(ADMIN, '/moi so-y-te'))?.[1] ?? '';
    expect(await say(HEAD, `/dangky ${code}`)).toContain('Đăng ký thành công');

    const strangerChat = fake.privateChat(TG_STRANGER);
    const flood = Array.from({ length: FLOOD }, (_, i) => fake.messageUpdate(TG_STRANGER, strangerChat, `/trogiup ${i}`));
    const floodFrom = Date.now();
    if (mode === 'polling') for (const u of flood) fake.enqueue(u);
    else for (let i = 0; i < flood.length; i += 50) await Promise.all(flood.slice(i, i + 50).map((u) => deliver(u)));

    const headChat = fake.privateChat(HEAD);
    const before = fake.sent(headChat.id).length;
    const sentAt = Date.now();
    await deliver(fake.messageUpdate(HEAD, headChat, '/kyhan'));
    const answer = await fake.nextMessage(headChat.id, before, 30_000);
    const tookMs = Date.now() - sentAt;
    console.info(`[telegram ${mode}] /kyhan answered ${tookMs} ms after a ${FLOOD}-message flood`);
    expect(answer.text).toContain('Hạn gửi');
    expect(tookMs).toBeLessThan(ANSWER_WITHIN_MS);

    // The stranger: told once, at most their share answered; nothing of the flood left queued.
    await fake.waitFor(
      () => fake.sent(strangerChat.id).some((m) => m.text === texts.sendingTooFast),
      30_000,
      'the stranger to be told to slow down',
    );
    const toStranger = fake.sent(strangerChat.id);
    const notices = toStranger.filter((m) => m.text === texts.sendingTooFast).length;
    expect(notices).toBeGreaterThanOrEqual(1);
    expect(notices).toBeLessThanOrEqual(windowsSince(floodFrom));
    expect(toStranger.length).toBeLessThanOrEqual(DEFAULT_LIMITS.intake.perSender.limit * 3 + 1);
  }, 120_000);
});

describe.each(['polling', 'webhook'] as const)('a flood on Zalo (%s)', (mode) => {
  it("a stranger's 1,000 messages are queued first; the head's /kyhan is still answered within 2 s", async () => {
    const fake = await FakeZaloApi.start();
    closers.push(() => fake.close());
    planFile = await planOpenToday();
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/zalo/hook`;
    app = await startApp({
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_API_ROOT: fake.apiRoot,
      ...(mode === 'webhook' ? { ZALO_WEBHOOK_URL: 'https://dondoc.example.vn/zalo/hook', ZALO_WEBHOOK_SECRET: ZALO_SECRET } : {}),
      PORT: String(port),
      ADMIN_IDS: `zalo:${ZALO_ADMIN.id}`,
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run');
    const deliver = async (u: ZaloUpdate) => {
      if (mode === 'polling') fake.enqueue(u);
      else expect(await post(hook, 'x-bot-api-secret-token', ZALO_SECRET, u)).toBe(200);
    };
    const say = async (who: FakeZaloUser, text: string) => {
      const before = fake.sent(who.id).length;
      await deliver(fake.textUpdate(who, text));
      return (await fake.nextMessage(who.id, before, 15_000)).text;
    };
    const code = CODE.exec(await say(ZALO_ADMIN, '/moi so-y-te'))?.[1] ?? '';
    expect(await say(ZALO_HEAD, `/dangky ${code}`)).toContain('Đăng ký thành công');

    const flood = Array.from({ length: FLOOD }, (_, i) => fake.textUpdate(ZALO_STRANGER, `/trogiup ${i}`));
    const floodFrom = Date.now();
    if (mode === 'polling') {
      // Zalo's getUpdates hands out one update per call: fetching 1,000 takes 1,000 round trips
      // whatever the bot does, so the clock starts once the flood has been fetched.
      const polls = fake.callsOf('getUpdates').length;
      for (const u of flood) fake.enqueue(u);
      await fake.waitFor(() => fake.callsOf('getUpdates').length >= polls + FLOOD, 60_000, 'the flood to be fetched');
    } else for (let i = 0; i < flood.length; i += 50) await Promise.all(flood.slice(i, i + 50).map((u) => deliver(u)));

    const before = fake.sent(ZALO_HEAD.id).length;
    const sentAt = Date.now();
    await deliver(fake.textUpdate(ZALO_HEAD, '/kyhan'));
    const answer = await fake.nextMessage(ZALO_HEAD.id, before, 30_000);
    const tookMs = Date.now() - sentAt;
    console.info(`[zalo ${mode}] /kyhan answered ${tookMs} ms after a ${FLOOD}-message flood`);
    expect(answer.text).toContain('Hạn gửi');
    expect(tookMs).toBeLessThan(ANSWER_WITHIN_MS);

    await fake.waitFor(
      () => fake.sent(ZALO_STRANGER.id).some((m) => m.text === texts.sendingTooFast),
      30_000,
      'the stranger to be told to slow down',
    );
    const toStranger = fake.sent(ZALO_STRANGER.id);
    const notices = toStranger.filter((m) => m.text === texts.sendingTooFast).length;
    expect(notices).toBeGreaterThanOrEqual(1);
    expect(notices).toBeLessThanOrEqual(windowsSince(floodFrom));
    expect(toStranger.length).toBeLessThanOrEqual(DEFAULT_LIMITS.intake.perSender.limit * 3 + 1);
  }, 120_000);
});

/**
 * The most notices a flood started at `from` may draw: one per sender rate window it lasted into
 * (one, unless a loaded machine stretched it past a minute).
 */
function windowsSince(from: number): number {
  return Math.floor((Date.now() - from) / DEFAULT_LIMITS.intake.perSender.windowMs) + 1;
}

describe('many senders at once (Telegram webhook)', () => {
  it('past the total backlog the webhook answers 503 with Retry-After — not acknowledged, so Telegram delivers again — and drops nothing', async () => {
    const fake = await FakeBotApi.start();
    closers.push(() => fake.close());
    planFile = await planOpenToday();
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/telegram`;
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://example.invalid/telegram',
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      PORT: String(port),
      ADMIN_IDS: `telegram:${ADMIN.id}`,
      PLAN_FILE: planFile,
      // One busy group: its replies wait for Telegram's 20 a minute, so updates stay in flight.
      INTAKE_PER_CHAT_PER_MINUTE: '10000',
      INTAKE_CHAT_BACKLOG: '10000',
      INTAKE_TOTAL_BACKLOG: '25',
    });
    await app.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run');
    const group = { id: -4_130_777, type: 'group' as const, title: 'Nhóm rất đông' };
    fake.knowChat(group);
    const results: { status: number; retryAfter: string | null }[] = [];
    for (let i = 0; i < 60; i++) {
      const person: FakeUser = { id: 8_140_000 + i, first_name: 'Người', last_name: `số ${i + 1}` };
      const res = await fetch(hook, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
        body: JSON.stringify(fake.messageUpdate(person, group, '/trogiup@DonDocTestBot')),
      });
      await res.arrayBuffer();
      results.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
    }
    const accepted = results.filter((r) => r.status === 200).length;
    const busy = results.filter((r) => r.status === 503);
    console.info(`[telegram webhook] 60 senders into one group (20 replies a minute): ${accepted} accepted, ${busy.length} answered 503`);
    expect(accepted).toBeGreaterThanOrEqual(25);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((r) => r.retryAfter === '5')).toBe(true);
    expect(accepted + busy.length).toBe(60);
    // Nobody was told to slow down: refusing the call is not dropping the update.
    expect(fake.sent(group.id).some((m) => m.text === texts.sendingTooFast)).toBe(false);
  }, 60_000);
});
