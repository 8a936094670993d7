import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN } from '../helpers/run-app.js';

/** A port nobody listens on right now (PORT must be 1–65535, so 0 cannot be passed). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LogLine {
  level?: string;
  msg?: string;
  [key: string]: unknown;
}

/** The built app running as a child process, as `npm start` runs it. */
export interface RunningApp {
  readonly pid: number;
  /** JSON log lines written so far (stderr). */
  logs(): LogLine[];
  stderr(): string;
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number, what?: string): Promise<LogLine>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `dist/src/main.js` with only the given environment (plus PATH, HOME and a temporary DATA_DIR). */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-tg-app-'));
  // The bench may try the app under V8 flags NODE_OPTIONS does not take (BENCH_APP_NODE_ARGS="--optimize-for-size").
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: process.cwd(),
  });
  let stderr = '';
  const lines: LogLine[] = [];
  const listeners = new Set<() => void>();
  let partial = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    partial += d;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) {
      try {
        lines.push(JSON.parse(p) as LogLine);
      } catch {
        lines.push({ msg: p });
      }
    }
    for (const l of [...listeners]) l();
  });
  child.stdout.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const l of [...listeners]) l();
      void rm(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  let exited = false;
  void exit.then(() => (exited = true));
  return {
    pid: child.pid ?? 0,
    logs: () => [...lines],
    stderr: () => stderr,
    waitForLog(match, timeoutMs = 15_000, what = 'a log line') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(found);
          } else if (exited) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`the app exited before ${what}:\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${what}:\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (!exited) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
    exited: () => exit,
  };
}
