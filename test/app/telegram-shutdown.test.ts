import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createShutdown, stopSteps } from '../../src/app/shutdown.js';

describe('shutdown', () => {
  it('runs the steps once, in order, even when asked twice; a failing or hanging step does not stop the rest', async () => {
    const log: string[] = [];
    const shutdown = createShutdown(pino({ level: 'silent' }), [
      { name: 'a', run: () => log.push('a') },
      { name: 'b', run: () => Promise.reject(new Error('b failed')) },
      { name: 'c', run: () => new Promise(() => undefined), timeoutMs: 50 },
      { name: 'd', run: async () => log.push('d') },
    ]);
    await Promise.all([shutdown(), shutdown()]);
    await shutdown();
    expect(log).toEqual(['a', 'd']);
  });

  it('fits every step into the budget: once it is spent, the later steps (closing the store) still get a second', async () => {
    const log: string[] = [];
    const started = Date.now();
    const shutdown = createShutdown(
      pino({ level: 'silent' }),
      [
        { name: 'drain (hangs)', run: () => new Promise(() => undefined), timeoutMs: 20_000 },
        { name: 'scheduler (hangs)', run: () => new Promise(() => undefined), timeoutMs: 30_000 },
        {
          name: 'close the store',
          run: async () => void log.push(`store closed after ${Math.round((Date.now() - started) / 100) / 10} s`),
        },
      ],
      300,
    );
    await shutdown();
    // 300 ms of budget for the first step, the last-chance second for the hanging scheduler, then the store.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(log).toHaveLength(1);
  });

  it('stops intake (and new deliveries) first and closes the store last', async () => {
    const log: string[] = [];
    const steps = stopSteps({
      http: { stopAccepting: () => log.push('http.stopAccepting'), close: async () => void log.push('http.close') },
      transports: {
        stopIntake: async () => void log.push('telegram.stopIntake'),
        drain: async () => (log.push('telegram.drain'), true),
        releaseLock: async () => void log.push('telegram.releaseLock'),
        close: () => log.push('telegram.close'),
      },
      cron: { stop: async () => void log.push('cron.stop') },
      store: { close: async () => void log.push('store.close') },
    });
    await createShutdown(pino({ level: 'silent' }), steps)();
    // The scheduler is told to stop with the intake (no new deliveries) and awaited after the drain.
    expect(log).toEqual([
      'http.stopAccepting',
      'cron.stop',
      'telegram.stopIntake',
      'telegram.drain',
      'telegram.releaseLock',
      'http.close',
      'telegram.close',
      'store.close',
    ]);
  });
});
