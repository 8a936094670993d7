import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { Route } from '../../http/server.js';
import type { Logger } from '../../logging/logger.js';

/** Where our server takes Telegram's webhook calls: the path of TELEGRAM_WEBHOOK_URL (a proxy in front keeps it). */
export function webhookPath(webhookUrl: string): string {
  const path = new URL(webhookUrl).pathname.replace(/\/+$/, '');
  return path === '' ? '/telegram' : path;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares the header with the secret in constant time (hashes first, so lengths leak nothing). */
export function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  return timingSafeEqual(digest(header), digest(secret));
}

export interface WebhookRouteOptions {
  path: string;
  secret: string;
  /** Takes the update in the background; the call is answered before it is handled. */
  submit(update: Update): void;
  logger: Logger;
  maxBodyBytes?: number;
}

/**
 * POST <path>: 401 without the right X-Telegram-Bot-Api-Secret-Token, 413 over the size limit,
 * 400 for a body that is not an update, else 200 at once — the update is handled in the background
 * in its chat's order, and one already handled (Telegram redelivers) is skipped by the pipeline.
 */
export function telegramWebhookRoute(options: WebhookRouteOptions): Route {
  return {
    method: 'POST',
    path: options.path,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    duringShutdown: 'refuse',
    authorize(headers) {
      if (secretMatches(headers['x-telegram-bot-api-secret-token'], options.secret)) return undefined;
      options.logger.warn('telegram webhook: call without the right secret token refused');
      return { status: 401, body: 'unauthorized' };
    },
    handle({ body }) {
      let update: unknown;
      try {
        update = JSON.parse(body.toString('utf8'));
      } catch {
        return { status: 400, body: 'malformed JSON' };
      }
      if (typeof update !== 'object' || update === null || !Number.isSafeInteger((update as { update_id?: unknown }).update_id)) {
        return { status: 400, body: 'not a Telegram update' };
      }
      options.submit(update as Update);
      return { status: 200, body: { ok: true } };
    },
  };
}
