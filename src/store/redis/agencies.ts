// The agencies port on Redis: one hash of Agency JSON by id.
import type { Agency } from '../../domain/agency.js';
import type { Agencies, AgencySyncResult } from '../ports/agencies.js';
import { isAgency } from '../record-shapes.js';
import { planAgencySync } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisAgencies implements Agencies {
  constructor(private readonly ctx: RedisContext) {}

  async sync(agencies: readonly Agency[]): Promise<AgencySyncResult> {
    const { result, writes } = planAgencySync(await this.all(), agencies);
    // One HSET with every field is atomic, so a crash never leaves half a plan written.
    if (writes.length > 0) {
      await this.ctx.redis.hset(this.ctx.keys.agencies(), Object.fromEntries(writes.map((a) => [a.id, JSON.stringify(a)])));
    }
    return result;
  }

  async get(id: string): Promise<Agency | undefined> {
    return this.ctx.parse(await this.ctx.redis.hget(this.ctx.keys.agencies(), id), isAgency, this.ctx.keys.agencies());
  }

  async list(options?: { includeArchived?: boolean }): Promise<Agency[]> {
    const all = [...(await this.all()).values()];
    return all.filter((a) => options?.includeArchived || !a.archived).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  private async all(): Promise<Map<string, Agency>> {
    const key = this.ctx.keys.agencies();
    const raw = await this.ctx.redis.hgetall(key);
    const agencies = new Map<string, Agency>();
    for (const [id, json] of Object.entries(raw)) {
      const agency = this.ctx.parse(json, isAgency, `${key} ${id}`);
      if (agency) agencies.set(id, agency);
    }
    return agencies;
  }
}
