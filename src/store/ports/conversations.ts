/**
 * Short-lived state that expires by itself: conversations in progress, and the small records the
 * platforms keep for a while (who may press a keyboard, a Zalo chat's numbered choices, web
 * sessions). Values are small JSON; files never go here (Zalo exports are kept on disk).
 */
export interface Conversations {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, state: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * How many entries of one kind are open: keys `<kind>:…` (e.g. `report`) not yet expired. For
   * metrics; on Redis it reads an index that may lag a write by a moment.
   */
  count(kind: string): Promise<number>;
}
