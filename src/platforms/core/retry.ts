import { PlatformApiError } from '../../errors.js';

export interface RetryPolicy {
  /** Tries in all. */
  attempts: number;
  /** First back-off; doubled each time, capped at `maxDelayMs`. */
  baseDelayMs: number;
  /** The longest wait between tries; a platform asking for longer is not kept waiting for. */
  maxDelayMs: number;
}

/**
 * How long to wait before trying a failed call again (`attempt` counts from 1), or undefined when
 * it is not tried again. A platform that says how long to wait (a 429's `retry_after`, a
 * Retry-After header) is obeyed — retrying sooner only earns another 429 — unless it asks for more
 * than `maxDelayMs`: then the call fails as rate-limited at once and its sender (the scheduler's
 * next tick, the person) tries later, rather than a reply hanging that long. Without a hint: back-off
 * from `baseDelayMs`, doubling. This is the rule grammY's auto-retry applies to Telegram
 * (`maxDelaySeconds`), written once for the platforms whose client is ours.
 */
export function retryDelayMs(err: unknown, attempt: number, policy: RetryPolicy): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  const hintSeconds = err instanceof PlatformApiError ? err.parameters.retryAfter : undefined;
  if (hintSeconds !== undefined && Number.isFinite(hintSeconds) && hintSeconds >= 0) {
    const hinted = Math.ceil(hintSeconds * 1000);
    return hinted > policy.maxDelayMs ? undefined : hinted;
  }
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** A Retry-After header in seconds (the HTTP-date form is not used by chat APIs): undefined if absent or unreadable. */
export function retryAfterHeader(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/** The part of an abort signal a wait needs (grammY hands its transformers a polyfill's type). */
export interface Abortable {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Waits `ms` between tries, or less when `signal` aborts (the bot stopping). */
export function pause(ms: number, signal?: Abortable): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
