// The reports port on Redis: every revision in a list per agency, the latest in a hash per period, kept parsed in memory.
import type { NewSubmission, Submission } from '../../domain/submission.js';
import type { Reports } from '../ports/reports.js';
import { isSubmission } from '../record-shapes.js';
import { submissionRecord } from '../records.js';
import { deepFreeze, type RedisContext } from './context.js';

/** How many of a period's latest changes are noted for readers that refresh incrementally. */
const CHANGES_KEPT = 1000;

/** How many periods' latest revisions the Redis store keeps parsed in memory. */
const LATEST_CACHE_PERIODS = 4;

/** A period's latest revisions as parsed, with the version counter they are current to. */
interface CachedLatest {
  version: number;
  latest: Map<string, Submission>;
}

export class RedisReports implements Reports {
  /** Parsed latest revisions per period, with the version counter they were read at. */
  private readonly latestCache = new Map<string, CachedLatest>();

  constructor(private readonly ctx: RedisContext) {}

  async add(submission: NewSubmission): Promise<Submission> {
    const { keys } = this.ctx;
    const record = submissionRecord(submission);
    const json = JSON.stringify(record);
    const revision = await this.ctx.scripts.dondocAddSubmission(
      keys.submissionRevisions(record.periodId, record.agencyId),
      keys.latestSubmissions(record.periodId),
      keys.submissionsVersion(record.periodId),
      keys.submissionChanges(record.periodId),
      record.agencyId,
      json.slice(0, -1),
      CHANGES_KEPT,
    );
    return { ...record, revision: Number(revision) };
  }

  async latest(periodId: string, agencyId: string): Promise<Submission | undefined> {
    const key = this.ctx.keys.latestSubmissions(periodId);
    return this.ctx.parse(await this.ctx.redis.hget(key, agencyId), isSubmission, `${key} ${agencyId}`);
  }

  async history(periodId: string, agencyId: string): Promise<Submission[]> {
    const key = this.ctx.keys.submissionRevisions(periodId, agencyId);
    return this.ctx.parseAll(await this.ctx.redis.lrange(key, 0, -1), isSubmission, key);
  }

  /**
   * A period's latest revisions are read whole only when the period's version counter moved since
   * the last read (every new revision bumps it in the same script): `/status` and the summaries of
   * a 10,000-agency province then cost one GET, not megabytes of JSON. The counter is read before
   * the hash, so a write in between only makes the next call read again. The cached submissions are
   * frozen: callers get a new Map each time but must not change the submissions in it.
   */
  async latestOfPeriod(periodId: string): Promise<Map<string, Submission>> {
    const { redis, keys } = this.ctx;
    const key = keys.latestSubmissions(periodId);
    const version = Number((await redis.get(keys.submissionsVersion(periodId))) ?? 0);
    const cached = this.latestCache.get(periodId);
    let entry = cached && cached.version === version ? cached : undefined;
    if (!entry && cached && version > cached.version && version - cached.version <= CHANGES_KEPT)
      entry = await this.refreshLatest(periodId, cached);
    if (!entry) {
      const latest = new Map<string, Submission>();
      for (const [agencyId, json] of Object.entries(await redis.hgetall(key))) {
        const submission = this.ctx.parse(json, isSubmission, `${key} ${agencyId}`);
        if (submission) latest.set(agencyId, deepFreeze(submission));
      }
      entry = { version, latest };
    }
    this.latestCache.delete(periodId);
    this.latestCache.set(periodId, entry);
    // Only the few periods in use are kept, the least recently read dropped first.
    for (const old of this.latestCache.keys()) {
      if (this.latestCache.size <= LATEST_CACHE_PERIODS) break;
      this.latestCache.delete(old);
    }
    return new Map(entry.latest);
  }

  /**
   * Brings a cached period up to date from the noted changes: only the agencies that changed are
   * read. Undefined when the changes since the cached version are no longer all noted (more than
   * CHANGES_KEPT, or more writes landed between the two reads), so the caller reads everything.
   */
  private async refreshLatest(periodId: string, cached: CachedLatest): Promise<CachedLatest | undefined> {
    const { redis, keys } = this.ctx;
    const key = keys.latestSubmissions(periodId);
    const noted = (await redis.lrange(keys.submissionChanges(periodId), -CHANGES_KEPT, -1)).map((entry) => {
      const bar = entry.indexOf('|');
      return { version: Number(entry.slice(0, bar)), agencyId: entry.slice(bar + 1) };
    });
    const oldest = noted[0]?.version;
    if (oldest === undefined || oldest > cached.version + 1) return undefined;
    const changed = [...new Set(noted.filter((c) => c.version > cached.version).map((c) => c.agencyId))];
    const latest = new Map(cached.latest);
    const jsons = changed.length > 0 ? await redis.hmget(key, ...changed) : [];
    changed.forEach((agencyId, i) => {
      const submission = this.ctx.parse(jsons[i], isSubmission, `${key} ${agencyId}`);
      if (submission) latest.set(agencyId, deepFreeze(submission));
      else latest.delete(agencyId);
    });
    // The hash was read after the list, so it is at least as new as the last change seen.
    return { version: noted[noted.length - 1]?.version ?? cached.version, latest };
  }
}
