// What every port of the Redis store shares, and the helpers several of them need.
import type { ChainableCommander, Cluster, Redis } from 'ioredis';
import { parseRecord } from '../record-shapes.js';
import type { StoreLogger } from '../records.js';
import type { RedisKeys } from './keys.js';
import type { StoreScripts } from './scripts.js';

/** One store's client, key layout, scripts and logger, and whether it is closing. */
export class RedisContext {
  private closing: Promise<void> | undefined;

  constructor(
    readonly redis: Redis | Cluster,
    readonly keys: RedisKeys,
    readonly scripts: StoreScripts,
    readonly logger: StoreLogger | undefined,
  ) {}

  /** True once close() was called. */
  isClosing(): boolean {
    return this.closing !== undefined;
  }

  close(): Promise<void> {
    this.closing ??= this.redis.quit().then(
      () => undefined,
      // Already disconnected (e.g. Redis went away): nothing left to flush, just stop reconnecting.
      () => this.redis.disconnect(),
    );
    return this.closing;
  }

  /** For the calls that can answer without a round trip: after close() they must still reject. */
  assertOpen(): void {
    if (this.closing) throw new Error('the Redis store is closed');
  }

  // ── Reading stored JSON without trusting it ───────────────────────────────────────────────

  /** A value that fails to parse or has the wrong shape is logged and treated as absent. */
  parse<T>(json: string | null | undefined, isShape: (value: unknown) => value is T, where: string): T | undefined {
    if (json === null || json === undefined) return undefined;
    const value = parseRecord(json, isShape);
    if (value !== undefined) return value;
    this.logger?.warn({ key: where, sample: json.slice(0, 120) }, 'skipped a corrupt value in Redis');
    return undefined;
  }

  parseAll<T>(jsons: readonly string[], isShape: (value: unknown) => value is T, where: string): T[] {
    const values: T[] = [];
    for (const json of jsons) {
      const value = this.parse(json, isShape, where);
      if (value !== undefined) values.push(value);
    }
    return values;
  }
}

/** Runs a MULTI and throws the first command error instead of returning it in the results. */
export async function execTransaction(tx: ChainableCommander): Promise<unknown[]> {
  const replies = await tx.exec();
  if (!replies) throw new Error('Redis transaction was aborted');
  return replies.map(([err, result]) => {
    if (err) throw err;
    return result;
  });
}

/** Freezes an object and everything in it, so a value shared from a cache cannot be changed. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
