/** Running totals of a platform's update pipeline, since the process started (read by /metrics). */
export interface UpdateStats {
  handled: number;
  duplicates: number;
  ignored: number;
  failed: number;
  /** Dropped at intake: the sender or the chat was over its rate or backlog (intake-limiter.ts). */
  throttled: number;
}

export function newUpdateStats(): UpdateStats {
  return { handled: 0, duplicates: 0, ignored: 0, failed: 0, throttled: 0 };
}
