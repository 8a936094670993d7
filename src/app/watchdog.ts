import type { Logger } from '../logging/logger.js';

export interface WatchdogOptions {
  /** True when healthy; a rejection counts as unhealthy. */
  check(): Promise<boolean>;
  /** Give up after being unhealthy this long without a healthy check in between. */
  unhealthyForMs: number;
  everyMs: number;
  logger: Logger;
  now?: () => number;
}

export interface Watchdog {
  /** Resolves once the bot has been unhealthy for `unhealthyForMs`: the caller stops with exit code 1. */
  readonly gaveUp: Promise<void>;
  stop(): void;
}

/**
 * Compose (and plain Docker) do not restart a container that is running but unhealthy: they only
 * restart one that exits. So the bot watches its own store and, once it has been unreachable for
 * long enough that waiting no longer helps, stops and exits 1 — `restart: unless-stopped` then
 * starts it afresh (and a start that cannot reach the store refuses to run, with the reason).
 */
export function startWatchdog(options: WatchdogOptions): Watchdog {
  const now = options.now ?? Date.now;
  let unhealthySince: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let resolveGaveUp: () => void = () => undefined;
  const gaveUp = new Promise<void>((resolve) => (resolveGaveUp = resolve));
  let stopped = false;

  const tick = async () => {
    const healthy = await options.check().catch(() => false);
    if (stopped) return;
    if (healthy) {
      if (unhealthySince !== undefined) options.logger.info({ unhealthyMs: now() - unhealthySince }, 'watchdog: healthy again');
      unhealthySince = undefined;
    } else {
      unhealthySince ??= now();
      if (now() - unhealthySince >= options.unhealthyForMs) {
        options.logger.fatal(
          { unhealthyMs: now() - unhealthySince },
          'watchdog: the store has been unreachable too long; stopping so that the container is restarted',
        );
        stopped = true;
        resolveGaveUp();
        return;
      }
    }
    timer = setTimeout(() => void tick(), options.everyMs);
    timer.unref();
  };
  timer = setTimeout(() => void tick(), options.everyMs);
  timer.unref();
  return {
    gaveUp,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
