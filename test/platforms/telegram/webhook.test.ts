import { request } from 'node:http';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startHttpServer, type HttpServer } from '../../../src/http/server.js';
import { secretMatches, telegramWebhookRoute, webhookPath } from '../../../src/platforms/telegram/webhook.js';

const SECRET = 'webhook-secret-0123456789';
const logger = pino({ level: 'silent' });

/** A raw request, so bodies can be streamed without a content-length. */
function send(
  port: number,
  options: { path?: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: options.path ?? '/telegram', method: options.method ?? 'POST', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    if (options.chunked && options.body) {
      const body = Buffer.from(options.body);
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(options.body);
  });
}

describe('the HTTP server and the Telegram webhook route', () => {
  let server: HttpServer;
  const received: Update[] = [];
  afterEach(async () => {
    await server?.close(100);
    received.splice(0);
  });

  async function start() {
    server = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
    server.mount(
      telegramWebhookRoute({ path: '/telegram', secret: SECRET, logger, submit: (u) => received.push(u), maxBodyBytes: 1024 * 1024 }),
    );
    return server.port;
  }
  const auth = { 'x-telegram-bot-api-secret-token': SECRET, 'content-type': 'application/json' };

  it('takes an update with the right secret, answers 200 and hands it on', async () => {
    const port = await start();
    const res = await send(port, { headers: auth, body: JSON.stringify({ update_id: 5, message: { text: 'x' } }) });
    expect(res.status).toBe(200);
    expect(received.map((u) => u.update_id)).toEqual([5]);
  });

  it('401 without the secret or with a wrong one, before reading anything', async () => {
    const port = await start();
    expect((await send(port, { body: '{}' })).status).toBe(401);
    expect((await send(port, { headers: { 'x-telegram-bot-api-secret-token': 'webhook-secret-012345678' }, body: '{}' })).status).toBe(401);
    expect(received).toEqual([]);
  });

  it('400 for malformed JSON or something that is not an update; 413 over 1 MiB, declared or streamed', async () => {
    const port = await start();
    expect((await send(port, { headers: auth, body: '{"update_id": 1,' })).status).toBe(400);
    expect((await send(port, { headers: auth, body: '{"message": {}}' })).status).toBe(400);
    expect((await send(port, { headers: auth, body: '"text"' })).status).toBe(400);
    const big = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(1024 * 1024) } });
    expect((await send(port, { headers: auth, body: big })).status).toBe(413);
    expect((await send(port, { headers: { ...auth, 'transfer-encoding': 'chunked' }, body: big, chunked: true })).status).toBe(413);
    expect(received).toEqual([]);
  });

  it('404 elsewhere, 405 for another method; 503 to Telegram while shutting down (it will try again)', async () => {
    const port = await start();
    expect((await send(port, { path: '/nowhere' })).status).toBe(404);
    expect((await send(port, { method: 'GET' })).status).toBe(405);
    server.stopAccepting();
    expect((await send(port, { headers: auth, body: JSON.stringify({ update_id: 9 }) })).status).toBe(503);
  });

  it('compares the secret in constant time and serves the path of TELEGRAM_WEBHOOK_URL', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches(['a', 'b'], SECRET)).toBe(false);
    expect(secretMatches(`${SECRET}0`, SECRET)).toBe(false);
    expect(webhookPath('https://bot.example.vn/telegram')).toBe('/telegram');
    expect(webhookPath('https://bot.example.vn/hooks/tg/')).toBe('/hooks/tg');
    expect(webhookPath('https://bot.example.vn')).toBe('/telegram');
  });
});
