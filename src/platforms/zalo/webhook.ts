import { createHash, timingSafeEqual } from 'node:crypto';
import type { Route } from '../../http/server.js';
import type { Logger } from '../../logging/logger.js';
import type { ZaloUpdate } from './client.js';
import { unwrapWebhookBody } from './translate.js';

/** Where our server takes Zalo's webhook calls: the path of ZALO_WEBHOOK_URL, else `/zalo`. */
export function zaloWebhookPath(webhookUrl: string): string {
  const path = new URL(webhookUrl).pathname.replace(/\/+$/, '');
  return path === '' ? '/zalo' : path;
}

/** The origin of ZALO_WEBHOOK_URL: where the public can reach our HTTP server (file links). */
export function publicBaseOf(webhookUrl: string): string {
  return new URL(webhookUrl).origin;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares the header with the secret in constant time (hashed first, so lengths leak nothing). */
export function zaloSecretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  return timingSafeEqual(digest(header), digest(secret));
}

export interface ZaloWebhookRouteOptions {
  path: string;
  secret: string;
  submit(update: ZaloUpdate): void;
  logger: Logger;
  maxBodyBytes?: number;
}

/**
 * POST <path>: 401 without the right X-Bot-Api-Secret-Token, 413 over the size limit, 400 for a
 * body that is not an update (the update itself or `{ result: update }`), else 200 at once — the
 * update is handled in the background, a redelivered one skipped by the pipeline.
 */
export function zaloWebhookRoute(options: ZaloWebhookRouteOptions): Route {
  return {
    method: 'POST',
    path: options.path,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    duringShutdown: 'refuse',
    authorize(headers) {
      if (zaloSecretMatches(headers['x-bot-api-secret-token'], options.secret)) return undefined;
      options.logger.warn('zalo webhook: call without the right secret token refused');
      return { status: 401, body: 'unauthorized' };
    },
    handle({ body }) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return { status: 400, body: 'malformed JSON' };
      }
      const update = unwrapWebhookBody(parsed);
      if (!update) return { status: 400, body: 'not a Zalo update' };
      options.submit(update);
      return { status: 200, body: { ok: true } };
    },
  };
}
