import type { Route } from '../../http/server.js';
import type { Logger } from '../../logging/logger.js';
import { secretWebhookRoute, webhookPathOf } from '../../http/secret-webhook.js';
import type { ZaloUpdate } from './client.js';
import { unwrapWebhookBody } from './translate.js';

/** Where our server takes Zalo's webhook calls: the path of ZALO_WEBHOOK_URL, else `/zalo`. */
export function zaloWebhookPath(webhookUrl: string): string {
  return webhookPathOf(webhookUrl, '/zalo');
}

/** The origin of ZALO_WEBHOOK_URL: where the public can reach our HTTP server (file links). */
export function publicBaseOf(webhookUrl: string): string {
  return new URL(webhookUrl).origin;
}

export interface ZaloWebhookRouteOptions {
  path: string;
  secret: string;
  submit(update: ZaloUpdate): void;
  /** True while the pipeline is full: the call gets 503 (see secret-webhook.ts). */
  busy?(): boolean;
  logger: Logger;
  maxBodyBytes?: number;
}

/**
 * POST <path>: 401 without the right X-Bot-Api-Secret-Token, 413 over the size limit, 400 for a
 * body that is not an update (the update itself or `{ result: update }`), else 200 at once — the
 * update is handled in the background, a redelivered one skipped by the pipeline.
 */
export function zaloWebhookRoute(options: ZaloWebhookRouteOptions): Route {
  return secretWebhookRoute<ZaloUpdate>({ ...options, platform: 'Zalo', header: 'x-bot-api-secret-token', parse: unwrapWebhookBody });
}
