import { NetworkError, PlatformApiError } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import type { ApiCallObserver } from '../../observability/metrics.js';
import { pause, retryAfterHeader, retryDelayMs, type RetryPolicy } from '../core/retry.js';

/** The bot as Zalo knows it (getMe). */
export interface ZaloBotInfo {
  id: string;
  account_name: string;
  account_type?: string;
  can_join_groups?: boolean;
}

export interface ZaloUser {
  id: string;
  display_name?: string;
  first_name?: string;
  is_bot?: boolean;
}

export interface ZaloMessage {
  message_id: string;
  /** Epoch milliseconds. */
  date: number;
  text?: string;
  photo_url?: string;
  caption?: string;
  sticker?: string;
  from: ZaloUser;
  /** `chat_type` is 'PRIVATE' or 'GROUP' so far; kept open for kinds Zalo may add. */
  chat: { id: string; chat_type: string };
}

/** One update. Zalo gives it no id: event name + message id identify it. */
export interface ZaloUpdate {
  event_name: string;
  message: ZaloMessage;
}

export interface ZaloWebhookInfo {
  url: string;
  updated_at?: number;
}

export interface ZaloSent {
  message_id: string;
  date?: number;
}

/** What every Zalo Bot API method answers. */
interface ZaloEnvelope<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  /** Undocumented for Zalo; read as on Telegram when a 429 says how long to wait. */
  parameters?: { retry_after?: unknown };
}

/**
 * Tries in all for a call that got no answer, a 429 or a 5xx (getUpdates is never retried here);
 * a 429 that says how long to wait is waited for (core/retry.ts).
 */
export type ZaloRetryOptions = RetryPolicy;

// Five tries, 0.5 s → 4 s apart: a message survives a run of failures (a 30% failure rate loses
// one in 400 instead of one in 37) while a reply waits at most 7.5 s.
export const DEFAULT_ZALO_RETRY: ZaloRetryOptions = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

export interface ZaloClientOptions {
  /** `{bot_id}:{access_token}`; it goes into the URL path and never into a log or an error. */
  token: string;
  /** `https://bot-api.zaloplatforms.com`, or the fake API in tests. */
  apiRoot: string;
  logger: Logger;
  retry?: Partial<ZaloRetryOptions>;
  /** Per-call timeout (getUpdates gets its long-poll time on top). */
  timeoutMs?: number;
  /** Told the outcome of every call attempt (metrics). */
  observer?: ApiCallObserver;
  /** Waits between tries (tests inject one to see the waits); real timers by default. */
  sleep?: (ms: number) => Promise<void>;
}

/** Zalo's error code for a long poll that ended without an update: not an error. */
export const POLL_TIMED_OUT = 408;

/** Zalo Bot API: typed methods, typed errors, retries with back-off on network errors, 429 and 5xx. */
export interface ZaloClient {
  getMe(): Promise<ZaloBotInfo>;
  /** Long polling: the update(s) that arrived within `timeoutSeconds`, or [] when the poll timed out. */
  getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloUpdate[]>;
  setWebhook(url: string, secretToken: string): Promise<ZaloWebhookInfo>;
  deleteWebhook(): Promise<ZaloWebhookInfo>;
  getWebhookInfo(): Promise<ZaloWebhookInfo>;
  sendMessage(chatId: string, text: string): Promise<ZaloSent>;
  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<ZaloSent>;
  sendChatAction(chatId: string, action?: 'typing'): Promise<unknown>;
}

/** Never let the token (in every URL) into a message. */
export function scrubZalo(text: string): string {
  return text.replace(/\/bot[^/\s]+/g, '/bot[redacted]');
}

/** Whether a failed call may succeed when tried again. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof PlatformApiError && (err.code === 429 || err.code >= 500);
}

function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return err.name === 'TimeoutError' ? 'timeout' : 'aborted';
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return scrubZalo(err instanceof Error ? err.message : String(err));
}

/** An HTTP error without a Zalo envelope (a proxy's 429 or 5xx), with its Retry-After when it has one. */
function httpError(method: string, response: Response): PlatformApiError {
  const retryAfter = retryAfterHeader(response.headers.get('retry-after'));
  return new PlatformApiError(
    'zalo',
    method,
    response.status,
    response.statusText || 'HTTP error',
    retryAfter !== undefined ? { retryAfter } : {},
  );
}

