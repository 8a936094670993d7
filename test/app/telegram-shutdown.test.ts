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

  it('stops intake first and closes the store last', async () => {
    const log: string[] = [];
    const steps = stopSteps({
      http: { stopAccepting: () => log.push('http.stopAccepting'), close: async () => void log.push('http.close') },
      telegram: {
        stopIntake: async () => void log.push('telegram.stopIntake'),
        drain: async () => (log.push('telegram.drain'), true),
        releaseLock: async () => void log.push('telegram.releaseLock'),
        close: () => log.push('telegram.close'),
      },
      cron: { stop: async () => void log.push('cron.stop') },
      store: { close: async () => void log.push('store.close') },
    });
    await createShutdown(pino({ level: 'silent' }), steps)();
    expect(log).toEqual(['http.stopAccepting', 'telegram.stopIntake', 'telegram.drain', 'telegram.releaseLock', 'cron.stop', 'http.close', 'telegram.close', 'store.close']);
  });
});
