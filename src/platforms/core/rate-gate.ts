/**
 * The global send rate of one bot, shared by every instance that sends as it. A platform counts
 * messages per bot, whichever process sends them (Telegram about 30 a second): two instances each
 * pacing alone at 30/s send 60/s together. With a Redis store, each send reserves its slot in Redis
 * (one script, one round trip); with the embedded store (one process) the pacer's own window does.
 *
 * The Redis gate is GCRA in its reservation form: the key holds the bot's "theoretical arrival
 * time" (TAT). A send takes the slot at max(now, TAT), moves TAT one interval (1/rate) on, and
 * waits until its slot. Sends from all instances are thus spaced one interval apart on Redis's own
 * clock (instances' clocks never enter into it), and no send is ever refused or retried. A slot
 * reserved by a process that then dies is simply unused.
 */
export type { RateGate } from '../../store/store.js';
import type { RateGate } from '../../store/store.js';

/**
 * The shared gate, or — when it fails (Redis unreachable) — the process's own: a send is paced
 * alone rather than lost. `onError` hears of each failure (logged by the caller, at most once a minute).
 */
export function withFallback(shared: RateGate, local: RateGate, onError: (err: unknown) => void): RateGate {
  return {
    acquire: () =>
      shared.acquire().catch((err: unknown) => {
        onError(err);
        return local.acquire();
      }),
  };
}
