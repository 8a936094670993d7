import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { accountId } from '../../../src/domain/roles.js';
import { connectTelegram, createTelegramClient } from '../../../src/platforms/telegram/client.js';
import { createTelegramMessenger } from '../../../src/platforms/telegram/messenger.js';
import { createPacer } from '../../../src/platforms/core/pacer.js';
import { TELEGRAM_LIMITS } from '../../../src/platforms/telegram/limits.js';
import { NetworkError, PlatformApiError } from '../../../src/errors.js';
import { FAKE_TOKEN, REAL_LIMITS, type FakeUser } from '../../fake-telegram/fake-bot-api.js';
import { telegramFixture, type TelegramFixture } from './telegram-fixture.js';

const PERSON: FakeUser = { id: 3003, first_name: 'Lò Văn', last_name: 'An' };
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe('Telegram messenger against the fake Bot API', () => {
  let f: TelegramFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('a person who blocked the bot: a permanent "blocked", tried once, recorded for the coordinators', async () => {
    f = await telegramFixture();
    await f.bot.grant({ account: accountId('telegram', PERSON.id), role: 'head', agencyId: 'so-y-te', name: 'Lò Văn An' });
    f.fake.knowChat(f.fake.privateChat(PERSON));
    f.fake.block(PERSON.id);
    const result = await f.messenger.send({ platform: 'telegram', chatId: String(PERSON.id) }, { text: 'Nhắc hạn' });
    expect(result).toMatchObject({ ok: false, reason: 'blocked', permanent: true });
    expect(f.fake.callsOf('sendMessage')).toHaveLength(1);
    expect(await f.bot.store.contacts.get(accountId('telegram', PERSON.id))).toMatchObject({
      reachable: false,
      unreachableReason: 'blocked',
      name: 'Lò Văn An',
    });
  });

  it('someone who never opened a chat is "not-found"; a stranger leaves no record; a group that removed the bot is "blocked"', async () => {
    f = await telegramFixture();
    expect(await f.messenger.send({ platform: 'telegram', chatId: '5555' }, { text: 'x' })).toMatchObject({
      ok: false,
      reason: 'not-found',
      permanent: true,
    });
    expect(await f.bot.store.contacts.get(accountId('telegram', 5555))).toBeUndefined();
    f.fake.knowChat({ id: -77, type: 'group', title: 'G' });
    f.fake.kick(-77);
    expect(await f.messenger.send({ platform: 'telegram', chatId: '-77' }, { text: 'x' })).toMatchObject({
      ok: false,
      reason: 'blocked',
      permanent: true,
    });
  });

  it('429: waits retry_after and sends again (auto-retry)', async () => {
    f = await telegramFixture({ fake: { limits: { ...REAL_LIMITS, private: { limit: 1, windowMs: 1_000 } }, toleranceMs: 0 } });
    const chat = f.fake.privateChat(PERSON);
    f.fake.knowChat(chat);
    const started = Date.now();
    const results = await Promise.all(
      [1, 2].map((n) => f!.messenger.send({ platform: 'telegram', chatId: String(chat.id) }, { text: `tin ${n}` })),
    );
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(f.fake.callsOf('sendMessage').some((c) => c.response.error_code === 429)).toBe(true);
    expect(
      f.fake
        .sent(chat.id)
        .map((m) => m.text)
        .sort(),
    ).toEqual(['tin 1', 'tin 2']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('429 asking for longer than 30 s is not waited for: "rate-limited", to be retried later', async () => {
    f = await telegramFixture();
    f.fake.knowChat(f.fake.privateChat(PERSON));
    f.fake.failNext('sendMessage', {
      status: 429,
      error_code: 429,
      description: 'Too Many Requests: retry after 120',
      parameters: { retry_after: 120 },
    });
    const result = await f.messenger.send({ platform: 'telegram', chatId: String(PERSON.id) }, { text: 'x' });
    expect(result).toMatchObject({ ok: false, reason: 'rate-limited', permanent: false });
  });

  it('5xx: backs off and tries again', async () => {
    f = await telegramFixture();
    f.fake.knowChat(f.fake.privateChat(PERSON));
    f.fake.failNext('sendMessage', { status: 502, error_code: 502, description: 'Bad Gateway' });
    expect(await f.messenger.send({ platform: 'telegram', chatId: String(PERSON.id) }, { text: 'x' })).toEqual({ ok: true });
    expect(f.fake.callsOf('sendMessage').map((c) => c.response.ok)).toEqual([false, true]);
  }, 10_000);

  it('a group turned supergroup: the binding moves and the message goes to the new id', async () => {
    f = await telegramFixture();
    await f.bot.store.chats.bind({
      platform: 'telegram',
      chatId: '-5',
      title: 'Sở Y tế',
      target: { kind: 'agency', agencyId: 'so-y-te' },
      boundBy: 'telegram:1',
      boundAt: 0,
    });
    f.fake.migrate(-5, -1009, 'Sở Y tế');
    expect(await f.messenger.send({ platform: 'telegram', chatId: '-5' }, { text: 'Nhắc hạn' })).toEqual({ ok: true });
    expect(f.fake.sent(-1009).map((m) => m.text)).toEqual(['Nhắc hạn']);
    expect(await f.bot.store.chats.get('telegram', '-5')).toBeUndefined();
    expect(await f.bot.store.chats.get('telegram', '-1009')).toMatchObject({ target: { kind: 'agency', agencyId: 'so-y-te' } });
    expect((await f.bot.store.audit.list(5))[0]).toMatchObject({ action: 'chat.bound', subject: 'telegram:-1009', actor: 'system' });
  });

  it('attachments: a chart as a photo, an export as a document, captions escaped', async () => {
    f = await telegramFixture();
    const chat = f.fake.privateChat(PERSON);
    f.fake.knowChat(chat);
    const result = await f.messenger.send(
      { platform: 'telegram', chatId: String(chat.id) },
      {
        text: 'Tổng hợp <6 tháng>',
        attachments: [
          { kind: 'photo', filename: 'bieu-do.png', mime: 'image/png', data: PNG, caption: 'Biểu đồ <tiến độ>' },
          {
            kind: 'document',
            filename: 'bao-cao.xlsx',
            mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            data: Buffer.from('PK\u0003\u0004 fake workbook'),
          },
        ],
      },
    );
    expect(result).toEqual({ ok: true });
    const sent = f.fake.sent(chat.id);
    expect(sent.map((m) => m.file?.kind ?? 'text')).toEqual(['text', 'photo', 'document']);
    expect(sent[1]?.text).toBe('Biểu đồ <tiến độ>');
    expect(sent[1]?.file?.data.equals(PNG)).toBe(true);
    expect(sent[2]?.file?.filename).toBe('bao-cao.xlsx');
  });

  it('paced within the real limits: 45 reminders to 45 people, no 429', async () => {
    f = await telegramFixture({ pacing: undefined, fake: { limits: REAL_LIMITS } });
    const paced = createTelegramMessenger({
      api: f.client.bot.api,
      pacer: createPacer(TELEGRAM_LIMITS),
      store: f.bot.store,
      clock: f.bot.clock,
      logger: pino({ level: 'silent' }),
    });
    const ids = Array.from({ length: 45 }, (_, i) => 10_000 + i);
    for (const id of ids) f.fake.knowChat({ id, type: 'private' });
    const started = Date.now();
    const results = await Promise.all(
      ids.map((id) => paced.send({ platform: 'telegram', chatId: String(id) }, { text: `Kính gửi ${id}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(f.fake.callsOf('sendMessage').filter((c) => !c.response.ok)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('an unreachable API is a NetworkError that never shows the token', async () => {
    const client = createTelegramClient({
      token: FAKE_TOKEN,
      apiRoot: 'http://127.0.0.1:9',
      logger: pino({ level: 'silent' }),
      networkRetries: 0,
    });
    const err = await connectTelegram(client, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(String((err as Error).message)).not.toContain(FAKE_TOKEN.split(':')[1]);
    client.close();
  });

  it('a token Telegram rejects fails start-up at once with a clear message', async () => {
    f = await telegramFixture();
    const client = createTelegramClient({
      token: '7000000002:AAWrongTokenWrongTokenWrongToken1234',
      apiRoot: f.fake.apiRoot,
      logger: pino({ level: 'silent' }),
    });
    const err = await connectTelegram(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformApiError);
    expect((err as PlatformApiError).code).toBe(401);
    expect((err as Error).message).toContain('TELEGRAM_BOT_TOKEN');
    expect((err as Error).message).not.toContain('AAWrongToken');
    client.close();
  });
});
