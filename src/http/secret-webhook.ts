import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { Route } from './server.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares a header with the secret in constant time (hashed first, so lengths leak nothing). */
export function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  return timingSafeEqual(digest(header), digest(secret));
}

/** The path our server takes a platform's webhook calls on: the webhook URL's path, else a default. */
export function webhookPathOf(webhookUrl: string, fallback: string): string {
  const path = new URL(webhookUrl).pathname.replace(/\/+$/, '');
  return path === '' ? fallback : path;
}

export interface SecretWebhookOptions<U> {
  /** For logs and the 400 message, e.g. "Telegram". */
  platform: string;
  path: string;
  /** The header the platform sends the secret in, lower case. */
  header: string;
  secret: string;
  /** The update in a parsed body, or undefined when the body is not one. */
  parse(body: unknown): U | undefined;
  /** Takes the update in the background; the call is answered before it is handled. */
  submit(update: U): void;
  /** True while the bot holds as many updates as it may: the call gets 503 and is delivered again later. */
  busy?(): boolean;
  logger: Logger;
  maxBodyBytes?: number;
}

/**
 * POST <path> for a platform's webhook: 401 without the right secret header (checked before the body
 * is read), 413 over the size limit, 400 for malformed JSON or a body that is not an update, else
 * 200 at once; refused while shutting down so the platform delivers again later.
 */
export function secretWebhookRoute<U>(options: SecretWebhookOptions<U>): Route {
  return {
    method: 'POST',
    path: options.path,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    duringShutdown: 'refuse',
    authorize(headers) {
      if (secretMatches(headers[options.header], options.secret)) {
        // Not acknowledged, so not lost: the platform retries a call answered 503.
        return options.busy?.() ? { status: 503, body: 'busy', headers: { 'retry-after': '5' } } : undefined;
      }
      options.logger.warn(`${options.platform.toLowerCase()} webhook: call without the right secret token refused`);
      return { status: 401, body: 'unauthorized' };
    },
    handle({ body }) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return { status: 400, body: 'malformed JSON' };
      }
      const update = options.parse(parsed);
      if (update === undefined) return { status: 400, body: `not a ${options.platform} update` };
      options.submit(update);
      return { status: 200, body: { ok: true } };
    },
  };
}
