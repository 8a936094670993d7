import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { DEFAULT_PLAN_FILE } from '../config/config.js';
import { parseLocalDateTime } from '../domain/vietnam-time.js';

/** The project folder, whether running from `dist/src` or from sources. */
export const PROJECT_ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url));

/** The bundled plan unless PLAN_FILE names another; relative paths are taken from the working directory. */
export function planPath(planFile: string): string {
  return planFile === DEFAULT_PLAN_FILE ? resolve(PROJECT_ROOT, DEFAULT_PLAN_FILE) : resolve(planFile);
}

/** Command-line options: only `--now` for the playground's virtual clock. */
export function parseCommandLine(argv: readonly string[]): { now?: number } | { error: string } {
  try {
    const { values } = parseArgs({ args: [...argv], options: { now: { type: 'string' } }, allowPositionals: false, strict: true });
    if (values.now === undefined) return {};
    const now = parseLocalDateTime(values.now);
    return now === undefined
      ? { error: `--now: expected a date and time like 2025-06-10T08:00 (Vietnam time), got "${values.now}"` }
      : { now };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
