import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN } from '../helpers/run-app.js';

/** A port nobody listens on right now (the OS picks it, we release it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('the playground serves the dashboard on 127.0.0.1:$PORT', () => {
  it('prints a /web link that signs this machine in, while the playground runs', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-app-'));
    const child = spawn(process.execPath, [MAIN, '--now', '2025-06-19T10:00'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: dataDir,
        PORT: String(port),
        TELEGRAM_BOT_TOKEN: '',
        ZALO_BOT_TOKEN: '',
        REDIS_URL: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      child.stdin.write('/as coordinator\n/web\n');
      const link = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const found = /http:\/\/127\.0\.0\.1:\d+\/dashboard\/dangnhap\?t=[A-Za-z0-9_-]+/.exec(stdout)?.[0];
          if (found) {
            clearInterval(timer);
            resolve(found);
          }
        }, 50);
        child.on('close', () => reject(new Error(`playground ended: ${stdout}\n${stderr}`)));
      });
      expect(stdout).toContain(`Trang điều hành: http://127.0.0.1:${port}/dashboard`);
      expect(link.startsWith(`http://127.0.0.1:${port}/`)).toBe(true);
      const signIn = await fetch(link, { redirect: 'manual' });
      expect(signIn.status).toBe(303);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const overview = await fetch(`http://127.0.0.1:${port}/dashboard`, { headers: { cookie } });
      expect(overview.status).toBe(200);
      expect(await overview.text()).toContain('sơ kết 6 tháng đầu năm 2025');
    } finally {
      child.stdin.end();
      expect(await exited).toBe(0);
      await rm(dataDir, { recursive: true, force: true });
    }
    expect(stderr).toBe('');
  });
});
