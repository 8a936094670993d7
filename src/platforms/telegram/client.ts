import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, type Transformer } from 'grammy';
import { NetworkError, PlatformApiError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import type { ApiCallObserver } from '../../observability/metrics.js';
import type { BotIdentity } from './translate.js';

export interface TelegramClientOptions {
  token: string;
  /** `https://api.telegram.org`, a local Bot API server, or the fake one in tests. */
  apiRoot: string;
  logger: Logger;
  /**
   * auto-retry: 429 waits `retry_after` when it is at most `maxDelaySeconds` (else the call fails
   * as rate-limited), at most `maxRetryAttempts` times. 5xx: see `serverErrorRetries`.
   */
  retry?: Partial<Pick<AutoRetryOptions, 'maxDelaySeconds' | 'maxRetryAttempts'>>;
  /** Retries of a call that never got an answer (connection refused or reset, proxy errors). */
  networkRetries?: number;
  /** Retries of a call answered with a 5xx (backoff from 0.5 s, doubling). */
  serverErrorRetries?: number;
  /** Per-call timeout; getUpdates' long poll (30 s) must fit. */
  timeoutSeconds?: number;
  /** Told the outcome of every call attempt (metrics). */
  observer?: ApiCallObserver;
}

export interface TelegramClient {
  bot: Bot;
  /** Filled by `connect()`. */
  me: BotIdentity & { firstName: string };
  /** Frees the keep-alive sockets; call last. */
  close(): void;
}

export const DEFAULT_RETRY = { maxDelaySeconds: 30, maxRetryAttempts: 3 } as const;

/** Never let the token (it is in every Bot API URL) into a message. */
export function scrubUrl(text: string): string {
  return text.replace(/\/bot[^/\s]+/g, '/bot[redacted]').replace(/\b(\d{5,20}):[A-Za-z0-9_-]{30,}\b/g, '$1:[redacted]');
}

/** Our error for a failed Bot API call: PlatformApiError for `ok: false`, NetworkError otherwise. */
export function toPlatformError(err: unknown, method: string): PlatformApiError | NetworkError | unknown {
  if (err instanceof GrammyError) {
    const p = err.parameters ?? {};
    return new PlatformApiError('telegram', err.method || method, err.error_code, err.description, {
      ...(p.retry_after !== undefined ? { retryAfter: p.retry_after } : {}),
      ...(p.migrate_to_chat_id !== undefined ? { migrateToChatId: p.migrate_to_chat_id } : {}),
    });
  }
  if (err instanceof HttpError) {
    const cause = err.error as { code?: unknown; status?: unknown; statusText?: unknown; type?: unknown; name?: unknown } | undefined;
    const reason = typeof cause?.code === 'string' ? cause.code : typeof cause?.status === 'number' ? `HTTP ${cause.status} ${String(cause.statusText ?? '')}`.trim() : String(cause?.type ?? cause?.name ?? 'unknown');
    return new NetworkError('telegram', method, scrubUrl(reason));
  }
  return err;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries calls that got no answer at all, a few times; getUpdates has the runner's own retry. */
function networkRetry(retries: number): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || method === 'getUpdates' || attempt >= retries || signal?.aborted) throw err;
        await sleep(1000 * 2 ** attempt);
      }
    }
  };
}

/**
 * Retries a call Telegram answered with a 5xx, with a short backoff (0.5 s, 1 s, 2 s, 4 s, 8 s):
 * auto-retry's own (3 s, 6 s, 12 s … for at most `maxRetryAttempts`, shared with 429s) loses a
 * message after four 5xx in a row and keeps a person waiting long for a reply. A 5xx may or may not
 * have been delivered; sending again is what Telegram asks of bots.
 */
function serverErrorRetry(retries: number): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code < 500 || method === 'getUpdates' || attempt >= retries || signal?.aborted) return result;
      await sleep(500 * 2 ** attempt);
    }
  };
}

/**
 * Logs each 429 and 5xx as it happens (auto-retry, outside it, decides whether to try again) and
 * tells the observer how every attempt went.
 */
function observe(logger: Logger, observer: ApiCallObserver | undefined): Transformer {
  return async (prev, method, payload, signal) => {
    let result;
    try {
      result = await prev(method, payload, signal);
    } catch (err) {
      // No answer at all (connection refused, reset, timeout); getUpdates aborted on stop is not an error.
      if (!signal?.aborted) observer?.('telegram', method, { ok: false, code: 'network' });
      throw err;
    }
    observer?.('telegram', method, result.ok ? { ok: true } : { ok: false, code: result.error_code });
    if (!result.ok && (result.error_code === 429 || result.error_code >= 500)) {
      logger.warn({ method, code: result.error_code, retryAfter: result.parameters?.retry_after }, 'telegram: rate limited or server error');
    }
    return result;
  };
}

/**
 * The grammY bot built from configuration: API root, keep-alive sockets we can close, and the
 * transformers (innermost first): observe → 5xx retry (short backoff) → auto-retry (429; bounded) →
 * network retry.
 */
export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const agent = options.apiRoot.startsWith('https:') ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds ?? 45, baseFetchConfig: { agent, compress: options.apiRoot.startsWith('https:') } },
  });
  bot.api.config.use(observe(options.logger, options.observer));
  bot.api.config.use(serverErrorRetry(options.serverErrorRetries ?? 5));
  bot.api.config.use(autoRetry({ ...DEFAULT_RETRY, ...options.retry, rethrowHttpErrors: true, rethrowInternalServerErrors: true }));
  bot.api.config.use(networkRetry(options.networkRetries ?? 2));
  const client: TelegramClient = {
    bot,
    me: { id: 0, username: '', firstName: '' },
    close: () => agent.destroy(),
  };
  return client;
}

/**
 * Asks Telegram who the bot is (getMe). A rejected token fails at once; an unreachable API is
 * tried a few times before start-up gives up.
 */
export async function connectTelegram(client: TelegramClient, attempts = 5): Promise<void> {
  // Not bot.init(): it retries a network failure for ever, and start-up should end with a message.
  for (let attempt = 1; ; attempt++) {
    try {
      client.bot.botInfo = await client.bot.api.getMe();
      break;
    } catch (err) {
      const mapped = toPlatformError(err, 'getMe');
      if (mapped instanceof PlatformApiError && mapped.code === 401) {
        throw new PlatformApiError('telegram', 'getMe', 401, 'Unauthorized: Telegram rejected TELEGRAM_BOT_TOKEN');
      }
      if (attempt >= attempts) throw mapped;
      await sleep(Math.min(10_000, 500 * 2 ** attempt));
    }
  }
  const info = client.bot.botInfo;
  client.me = { id: info.id, username: info.username, firstName: info.first_name };
}
