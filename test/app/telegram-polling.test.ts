import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { FakeBotApi, FAKE_TOKEN } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { ADMIN, Conversation, inviteReportStatusStory, planOpenToday } from '../fake-telegram/story.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis.js';

/** The built app against the fake Bot API, long polling, on Redis. */
describe('Telegram end to end: long polling', () => {
  let fake: FakeBotApi;
  let app: RunningApp;
  let planFile: string;
  const prefix = uniqueRedisPrefix();

  beforeAll(async () => {
    fake = await FakeBotApi.start();
    planFile = await planOpenToday();
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: String(await freePort()),
      ADMIN_IDS: `telegram:${ADMIN.id}`,
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'telegram: long polling (this instance holds the poll lock)', 20_000, 'polling to start');
  }, 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await fake?.close();
    await deleteKeysUnder(prefix);
    await rm(planFile, { force: true });
  });

  it('publishes the command menu: Vietnamese, English aliases for language_code en, no coordinator commands', () => {
    const vi = fake.commandMenus.get('all_private_chats/')?.map((c) => c.command) ?? [];
    const en = fake.commandMenus.get('all_private_chats/en')?.map((c) => c.command) ?? [];
    expect(vi).toEqual(expect.arrayContaining(['trogiup', 'kyhan', 'baocao', 'toi']));
    expect(en).toEqual(expect.arrayContaining(['help', 'deadlines', 'report', 'whoami']));
    expect(vi).not.toContain('moi');
    expect(vi).not.toContain('start');
    const group = fake.commandMenus.get('all_group_chats/')?.map((c) => c.command) ?? [];
    expect(group).not.toContain('coquan'); // private only
  });

  it('an invitee joins by deep link, reports with buttons, and the coordinator asks /status in the group', async () => {
    await inviteReportStatusStory(new Conversation(fake, async (u) => void fake.enqueue(u)));
    const rejected = fake.calls.filter((c) => !c.response.ok && c.method !== 'getUpdates' && c.response.error_code !== 429);
    expect(rejected.map((c) => `${c.method}: ${c.response.description}`)).toEqual([]);
  }, 60_000);

  it('stops gracefully on SIGTERM: updates in progress answered (paced), exit code 0, the poll lock released', async () => {
    // Four messages into one chat: three go at once, the fourth waits for the chat's pace (~1/s).
    const person = { id: 6006, first_name: 'Vàng A', last_name: 'Dình' };
    const chat = fake.privateChat(person);
    for (let i = 0; i < 4; i++) fake.send(person, chat, '/toi');
    await fake.nextMessage(chat.id, 0);
    const exit = await app.stop('SIGTERM');
    expect(fake.sent(chat.id)).toHaveLength(4);
    expect(exit.code).toBe(0);
    expect(app.logs().some((l) => l.msg === 'stopped')).toBe(true);
    expect(app.stderr()).not.toContain(FAKE_TOKEN.split(':')[1]);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.exists(`${prefix}poll-lock:telegram`)).toBe(0);
    } finally {
      await redis.quit();
    }
  }, 30_000);
});
