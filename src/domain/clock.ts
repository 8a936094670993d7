/**
 * Time is injected everywhere: production uses the system clock, the playground and tests a
 * virtual one that only moves when told to.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until `set` or `advance` moves it. */
export interface VirtualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/** Example: `const clock = createVirtualClock(Date.parse('2025-06-10T08:00:00+07:00'))`. */
export function createVirtualClock(startMs: number): VirtualClock {
  let current = startMs;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      if (ms < 0) throw new RangeError('a virtual clock only moves forward');
      current += ms;
    },
  };
}

/**
 * A clock that starts at `startMs` and then runs at normal speed: for rehearsing a reporting day
 * (and for tests that run the built app) without waiting for the real date.
 */
export function createShiftedClock(startMs: number, realNow: () => number = Date.now): Clock {
  const offset = startMs - realNow();
  return { now: () => realNow() + offset };
}
