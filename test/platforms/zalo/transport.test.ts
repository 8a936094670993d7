import type { Store } from '../../../src/store/store.js';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectZaloTransport, type ZaloTransport } from '../../../src/app/start-zalo.js';
import type { HttpServer, Route } from '../../../src/http/server.js';
import { createDeliver, type Messenger } from '../../../src/messaging/delivery.js';
import { createChoiceMemory } from '../../../src/platforms/zalo/choices.js';
import { createFileLinks } from '../../../src/platforms/zalo/files.js';
import { recordZaloUnreachable } from '../../../src/platforms/zalo/contacts.js';
import { createZaloClient, DEFAULT_ZALO_RETRY } from '../../../src/platforms/zalo/client.js';
import { createZaloMessenger } from '../../../src/platforms/zalo/messenger.js';
import { createZaloPacer } from '../../../src/platforms/zalo/pacer.js';
import { createZaloPipeline } from '../../../src/platforms/zalo/pipeline.js';
import { zaloWebhookPath, zaloWebhookRoute } from '../../../src/platforms/zalo/webhook.js';
import type { Router } from '../../../handlers/router.js';
import type { Reply } from '../../../src/messaging/reply.js';
import { vi } from '../../../src/texts/vi.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { FAKE_ZALO_BOT, FAKE_ZALO_TOKEN, FakeZaloApi } from '../../fake-zalo/fake-zalo-api.js';
import { deleteKeysUnder, keysUnder, uniqueRedisPrefix } from '../../helpers/redis.js';

const logger = pino({ level: 'silent' });
const PERSON = { id: 'ab12cd34', display_name: 'Lường Thị Mai' };
const noHttp = { mount: () => undefined, host: '127.0.0.1', port: 0 } as unknown as HttpServer;
const lock = { ttlMs: 1_500, renewMs: 400, retryMs: 250 };

