import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/index.js';
import { addDays } from '../../../src/domain/vietnam-time.js';
import type { Period } from '../../../src/domain/period.js';
import { ON_TET_2026, SIX_MONTHS_2025, YEAR_2025, vn } from '../../helpers/periods.js';
import {
  DEFAULT_REMINDER_POLICY,
  escalationKey,
  nextDue,
  nextDueAt,
  planDue,
  reminderKey,
  type DueItem,
  type PlanDueInput,
} from '../../../src/domain/reminders/index.js';

const calendar = createWorkingCalendar();
const MINUTE = 60_000;

const sixMonths = SIX_MONTHS_2025;
const yearly = YEAR_2025;
const onTet = ON_TET_2026;

const agencies = ['so-y-te', 'so-tai-chinh', 'xa-muong-kim'];

interface Options {
  /** `periodId/agencyId` pairs that have reported. */
  done?: string[];
  periods?: Period[];
  change?: Partial<PlanDueInput['policy']>;
}

/** planDue over (fromMs, toMs] with the default policy and the three agencies above. */
function dueMs(fromMs: number, toMs: number, options: Options = {}): DueItem[] {
  const done = new Set(options.done ?? []);
  return planDue({
    periods: options.periods ?? [sixMonths],
    policy: { ...DEFAULT_REMINDER_POLICY, ...options.change },
    calendar,
    fromMs,
    toMs,
    reported: (periodId, agencyId) => done.has(`${periodId}/${agencyId}`),
    agencies,
  });
}

/** planDue over (from, to] given in Hà Nội time. */
const due = (from: string, to: string, options?: Options) => dueMs(vn(from), vn(to), options);
/** The one-minute tick ending at `ms`, as a scheduler running every minute sees it. */
const tickAt = (ms: number, options?: Options) => dueMs(ms - MINUTE, ms, options);

describe('a week before the 6-month deadline (Wed 18/06/2025)', () => {
  it('the head of Sở Y tế gets the T−3 reminder at 08:00 on Fri 13/06, and an agency that already reported gets nothing', () => {
    const items = tickAt(vn('2025-06-13T08:00'), { done: ['2025-6-thang/so-tai-chinh'] });
    expect(items).toEqual([
      {
        key: 'rem:2025-6-thang:so-y-te:before:3:2025-06-13',
        kind: 'before',
        periodId: '2025-6-thang',
        agencyId: 'so-y-te',
        n: 3,
        slotDay: '2025-06-13',
        dueAt: vn('2025-06-13T08:00'),
        daysToDeadline: 3,
      },
      {
        key: 'rem:2025-6-thang:xa-muong-kim:before:3:2025-06-13',
        kind: 'before',
        periodId: '2025-6-thang',
        agencyId: 'xa-muong-kim',
        n: 3,
        slotDay: '2025-06-13',
        dueAt: vn('2025-06-13T08:00'),
        daysToDeadline: 3,
      },
    ]);
  });

  it.each([
    ['a 1-minute window at 08:00 on Saturday 14/06', vn('2025-06-14T08:00')],
    ['a 1-minute window at 08:00 on Sunday 15/06', vn('2025-06-15T08:00')],
    ['the minute before the T−3 slot, Fri 13/06 07:59', vn('2025-06-13T07:59')],
    ['the minute after it, Fri 13/06 08:01', vn('2025-06-13T08:01')],
    ['08:00 on Mon 16/06, a working day with no slot', vn('2025-06-16T08:00')],
  ])('%s yields nothing', (_story, at) => {
    expect(tickAt(at)).toEqual([]);
  });

  it('counts the window as (from, to]: a slot exactly at `from` belongs to the previous tick', () => {
    expect(due('2025-06-13T08:00', '2025-06-13T09:00')).toEqual([]);
    expect(due('2025-06-13T07:00', '2025-06-13T08:00')).toHaveLength(3);
    expect(due('2025-06-13T08:00', '2025-06-13T08:00')).toEqual([]);
  });

  it('asks whether an agency reported only for a period with something due', () => {
    const asked: string[] = [];
    planDue({
      periods: [sixMonths, yearly],
      policy: DEFAULT_REMINDER_POLICY,
      calendar,
      fromMs: vn('2025-06-13T07:59'),
      toMs: vn('2025-06-13T08:00'),
      reported: (periodId, agencyId) => (asked.push(`${periodId}/${agencyId}`), false),
      agencies,
    });
    expect(asked).toEqual(agencies.map((a) => `2025-6-thang/${a}`));
  });
});

