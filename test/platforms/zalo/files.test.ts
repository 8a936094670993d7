import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLinks, FILE_LINK_TTL_MS } from '../../../src/platforms/zalo/files.js';
import { createTestBot } from '../../helpers/bot.js';

const attachment = {
  kind: 'document' as const,
  filename: 'bao-cao.xlsx',
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  data: new Uint8Array([80, 75, 3, 4]),
};

describe('Zalo file links', () => {
  it('random 128-bit tokens, served from files on disk until they expire (24 h)', async () => {
    const bot = await createTestBot();
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'dondoc-files-')), 'files');
    try {
      const links = createFileLinks({
        store: bot.store,
        clock: bot.clock,
        dir,
        publicBase: 'https://bot.example.vn',
        localBase: () => 'http://127.0.0.1:1',
      });
      const a = await links.put(attachment);
      const b = await links.put(attachment);
      expect(a.public).toBe(true);
      expect(a.url).toMatch(/^https:\/\/bot\.example\.vn\/zalo\/files\?t=[A-Za-z0-9_-]{22}$/);
      expect(a.url).not.toBe(b.url);
      const route = links.route();
      const get = (url: string) =>
        route.handle({ method: 'GET', path: '/zalo/files', query: new URL(url).searchParams, headers: {}, body: Buffer.alloc(0) });
      const served = await get(a.url);
      expect(served.status).toBe(200);
      expect(served.body).toEqual(Buffer.from([80, 75, 3, 4]));
      expect(served.headers?.['content-disposition']).toBe('attachment; filename="bao-cao.xlsx"');
      expect((await get('https://x/zalo/files?t=nope')).status).toBe(404);
      // The file is on disk; the store holds its name, type and expiry only, never its bytes.
      const token = new URL(a.url).searchParams.get('t')!;
      expect(await readdir(dir)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^\\d+-${token}$`))]));
      expect(JSON.stringify(await bot.store.conversations.get(`zalo-file:${token}`))).not.toMatch(/UEsDBA|"data"/);
      bot.clock.set(bot.clock.now() + FILE_LINK_TTL_MS + 1);
      expect((await get(a.url)).status).toBe(404);
      const local = createFileLinks({ store: bot.store, clock: bot.clock, dir, localBase: () => 'http://127.0.0.1:8080' });
      const l = await local.put(attachment);
      expect(l.public).toBe(false);
      expect(l.url.startsWith('http://127.0.0.1:8080/zalo/files?t=')).toBe(true);
      // Writing a new file swept out the expired ones.
      expect(await readdir(dir)).toHaveLength(1);
    } finally {
      await bot.close();
      await rm(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
