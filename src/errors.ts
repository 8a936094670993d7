/**
 * Errors by cause. Each carries what the one who catches it needs, and none carries a token.
 * ConfigError lives with the config schema and PlanError with the plan loader.
 */
export { ConfigError } from './config/config.js';
export { PlanError } from './plan/plan-error.js';

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

/**
 * A chat platform's API refused a call (`ok: false`): which platform and method, the platform's
 * error code and description. Never carries the token or the URL it hides in.
 */
export class PlatformApiError extends Error {
  constructor(
    readonly platform: string,
    readonly method: string,
    readonly code: number,
    readonly description: string,
    /** Extra fields the platform sent back, e.g. Telegram's `retry_after` or `migrate_to_chat_id`. */
    readonly parameters: { retryAfter?: number; migrateToChatId?: number } = {},
  ) {
    super(`${platform} ${method} failed: ${code} ${description}`);
    this.name = 'PlatformApiError';
  }
}

/** A chat platform could not be reached (DNS, connection, timeout). Never carries the token. */
export class NetworkError extends Error {
  constructor(
    readonly platform: string,
    readonly method: string,
    readonly reason: string,
  ) {
    super(`${platform} ${method}: network error: ${reason}`);
    this.name = 'NetworkError';
  }
}
