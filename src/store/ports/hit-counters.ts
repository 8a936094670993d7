/** Counters in fixed windows, to throttle guessed invite codes and the like. */
export interface HitCounters {
  /**
   * Counts a hit in a window that starts at the first hit and lasts `windowMs`; returns the count
   * including this hit (1 for the first hit of a new window). Best effort across restarts: the
   * embedded store keeps counters in memory only, so a restart starts every window afresh.
   */
  hit(key: string, windowMs: number): Promise<number>;
}
