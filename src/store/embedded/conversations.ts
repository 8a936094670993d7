// Short-lived state, in the `conversations` table, each row expiring at expires_at by the injected clock.
import type { Conversations } from '../ports/conversations.js';
import { checkedTtl, conversationJson } from '../records.js';
import type { EmbeddedDatabase, Row } from './database.js';

export class EmbeddedConversations implements Conversations {
  constructor(private readonly db: EmbeddedDatabase) {}

  async get<T>(key: string): Promise<T | undefined> {
    return this.db.read(() => {
      const sql = 'SELECT json FROM conversations WHERE key = ? AND expires_at > ?';
      const params = [key, this.db.clock.now()];
      const row = this.db.get(sql, ...params) as Row<'json'> | undefined;
      // Any JSON will do: what the state holds is for its owner to check.
      return row ? this.db.parse(row.json, (value): value is T => value !== undefined, sql, params) : undefined;
    });
  }

  async put<T>(key: string, state: T, ttlMs: number): Promise<void> {
    const json = conversationJson(state);
    const ttl = checkedTtl(ttlMs);
    this.db.write(() => {
      this.db.run('INSERT OR REPLACE INTO conversations (key, json, expires_at) VALUES (?, ?, ?)', key, json, this.db.clock.now() + ttl);
    });
  }

  async delete(key: string): Promise<void> {
    this.db.write(() => {
      this.db.run('DELETE FROM conversations WHERE key = ?', key);
    });
  }

  async count(kind: string): Promise<number> {
    return this.db.read(() => {
      // Keys `<kind>:…` are exactly those from `<kind>:` up to, not including, `<kind>;` (':' + 1).
      const row = this.db.get(
        'SELECT count(*) AS open FROM conversations WHERE key >= ? AND key < ? AND expires_at > ?',
        `${kind}:`,
        `${kind};`,
        this.db.clock.now(),
      ) as { open: number };
      return row.open;
    });
  }
}
