import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, PlatformApiError } from '../../../src/errors.js';
import { connectZalo, createZaloClient, DEFAULT_ZALO_RETRY, type ZaloClient } from '../../../src/platforms/zalo/client.js';
import { FAKE_ZALO_BOT, FAKE_ZALO_TOKEN, FakeZaloApi } from '../../fake-zalo/fake-zalo-api.js';

const logger = pino({ level: 'silent' });
const user = { id: 'a1b2c3d4e5', display_name: 'Lò Văn Bình' };

describe('Zalo Bot API client against the fake API', () => {
  let fake: FakeZaloApi;
  let client: ZaloClient;
  beforeAll(async () => {
    fake = await FakeZaloApi.start();
    client = createZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: `${fake.apiRoot}/`, logger, retry: { baseDelayMs: 10, maxDelayMs: 40 } });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('getMe: the bot, typed; every call is a POST with a JSON body to /bot<TOKEN>/<method>', async () => {
    expect(await client.getMe()).toEqual(FAKE_ZALO_BOT);
    expect(fake.callsOf('getMe').at(-1)?.status).toBe(200);
  });

  it('sendMessage, sendPhoto, sendChatAction', async () => {
    const sent = await client.sendMessage(user.id, 'Xin chào');
    expect(sent.message_id).toMatch(/^m/);
    expect(fake.sent(user.id).at(-1)).toMatchObject({ method: 'sendMessage', text: 'Xin chào' });
    await client.sendPhoto(user.id, 'https://example.vn/chart.png', 'Biểu đồ');
    expect(fake.sent(user.id).at(-1)).toMatchObject({ method: 'sendPhoto', photo: 'https://example.vn/chart.png', text: 'Biểu đồ' });
    await client.sendChatAction(user.id);
    expect(fake.callsOf('sendChatAction').at(-1)?.body).toEqual({ chat_id: user.id, action: 'typing' });
  });

  it('setWebhook / getWebhookInfo / deleteWebhook', async () => {
    const set = await client.setWebhook('https://bot.example.vn/zalo', 'a-secret-of-enough-length');
    expect(set.url).toBe('https://bot.example.vn/zalo');
    expect((await client.getWebhookInfo()).url).toBe('https://bot.example.vn/zalo');
    expect(fake.callsOf('setWebhook').at(-1)?.body).toEqual({
      url: 'https://bot.example.vn/zalo',
      secret_token: 'a-secret-of-enough-length',
    });
    await client.deleteWebhook();
    expect((await client.getWebhookInfo()).url).toBe('');
  });

  it('getUpdates: one update (not an array), the timeout as a string; 408 (poll timed out) is no error', async () => {
    const update = fake.textUpdate(user, '/trogiup');
    fake.enqueue(update);
    expect(await client.getUpdates(1)).toEqual([update]);
    expect(fake.callsOf('getUpdates').at(-1)?.body).toEqual({ timeout: '1' });
    expect(await client.getUpdates(1)).toEqual([]);
    expect(fake.callsOf('getUpdates').at(-1)?.response.error_code).toBe(408);
  });

  it('getUpdates can be aborted (stopping)', async () => {
    const abort = new AbortController();
    const polling = client.getUpdates(20, abort.signal);
    setTimeout(() => abort.abort(), 50);
    await expect(polling).rejects.toBeInstanceOf(NetworkError);
  });

  it('ok:false is a typed PlatformApiError (code, description), not retried for 4xx, and never carries the token', async () => {
    const err = await client.sendMessage(user.id, 'x'.repeat(2001)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformApiError);
    expect(err).toMatchObject({ platform: 'zalo', method: 'sendMessage', code: 400 });
    expect((err as Error).message).toContain('2000');
    const before = fake.callsOf('setWebhook').length;
    await expect(client.setWebhook('http://insecure.example', 'a-secret-of-enough-length')).rejects.toMatchObject({ code: 400 });
    expect(fake.callsOf('setWebhook').length).toBe(before + 1);
    expect(String(err)).not.toContain(FAKE_ZALO_TOKEN.split(':')[1]);
  });

  it('retries 5xx and 429 with back-off, then succeeds', async () => {
    fake.fail('sendMessage', { kind: 'http', status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    fake.fail('sendMessage', { kind: 'http', status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests' } });
    const before = fake.callsOf('sendMessage').length;
    await client.sendMessage(user.id, 'sau hai lần lỗi');
    expect(fake.callsOf('sendMessage').length - before).toBe(3);
    expect(fake.sent(user.id).at(-1)?.text).toBe('sau hai lần lỗi');
  });

  it('a 429 that says how long to wait (retry_after, or a Retry-After header) is waited for; longer than the longest wait, the call fails at once as rate-limited', async () => {
    const waits: number[] = [];
    const hinted = createZaloClient({
      token: FAKE_ZALO_TOKEN,
      apiRoot: fake.apiRoot,
      logger,
      retry: { baseDelayMs: 10, maxDelayMs: 15_000 },
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
    });
    fake.fail('sendMessage', {
      kind: 'http',
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 3 } },
    });
    fake.fail('sendMessage', { kind: 'http', status: 429, headers: { 'retry-after': '2' } });
    fake.fail('sendMessage', { kind: 'http', status: 502 });
    await hinted.sendMessage(user.id, 'sau ba lần lỗi');
    expect(waits).toEqual([3000, 2000, 40]);
    expect(fake.sent(user.id).at(-1)?.text).toBe('sau ba lần lỗi');
    const before = fake.callsOf('sendMessage').length;
    fake.fail('sendMessage', {
      kind: 'http',
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 60 } },
    });
    await expect(hinted.sendMessage(user.id, 'không chờ một phút')).rejects.toMatchObject({
      name: 'PlatformApiError',
      code: 429,
      parameters: { retryAfter: 60 },
    });
    expect(fake.callsOf('sendMessage').length - before).toBe(1);
    expect(waits).toEqual([3000, 2000, 40]);
  });

  it('retries a network error (connection reset), then succeeds', async () => {
    fake.fail('getWebhookInfo', { kind: 'network' });
    await expect(client.getWebhookInfo()).resolves.toMatchObject({ url: '' });
    expect(fake.callsOf('getWebhookInfo').some((c) => c.status === 0)).toBe(true);
  });

  it('gives up after the attempts: 5xx as PlatformApiError, no answer as NetworkError', async () => {
    fake.fail('sendChatAction', { kind: 'http', status: 500 }, DEFAULT_ZALO_RETRY.attempts);
    await expect(client.sendChatAction(user.id)).rejects.toMatchObject({ name: 'PlatformApiError', code: 500 });
    fake.fail('sendChatAction', { kind: 'network' }, DEFAULT_ZALO_RETRY.attempts);
    await expect(client.sendChatAction(user.id)).rejects.toBeInstanceOf(NetworkError);
    const dead = createZaloClient({
      token: FAKE_ZALO_TOKEN,
      apiRoot: 'http://127.0.0.1:1',
      logger,
      retry: { attempts: 2, baseDelayMs: 5 },
    });
    const err = await dead.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).not.toContain(FAKE_ZALO_TOKEN);
  });

  it('a token Zalo rejects fails start-up at once with a clear message', async () => {
    const wrong = createZaloClient({ token: '1234:wrongwrongwrong', apiRoot: fake.apiRoot, logger });
    const err = await connectZalo(wrong, 3, 1).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'PlatformApiError', code: 401 });
    expect((err as Error).message).toContain('Zalo rejected ZALO_BOT_TOKEN');
    expect((err as Error).message).not.toContain('wrongwrong');
  });
});
