import type { Update } from 'grammy/types';
import type { Route } from '../../http/server.js';
import type { Logger } from '../../logging/logger.js';
import { secretMatches, secretWebhookRoute, webhookPathOf } from '../../http/secret-webhook.js';

/** Where our server takes Telegram's webhook calls: the path of TELEGRAM_WEBHOOK_URL (a proxy in front keeps it). */
export function webhookPath(webhookUrl: string): string {
  return webhookPathOf(webhookUrl, '/telegram');
}

export { secretMatches };

export interface WebhookRouteOptions {
  path: string;
  secret: string;
  /** Takes the update in the background; the call is answered before it is handled. */
  submit(update: Update): void;
  /** True while the pipeline is full: the call gets 503 (see secret-webhook.ts). */
  busy?(): boolean;
  logger: Logger;
  maxBodyBytes?: number;
}

/**
 * POST <path>: 401 without the right X-Telegram-Bot-Api-Secret-Token, 413 over the size limit,
 * 400 for a body that is not an update, else 200 at once — the update is handled in the background
 * in its chat's order, and one already handled (Telegram redelivers) is skipped by the pipeline.
 */
export function telegramWebhookRoute(options: WebhookRouteOptions): Route {
  return secretWebhookRoute<Update>({
    ...options,
    platform: 'Telegram',
    header: 'x-telegram-bot-api-secret-token',
    parse: (body) =>
      typeof body === 'object' && body !== null && Number.isSafeInteger((body as { update_id?: unknown }).update_id)
        ? (body as Update)
        : undefined,
  });
}
