import { describe, expect, it } from 'vitest';
import { NetworkError, PlatformApiError } from '../../../src/errors.js';
import { retryAfterHeader, retryDelayMs } from '../../../src/platforms/core/retry.js';

const policy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };
const tooMany = (retryAfter?: number) =>
  new PlatformApiError('zalo', 'sendMessage', 429, 'Too Many Requests', retryAfter !== undefined ? { retryAfter } : {});

describe('when a failed call is tried again (every platform)', () => {
  it('a 429 that says how long waits exactly that; longer than the longest wait, not at all', () => {
    expect(retryDelayMs(tooMany(3), 1, policy)).toBe(3_000);
    expect(retryDelayMs(tooMany(0.25), 2, policy)).toBe(250);
    expect(retryDelayMs(tooMany(120), 1, policy)).toBeUndefined();
  });

  it('without a hint: back-off from the base, doubling, capped; never past the attempts', () => {
    const network = new NetworkError('telegram', 'sendMessage', 'ECONNRESET');
    expect([1, 2, 3].map((n) => retryDelayMs(network, n, policy))).toEqual([500, 1_000, 2_000]);
    expect(retryDelayMs(tooMany(), 3, { ...policy, maxDelayMs: 1_500 })).toBe(1_500);
    expect(retryDelayMs(network, 4, policy)).toBeUndefined();
    expect(retryDelayMs(tooMany(1), 4, policy)).toBeUndefined();
  });

  it('reads a Retry-After header in seconds, and nothing else', () => {
    expect(retryAfterHeader('2')).toBe(2);
    expect(retryAfterHeader(' 1.5 ')).toBe(1.5);
    expect(retryAfterHeader(null)).toBeUndefined();
    expect(retryAfterHeader('Wed, 21 Oct 2026 07:28:00 GMT')).toBeUndefined();
  });
});