describe('Zalo transport', () => {
  let fake: FakeZaloApi;
  let bot: TestBot;
  const transports: ZaloTransport[] = [];

  beforeEach(async () => {
    fake = await FakeZaloApi.start();
    bot = await createTestBot();
  });
  afterEach(async () => {
    for (const t of transports.splice(0)) {
      await t.stopIntake();
      await t.releaseLock();
      t.close();
    }
    await fake.close();
    await bot.close();
  });

  async function instance(id: string, router: Router = bot.router): Promise<ZaloTransport> {
    const t = await connectZaloTransport({
      mode: { mode: 'polling', token: FAKE_ZALO_TOKEN, apiRoot: fake.apiRoot },
      store: bot.store,
      clock: bot.clock,
      logger,
      instanceId: id,
      filesDir: bot.filesDir,
      pacing: 'unlimited',
      pollLock: lock,
      pollTimeoutSeconds: 1,
    });
    await t.start({ router, deliver: createDeliver([t.messenger]), http: noHttp });
    transports.push(t);
    return t;
  }

  it('only one instance polls; a standby takes over once the holder stops and hands the lock over', async () => {
    const a = await instance('a');
    await a.polling();
    const b = await instance('b');
    expect(await fake.say(PERSON, '/trogiup')).toMatchObject({ text: expect.stringContaining('/dangky') as unknown });
    await new Promise((r) => setTimeout(r, 600));
    let bPolled = false;
    void b.polling().then(() => (bPolled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(bPolled).toBe(false);
    await a.stopIntake();
    await a.releaseLock();
    await b.polling();
    expect((await fake.say(PERSON, '/toi')).text.length).toBeGreaterThan(0);
  }, 20_000);

  it('numbered options: the number (or the option text) comes back to the router as the option id; other text stays text', async () => {
    const seen: unknown[] = [];
    const router: Router = {
      commands: [],
      handle(incoming) {
        seen.push(incoming.content);
        const replies: Reply[] =
          incoming.content.type === 'text' && incoming.content.text === '/hoi'
            ? [
                {
                  text: 'Chọn:',
                  choices: [
                    { id: 'x:1', label: 'Có' },
                    { id: 'x:2', label: 'Không ạ' },
                  ],
                },
              ]
            : [{ text: 'ok' }];
        return Promise.resolve(replies);
      },
    };
    await (await instance('a', router)).polling();
    const asked = await fake.say(PERSON, '/hoi');
    expect(asked.text).toBe('Chọn:\n\n1. Có\n2. Không ạ\nTrả lời bằng số (1–2) hoặc nội dung lựa chọn.');
    await fake.say(PERSON, '2');
    await fake.say(PERSON, '2'); // the options were answered: a second "2" is text
    await fake.say(PERSON, '/hoi');
    await fake.say(PERSON, 'khong a');
    expect(seen).toEqual([
      { type: 'text', text: '/hoi' },
      { type: 'choice', value: 'x:2' },
      { type: 'text', text: '2' },
      { type: 'text', text: '/hoi' },
      { type: 'choice', value: 'x:2' },
    ]);
  }, 20_000);

  it('a reply addressed to another platform goes through Deliver; long text is split at 2,000', async () => {
    const other: { to: string; text: string }[] = [];
    const telegram: Messenger = {
      platform: 'telegram',
      send: (to, r) => (other.push({ to: to.chatId, text: r.text }), Promise.resolve({ ok: true })),
    };
    const client = createZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: fake.apiRoot, logger });
    const messenger = createZaloMessenger({ client, pacer: createZaloPacer({ perChatGapMs: 20, perSecond: 100 }), logger });
    const router: Router = {
      commands: [],
      handle: () =>
        Promise.resolve([{ text: 'đoạn văn dài. '.repeat(400) }, { text: 'cho nhóm', to: { platform: 'telegram', chatId: '-100' } }]),
    };
    const pipeline = createZaloPipeline({
      router,
      messenger,
      deliver: createDeliver([messenger, telegram]),
      store: bot.store,
      clock: bot.clock,
      logger,
      choices: createChoiceMemory(bot.store),
      instanceId: 'p',
    });
    const update = fake.textUpdate(PERSON, 'xin chào');
    await pipeline.submit(update);
    await pipeline.submit(update); // redelivered: skipped
    expect(fake.sent(PERSON.id).length).toBe(3);
    for (const m of fake.sent(PERSON.id)) expect(m.text.length).toBeLessThanOrEqual(2000);
    expect(other).toEqual([{ to: '-100', text: 'cho nhóm' }]);
    expect(pipeline.stats()).toMatchObject({ handled: 1, duplicates: 1 });
  });

  it('an update the store cannot take in (Redis unreachable) is answered "not handled, send again", never met with silence', async () => {
    const client = createZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: fake.apiRoot, logger });
    const messenger = createZaloMessenger({ client, pacer: createZaloPacer('unlimited'), logger });
    const unreachable = Object.assign(new Error('Reached the max retries per request limit (which is 10).'), {
      name: 'MaxRetriesPerRequestError',
    });
    // Leases and first claims unreachable (Redis gone), everything else as it is.
    const store = Object.assign(Object.create(bot.store) as Store, {
      leases: Object.assign(Object.create(bot.store.leases) as Store['leases'], { claim: () => Promise.reject(unreachable) }),
      firstClaims: { claim: () => Promise.reject(unreachable) },
    });
    const pipeline = createZaloPipeline({
      router: bot.router,
      messenger,
      deliver: createDeliver([messenger]),
      store,
      clock: bot.clock,
      logger,
      choices: createChoiceMemory(bot.store),
      instanceId: 'p',
    });
    await pipeline.submit(fake.textUpdate(PERSON, '/toi'));
    expect(fake.sent(PERSON.id).map((m) => m.text)).toEqual([vi.notProcessed]);
    // In a group, chatter not addressed to the bot stays unanswered; a command is answered.
    const group = { id: 'nhom01', chat_type: 'GROUP' as const };
    await pipeline.submit(fake.textUpdate(PERSON, 'chào cả nhà', group));
    await pipeline.submit(fake.textUpdate(PERSON, '/toi', group));
    expect(fake.sent(group.id).map((m) => m.text)).toEqual([vi.notProcessed]);
    expect(pipeline.stats().failed).toBe(3);
  });

  it('a permanent refusal is reported to the scheduler as such; the rest of the reply is not sent', async () => {
    const client = createZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: fake.apiRoot, logger, retry: { baseDelayMs: 5 } });
    const messenger = createZaloMessenger({
      client,
      pacer: createZaloPacer('unlimited'),
      logger,
      onUnreachable: (chatId, reason) => recordZaloUnreachable(bot.store, bot.clock, logger, chatId, reason),
    });
    await bot.grant({ account: `zalo:${PERSON.id}`, role: 'head', agencyId: 'so-y-te', name: PERSON.display_name });
    fake.fail('sendMessage', { kind: 'http', status: 200, body: { ok: false, error_code: 403, description: 'User blocked the bot' } });
    const result = await messenger.send({ platform: 'zalo', chatId: PERSON.id }, { text: 'a '.repeat(1500) });
    expect(result).toMatchObject({ ok: false, reason: 'blocked', permanent: true });
    expect(fake.sent(PERSON.id)).toHaveLength(0);
    expect(await bot.store.contacts.get(`zalo:${PERSON.id}`)).toMatchObject({ reachable: false, unreachableReason: 'blocked' });
    fake.fail('sendMessage', { kind: 'http', status: 503 }, DEFAULT_ZALO_RETRY.attempts);
    expect(await messenger.send({ platform: 'zalo', chatId: PERSON.id }, { text: 'x' })).toMatchObject({ ok: false, permanent: false });
  });

  it('a message the bot sends on its own with options (an approval request) can be answered by number', async () => {
    const client = createZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: fake.apiRoot, logger });
    const memory = createChoiceMemory(bot.store);
    const messenger = createZaloMessenger({ client, pacer: createZaloPacer('unlimited'), logger, choices: memory });
    await messenger.send({ platform: 'zalo', chatId: PERSON.id }, { text: 'Duyệt báo cáo?', choices: [{ id: 'ap:1', label: 'Duyệt' }] });
    expect(fake.sent(PERSON.id).at(-1)?.text).toContain('1. Duyệt');
    expect(await memory.get(PERSON.id)).toEqual([{ id: 'ap:1', label: 'Duyệt' }]);
  });

  it('files go as links: a chart with a public link also as sendPhoto; without a public address the text says the link is local', async () => {
    const client = createZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: fake.apiRoot, logger });
    const chart = {
      kind: 'photo' as const,
      filename: 'bieu-do.png',
      mime: 'image/png',
      data: new Uint8Array([1, 2, 3]),
      caption: 'Tiến độ kỳ',
    };
    const files = createFileLinks({
      store: bot.store,
      clock: bot.clock,
      dir: bot.filesDir,
      publicBase: 'https://bot.example.vn',
      localBase: () => 'http://127.0.0.1:9',
    });
    const messenger = createZaloMessenger({ client, pacer: createZaloPacer('unlimited'), logger, files });
    expect(await messenger.send({ platform: 'zalo', chatId: PERSON.id }, { text: 'Tổng hợp', attachments: [chart] })).toEqual({ ok: true });
    const [text, photo, link] = fake.sent(PERSON.id);
    expect(text?.text).toBe('Tổng hợp');
    expect(photo).toMatchObject({ method: 'sendPhoto', text: 'Tiến độ kỳ' });
    expect(photo?.photo).toMatch(/^https:\/\/bot\.example\.vn\/zalo\/files\?t=/);
    expect(link?.text).toContain(photo?.photo);
    const local = createZaloMessenger({
      client,
      pacer: createZaloPacer('unlimited'),
      logger,
      files: createFileLinks({ store: bot.store, clock: bot.clock, dir: bot.filesDir, localBase: () => 'http://127.0.0.1:9' }),
    });
    await local.send(
      { platform: 'zalo', chatId: PERSON.id },
      { text: 'Xuất', attachments: [{ ...chart, kind: 'document', filename: 'bao-cao.xlsx' }] },
    );
    expect(fake.sent(PERSON.id).at(-1)?.text).toMatch(/bao-cao\.xlsx\nhttp:\/\/127\.0\.0\.1:9\/zalo\/files\?t=.+\n\(liên kết nội bộ/);
  });

  it("with a Redis store, the bot's overall send rate is shared by every instance through Redis, as Telegram's", async () => {
    const prefix = uniqueRedisPrefix();
    const shared = await createTestBot({ store: 'redis', redisPrefix: prefix });
    try {
      const t = await connectZaloTransport({
        mode: { mode: 'polling', token: FAKE_ZALO_TOKEN, apiRoot: fake.apiRoot },
        store: shared.store,
        clock: shared.clock,
        logger,
        instanceId: 'a',
        filesDir: shared.filesDir,
        pacing: { perChatGapMs: 0, perSecond: 0.1 },
      });
      // One message every 10 s: the first goes at once, and its reservation stays in Redis for ~11 s.
      expect(await t.messenger.send({ platform: 'zalo', chatId: PERSON.id }, { text: 'xin chào' })).toEqual({ ok: true });
      expect(await keysUnder(prefix)).toContain(`${prefix}zalo-rate:${FAKE_ZALO_BOT.id}`);
      t.close();
    } finally {
      await shared.close();
      await deleteKeysUnder(prefix);
    }
  });

  it('paces one chat: messages at least the gap apart, in order', async () => {
    const pacer = createZaloPacer({ perChatGapMs: 100, perSecond: 1000 });
    const times: number[] = [];
    await Promise.all([1, 2, 3].map(() => pacer.schedule('c', 'private', () => Promise.resolve(times.push(Date.now())))));
    expect(times).toHaveLength(3);
    expect((times[2] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(190);
  });
});

