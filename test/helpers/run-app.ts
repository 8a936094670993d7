import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built entry point, as `npm start` runs it. `npm test` builds before it runs the tests. */
export const MAIN = 'dist/src/main.js';

export interface AppRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built app with the given stdin, argv and environment (platform tokens cleared). */
export async function runApp(options: { input?: string; args?: string[]; env?: Record<string, string> } = {}): Promise<AppRun> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-app-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: '',
    ZALO_BOT_TOKEN: '',
    REDIS_URL: '',
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...(options.args ?? [])], { env, stdio: ['pipe', 'pipe', 'pipe'], cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
