import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApp } from '../fake-telegram/app-process.js';
import { FakeZaloApi } from '../fake-zalo/fake-zalo-api.js';

describe('Zalo start-up problems read as one clear message', () => {
  let fake: FakeZaloApi;
  beforeAll(async () => {
    fake = await FakeZaloApi.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('a token Zalo rejects stops start-up with exit code 1 and never prints the token', async () => {
    const app = await startApp({
      ZALO_BOT_TOKEN: '99887766:ThisZaloTokenIsUnknown_xyz',
      ZALO_API_ROOT: fake.apiRoot,
      PORT: String(await freePort()),
    });
    const exit = await app.exited();
    expect(exit.code).toBe(1);
    expect(app.stderr()).toContain('Zalo rejected ZALO_BOT_TOKEN');
    expect(app.stderr()).not.toContain('ThisZaloTokenIsUnknown');
    expect(app.stderr()).not.toMatch(/\n\s+at /);
  });
});
