import { Redis } from 'ioredis';
import type { Agency } from '../src/domain/agency.js';
import type { Campaign } from '../src/domain/campaign.js';
import type { Period } from '../src/domain/period.js';
import { findPeriod, type Plan } from '../src/domain/plan.js';
import type { ItemAnswer } from '../src/domain/submission.js';
import { loadPlan } from '../src/plan/load-plan.js';

/** What the in-process benches seed with: a large province on the example plan, and its clean-up. */
export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchProvince {
  plan: Plan;
  /** The generated agencies (the plan also holds the coordinating agency, first). */
  agencies: Agency[];
  period: Period;
  campaign: Campaign;
}

/** The example plan with `agencyCount` generated communes in 20 khối, and its coordinating agency kept. */
export async function benchProvince(agencyCount: number, periodId: string): Promise<BenchProvince> {
  const example = await loadPlan('examples/lai-chau-2025.yaml');
  const coordinator = example.agencies.find((a) => a.id === example.coordinatorAgencyId);
  if (!coordinator) throw new Error('example plan has no coordinator agency');
  const agencies: Agency[] = Array.from({ length: agencyCount }, (_, i) => ({
    id: `don-vi-${i}`,
    name: `UBND xã Số ${i} (đơn vị thử)`,
    kind: 'xa',
    group: `Cụm thi đua ${i % 20}`,
  }));
  const plan: Plan = { ...example, agencies: [coordinator, ...agencies] };
  const period = findPeriod(plan, periodId);
  const campaign = plan.campaigns[0];
  if (!period || !campaign) throw new Error('example plan changed');
  return { plan, agencies, period, campaign };
}

/** Agency i's answers: a fixed mix of statuses, percents and counts, so every run seeds the same. */
export function answersFor(i: number, items: number): ItemAnswer[] {
  return Array.from({ length: items }, (_, k) => {
    const percent = [100, 80, 50, 0, 100, 30, 100][(i + k) % 7] ?? 0;
    return {
      itemNo: k + 1,
      status: percent === 100 ? 'done' : percent === 0 ? 'not-started' : 'in-progress',
      percent,
      note: k === 0 ? 'Đã tổ chức quán triệt tới toàn thể cán bộ, công chức' : '',
      ...([4, 6, 7].includes(k + 1) ? { quantity: (i * 7 + k) % 40 } : {}),
    };
  });
}

/** Deletes the bench's keys (SCAN + UNLINK, never KEYS), only under its own `dondoc-bench:` prefix. */
export async function deleteBenchPrefix(prefix: string): Promise<number> {
  if (!prefix.startsWith('dondoc-bench:')) throw new Error(`refusing to delete outside the bench namespace: ${prefix}`);
  const redis = new Redis(BENCH_REDIS_URL);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}
