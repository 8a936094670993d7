import type { PacerLimits } from '../core/pacer.js';

/**
 * Telegram's published limits: about 30 messages a second overall, about 20 a minute into one
 * group, about one a second into one private chat (short bursts tolerated).
 */
export const TELEGRAM_LIMITS: PacerLimits = {
  global: { limit: 30, windowMs: 1_000 },
  group: { limit: 20, windowMs: 60_000 },
  private: { limit: 3, windowMs: 3_000 },
};
