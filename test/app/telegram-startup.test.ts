import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp } from '../fake-telegram/app-process.js';

describe('Telegram start-up problems read as one clear message', () => {
  let fake: FakeBotApi;
  beforeAll(async () => {
    fake = await FakeBotApi.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('a token Telegram rejects stops start-up with exit code 1 and never prints the token', async () => {
    const token = '7000000099:AAThisTokenIsNotKnownToTheFakeApi_xyz';
    const app = await startApp({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: fake.apiRoot, PORT: String(await freePort()) });
    const exit = await app.exited();
    expect(exit.code).toBe(1);
    expect(app.stderr()).toContain('Telegram rejected TELEGRAM_BOT_TOKEN');
    expect(app.stderr()).not.toContain('AAThisTokenIsNotKnown');
    expect(app.stderr()).not.toMatch(/\n\s+at /);
  });
});
