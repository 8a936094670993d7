import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_API_CONNECTIONS, pooledFetch, type PooledFetch } from '../../../src/platforms/telegram/pooled-fetch.js';
import { createTelegramClient } from '../../../src/platforms/telegram/client.js';
import { createLogger } from '../../../src/logging/logger.js';

let server: Server | undefined;
let pooled: PooledFetch | undefined;
afterEach(async () => {
  await pooled?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = pooled = undefined;
});

/** A Bot API stand-in that answers every call after a short while and counts the connections made to it. */
async function botApi(): Promise<{ root: string; connections: () => number; bodies: string[]; paths: string[] }> {
  let connections = 0;
  const bodies: string[] = [];
  const paths: string[] = [];
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      bodies.push(body);
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, result: { message_id: bodies.length, date: 0, chat: { id: 1, type: 'private' } } }));
      }, 5);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { root: `http://127.0.0.1:${port}`, connections: () => connections, bodies, paths };
}

describe('calls to the Bot API over a small pool of connections', () => {
  it('answers 300 replies at once over at most a handful of connections, every one delivered', async () => {
    const api = await botApi();
    const client = createTelegramClient({ token: '123:abc', apiRoot: api.root, logger: createLogger({ level: 'silent' }) });
    try {
      const sent = await Promise.all(Array.from({ length: 300 }, (_, i) => client.bot.api.sendMessage(i + 1, `Kính gửi đồng chí ${i}`)));
      expect(sent).toHaveLength(300);
      expect(new Set(api.bodies.map((b) => (JSON.parse(b) as { chat_id: number }).chat_id)).size).toBe(300);
      // node-fetch over an http Agent opened one socket per call in flight: 300 here.
      expect(api.connections()).toBeLessThanOrEqual(BOT_API_CONNECTIONS);
    } finally {
      client.close();
    }
  });

  it('refuses to send anywhere but the API root it was made for (the token is in every path)', async () => {
    const api = await botApi();
    pooled = pooledFetch(api.root);
    await expect(pooled.fetch('http://127.0.0.1:1/bot123:abc/getMe', { method: 'POST' })).rejects.toThrow(/refused/);
    expect(api.bodies).toHaveLength(0);
  });

  it('keeps the path of an API root behind a prefix (a local Bot API server behind a proxy)', async () => {
    const api = await botApi();
    pooled = pooledFetch(`${api.root}/tg`);
    const res = await pooled.fetch(`${api.root}/tg/bot123:abc/getMe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.ok).toBe(true);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(api.paths).toEqual(['/tg/bot123:abc/getMe']);
  });
});
