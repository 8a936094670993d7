import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPlan, parsePlan, PlanError } from '../../src/plan/load-plan.js';
import { findAgency, reportingAgencies } from '../../src/domain/plan.js';

const EXAMPLE = 'examples/lai-chau-2025.yaml';
const source = readFileSync(EXAMPLE, 'utf8');

function problemsOf(file: string, text: string): string[] {
  try {
    parsePlan(file, text);
  } catch (err) {
    if (err instanceof PlanError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('the bundled Lai Châu 2025 plan', () => {
  it('loads: Directive 09 with its 7 contents, Sở Nội vụ coordinating, a 6-month and a yearly period', async () => {
    const plan = await loadPlan(EXAMPLE);
    expect(plan.province).toEqual({ name: 'Lai Châu', authority: 'UBND tỉnh Lai Châu' });
    expect(plan.coordinatorAgencyId).toBe('so-noi-vu');
    const [campaign] = plan.campaigns;
    expect(campaign?.name).toBe('Phong trào thi đua năm 2025');
    expect(campaign?.legalBasis).toBe('Chỉ thị số 09/CT-UBND ngày 31/12/2024');
    expect(campaign?.items.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.periods.map((p) => [p.kind, p.cutoff, p.deadline])).toEqual([
      ['half-year-1', { from: '2024-12-15', to: '2025-06-14' }, '2025-06-18'],
      ['yearly', { from: '2024-12-15', to: '2025-12-14' }, '2025-12-17'],
    ]);
  });

  it('lists sở, ban, ngành and the 38 communes and wards, all 55 reporting, Sở Nội vụ included', async () => {
    const plan = await loadPlan(EXAMPLE);
    const kinds = new Map<string, number>();
    for (const a of plan.agencies) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
    expect((kinds.get('xa') ?? 0) + (kinds.get('phuong') ?? 0)).toBe(38);
    expect(kinds.get('so')).toBeGreaterThanOrEqual(10);
    expect(reportingAgencies(plan).some((a) => a.id === 'so-noi-vu')).toBe(true);
    expect(reportingAgencies(plan)).toHaveLength(55);
  });

  it('an agency marked reports: false is listed but never counted; titles may be set per agency', () => {
    const text = source
      .replace(
        '{ id: so-noi-vu, name: "Sở Nội vụ", kind: so, group: "Khối các cơ quan tổng hợp" }',
        '{ id: so-noi-vu, name: "Sở Nội vụ", kind: so, reports: false }',
      )
      .replace(
        '{ id: bhxh-tinh, name: "Bảo hiểm xã hội tỉnh", kind: trung-uong, group: "Khối kinh tế" }',
        '{ id: bhxh-tinh, name: "Bảo hiểm xã hội tỉnh", kind: trung-uong, title: "Giám đốc", deputy_title: "Phó Giám đốc" }',
      )
      .replace('recipients: [head, deputy]', 'recipients: [head]');
    const plan = parsePlan(EXAMPLE, text);
    expect(reportingAgencies(plan)).toHaveLength(54);
    expect(findAgency(plan, 'so-noi-vu')).toMatchObject({ reports: false });
    expect(findAgency(plan, 'bhxh-tinh')).toMatchObject({ title: 'Giám đốc', deputyTitle: 'Phó Giám đốc' });
    expect(plan.reminders.recipients).toEqual(['head']);
  });
});

describe('a plan with mistakes', () => {
  it('names the file, the line, the field and what is wrong, for every mistake at once', () => {
    const broken = source
      .replace('{ id: so-y-te, name: "Sở Y tế", kind: so,', '{ id: so-y-te, name: "Sở Y tế", kind: soo,')
      .replace('deadline: 2025-06-18', 'deadline: 2025-06-31');
    const problems = problemsOf('lai-chau.yaml', broken);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^lai-chau\.yaml:\d+:\d+: agencies\[\d+\]\.kind: expected one of so, ban, .* \(got "soo"\)$/);
    expect(problems[1]).toMatch(
      /^lai-chau\.yaml:\d+:\d+: periods\[0\]\.deadline: expected a real calendar date YYYY-MM-DD.*\(got "2025-06-31"\)$/,
    );
  });

  it('reports references that go nowhere and duplicates', () => {
    const broken = source
      .replace('coordinator: so-noi-vu', 'coordinator: so-noi-vu-cu')
      .replace('{ id: so-tu-phap,', '{ id: so-tai-chinh,')
      .replace('campaign: thi-dua-2025\n    preset: yearly', 'campaign: thi-dua-2026\n    preset: yearly');
    const problems = problemsOf('p.yaml', broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^p\.yaml:\d+:\d+: coordinator: "so-noi-vu-cu" is not one of the agencies$/),
        expect.stringMatching(/agencies\[\d+\]\.id: duplicate agency id "so-tai-chinh"$/),
        expect.stringMatching(/periods\[1\]\.campaign: "thi-dua-2026" is not one of the campaigns$/),
      ]),
    );
  });

  it('refuses a deadline before the cut-off ends (Decree 09 leaves a working day between them)', () => {
    const problems = problemsOf('p.yaml', source.replace('deadline: 2025-06-18', 'deadline: 2025-06-10'));
    expect(problems).toEqual([
      expect.stringMatching(/periods\[0\]\.deadline: the deadline 2025-06-10 must fall after the cut-off ends \(2025-06-14\)/),
    ]);
  });

  it('refuses unknown fields, so a typo is not silently ignored', () => {
    const problems = problemsOf('p.yaml', source.replace('    opens_on: 2025-06-01', '    open_on: 2025-06-01'));
    expect(problems).toEqual([expect.stringMatching(/^p\.yaml:\d+:\d+: periods\[0\]: unknown field\(s\) "open_on"$/)]);
  });

  it('points at the line of broken YAML', () => {
    expect(problemsOf('p.yaml', 'province: { name: "Lai Châu"\ncoordinator: x\n')).toEqual([
      expect.stringMatching(/^p\.yaml:\d+:\d+: YAML: /),
    ]);
  });

  it('says so when the file does not exist', async () => {
    await expect(loadPlan('examples/khong-co.yaml')).rejects.toThrow(
      /examples\/khong-co\.yaml: cannot read the file \(it does not exist\)/,
    );
  });
});

