// Small settings and cursors, in the `meta` table.
import type { Settings } from '../ports/settings.js';
import type { EmbeddedDatabase, Row } from './database.js';

export class EmbeddedSettings implements Settings {
  constructor(private readonly db: EmbeddedDatabase) {}

  async get(key: string): Promise<string | undefined> {
    return this.db.read(() => metaValue(this.db, key));
  }

  async getMany(keys: readonly string[]): Promise<Map<string, string>> {
    return this.db.read(() => {
      const found = new Map<string, string>();
      for (const key of keys) {
        const value = metaValue(this.db, key);
        if (value !== undefined) found.set(key, value);
      }
      return found;
    });
  }

  async set(key: string, value: string): Promise<void> {
    this.db.write(() => {
      this.db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value);
    });
  }
}

function metaValue(db: EmbeddedDatabase, key: string): string | undefined {
  return (db.get('SELECT value FROM meta WHERE key = ?', key) as Row<'value'> | undefined)?.value as string | undefined;
}
