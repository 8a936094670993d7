import { Bot, GrammyError, HttpError, type Transformer } from 'grammy';
import { NetworkError, PlatformApiError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import type { ApiCallObserver } from '../../observability/metrics.js';
import type { BotIdentity } from './translate.js';
import { pooledFetch } from './pooled-fetch.js';
import { pause, retryDelayMs, type RetryPolicy } from '../core/retry.js';

export interface TelegramClientOptions {
  token: string;
  /** `https://api.telegram.org`, a local Bot API server, or the fake one in tests. */
  apiRoot: string;
  logger: Logger;
  /**
   * A 429 waits `retry_after` when it is at most `maxDelaySeconds` (else the call fails as
   * rate-limited), at most `maxRetryAttempts` times (core/retry.ts). 5xx: see `serverErrorRetries`.
   */
  retry?: Partial<{ maxDelaySeconds: number; maxRetryAttempts: number }>;
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

/**
 * Our error for a failed Bot API call: PlatformApiError for `ok: false`, NetworkError for a failed
 * request; anything else is returned as it came (hence `unknown`).
 */
export function toPlatformError(err: unknown, method: string): unknown {
  if (err instanceof GrammyError) {
    const p = err.parameters ?? {};
    return new PlatformApiError('telegram', err.method || method, err.error_code, err.description, {
      ...(p.retry_after !== undefined ? { retryAfter: p.retry_after } : {}),
      ...(p.migrate_to_chat_id !== undefined ? { migrateToChatId: p.migrate_to_chat_id } : {}),
    });
  }
  if (err instanceof HttpError) {
    // The fetch failure grammY wraps: a Node system error (`code`), a response (`status`, `statusText`)
    // or a fetch error (`type`, `name`) — all strings where present.
    const cause = err.error as { code?: unknown; status?: unknown; statusText?: string; type?: string; name?: string } | undefined;
    const reason =
      typeof cause?.code === 'string'
        ? cause.code
        : typeof cause?.status === 'number'
          ? `HTTP ${cause.status} ${String(cause.statusText ?? '')}`.trim()
          : String(cause?.type ?? cause?.name ?? 'unknown');
    return new NetworkError('telegram', method, scrubUrl(reason));
  }
  return err;
}

export interface TelegramRetryPolicies {
  /** A 429: waits `retry_after` (core/retry.ts), unless it asks for more than the longest wait. */
  rateLimited: RetryPolicy;
  /** A 5xx (0.5 s, 1 s, 2 s, 4 s, 8 s): it may or may not have been delivered; sending again is what Telegram asks of bots. */
  serverError: RetryPolicy;
  /** No answer at all (connection refused or reset, proxy errors). */
  network: RetryPolicy;
}

/** The policies from the client's options (the defaults keep a person's reply waiting seconds, not minutes). */
export function telegramRetryPolicies(
  options: Pick<TelegramClientOptions, 'retry' | 'serverErrorRetries' | 'networkRetries'>,
): TelegramRetryPolicies {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  return {
    rateLimited: { attempts: retry.maxRetryAttempts + 1, baseDelayMs: 3_000, maxDelayMs: retry.maxDelaySeconds * 1000 },
    serverError: { attempts: (options.serverErrorRetries ?? 5) + 1, baseDelayMs: 500, maxDelayMs: Number.POSITIVE_INFINITY },
    network: { attempts: (options.networkRetries ?? 2) + 1, baseDelayMs: 1_000, maxDelayMs: Number.POSITIVE_INFINITY },
  };
}

/**
 * Tries a failed call again by the rule every platform follows (core/retry.ts): a 429 after the
 * `retry_after` Telegram asks for — or not at all when that is longer than the longest wait, so the
 * call fails as rate-limited and is sent on a later tick —, a 5xx or no answer after a back-off.
 * getUpdates is retried only on a 429: the runner has its own retry for the rest.
 */
function retrying(policies: TelegramRetryPolicies): Transformer {
  return async (prev, method, payload, signal) => {
    const tries = { rateLimited: 0, serverError: 0, network: 0 };
    for (;;) {
      let delay: number | undefined;
      try {
        const result = await prev(method, payload, signal);
        if (result.ok || signal?.aborted) return result;
        const kind =
          result.error_code === 429 ? 'rateLimited' : result.error_code >= 500 && method !== 'getUpdates' ? 'serverError' : undefined;
        if (!kind) return result;
        const retryAfter = result.parameters?.retry_after;
        const err = new PlatformApiError(
          'telegram',
          method,
          result.error_code,
          result.description,
          retryAfter !== undefined ? { retryAfter } : {},
        );
        delay = retryDelayMs(err, ++tries[kind], policies[kind]);
        if (delay === undefined) return result;
      } catch (err) {
        if (!(err instanceof HttpError) || method === 'getUpdates' || signal?.aborted) throw err;
        delay = retryDelayMs(err, ++tries.network, policies.network);
        if (delay === undefined) throw err;
      }
      await pause(delay, signal);
    }
  };
}

/**
 * Logs each 429 and 5xx as it happens (`retrying`, outside it, decides whether to try again) and
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
      logger.warn(
        { method, code: result.error_code, retryAfter: result.parameters?.retry_after },
        'telegram: rate limited or server error',
      );
    }
    return result;
  };
}

/**
 * The grammY bot built from configuration: API root, a pool of keep-alive connections we can close, and the
 * transformers (innermost first): observe (every attempt) → retrying (429 hints, 5xx, no answer).
 */
export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const pooled = pooledFetch(options.apiRoot);
  const bot = new Bot(options.token, {
    client: {
      apiRoot: options.apiRoot,
      timeoutSeconds: options.timeoutSeconds ?? 45,
      // grammY types its option as node-fetch's fetch; it only calls it with (url, init) and reads `json()`.
      fetch: pooled.fetch,
    },
  });
  bot.api.config.use(observe(options.logger, options.observer));
  bot.api.config.use(retrying(telegramRetryPolicies(options)));
  const client: TelegramClient = {
    bot,
    me: { id: 0, username: '', firstName: '' },
    close: () => void pooled.close().catch(() => undefined),
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
      await pause(Math.min(10_000, 500 * 2 ** attempt));
    }
  }
  const info = client.bot.botInfo;
  client.me = { id: info.id, username: info.username, firstName: info.first_name };
}
