import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, FAKE_TOKEN } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { planOpenToday } from '../fake-telegram/story.js';
import { FAKE_ZALO_TOKEN, FakeZaloApi } from '../fake-zalo/fake-zalo-api.js';

/** Telegram and Zalo in one process: one router, one store, one HTTP server. */
describe('Zalo together with Telegram', () => {
  let telegram: FakeBotApi;
  let zalo: FakeZaloApi;
  let app: RunningApp;
  let planFile: string;

  beforeAll(async () => {
    telegram = await FakeBotApi.start();
    zalo = await FakeZaloApi.start();
    planFile = await planOpenToday();
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_API_ROOT: zalo.apiRoot,
      PORT: String(await freePort()),
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run');
  }, 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await telegram?.close();
    await zalo?.close();
    await rm(planFile, { force: true });
  });

  it('answers on both messengers, and stops cleanly', async () => {
    await app.waitForLog((l) => l.msg === 'zalo: long polling (this instance holds the poll lock)', 15_000, 'Zalo polling');
    const person = { id: 7007, first_name: 'Vàng Thị', last_name: 'Hoa' };
    const chat = telegram.privateChat(person);
    telegram.send(person, chat, '/toi');
    expect((await telegram.nextMessage(chat.id, 0)).text.length).toBeGreaterThan(0);
    const zaloReply = await zalo.say({ id: 'e0e0e0e0', display_name: 'Vàng Thị Hoa' }, '/toi');
    expect(zaloReply.text.length).toBeGreaterThan(0);
    const running = app.logs().find((l) => l.msg === 'running');
    expect(running).toMatchObject({ mode: 'polling', zaloMode: 'polling', zaloBot: 'DonDocZaloBot' });
    expect((await app.stop('SIGTERM')).code).toBe(0);
  }, 40_000);
});
