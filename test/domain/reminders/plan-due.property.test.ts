import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, DEFAULT_OFFICE_HOURS, isInOfficeHours } from '../../../src/domain/calendar/index.js';
import type { Period } from '../../../src/domain/period.js';
import { ON_TET_2026, SIX_MONTHS_2025, vn } from '../../helpers/periods.js';
import {
  DEFAULT_REMINDER_POLICY,
  nextDueAt,
  periodSlots,
  planDue,
  type DueItem,
  type ReminderPolicy,
} from '../../../src/domain/reminders/index.js';

const calendar = createWorkingCalendar();

const sixMonths = SIX_MONTHS_2025;
/** A quarterly period due the week after, so the two periods' slots interleave. */
const quarter: Period = {
  ...sixMonths,
  id: '2025-quy-2',
  kind: 'quarterly',
  name: 'quý II năm 2025',
  cutoff: { from: '2025-03-15', to: '2025-06-14' },
  deadline: '2025-06-24',
};
const onTet = ON_TET_2026;

const agencies = ['so-y-te', 'so-tai-chinh', 'xa-muong-kim', 'phuong-tan-phong'];

/** A scenario: which periods, which policy send time, and who has reported (fixed for the whole run). */
interface Scenario {
  periods: Period[];
  policy: ReminderPolicy;
  done: Set<string>;
  start: number;
  end: number;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    tet: fc.boolean(),
    at: fc.constantFrom('08:00', '06:00', '12:15', '16:59', '19:00'),
    done: fc.subarray(agencies.flatMap((a) => [`2025-6-thang/${a}`, `2025-quy-2/${a}`, `tet-2026/${a}`])),
  })
  .map(({ tet, at, done }) => ({
    periods: tet ? [onTet] : [sixMonths, quarter],
    policy: { ...DEFAULT_REMINDER_POLICY, at },
    done: new Set(done),
    start: tet ? vn('2026-01-25T00:00') : vn('2025-06-01T00:00'),
    end: tet ? vn('2026-03-10T00:00') : vn('2025-07-10T00:00'),
  }));

function run(s: Scenario, fromMs: number, toMs: number): DueItem[] {
  return planDue({ periods: s.periods, policy: s.policy, calendar, fromMs, toMs, reported: (p, a) => s.done.has(`${p}/${a}`), agencies });
}

/** Cut points inside the scenario's span, sorted, ends included. */
function cuts(s: Scenario, fractions: number[]): number[] {
  const inner = fractions.map((f) => s.start + Math.floor(f * (s.end - s.start)));
  return [s.start, ...inner.sort((a, b) => a - b), s.end];
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** How many reminder slots of each period fall in (fromMs, toMs]: > 1 means supersession applies. */
function mostRemindersInWindow(s: Scenario, fromMs: number, toMs: number): number {
  return Math.max(
    ...s.periods.map(
      (p) => periodSlots(p, s.policy, calendar).filter((x) => x.kind !== 'escalation' && x.dueAt > fromMs && x.dueAt <= toMs).length,
    ),
  );
}

const keys = (items: DueItem[]) => items.map((i) => i.key).sort();

describe('splitting the window', () => {
  it('(a,b] and (b,c] together give exactly what (a,c] gives when no supersession applies, and never miss anything', () => {
    fc.assert(
      fc.property(scenario, fraction, fraction, fraction, (s, f1, f2, f3) => {
        const [a = 0, b = 0, c = 0] = [f1, f2, f3].map((f) => s.start + Math.floor(f * (s.end - s.start))).sort((x, y) => x - y);
        const whole = keys(run(s, a, c));
        const split = keys([...run(s, a, b), ...run(s, b, c)]);
        // The split never misses what the whole would send; it can only say more.
        expect(split).toEqual(expect.arrayContaining(whole));
        if (mostRemindersInWindow(s, a, c) <= 1) expect(split).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('minute-sized ticks cover every slot of every missing agency exactly once', () => {
    // A tick per slot boundary is the same as a tick per minute, without 50 000 calls.
    fc.assert(
      fc.property(scenario, (s) => {
        const instants = [...new Set(s.periods.flatMap((p) => periodSlots(p, s.policy, calendar).map((x) => x.dueAt)))].sort(
          (x, y) => x - y,
        );
        const items = instants.flatMap((t) => run(s, t - 60_000, t));
        const expected = s.periods.flatMap((p) => {
          const slots = periodSlots(p, s.policy, calendar);
          const missing = agencies.filter((a) => !s.done.has(`${p.id}/${a}`));
          return slots.flatMap((x) => (x.kind === 'escalation' ? (missing.length > 0 ? [x] : []) : missing.map(() => x)));
        });
        expect(items).toHaveLength(expected.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('keys', () => {
  it('are unique across any sequence of ticks and identical when recomputed', () => {
    fc.assert(
      fc.property(scenario, fc.array(fraction, { maxLength: 30 }), (s, fractions) => {
        const points = cuts(s, fractions);
        const once = points.slice(1).flatMap((to, i) => run(s, points[i] ?? s.start, to));
        const again = points.slice(1).flatMap((to, i) => run(s, points[i] ?? s.start, to));
        const all = once.map((i) => i.key);
        expect(new Set(all).size).toBe(all.length);
        expect(again).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('every item', () => {
  it('is due inside office hours, inside its window, with a sign of daysToDeadline that matches its kind', () => {
    fc.assert(
      fc.property(scenario, fraction, fraction, (s, f1, f2) => {
        const [from = 0, to = 0] = [f1, f2].map((f) => s.start + Math.floor(f * (s.end - s.start))).sort((x, y) => x - y);
        for (const item of run(s, from, to)) {
          expect(isInOfficeHours(item.dueAt, DEFAULT_OFFICE_HOURS, calendar)).toBe(true);
          expect(item.dueAt > from && item.dueAt <= to).toBe(true);
          if (item.kind === 'before') expect(item.daysToDeadline).toBeGreaterThan(0);
          if (item.kind === 'deadline-day') expect(item.daysToDeadline).toBe(0);
          if (item.kind === 'overdue' || item.kind === 'escalation') expect(item.daysToDeadline).toBeLessThan(0);
          if (item.kind === 'escalation') expect(item.missingAgencies.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('nextDueAt agrees with planDue', () => {
  it('the window up to it holds something, the window up to just before it holds nothing', () => {
    fc.assert(
      fc.property(scenario, fraction, (s, f) => {
        const after = s.start + Math.floor(f * (s.end - s.start));
        const reported = (p: string, a: string) => s.done.has(`${p}/${a}`);
        const next = nextDueAt({ periods: s.periods, policy: s.policy, calendar, afterMs: after, agencies, reported });
        if (next === undefined) {
          expect(run(s, after, after + 400 * 86_400_000)).toEqual([]);
          return;
        }
        expect(run(s, after, next - 1)).toEqual([]);
        expect(run(s, after, next).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