describe('a scheduler that was down', () => {
  it('from Thursday 12/06 to Tuesday 17/06 08:05 sends only the latest missed reminder per agency (T−1, not T−3), once', () => {
    const items = due('2025-06-12T09:00', '2025-06-17T08:05');
    expect(items.map((i) => i.key)).toEqual([
      'rem:2025-6-thang:so-y-te:before:1:2025-06-17',
      'rem:2025-6-thang:so-tai-chinh:before:1:2025-06-17',
      'rem:2025-6-thang:xa-muong-kim:before:1:2025-06-17',
    ]);
    expect(items.every((i) => i.daysToDeadline === 1)).toBe(true);
    // The next ticks have nothing more to say until the deadline morning.
    expect(due('2025-06-17T08:05', '2025-06-18T07:59')).toEqual([]);
  });

  it('over the deadline and three overdue days still sends the escalation, beside one overdue reminder per agency', () => {
    const items = due('2025-06-17T09:00', '2025-06-24T10:00', { done: ['2025-6-thang/so-y-te'] });
    expect(items.map((i) => i.key)).toEqual([
      'rem:2025-6-thang:so-tai-chinh:overdue:4:2025-06-24',
      'rem:2025-6-thang:xa-muong-kim:overdue:4:2025-06-24',
      'esc:2025-6-thang:2025-06-23',
    ]);
  });
});

describe('after the deadline', () => {
  /** 08:00 on every calendar day from Thu 19/06 to Fri 04/07/2025. */
  const mornings = Array.from({ length: 16 }, (_, i) => vn(`${addDays('2025-06-19', i)}T08:00`));

  it('Sở Y tế is reminded on each of the first 5 working days, then the reminders stop', () => {
    const days = mornings.flatMap((ms) =>
      tickAt(ms)
        .filter((i) => i.agencyId === 'so-y-te')
        .map((i) => `${i.kind} ${i.n} ${i.slotDay}`),
    );
    expect(days).toEqual([
      'overdue 1 2025-06-19',
      'overdue 2 2025-06-20',
      'overdue 3 2025-06-23',
      'overdue 4 2025-06-24',
      'overdue 5 2025-06-25',
    ]);
  });

  it('stops after maxTimes 2 when the policy says so', () => {
    const overdue = mornings
      .flatMap((ms) => tickAt(ms, { change: { overdue: { everyWorkingDay: true, maxTimes: 2 } } }))
      .filter((i) => i.kind === 'overdue');
    expect(overdue.filter((i) => i.agencyId === 'so-y-te').map((i) => i.slotDay)).toEqual(['2025-06-19', '2025-06-20']);
    expect(overdue).toHaveLength(2 * agencies.length);
  });

  it('tells the coordinator once, after 3 working days late (Mon 23/06), naming only the agencies still missing', () => {
    const escalations = mornings
      .flatMap((ms) => tickAt(ms, { done: ['2025-6-thang/so-tai-chinh'] }))
      .filter((i) => i.kind === 'escalation');
    expect(escalations).toEqual([
      {
        key: 'esc:2025-6-thang:2025-06-23',
        kind: 'escalation',
        periodId: '2025-6-thang',
        missingAgencies: ['so-y-te', 'xa-muong-kim'],
        slotDay: '2025-06-23',
        dueAt: vn('2025-06-23T08:00'),
        daysToDeadline: -3,
      },
    ]);
  });

  it('does not escalate when everybody has reported', () => {
    const done = agencies.map((a) => `2025-6-thang/${a}`);
    expect(tickAt(vn('2025-06-23T08:00'), { done })).toEqual([]);
  });

  it('with both channels off, sends no reminders but still escalates', () => {
    const items = tickAt(vn('2025-06-23T08:00'), { change: { channels: { dm: false, group: false } } });
    expect(items.map((i) => i.kind)).toEqual(['escalation']);
  });
});

describe('a deadline kept on Tết (Wed 18/02/2026)', () => {
  const periods = [onTet];

  it('the deadline-day reminder comes on Fri 13/02, the last working day before the break', () => {
    const items = tickAt(vn('2026-02-13T08:00'), { periods });
    expect(items.map((i) => [i.kind, i.daysToDeadline])).toEqual(agencies.map(() => ['deadline-day', 0]));
  });

  it('nothing is sent during the break, and the first overdue reminder waits for Mon 23/02', () => {
    expect(due('2026-02-13T08:00', '2026-02-23T07:59', { periods })).toEqual([]);
    expect(tickAt(vn('2026-02-23T08:00'), { periods }).map((i) => i.key)).toEqual(
      agencies.map((a) => `rem:tet-2026:${a}:overdue:1:2026-02-23`),
    );
  });
});