describe('deadline rules and the working calendar in the plan', () => {
  const yearlyWith = (deadline: string, extra = '') =>
    source.replace('    deadline: { working_days_after_cutoff: 3 }', `    deadline: ${deadline}${extra}`);

  it('resolves "3 working days after the cut-off" of Sunday 14/12/2025 to Wednesday 17/12/2025', async () => {
    const plan = parsePlan('p.yaml', source);
    expect(plan.periods[1]?.deadline).toBe('2025-12-17');
  });

  it('resolves "day 20 of the last month", and moves a deadline on Saturday 20/12/2025 per the policy', () => {
    expect(parsePlan('p.yaml', yearlyWith('{ day_of_last_month: 20 }')).periods[1]?.deadline).toBe('2025-12-22');
    expect(
      parsePlan('p.yaml', yearlyWith('{ day_of_last_month: 20 }', '\n    deadline_on_non_working_day: previous')).periods[1]?.deadline,
    ).toBe('2025-12-19');
    expect(
      parsePlan('p.yaml', yearlyWith('{ day_of_last_month: 20 }', '\n    deadline_on_non_working_day: keep')).periods[1]?.deadline,
    ).toBe('2025-12-20');
  });

  it('takes extra days off from the plan: a new holiday on Monday 22/12/2025 pushes the deadline on', () => {
    const withHoliday = yearlyWith('{ day_of_last_month: 20 }').replace(
      '  days_off: []',
      '  days_off:\n    - { date: 2025-12-22, name: "Ngày nghỉ mới công bố" }',
    );
    expect(parsePlan('p.yaml', withHoliday).periods[1]?.deadline).toBe('2025-12-23');
  });

  it('reads the reminder policy, and refuses an impossible one', () => {
    expect(parsePlan('p.yaml', source).reminders).toMatchObject({
      before: [7, 3, 1],
      at: '08:00',
      escalateAfter: 3,
      channels: { dm: true, group: true },
    });
    expect(problemsOf('p.yaml', source.replace('at: "08:00"', 'at: "8h"'))).toEqual([
      expect.stringMatching(/reminders\.at: expected a time HH:mm/),
    ]);
    expect(problemsOf('p.yaml', source.replace('{ start: "13:30", end: "17:00" }', '{ start: "17:00", end: "13:30" }'))).toEqual([
      expect.stringMatching(/reminders: office hours 17:00–13:30 end before they start/),
    ]);
  });

  it('refuses a day listed both as a day off and as a working day', () => {
    const clash = source
      .replace('  days_off: []', '  days_off:\n    - { date: 2025-12-20, name: "Nghỉ" }')
      .replace('  working_days: []', '  working_days:\n    - { date: 2025-12-20, name: "Làm bù" }');
    expect(problemsOf('p.yaml', clash)).toEqual([expect.stringMatching(/^p\.yaml:\d+:\d+: calendar: /)]);
  });
});
