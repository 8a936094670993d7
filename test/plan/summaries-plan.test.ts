import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUMMARY_POLICY } from '../../src/domain/summary/index.js';
import { parsePlan, PlanError } from '../../src/plan/load-plan.js';

const source = readFileSync('examples/lai-chau-2025.yaml', 'utf8');

function problemsOf(text: string): string[] {
  try {
    parsePlan('plan.yaml', text);
  } catch (err) {
    if (err instanceof PlanError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('the plan file’s summaries section', () => {
  it('is optional: without it the deadline and final summaries go out and the weekly digest is off', () => {
    const plan = parsePlan('plan.yaml', source.replace(/\nsummaries:[\s\S]*$/, '\n'));
    expect(plan.summaries).toEqual(DEFAULT_SUMMARY_POLICY);
  });

  it('turns on the weekly digest and sets the time of the deadline summary', () => {
    const text = `${source.replace(/\nsummaries:[\s\S]*$/, '\n')}\nsummaries:\n  deadline_at: "16:00"\n  weekly_digest: true\n  weekday: 5\n  at: "09:00"\n`;
    expect(parsePlan('plan.yaml', text).summaries).toEqual({ deadlineAt: '16:00', weeklyDigest: true, weekday: 5, at: '09:00' });
  });

  it('refuses a deadline summary outside office hours, and a weekday that is not 1–7', () => {
    const base = source.replace(/\nsummaries:[\s\S]*$/, '\n');
    expect(problemsOf(`${base}\nsummaries:\n  deadline_at: "18:00"\n`).join('\n')).toMatch(/summaries\.deadline_at.*outside office hours/);
    expect(problemsOf(`${base}\nsummaries:\n  weekly_digest: true\n  weekday: 8\n`).join('\n')).toMatch(/summaries\.weekday/);
  });
});
