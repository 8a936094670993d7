import type { Clock } from '../domain/clock.js';
import type { StoreLogger } from './records.js';
import type { Store } from './store.js';

export type { StoreLogger } from './records.js';

/** Where the store lives: Redis when `redisUrl` is set, otherwise SQLite in `dataDir/don-doc.sqlite`. */
export interface CreateStoreOptions {
  redisUrl?: string;
  /** Prefix of every Redis key, e.g. `dondoc:`. */
  redisPrefix: string;
  dataDir: string;
  /** Drives expiry in the embedded store; Redis expires keys on its own (real) clock. */
  clock: Clock;
  logger?: StoreLogger;
}

/**
 * Opens the configured store; rejects with a readable message when it cannot be reached or locked.
 * The rules both implementations share live in `records.ts`.
 */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  // Imported on demand so an embedded deployment never loads ioredis.
  if (options.redisUrl) {
    const { openRedisStore } = await import('./redis/open-redis-store.js');
    return openRedisStore({ url: options.redisUrl, prefix: options.redisPrefix, logger: options.logger });
  }
  const { openSqliteStore } = await import('./embedded/open-embedded-store.js');
  return openSqliteStore({ dataDir: options.dataDir, clock: options.clock, logger: options.logger });
}
