import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startWatchdog } from '../../src/app/watchdog.js';

const logger = pino({ level: 'silent' });

describe('the watchdog (compose restarts only a container that exits)', () => {
  it('gives up once the store has been unreachable for the whole allowance, so the bot exits and is restarted', async () => {
    let checks = 0;
    const dog = startWatchdog({ check: () => (checks++, Promise.reject(new Error('ENOSPC'))), unhealthyForMs: 200, everyMs: 20, logger });
    await dog.gaveUp;
    expect(checks).toBeGreaterThan(2);
  });

  it('a store that comes back in between resets the allowance: a Redis restart is waited out', async () => {
    let n = 0;
    // Down, down, up, down, down, up, …: never unhealthy for long.
    const dog = startWatchdog({ check: () => Promise.resolve(++n % 3 === 0), unhealthyForMs: 2_000, everyMs: 20, logger });
    const outcome = await Promise.race([dog.gaveUp.then(() => 'gave up'), new Promise((r) => setTimeout(() => r('still running'), 600))]);
    dog.stop();
    expect(outcome).toBe('still running');
  });
});
