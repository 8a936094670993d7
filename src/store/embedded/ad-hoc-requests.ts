// Ad-hoc report requests, one row per period id in the `ad_hoc_requests` table.
import type { AdHocRequest } from '../../domain/ad-hoc.js';
import type { AdHocRequests } from '../ports/ad-hoc-requests.js';
import { isAdHocRequest } from '../record-shapes.js';
import { adHocRecord, compareAdHocRequests } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

export class EmbeddedAdHocRequests implements AdHocRequests {
  constructor(private readonly db: EmbeddedDatabase) {}

  async put(request: AdHocRequest): Promise<void> {
    const record = adHocRecord(request);
    this.db.write(() => {
      this.db.run('INSERT OR REPLACE INTO ad_hoc_requests (id, record) VALUES (?, ?)', record.period.id, JSON.stringify(record));
    });
  }

  async create(request: AdHocRequest): Promise<boolean> {
    const record = adHocRecord(request);
    return this.db.write(
      () =>
        this.db.run('INSERT OR IGNORE INTO ad_hoc_requests (id, record) VALUES (?, ?)', record.period.id, JSON.stringify(record)).changes >
        0,
    );
  }

  async list(): Promise<AdHocRequest[]> {
    return this.db.read(() => this.db.all(isAdHocRequest, 'SELECT record FROM ad_hoc_requests').sort(compareAdHocRequests));
  }
}
