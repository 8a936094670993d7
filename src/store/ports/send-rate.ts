/** Resolves when one more send fits a bot's rate (at once when it fits now). */
export interface RateGate {
  acquire(): Promise<void>;
}

/**
 * A bot's send rate shared by every instance that sends as it, kept where all of them see it (a
 * Redis store has one; the embedded store, one process, has none).
 */
export interface SharedSendRates {
  /** The gate for `name` (e.g. `tg-rate:<bot id>`) at `perSecond` across all instances. */
  gate(name: string, perSecond: number): RateGate;
}