describe('keys', () => {
  it('re-arm when Sở Nội vụ moves the deadline: T−1 of Fri 20/06 is not the T−1 of Wed 18/06 already sent', () => {
    const moved = { ...sixMonths, deadline: '2025-06-20' };
    expect(tickAt(vn('2025-06-17T08:00')).map((i) => i.key)[0]).toBe('rem:2025-6-thang:so-y-te:before:1:2025-06-17');
    expect(tickAt(vn('2025-06-19T08:00'), { periods: [moved] }).map((i) => i.key)[0]).toBe('rem:2025-6-thang:so-y-te:before:1:2025-06-19');
  });

  it.each([
    [
      'a reminder',
      () => reminderKey('2025-6-thang', 'so-y-te', 'overdue', 2, '2025-06-20'),
      'rem:2025-6-thang:so-y-te:overdue:2:2025-06-20',
    ],
    [
      'a deadline-day reminder (no n)',
      () => reminderKey('2025-6-thang', 'so-y-te', 'deadline-day', undefined, '2025-06-18'),
      'rem:2025-6-thang:so-y-te:deadline-day:2025-06-18',
    ],
    ['an escalation', () => escalationKey('2025-6-thang', '2025-06-23'), 'esc:2025-6-thang:2025-06-23'],
  ])('spell %s', (_story, make, expected) => {
    expect(make()).toBe(expected);
  });

  it('refuse an id with a colon, which would make two keys look alike', () => {
    expect(() => reminderKey('2025:6', 'so-y-te', 'before', 3, '2025-06-13')).toThrow(RangeError);
    expect(() => escalationKey('', '2025-06-23')).toThrow(RangeError);
  });
});

describe('several periods at once', () => {
  it('a window over 6 tháng’s T−3 leaves the yearly period quiet, and items follow the order of periods', () => {
    expect(tickAt(vn('2025-06-13T08:00'), { periods: [yearly, sixMonths] }).map((i) => i.periodId)).toEqual(
      agencies.map(() => '2025-6-thang'),
    );
    const both = due('2025-06-13T07:00', '2025-12-08T08:00', { periods: [yearly, sixMonths] });
    expect(both.map((i) => `${i.periodId} ${i.kind}`)).toEqual([
      ...agencies.map(() => '2025-ca-nam before'),
      ...agencies.map(() => '2025-6-thang overdue'),
      '2025-6-thang escalation',
    ]);
  });

  it('lists an agency given twice once', () => {
    const items = planDue({
      periods: [sixMonths],
      policy: DEFAULT_REMINDER_POLICY,
      calendar,
      fromMs: vn('2025-06-13T07:59'),
      toMs: vn('2025-06-13T08:00'),
      reported: () => false,
      agencies: ['so-y-te', 'so-y-te'],
    });
    expect(items).toHaveLength(1);
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => due('2025-06-13T09:00', '2025-06-13T08:00')).toThrow(RangeError);
  });
});

describe('when the bot speaks next', () => {
  const base = { periods: [sixMonths, yearly], policy: DEFAULT_REMINDER_POLICY, calendar };

  it.each([
    ['Thu 12/06 09:00: the T−3 reminder, Fri 13/06 08:00', '2025-06-12T09:00', '2025-06-13T08:00'],
    ['exactly Fri 13/06 08:00: strictly later, Tue 17/06 08:00', '2025-06-13T08:00', '2025-06-17T08:00'],
    ['after the last 6-month reminder: the yearly T−7, Mon 08/12', '2025-06-25T08:00', '2025-12-08T08:00'],
  ])('%s', (_story, after, expected) => {
    expect(nextDueAt({ ...base, afterMs: vn(after) })).toBe(vn(expected));
  });

  it('names the period and slot', () => {
    expect(nextDue({ ...base, afterMs: vn('2025-06-18T08:00') })).toMatchObject({
      periodId: '2025-6-thang',
      slot: { kind: 'overdue', n: 1, day: '2025-06-19' },
    });
  });

  it('skips a period everybody has reported for, and says nothing when all is done', () => {
    const reported = (periodId: string) => periodId === '2025-6-thang';
    expect(nextDueAt({ ...base, afterMs: vn('2025-06-12T09:00'), agencies, reported })).toBe(vn('2025-12-08T08:00'));
    expect(nextDueAt({ ...base, afterMs: vn('2025-06-12T09:00'), agencies, reported: () => true })).toBeUndefined();
    expect(nextDueAt({ ...base, afterMs: vn('2025-12-25T08:00') })).toBeUndefined();
  });

  it('with both channels off, only the escalation counts', () => {
    const policy = { ...DEFAULT_REMINDER_POLICY, channels: { dm: false, group: false } };
    expect(nextDueAt({ ...base, policy, afterMs: vn('2025-06-12T09:00') })).toBe(vn('2025-06-23T08:00'));
  });
});