describe('Zalo webhook route', () => {
  const submitted: unknown[] = [];
  const route: Route = zaloWebhookRoute({
    path: zaloWebhookPath('https://x.vn/'),
    secret: 'the-secret-0123456789',
    logger,
    submit: (u) => submitted.push(u),
  });
  const update = {
    event_name: 'message.text.received',
    message: { message_id: 'm1', date: 1, text: 'hi', from: { id: 'u1' }, chat: { id: 'u1', chat_type: 'PRIVATE' } },
  };
  const call = (body: string) =>
    route.handle({ method: 'POST', path: '/zalo', query: new URLSearchParams(), headers: {}, body: Buffer.from(body) });

  it('serves /zalo by default; checks the secret header in constant time', () => {
    expect(route.path).toBe('/zalo');
    expect(route.authorize?.({ 'x-bot-api-secret-token': 'the-secret-0123456789' })).toBeUndefined();
    expect(route.authorize?.({ 'x-bot-api-secret-token': 'the-secret' })?.status).toBe(401);
    expect(route.authorize?.({})?.status).toBe(401);
  });

  it('takes both envelopes; refuses what is not an update', async () => {
    expect((await call(JSON.stringify(update))).status).toBe(200);
    expect((await call(JSON.stringify({ result: update }))).status).toBe(200);
    expect((await call('nope')).status).toBe(400);
    expect((await call('{"result":{}}')).status).toBe(400);
    expect(submitted).toEqual([update, update]);
  });
});
