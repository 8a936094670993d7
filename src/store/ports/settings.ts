/** Small settings and cursors (the scheduler's last tick, queued pushes, the chart theme …). */
export interface Settings {
  get(key: string): Promise<string | undefined>;
  /** Several settings in one read: the keys that have a value, with it. */
  getMany(keys: readonly string[]): Promise<Map<string, string>>;
  set(key: string, value: string): Promise<void>;
}
