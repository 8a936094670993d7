// The ad-hoc requests port on Redis: one hash of AdHocRequest JSON by period id.
import type { AdHocRequest } from '../../domain/ad-hoc.js';
import type { AdHocRequests } from '../ports/ad-hoc-requests.js';
import { isAdHocRequest } from '../record-shapes.js';
import { adHocRecord, compareAdHocRequests } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisAdHocRequests implements AdHocRequests {
  constructor(private readonly ctx: RedisContext) {}

  async put(request: AdHocRequest): Promise<void> {
    const record = adHocRecord(request);
    await this.ctx.redis.hset(this.ctx.keys.adHocRequests(), record.period.id, JSON.stringify(record));
  }

  async create(request: AdHocRequest): Promise<boolean> {
    const record = adHocRecord(request);
    return (await this.ctx.redis.hsetnx(this.ctx.keys.adHocRequests(), record.period.id, JSON.stringify(record))) === 1;
  }

  async list(): Promise<AdHocRequest[]> {
    const key = this.ctx.keys.adHocRequests();
    const all = await this.ctx.redis.hgetall(key);
    const requests: AdHocRequest[] = [];
    for (const [id, json] of Object.entries(all)) {
      const parsed = this.ctx.parse(json, isAdHocRequest, `${key} ${id}`);
      if (parsed) requests.push(parsed);
    }
    return requests.sort(compareAdHocRequests);
  }
}
