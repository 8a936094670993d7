import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the tests use; shared with everything else on the machine, hence the prefixes. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test run can collide with, e.g. `dondoc-test:3f9a0c1e2b7d:`. */
export function uniqueRedisPrefix(): string {
  return `dondoc-test:${randomBytes(6).toString('hex')}:`;
}

/** Escapes SCAN's glob characters so a prefix matches only itself. */
function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * Every key under `prefix` (and matching the glob `pattern` after it), found with SCAN (never
 * KEYS, which blocks a shared server).
 */
export async function keysUnder(prefix: string, url = TEST_REDIS_URL, pattern = '*'): Promise<string[]> {
  const redis = new Redis(url);
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${globLiteral(prefix)}${pattern}`, 'COUNT', 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  } finally {
    await redis.quit();
  }
}

/** Deletes every key under `prefix` with UNLINK; returns how many there were. */
export async function deleteKeysUnder(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  if (!prefix.startsWith('dondoc-test:')) throw new Error(`refusing to delete keys outside the test namespace: ${prefix}`);
  const keys = await keysUnder(prefix, url);
  if (keys.length === 0) return 0;
  const redis = new Redis(url);
  try {
    for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500));
  } finally {
    await redis.quit();
  }
  return keys.length;
}
