import { createWorkingCalendar } from '../src/domain/calendar/index.js';
import { addDays, localDateAt, startOfLocalDay } from '../src/domain/vietnam-time.js';
import type { Period } from '../src/domain/period.js';
import { DEFAULT_REMINDER_POLICY, planDue, reminderKey } from '../src/domain/reminders/index.js';
import { measure, printTable } from './measure.js';

/**
 * Planning one working day of reminders for 10,000 agencies × 4 open periods: 1,440 one-minute
 * ticks, each asking the planner what fell due in its window. The baseline is the floor of the
 * same work — building the 40,000 reminder keys once — so the ratio shows what planning costs on
 * top of merely naming every reminder.
 */
export async function benchReminderPlanning(agencyCount = 10_000): Promise<void> {
  const calendar = createWorkingCalendar();
  const day = '2025-06-13'; // a Friday
  const agencies = Array.from({ length: agencyCount }, (_, i) => `agency-${i}`);
  // Deadlines 0, 1, 3 and 7 working days ahead, so each period has a reminder due that morning.
  const periods: Period[] = [0, 1, 3, 7].map((n, i) => {
    const deadline = calendar.addWorkingDays(day, n);
    return {
      id: `p${i}`,
      campaignId: 'c',
      kind: 'custom',
      name: `kỳ ${i}`,
      cutoff: { from: addDays(day, -40), to: addDays(day, -10) },
      deadline,
      opensOn: addDays(day, -30),
    };
  });
  const reported = (_p: string, a: string) => a.endsWith('7'); // a tenth have reported
  const dayStart = startOfLocalDay(day);
  let items = 0;

  const baseline = await measure(`baseline: build ${agencyCount * periods.length} reminder keys once`, () => {
    const keys: string[] = [];
    for (const p of periods) for (const a of agencies) keys.push(reminderKey(p.id, a, 'before', 1, day));
    return keys.length;
  });
  const planning = await measure(`planner: 1,440 ticks over ${localDateAt(dayStart)} (${agencyCount} agencies × 4 periods)`, () => {
    items = 0;
    for (let minute = 1; minute <= 1440; minute++) {
      const toMs = dayStart + minute * 60_000;
      items += planDue({ periods, policy: DEFAULT_REMINDER_POLICY, calendar, fromMs: toMs - 60_000, toMs, agencies, reported }).length;
    }
  });
  const busiest = await measure('planner: the one busy tick (08:00), alone', () => {
    const toMs = dayStart + 8 * 3_600_000;
    return planDue({ periods, policy: DEFAULT_REMINDER_POLICY, calendar, fromMs: toMs - 60_000, toMs, agencies, reported }).length;
  });
  printTable('Reminder planning (issue 4)', [baseline, planning, busiest]);
  console.log(`  reminders due that day: ${items} (expected ${periods.length * agencies.filter((a) => !reported('', a)).length})`);
}
