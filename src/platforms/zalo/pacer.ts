import { createPacer, realPacerClock, type Pacer, type PacerClock, type PacerLimits } from '../core/pacer.js';
import type { RateGate } from '../core/rate-gate.js';

/**
 * Outgoing pacing for Zalo (no published limits, PLATFORMS.md §3): one chat's messages one after
 * another at least `perChatGapMs` apart, and at most `perSecond` messages a second overall — the
 * core pacer with these limits, on the injected clock, its global window shared by every instance
 * through Redis when there is one (the same gate as Telegram's).
 */
export interface ZaloPacing {
  perChatGapMs: number;
  perSecond: number;
}

export const DEFAULT_ZALO_PACING: ZaloPacing = { perChatGapMs: 500, perSecond: 20 };

/** Zalo's pacing as the core pacer's windows: Zalo bots talk in private chats, a group is paced alike. */
export function zaloPacerLimits(pacing: ZaloPacing): PacerLimits {
  const chat = { limit: 1, windowMs: pacing.perChatGapMs };
  return { global: { limit: pacing.perSecond, windowMs: 1_000 }, group: chat, private: chat };
}

/** `unlimited` (tests, benchmarks) keeps each chat's order but never waits. */
export function createZaloPacer(
  limits: ZaloPacing | 'unlimited' = DEFAULT_ZALO_PACING,
  clock: PacerClock = realPacerClock,
  sharedGate?: (local: RateGate) => RateGate,
): Pacer {
  return createPacer(limits === 'unlimited' ? 'unlimited' : zaloPacerLimits(limits), clock, sharedGate);
}
