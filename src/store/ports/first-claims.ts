/**
 * "Only the first one counts" for things that may arrive twice: an update the platform redelivers,
 * a keyboard pressed twice, a one-time sign-in link. A claim is never released; it is forgotten
 * after its TTL, which must outlast any redelivery.
 */
export interface FirstClaims {
  /**
   * True if `key` was not claimed yet — or is already claimed with this very `token` (the same
   * claim resent after a dropped connection). Use a token unique to the attempt.
   */
  claim(key: string, token: string, ttlMs: number): Promise<boolean>;
}