export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const { token, logger } = options;
  const root = options.apiRoot.replace(/\/+$/, '');
  const retry = { ...DEFAULT_ZALO_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const wait = options.sleep ?? ((ms: number) => pause(ms));

  /** One POST, no retry: the result, or PlatformApiError / NetworkError; the observer is told which. */
  async function once<T>(method: string, body: Record<string, unknown>, extraMs: number, signal?: AbortSignal): Promise<T> {
    try {
      const result = await attempt<T>(method, body, extraMs, signal);
      options.observer?.('zalo', method, { ok: true });
      return result;
    } catch (err) {
      // A long poll that ended empty (408) or was aborted on stop is not an error.
      const code = err instanceof PlatformApiError ? err.code : signal?.aborted ? undefined : 'network';
      if (code !== undefined && code !== POLL_TIMED_OUT) options.observer?.('zalo', method, { ok: false, code });
      throw err;
    }
  }

  async function attempt<T>(method: string, body: Record<string, unknown>, extraMs: number, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs + extraMs);
    let response: Response;
    try {
      response = await fetch(`${root}/bot${token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      throw new NetworkError('zalo', method, networkReason(err));
    }
    let envelope: ZaloEnvelope<T> | undefined;
    try {
      envelope = (await response.json()) as ZaloEnvelope<T>;
    } catch (err) {
      if (!response.ok) throw httpError(method, response);
      throw new NetworkError('zalo', method, `unreadable answer (${networkReason(err)})`);
    }
    if (typeof envelope !== 'object' || envelope === null || typeof envelope.ok !== 'boolean') {
      if (!response.ok) throw httpError(method, response);
      throw new NetworkError('zalo', method, 'answer is not a Zalo envelope');
    }
    if (!envelope.ok) {
      const code = typeof envelope.error_code === 'number' ? envelope.error_code : response.status;
      const hinted = envelope.parameters?.retry_after;
      const retryAfter = typeof hinted === 'number' ? hinted : retryAfterHeader(response.headers.get('retry-after'));
      throw new PlatformApiError(
        'zalo',
        method,
        code,
        scrubZalo(String(envelope.description ?? response.statusText ?? 'error')),
        retryAfter !== undefined ? { retryAfter } : {},
      );
    }
    return envelope.result as T;
  }

  /** Retries network errors, 429 and 5xx: after the wait a 429 asks for, else with exponential back-off. */
  async function call<T>(method: string, body: Record<string, unknown> = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(method, body, 0);
      } catch (err) {
        const delay = isRetryable(err) ? retryDelayMs(err, attempt, retry) : undefined;
        if (delay === undefined) throw err;
        logger.warn({ method, attempt, delayMs: delay, err }, 'zalo: call failed; retrying');
        await wait(delay);
      }
    }
  }

  return {
    getMe: () => call<ZaloBotInfo>('getMe'),
    async getUpdates(timeoutSeconds, signal) {
      try {
        const result = await once<ZaloUpdate | ZaloUpdate[] | null | undefined>(
          'getUpdates',
          { timeout: String(timeoutSeconds) },
          timeoutSeconds * 1000,
          signal,
        );
        if (!result) return [];
        return Array.isArray(result) ? result : [result];
      } catch (err) {
        if (err instanceof PlatformApiError && err.code === POLL_TIMED_OUT) return [];
        throw err;
      }
    },
    setWebhook: (url, secretToken) => call<ZaloWebhookInfo>('setWebhook', { url, secret_token: secretToken }),
    deleteWebhook: () => call<ZaloWebhookInfo>('deleteWebhook'),
    getWebhookInfo: () => call<ZaloWebhookInfo>('getWebhookInfo'),
    sendMessage: (chatId, text) => call<ZaloSent>('sendMessage', { chat_id: chatId, text }),
    sendPhoto: (chatId, photoUrl, caption) =>
      call<ZaloSent>('sendPhoto', { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) }),
    sendChatAction: (chatId, action = 'typing') => call<unknown>('sendChatAction', { chat_id: chatId, action }),
  };
}

/** getMe at start-up: a rejected token fails at once, an unreachable API is tried a few times. */
export async function connectZalo(client: ZaloClient, attempts = 5, delayMs = 500): Promise<ZaloBotInfo> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.getMe();
    } catch (err) {
      if (err instanceof PlatformApiError && (err.code === 401 || err.code === 403)) {
        throw new PlatformApiError('zalo', 'getMe', err.code, `Unauthorized: Zalo rejected ZALO_BOT_TOKEN (${err.description})`);
      }
      if (attempt >= attempts) throw err;
      await pause(Math.min(10_000, delayMs * 2 ** attempt));
    }
  }
}
