/**
 * Runs tasks one after another per key (a chat), keys in parallel, and knows when everything has
 * finished: how one chat's updates stay in order while a graceful stop waits for all of them.
 */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Tasks queued or running. */
  size(): number;
  /** Resolves true once nothing is queued or running, or false when `timeoutMs` passes first. */
  drain(timeoutMs?: number): Promise<boolean>;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  let active = 0;
  let idle: (() => void)[] = [];

  const settle = () => {
    active--;
    if (active === 0) {
      const waiting = idle;
      idle = [];
      for (const resolve of waiting) resolve();
    }
  };

  return {
    run(key, task) {
      active++;
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
        settle();
      });
      return result;
    },
    size: () => active,
    drain(timeoutMs) {
      if (active === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const done = () => {
          if (timer) clearTimeout(timer);
          resolve(true);
        };
        idle.push(done);
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            idle = idle.filter((f) => f !== done);
            resolve(false);
          }, timeoutMs);
        }
      });
    },
  };
}
