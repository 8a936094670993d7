import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../fake-telegram/app-process.js';

/**
 * A private `redis-server` for tests that stop Redis (the machine's shared Redis on 6379 is never
 * stopped): its own port on 127.0.0.1 and its own temp dir, AOF with fsync on every write and no
 * RDB snapshots, so what Redis acknowledged survives a SIGKILL and is loaded again by `start()`.
 */
export interface PrivateRedis {
  readonly port: number;
  readonly dir: string;
  /** `redis://127.0.0.1:<port>` (with the password, when there is one) */
  readonly url: string;
  /** True while the server runs. */
  running(): boolean;
  /** Starts it again on the same port and dir (after `stop`); resolves once it answers PING. */
  start(): Promise<void>;
  /** SIGKILL (a crash) by default, or SIGTERM (a clean stop); resolves once the process is gone. */
  stop(options?: { signal?: 'SIGKILL' | 'SIGTERM' }): Promise<void>;
  /** Stops it and deletes its dir. */
  cleanup(): Promise<void>;
}

/** `password` turns on `requirepass` (and goes into `url`). */
export async function startPrivateRedis(options: { port?: number; password?: string } = {}): Promise<PrivateRedis> {
  const { password } = options;
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-redis-'));
  let port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const launch = async (): Promise<void> => {
    log = '';
    const proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--protected-mode',
        'yes',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
        ...(password ? ['--requirepass', password] : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    proc.stdout?.setEncoding('utf8').on('data', (d: string) => (log += d));
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
    let done = false;
    exited = new Promise<void>((resolve) =>
      proc.once('exit', () => {
        done = true;
        if (child === proc) child = undefined;
        resolve();
      }),
    );
    proc.once('error', () => undefined); // reported through 'exit' and the PING below
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (done) throw new Error(`redis-server on port ${port} exited at start:\n${log}`);
      if (await pings(port, password)) return;
      await sleep(50);
    }
    proc.kill('SIGKILL');
    await exited;
    throw new Error(`redis-server on port ${port} did not answer PING within 10 s:\n${log}`);
  };

  // Another process may take the free port between freePort() and the bind: try a few ports.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      if (options.port !== undefined || attempt >= 5 || !/Address already in use|bind/i.test(String(err))) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
      port = await freePort();
    }
  }

  const stop = async ({ signal = 'SIGKILL' }: { signal?: 'SIGKILL' | 'SIGTERM' } = {}) => {
    const proc = child;
    if (!proc) return;
    proc.kill(signal);
    await exited;
  };

  return {
    get port() {
      return port;
    },
    dir,
    get url() {
      return `redis://${password ? `:${encodeURIComponent(password)}@` : ''}127.0.0.1:${port}`;
    },
    running: () => child !== undefined,
    async start() {
      if (child) return;
      // The same port: clients reconnect to where they were. A port taken meanwhile is retried briefly.
      const deadline = Date.now() + 5_000;
      for (;;) {
        try {
          await launch();
          return;
        } catch (err) {
          if (Date.now() > deadline || !/Address already in use|bind/i.test(String(err))) throw err;
          await sleep(100);
        }
      }
    },
    stop,
    async cleanup() {
      await stop({ signal: 'SIGKILL' });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function pings(port: number, password?: string): Promise<boolean> {
  const probe = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 500,
    ...(password ? { password } : {}),
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
