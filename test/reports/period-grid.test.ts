import { beforeAll, describe, expect, it } from 'vitest';
import { calendarOf } from '../../src/app/plan-calendar.js';
import { agenciesOfPeriod, findCampaign, findPeriod, type Plan } from '../../src/domain/plan.js';
import type { ItemAnswer, Submission } from '../../src/domain/submission.js';
import { summarise, type SummaryModel } from '../../src/domain/summary/index.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { gridImagePng, gridImageSvg } from '../../src/reports/grid-image.js';
import { buildPeriodGrid } from '../../src/reports/period-grid.js';
import { accountId } from '../../src/domain/roles.js';
import { createTestBot } from '../helpers/bot.js';

const at = (iso: string) => Date.parse(`${iso}+07:00`);

function answers(percents: readonly number[]): ItemAnswer[] {
  return percents.map((percent, i) => ({
    itemNo: i + 1,
    status: percent === 100 ? 'done' : percent === 0 ? 'not-started' : 'in-progress',
    percent,
    note: '',
    ...(i === 3 ? { quantity: 7 } : {}),
  }));
}

function submission(agencyId: string, percents: number[], late = false, status?: 'draft'): Submission {
  return {
    campaignId: 'thi-dua-2025',
    periodId: '2025-6-thang',
    agencyId,
    revision: 1,
    answers: answers(percents),
    submittedBy: { account: 'telegram:1', name: 'A', role: 'head' },
    submittedAt: late ? at('2025-06-19T09:00') : at('2025-06-16T09:00'),
    late,
    ...(status ? { status } : {}),
  };
}

let plan: Plan;
let model: SummaryModel;
beforeAll(async () => {
  plan = await loadPlan('examples/lai-chau-2025.yaml');
  const period = findPeriod(plan, '2025-6-thang');
  const campaign = findCampaign(plan, 'thi-dua-2025');
  if (!period || !campaign) throw new Error('example plan changed');
  const latest = new Map([
    ['so-y-te', submission('so-y-te', [100, 80, 60, 50, 100, 0, 100])],
    ['xa-muong-kim', submission('xa-muong-kim', [100, 100, 100, 100, 100, 100, 100], true)],
    ['xa-pa-u', submission('xa-pa-u', [50, 50, 50, 50, 50, 50, 50], false, 'draft')],
  ]);
  model = summarise({
    period,
    campaign,
    agencies: agenciesOfPeriod(plan, period),
    latest,
    now: at('2025-06-19T10:00'),
    calendar: calendarOf(plan),
  });
});

describe('the period grid', () => {
  it('has every agency once, grouped by khối, with the counting answers as cells and the model as totals', () => {
    const grid = buildPeriodGrid(model, { pageSize: 10_000 });
    const rows = grid.groups.flatMap((g) => g.rows);
    expect(rows.map((r) => r.agencyId).sort()).toEqual(model.rows.map((r) => r.agency.id).sort());
    expect(grid.items).toBe(model.items);
    const yte = rows.find((r) => r.agencyId === 'so-y-te');
    expect(yte?.cells[1]).toEqual({ status: 'in-progress', percent: 80 });
    expect(yte?.cells[3]).toEqual({ status: 'in-progress', percent: 50, quantity: 7 });
    expect(rows.find((r) => r.agencyId === 'xa-pa-u')).toMatchObject({
      standing: 'missing',
      draftPending: true,
      cells: Array(7).fill(undefined),
    });
    const names = grid.groups.map((g) => g.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
  });

  it('filters (missing, late, pending sign-off), searches without diacritics, and pages', () => {
    const count = (g: ReturnType<typeof buildPeriodGrid>) => g.groups.reduce((n, x) => n + x.rows.length, 0);
    expect(buildPeriodGrid(model, { filter: 'late' }).matching).toBe(1);
    expect(buildPeriodGrid(model, { filter: 'pending' }).groups[0]?.rows[0]?.agencyId).toBe('xa-pa-u');
    expect(buildPeriodGrid(model, { filter: 'missing' }).matching).toBe(model.missing);
    expect(buildPeriodGrid(model, { search: 'muong kim' }).groups.flatMap((g) => g.rows.map((r) => r.agencyId))).toEqual(['xa-muong-kim']);
    const pages = Math.ceil(model.total / 5);
    const seen = new Set<string>();
    for (let page = 1; page <= pages; page++) {
      const grid = buildPeriodGrid(model, { pageSize: 5, page });
      expect(grid.pages).toBe(pages);
      expect(count(grid)).toBeLessThanOrEqual(5);
      for (const g of grid.groups) for (const r of g.rows) seen.add(r.agencyId);
    }
    expect(seen.size).toBe(model.total);
    expect(buildPeriodGrid(model, { pageSize: 5, page: 999 }).page).toBe(pages);
  });
});

describe('the grid picture', () => {
  it('draws agencies × items coloured like the dashboard, escaped, as a PNG', () => {
    const svg = gridImageSvg(model);
    expect(svg).toContain('Bảng tiến độ — ');
    expect(svg).toContain('UBND xã Mường Kim');
    expect(svg).toContain('fill="#c8e6c9"');
    expect(svg).toContain('fill="#fff3c4"');
    const hostile = { ...model, rows: model.rows.map((r, i) => (i === 0 ? { ...r, agency: { ...r.agency, name: '<b>&"x"</b>' } } : r)) };
    expect(gridImageSvg(hostile)).toContain('&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;');
    const png = gridImagePng(model);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('says how many agencies a big province leaves off the picture', () => {
    const many = {
      ...model,
      rows: Array.from({ length: 500 }, (_, i) => ({
        agency: { id: `a-${i}`, name: `Cơ quan ${i}` },
        standing: 'missing' as const,
        heads: [],
        draftPending: false,
      })),
    };
    expect(gridImageSvg(many, 100)).toContain('… và 400 cơ quan, đơn vị khác');
  });

  it('comes with /status <period> anh, beside the text', async () => {
    const bot = await createTestBot({ now: '2025-06-19T10:00:00+07:00' });
    try {
      const coordinator = accountId('telegram', '2002');
      await bot.grant({ account: coordinator, role: 'coordinator', name: 'Trần Thị Bình' });
      const [answer, ...rest] = await bot.say(coordinator, '/status 2025-6-thang anh');
      expect(rest).toHaveLength(0);
      expect(answer?.text).toContain('Đã báo cáo 0/');
      expect(answer?.attachments?.[0]).toMatchObject({ kind: 'photo', mime: 'image/png' });
      expect(answer?.attachments?.[0]?.filename).toMatch(/^bang-tien-do-2025-6-thang-\d{8}-\d{4}\.png$/);
      expect((await bot.say(coordinator, '/status 2025-6-thang'))[0]?.attachments).toBeUndefined();
    } finally {
      await bot.close();
    }
  });
});
