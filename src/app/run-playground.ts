import { hostname } from 'node:os';
import { createRouter } from '../../handlers/router.js';
import type { Services } from '../../handlers/services.js';
import { createScheduler, CURSOR_KEY } from '../../scheduler/scheduler.js';
import { playgroundTexts } from '../platforms/playground/playground-texts.js';
import type { VirtualClock } from '../domain/clock.js';
import { createDeliver } from '../messaging/delivery.js';
import { playgroundHelp, runPlayground } from '../platforms/playground/playground.js';
import { createPlaygroundMessenger } from '../platforms/playground/playground-messenger.js';

/**
 * Wires the router and the scheduler to stdin/stdout for the local playground; `/advance` runs the
 * scheduler over the virtual time it crosses. Resolves when the input ends.
 */
export async function startPlayground(
  services: Services & { clock: VirtualClock },
  storeDescription: string,
  exportDir?: string,
  extraNotices: readonly string[] = [],
): Promise<void> {
  const router = createRouter(services, { extraHelp: playgroundHelp });
  const messenger = createPlaygroundMessenger(services.clock, exportDir);
  const scheduler = createScheduler({
    services,
    deliver: createDeliver([messenger]),
    instanceId: `playground:${hostname()}:${process.pid}`,
  });
  const interactive = Boolean(process.stdin.isTTY);
  // The playground owns its timeline: the scheduler starts from the virtual now. Going back before
  // an earlier run keeps the ledger, so reminders already sent for those days are not sent again.
  const notices: string[] = [...extraNotices];
  const saved = Number(await services.store.settings.get(CURSOR_KEY));
  if (Number.isFinite(saved) && saved > services.clock.now()) notices.push(playgroundTexts.timeTravel(storeDescription));
  await services.store.settings.set(CURSOR_KEY, String(services.clock.now()));
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
    notices,
    ...(exportDir ? { exportDir } : {}),
    onOutput: (write) => messenger.attach(write),
    onAdvance: async (toMs) => {
      await scheduler.runUntil(toMs, (ms) => services.clock.set(ms));
    },
  });
}
