import { hostname } from 'node:os';
import { createRouter } from '../../handlers/router.js';
import type { Services } from '../../handlers/services.js';
import { createScheduler } from '../../scheduler/scheduler.js';
import type { VirtualClock } from '../domain/clock.js';
import { createDeliver } from '../messaging/delivery.js';
import { playgroundHelp, runPlayground } from '../platforms/playground/playground.js';
import { createPlaygroundMessenger } from '../platforms/playground/playground-messenger.js';

/**
 * Wires the router and the scheduler to stdin/stdout for the local playground; `/advance` runs the
 * scheduler over the virtual time it crosses. Resolves when the input ends.
 */
export async function startPlayground(services: Services & { clock: VirtualClock }, storeDescription: string): Promise<void> {
  const router = createRouter(services, { extraHelp: playgroundHelp });
  const messenger = createPlaygroundMessenger(services.clock);
  const scheduler = createScheduler({ services, deliver: createDeliver([messenger]), instanceId: `playground:${hostname()}:${process.pid}` });
  const interactive = Boolean(process.stdin.isTTY);
  await runPlayground({
    input: process.stdin,
    output: process.stdout,
    router,
    store: services.store,
    plan: services.plan,
    clock: services.clock,
    storeDescription,
    echo: !interactive,
    prompt: interactive,
    onOutput: (write) => messenger.attach(write),
    onAdvance: async (toMs) => {
      await scheduler.runUntil(toMs, (ms) => services.clock.set(ms));
    },
  });
}
