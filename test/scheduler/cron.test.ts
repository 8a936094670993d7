import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startCron } from '../../scheduler/cron.js';
import type { Scheduler, TickReport } from '../../scheduler/scheduler.js';

const empty: TickReport = { fromMs: 0, toMs: 0, sent: 0, skippedStale: 0, alreadyDone: 0, failed: 0, advanced: true };

describe('the cron loop', () => {
  it('ticks on schedule, never overlaps a slow tick, survives a failing one, and stops cleanly', async () => {
    let ticks = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const scheduler: Scheduler = {
      async tick() {
        ticks++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await sleep(1500);
        concurrent--;
        if (ticks === 1) throw new Error('Redis went away');
        return empty;
      },
      runUntil: async () => [],
    };
    const errors: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(JSON.parse(line)) });
    const loop = startCron(scheduler, logger, '* * * * * *'); // every second, for the test
    await sleep(4200);
    await loop.stop();
    await loop.stop();
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(maxConcurrent).toBe(1);
    expect(errors).toEqual([expect.objectContaining({ msg: 'scheduler tick failed' })]);
    const after = ticks;
    await sleep(1200);
    expect(ticks).toBe(after);
  });
});
