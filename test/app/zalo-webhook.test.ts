import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZaloUpdate } from '../../src/platforms/zalo/client.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { planOpenToday } from '../fake-telegram/story.js';
import { FAKE_ZALO_TOKEN, FakeZaloApi } from '../fake-zalo/fake-zalo-api.js';
import { ZALO_ADMIN, ZaloConversation, zaloInviteReportStory } from '../fake-zalo/story.js';

const SECRET = 'zalo-webhook-secret-0123456789';
const PUBLIC = 'https://dondoc.example.vn';

/** The built app against the fake Zalo Bot API, by webhook, on the embedded store, Zalo alone. */
describe('Zalo end to end: webhook', () => {
  let fake: FakeZaloApi;
  let app: RunningApp;
  let planFile: string;
  let port: number;
  let posts = 0;

  const post = (body: unknown, secret: string | null = SECRET, raw?: string) =>
    fetch(`http://127.0.0.1:${port}/zalo/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-bot-api-secret-token': secret } : {}) },
      body: raw ?? JSON.stringify(body),
    });
  /** Both envelope shapes, in turn: the update itself, then wrapped in `result`. */
  const deliver = async (update: ZaloUpdate) => {
    const res = await post(posts++ % 2 === 0 ? update : { ok: true, result: update });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    fake = await FakeZaloApi.start();
    planFile = await planOpenToday();
    port = await freePort();
    app = await startApp({
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_API_ROOT: fake.apiRoot,
      ZALO_WEBHOOK_URL: `${PUBLIC}/zalo/hook`,
      ZALO_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      ADMIN_IDS: `zalo:${ZALO_ADMIN.id}`,
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'zalo: webhook set', 20_000, 'the webhook to be set');
  }, 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await fake?.close();
    await rm(planFile, { force: true });
  });

  it('sets the webhook with the secret', () => {
    expect(fake.webhook).toEqual({ url: `${PUBLIC}/zalo/hook`, secret: SECRET });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('refuses a call without the right X-Bot-Api-Secret-Token (401), and a body that is no update (400)', async () => {
    const update = fake.textUpdate(ZALO_ADMIN, '/toi');
    expect((await post(update, null)).status).toBe(401);
    expect((await post(update, 'wrong-secret-wrong-secret')).status).toBe(401);
    expect((await post(undefined, SECRET, '{not json')).status).toBe(400);
    expect((await post({ update_id: 1 })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.sent(ZALO_ADMIN.id)).toHaveLength(0);
  });

  it('an invitee registers with /dangky, reports with /baocao answering by number, and /status counts it', async () => {
    await zaloInviteReportStory(new ZaloConversation(fake, deliver));
    const rejected = fake.calls.filter((c) => !c.response.ok);
    expect(rejected.map((c) => `${c.method}: ${c.response.description}`)).toEqual([]);
  }, 90_000);

  it('an update delivered twice (Zalo retries) is answered once', async () => {
    const person = { id: 'dd00ee11', display_name: 'Lò Thị Mai' };
    const update = fake.textUpdate(person, '/toi');
    await deliver(update);
    await deliver(update);
    await fake.nextMessage(person.id, 0);
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.sent(person.id)).toHaveLength(1);
  });

  it('/xuat offers the exports as expiring links on our server (public address from ZALO_WEBHOOK_URL)', async () => {
    const c = new ZaloConversation(fake, deliver);
    const answer = await c.say(ZALO_ADMIN, '/xuat');
    const text = answer.map((m) => m.text).join('\n');
    const links = [...text.matchAll(/https:\/\/dondoc\.example\.vn(\/zalo\/files\?t=[A-Za-z0-9_-]{22})/g)].map((m) => m[1] ?? '');
    expect(links.length, text).toBeGreaterThanOrEqual(1);
    expect(text).toContain('.xlsx');
    const file = await fetch(`http://127.0.0.1:${port}${links[0]}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.(xlsx|docx)"/);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip: XLSX and DOCX both are
    expect((await fetch(`http://127.0.0.1:${port}/zalo/files?t=${'A'.repeat(22)}`)).status).toBe(404);
  }, 60_000);

  it('stops gracefully on SIGTERM with exit code 0, the token never logged', async () => {
    const exit = await app.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(app.stderr()).not.toContain(FAKE_ZALO_TOKEN.split(':')[1]);
  }, 30_000);
});
