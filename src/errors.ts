/**
 * Errors by cause. Each carries what the one who catches it needs, and none carries a token.
 * ConfigError lives with the config schema and PlanError with the plan loader.
 */
export { ConfigError } from './config/config.js';
export { PlanError } from './plan/load-plan.js';

/** A handler threw while answering a message; carries where it happened for the log. */
export class HandlerError extends Error {
  constructor(
    readonly command: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`handler ${command ?? '(text)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'HandlerError';
  }
}
