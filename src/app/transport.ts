import type { Router } from '../ports/router.js';
import type { PlatformMode } from '../config/config.js';
import type { HttpServer } from '../http/server.js';
import type { Deliver } from '../messaging/delivery.js';
import type { TransportHealth } from '../observability/health.js';
import type { Poller } from '../platforms/core/poll-lock.js';
import type { UpdateStats } from '../platforms/core/update-stats.js';

/** The stop steps' view of a transport. */
export interface StoppableTransport {
  /** Stops taking new updates (polling stops; the webhook answers 503 through the HTTP server). */
  stopIntake(): Promise<void>;
  /** Waits for updates in progress and their replies. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Hands the poll lock over (polling only); after drain. */
  releaseLock(): Promise<void>;
  /** Closes the API connections; last. */
  close(): void;
}

/** What Telegram and Zalo have in common once connected: start, stop, and what monitoring reads. */
export interface Transport extends StoppableTransport {
  /** Starts taking updates into the router: long polling under the poll lock, or the webhook route on `http`. */
  start(wiring: { router: Router; deliver: Deliver; http: HttpServer }): Promise<void>;
  stats(): UpdateStats | undefined;
  /** Long polling only: resolves once this instance polls (not while standing by). */
  polling(): Promise<void>;
  /** For /healthz: polling or standing by under the poll lock, or the webhook set. */
  health(): TransportHealth;
}

/** A transport's health from its mode, whether its webhook was set, and its poller (if polling). */
export function transportHealth(
  mode: Exclude<PlatformMode, { mode: 'off' }>,
  webhookSet: boolean,
  poller: Poller | undefined,
): TransportHealth {
  return mode.mode === 'webhook'
    ? { mode: 'webhook', state: webhookSet ? 'set' : 'not-set' }
    : { mode: 'polling', state: poller?.state() ?? 'starting' };
}

/** Telegram and Zalo stopped together, step by step (each step over both, in parallel). */
export function bothTransports(transports: readonly (StoppableTransport | undefined)[]): StoppableTransport {
  const all = transports.filter((t): t is StoppableTransport => t !== undefined);
  return {
    stopIntake: async () => void (await Promise.all(all.map((t) => t.stopIntake()))),
    drain: async (timeoutMs) => (await Promise.all(all.map((t) => t.drain(timeoutMs)))).every(Boolean),
    releaseLock: async () => void (await Promise.all(all.map((t) => t.releaseLock()))),
    close: () => all.forEach((t) => t.close()),
  };
}
