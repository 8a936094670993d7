/**
 * Runs `fn` over `items` with at most `limit` calls in flight, taking items in order; stops taking
 * new ones once `stop()` says so. The first error is rethrown after the calls in flight settle
 * (each releases its own lease), and no new item starts after it.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  stop: () => boolean,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !stop() && !failure) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
}
