import { createRouter } from '../../handlers/router.js';
import type { Services } from '../../handlers/services.js';
import type { VirtualClock } from '../domain/clock.js';
import { playgroundHelp, runPlayground } from '../platforms/playground/playground.js';

/** Wires the router to stdin/stdout for the local playground and resolves when the input ends. */
export async function startPlayground(services: Services & { clock: VirtualClock }, storeDescription: string): Promise<void> {
  const router = createRouter(services, { extraHelp: playgroundHelp });
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
  });
}
