import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { asText } from '../helpers/as-text.js';
import { parseTelegramHtml } from './html-check.js';

/**
 * A fake Telegram Bot API: a real HTTP server on 127.0.0.1 that answers like Telegram and enforces
 * its limits — text length after entity parsing, HTML Telegram would reject, callback_data size,
 * 429 with retry_after when a send rate is exceeded, 403 for a user who blocked the bot — and
 * records every call. Tests and the benchmark point TELEGRAM_API_ROOT (or the client's apiRoot) at
 * `fake.apiRoot`, push updates people "send", and read what the bot said.
 */

/** A syntactically valid token that only the fake accepts. */
export const FAKE_TOKEN = '7000000001:AAFakeTokenForDonDocTests_0123456789abc';

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
}

export interface ApiResponse {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  response: ApiResponse;
}

/** A message the bot sent, as the user sees it. */
export interface SentMessage {
  message_id: number;
  chat: FakeChat;
  /** After entity parsing: what the user reads. */
  text: string;
  /** As the bot sent it. */
  html: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][]; force_reply?: boolean; selective?: boolean };
  reply_parameters?: { message_id?: number; allow_sending_without_reply?: boolean };
  /** A file sent with sendDocument / sendPhoto (its caption is `text`). */
  file?: { kind: 'document' | 'photo'; filename: string; size: number; data: Buffer };
  date: number;
  at: number;
}

interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** Splits a multipart/form-data body the way grammY writes it: fields, and files sent as attach://<id>. */
export function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    let partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    partStart += 2; // CRLF
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    const part = body.subarray(partStart, next - 2); // the CRLF before the next delimiter
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="?([^"\r\n;]*)"?/i.exec(headers)?.[1];
    if (filename !== undefined) files[name] = { filename, data: Buffer.from(content) };
    else fields[name] = content.toString('utf8');
    start = next;
  }
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const attach = /^attach:\/\/(.+)$/.exec(v);
    if (attach) payload[k] = files[attach[1] as string];
    else if (/^[[{]/.test(v)) {
      try {
        payload[k] = JSON.parse(v);
      } catch {
        payload[k] = v;
      }
    } else payload[k] = v;
  }
  return payload;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface FakeLimits {
  global: RateLimit;
  group: RateLimit;
  private: RateLimit;
}

/** Telegram's published limits (our pacer's), with a little slack for network jitter. */
export const REAL_LIMITS: FakeLimits = {
  global: { limit: 30, windowMs: 1_000 },
  group: { limit: 20, windowMs: 60_000 },
  private: { limit: 3, windowMs: 3_000 },
};

export interface FakeBotApiOptions {
  token?: string;
  username?: string;
  /** `off` for benchmarks: nothing is rate limited. */
  limits?: FakeLimits | 'off';
  /** Slack in ms subtracted from each window (requests are timed on arrival, sends were paced on departure). */
  toleranceMs?: number;
  /** Random faults: a seeded share of calls answered 429 or 5xx instead of being served. */
  faults?: FaultOptions;
}

/**
 * A seeded random `rate` (0–1) of calls to `methods` fail without effect: 429 with
 * `parameters.retry_after` (1 s by default), or 500 / 502. On a 5xx this fake has NOT delivered the
 * message (Telegram may or may not have; a bot cannot tell, and retrying is what it should do).
 */
export interface FaultOptions {
  rate: number;
  /**
   * Same seed, same faults: each call (method and payload: one message, one answer to a press) draws
   * from its own seeded sequence, its n-th try always getting the same answer, however the calls of
   * other chats interleave with it.
   */
  seed?: number;
  /** Which methods may fail (default: every method but getUpdates and getMe). */
  methods?: readonly string[];
  /** The mix of faults, picked evenly (default: 429, 500, 502). */
  kinds?: readonly (429 | 500 | 502)[];
  retryAfterSeconds?: number;
}

/**
 * From one seed, a seeded sequence of its own for each key (one message's tries), kept for the
 * key's next draws: FNV-1a of the key mixed into the seed.
 */
export function seededRandomPerKey(seed: number): (key: string) => () => number {
  const sequences = new Map<string, () => number>();
  return (key) => {
    let random = sequences.get(key);
    if (!random) {
      let h = 2166136261;
      for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
      random = seededRandom((seed ^ h) >>> 0);
      sequences.set(key, random);
    }
    return random;
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Failure = { status: number; error_code: number; description: string; parameters?: ApiResponse['parameters'] };

const BOT_ID = 7000000001;

export class FakeBotApi {
  readonly calls: RecordedCall[] = [];
  readonly bot: { id: number; is_bot: true; first_name: string; username: string };
  readonly token: string;
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | undefined;
  readonly commandMenus = new Map<string, { command: string; description: string }[]>();
  limits: FakeLimits | 'off';

  private server!: Server;
  private port = 0;
  private nextUpdateId = 100_000;
  private nextCallbackId = 1;
  private pendingUpdates: Update[] = [];
  private poller: { resolve: (r: ApiResponse) => void; timer: NodeJS.Timeout } | undefined;
  private readonly chats = new Map<number, FakeChat>();
  private readonly messages = new Map<number, SentMessage[]>();
  private readonly userMessageIds = new Map<number, Set<number>>();
  private readonly nextMessageId = new Map<number, number>();
  private readonly blocked = new Set<number>();
  private readonly kicked = new Set<number>();
  private readonly migrated = new Map<number, number>();
  private readonly openCallbacks = new Set<string>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly globalSends: number[] = [];
  private readonly chatSends = new Map<number, number[]>();
  private readonly tolerance: number;
  private readonly waiters = new Set<() => void>();
  private readonly listeners = new Set<(call: RecordedCall) => void>();
  private readonly sendCounts = new Map<number, number>();
  private faults: (FaultOptions & { randomFor: (key: string) => () => number }) | undefined;
  /** How many calls the random faults failed, by status. */
  readonly injected = { 429: 0, 500: 0, 502: 0 };

  private constructor(options: FakeBotApiOptions) {
    this.token = options.token ?? FAKE_TOKEN;
    this.bot = { id: BOT_ID, is_bot: true, first_name: 'Đôn Đốc (test)', username: options.username ?? 'DonDocTestBot' };
    this.limits = options.limits ?? REAL_LIMITS;
    this.tolerance = options.toleranceMs ?? 150;
    if (options.faults) this.setFaults(options.faults);
  }

  /** Turns random faults on (or off with undefined), e.g. after the app has started. */
  setFaults(faults: FaultOptions | undefined): void {
    this.faults = faults ? { ...faults, randomFor: seededRandomPerKey(faults.seed ?? 1) } : undefined;
  }

  static async start(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const fake = new FakeBotApi(options);
    fake.server = createServer((req, res) => void fake.serve(req, res));
    // Keep idle connections well beyond a client's pause between calls: a server closing an idle
    // socket just as a client reuses it is a race no test means to measure.
    fake.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What TELEGRAM_API_ROOT should be. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    if (this.poller) {
      clearTimeout(this.poller.timer);
      this.poller.resolve({ ok: true, result: [] });
      this.poller = undefined;
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ── People and chats ─────────────────────────────────────────────────────────────────────

  privateChat(user: FakeUser): FakeChat {
    return { id: user.id, type: 'private' };
  }

  /** Makes a chat known (as if it had written to the bot), so the bot may post to it. */
  knowChat(chat: FakeChat): void {
    this.chats.set(chat.id, chat);
  }

  block(userId: number): void {
    this.blocked.add(userId);
  }

  unblock(userId: number): void {
    this.blocked.delete(userId);
  }

  kick(chatId: number): void {
    this.kicked.add(chatId);
  }

  /** The group became a supergroup: posting to the old id gets 400 with migrate_to_chat_id. */
  migrate(oldId: number, newId: number, title?: string): void {
    this.migrated.set(oldId, newId);
    this.chats.set(newId, { id: newId, type: 'supergroup', ...(title ? { title } : {}) });
  }

  /** The next `times` calls of `method` fail like this (e.g. a 500, or a 429 with retry_after). */
  failNext(method: string, failure: Failure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  // ── Updates people send ──────────────────────────────────────────────────────────────────

  /** Builds a message update (not queued): for webhook tests that post it themselves. */
  messageUpdate(
    from: FakeUser,
    chat: FakeChat,
    text: string,
    extra: { edited?: boolean; replyTo?: SentMessage; kind?: 'text' | 'sticker' | 'photo' } = {},
  ): Update {
    this.knowChat(chat);
    const messageId = this.allocateMessageId(chat.id);
    const ids = this.userMessageIds.get(chat.id) ?? new Set<number>();
    ids.add(messageId);
    this.userMessageIds.set(chat.id, ids);
    const chatObj =
      chat.type === 'private'
        ? { id: chat.id, type: 'private' as const, first_name: from.first_name }
        : { id: chat.id, type: chat.type, title: chat.title ?? 'Nhóm' };
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    const body =
      extra.kind === 'sticker'
        ? {
            sticker: {
              file_id: 'CAAC',
              file_unique_id: 'u1',
              type: 'regular',
              width: 512,
              height: 512,
              is_animated: false,
              is_video: false,
            },
          }
        : extra.kind === 'photo'
          ? { photo: [{ file_id: 'AgAC', file_unique_id: 'p1', width: 90, height: 90 }] }
          : { text, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) };
    const message = {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: chatObj,
      from: { is_bot: false, ...from },
      ...body,
      ...(extra.replyTo ? { reply_to_message: this.asMessage(extra.replyTo) } : {}),
      ...(extra.edited ? { edit_date: Math.floor(Date.now() / 1000) } : {}),
    };
    return { update_id: this.nextUpdateId++, ...(extra.edited ? { edited_message: message } : { message }) } as unknown as Update;
  }

  /** Builds a button press on one of the bot's messages (not queued). Refuses a button that is not shown, unless `stale`. */
  callbackUpdate(from: FakeUser, message: SentMessage, data: string, options: { stale?: boolean } = {}): Update {
    const current = this.messages.get(message.chat.id)?.find((m) => m.message_id === message.message_id);
    const shown = current?.reply_markup?.inline_keyboard?.flat().some((b) => b.callback_data === data);
    if (!shown && !options.stale)
      throw new Error(`no button "${data}" is shown on message ${message.message_id} in chat ${message.chat.id}`);
    const id = `cb${this.nextCallbackId++}`;
    this.openCallbacks.add(id);
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id,
        from: { is_bot: false, ...from },
        chat_instance: `ci${message.chat.id}`,
        data,
        message: this.asMessage(options.stale ? message : (current ?? message)),
      },
    } as unknown as Update;
  }

  /** The bot was added to (or removed from) a group, or a person blocked (or unblocked) it. */
  memberUpdate(by: FakeUser, chat: FakeChat, oldStatus: string, newStatus: string): Update {
    const chatObj =
      chat.type === 'private'
        ? { id: chat.id, type: 'private', first_name: by.first_name }
        : { id: chat.id, type: chat.type, title: chat.title ?? 'Nhóm' };
    const member = (status: string) => ({ status, user: this.bot, ...(status === 'kicked' ? { until_date: 0 } : {}) });
    return {
      update_id: this.nextUpdateId++,
      my_chat_member: {
        chat: chatObj,
        from: { is_bot: false, ...by },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: member(oldStatus),
        new_chat_member: member(newStatus),
      },
    } as unknown as Update;
  }

  /** The service message Telegram posts in a group that became a supergroup. */
  migrationUpdate(by: FakeUser, oldChat: FakeChat, newId: number): Update {
    this.migrate(oldChat.id, newId, oldChat.title);
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.allocateMessageId(oldChat.id),
        date: Math.floor(Date.now() / 1000),
        chat: { id: oldChat.id, type: 'group', title: oldChat.title ?? 'Nhóm' },
        from: { is_bot: false, ...by },
        migrate_to_chat_id: newId,
      },
    } as unknown as Update;
  }

  /** Queues an update for getUpdates (long polling). */
  enqueue(update: Update): Update {
    this.pendingUpdates.push(update);
    this.flushPoller();
    return update;
  }

  /** A person writes: builds the update and queues it for getUpdates. */
  send(from: FakeUser, chat: FakeChat, text: string, extra: Parameters<FakeBotApi['messageUpdate']>[3] = {}): Update {
    return this.enqueue(this.messageUpdate(from, chat, text, extra));
  }

  /** A person presses a button: queued for getUpdates. */
  press(from: FakeUser, message: SentMessage, data: string, options: { stale?: boolean } = {}): Update {
    return this.enqueue(this.callbackUpdate(from, message, data, options));
  }

  /** Forgets updates not yet confirmed (a bot that stopped will not get them again). */
  dropPending(): void {
    this.pendingUpdates = [];
  }

  /** Updates not yet fetched (or confirmed) by the bot. */
  pendingCount(): number {
    return this.pendingUpdates.length;
  }

  // ── What the bot did ─────────────────────────────────────────────────────────────────────

  /** Messages the bot sent successfully, oldest first; only into one chat when given. */
  sent(chatId?: number): SentMessage[] {
    if (chatId !== undefined) return [...(this.messages.get(chatId) ?? [])];
    return [...this.messages.values()].flat().sort((a, b) => a.at - b.at || a.message_id - b.message_id);
  }

  /** Calls `listener` on every recorded call as it happens (benchmarks time replies with it). */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets recorded calls and sent messages (long benchmark runs); the per-chat send counts stay. */
  forget(): void {
    this.calls.splice(0);
    this.messages.clear();
  }

  /** Keeps no call records at all (a benchmark of many sends); sent messages are still counted per chat. */
  recordCalls = true;

  /** Messages (and files) delivered into each chat: for checks of duplicates and misses. */
  sentCounts(): ReadonlyMap<number, number> {
    return this.sendCounts;
  }

  /** Messages delivered into one chat. */
  sentCount(chatId: number): number {
    return this.sendCounts.get(chatId) ?? 0;
  }

  /** Of `chatIds`, how many got no message (missed) and how many messages beyond one arrived (duplicates). */
  onceEach(chatIds: Iterable<number>): { missed: number; duplicates: number; total: number } {
    let missed = 0;
    let duplicates = 0;
    let total = 0;
    for (const id of chatIds) {
      const n = this.sentCount(id);
      total += n;
      if (n === 0) missed++;
      else duplicates += n - 1;
    }
    return { missed, duplicates, total };
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `probe` returns something (checked after every call the bot makes). */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    const first = probe();
    if (first) return first;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `fake Bot API: timed out after ${timeoutMs} ms waiting for ${what}; last calls: ${JSON.stringify(this.calls.slice(-5).map((c) => [c.method, c.payload, c.response.ok ? 'ok' : c.response.description]))}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Waits for the `count`-th message into a chat (counting from `after` messages already there). */
  async nextMessage(chatId: number, after: number, timeoutMs = 10_000): Promise<SentMessage> {
    return this.waitFor(() => this.sent(chatId)[after], timeoutMs, `message #${after + 1} in chat ${chatId}`);
  }

  // ── The server ───────────────────────────────────────────────────────────────────────────

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!m) return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = m as unknown as [string, string, string];
    let payload: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const body = Buffer.concat(chunks);
    const raw = body.toString('utf8');
    const boundary = /multipart\/form-data;\s*boundary=(\S+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (boundary) {
      payload = { ...payload, ...parseMultipart(body, boundary) };
    } else if (raw) {
      try {
        payload = { ...payload, ...(JSON.parse(raw) as Record<string, unknown>) };
      } catch {
        return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
      }
    }
    if (token !== this.token) return this.record(res, method, payload, { ok: false, error_code: 401, description: 'Unauthorized' });
    const failure = this.failures.get(method)?.shift() ?? this.randomFault(method, payload);
    if (failure)
      return this.record(
        res,
        method,
        payload,
        {
          ok: false,
          error_code: failure.error_code,
          description: failure.description,
          ...(failure.parameters ? { parameters: failure.parameters } : {}),
        },
        failure.status,
      );
    if (method === 'getUpdates') return this.getUpdates(req, res, payload);
    return this.record(res, method, payload, this.call(method, payload));
  }

  private randomFault(method: string, payload: Record<string, unknown>): Failure | undefined {
    const f = this.faults;
    if (!f) return undefined;
    if (f.methods ? !f.methods.includes(method) : method === 'getUpdates' || method === 'getMe') return undefined;
    const random = f.randomFor(JSON.stringify([method, payload]));
    if (random() >= f.rate) return undefined;
    const kinds = f.kinds ?? [429, 500, 502];
    const kind = kinds[Math.floor(random() * kinds.length)] ?? 500;
    this.injected[kind]++;
    if (kind === 429) {
      const retryAfter = f.retryAfterSeconds ?? 1;
      return {
        status: 429,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      };
    }
    return kind === 500
      ? { status: 500, error_code: 500, description: 'Internal Server Error' }
      : { status: 502, error_code: 502, description: 'Bad Gateway' };
  }

  private reply(res: ServerResponse, status: number, body: ApiResponse): void {
    if (res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private record(res: ServerResponse, method: string, payload: Record<string, unknown>, response: ApiResponse, status?: number): void {
    const call = { method, payload, at: Date.now(), response };
    if (this.recordCalls) this.calls.push(call);
    for (const listener of this.listeners) listener(call);
    this.reply(res, status ?? (response.ok ? 200 : (response.error_code ?? 400)), response);
    for (const check of [...this.waiters]) check();
  }

  private getUpdates(req: IncomingMessage, res: ServerResponse, payload: Record<string, unknown>): void {
    if (this.webhook)
      return this.record(res, 'getUpdates', payload, {
        ok: false,
        error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
    const offset = Number(payload.offset ?? 0);
    if (offset > 0) this.pendingUpdates = this.pendingUpdates.filter((u) => u.update_id >= offset);
    // A newer getUpdates ends the older one with 409, as Telegram does when two instances poll.
    if (this.poller) {
      clearTimeout(this.poller.timer);
      this.poller.resolve({
        ok: false,
        error_code: 409,
        description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
      this.poller = undefined;
    }
    const limit = Math.max(1, Math.min(100, Number(payload.limit ?? 100)));
    const waiting: { timer?: NodeJS.Timeout } = {};
    const onClose = () => {
      if (waiting.timer && this.poller?.timer === waiting.timer) {
        clearTimeout(waiting.timer);
        this.poller = undefined;
      }
    };
    const answer = (response: ApiResponse) => {
      req.socket.off('close', onClose);
      this.calls.push({ method: 'getUpdates', payload, at: Date.now(), response });
      this.reply(res, response.ok ? 200 : (response.error_code ?? 400), response);
    };
    if (this.pendingUpdates.length > 0) return answer({ ok: true, result: this.pendingUpdates.slice(0, limit) });
    const timeoutMs = Math.max(0, Number(payload.timeout ?? 0)) * 1000;
    const timer = setTimeout(() => {
      if (this.poller?.timer === timer) this.poller = undefined;
      answer({ ok: true, result: [] });
    }, timeoutMs);
    waiting.timer = timer;
    this.poller = {
      timer,
      resolve: (r) => answer(r.ok && r.result === undefined ? { ok: true, result: this.pendingUpdates.slice(0, limit) } : r),
    };
    req.socket.once('close', onClose);
  }

  private flushPoller(): void {
    const p = this.poller;
    if (!p) return;
    this.poller = undefined;
    clearTimeout(p.timer);
    p.resolve({ ok: true });
  }

  private call(method: string, p: Record<string, unknown>): ApiResponse {
    switch (method) {
      case 'getMe':
        return {
          ok: true,
          result: { ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false },
        };
      case 'sendMessage':
        return this.sendMessage(p);
      case 'sendDocument':
      case 'sendPhoto':
        return this.sendFile(method === 'sendPhoto' ? 'photo' : 'document', p);
      case 'editMessageReplyMarkup':
        return this.editMessageReplyMarkup(p);
      case 'answerCallbackQuery': {
        const id = asText(p.callback_query_id ?? '');
        if (!this.openCallbacks.delete(id)) return bad('Bad Request: query is too old and response timeout expired or query ID is invalid');
        if (typeof p.text === 'string' && [...p.text].length > 200) return bad('Bad Request: MESSAGE_TOO_LONG');
        return { ok: true, result: true };
      }
      case 'setMyCommands':
        return this.setMyCommands(p);
      case 'setWebhook': {
        const url = asText(p.url ?? '');
        if (url && !url.startsWith('https://')) return bad('Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        const secret = p.secret_token;
        if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(asText(secret)))
          return bad('Bad Request: bad webhook: secret token contains unallowed characters');
        this.webhook = url
          ? {
              url,
              ...(secret !== undefined ? { secret_token: asText(secret) } : {}),
              ...(Array.isArray(p.allowed_updates) ? { allowed_updates: p.allowed_updates as string[] } : {}),
            }
          : undefined;
        return { ok: true, result: true, description: url ? 'Webhook was set' : 'Webhook was deleted' };
      }
      case 'deleteWebhook':
        this.webhook = undefined;
        return { ok: true, result: true, description: 'Webhook was deleted' };
      case 'getWebhookInfo':
        return { ok: true, result: { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0 } };
      default:
        return { ok: false, error_code: 404, description: 'Not Found: method not found' };
    }
  }

  private chatFor(chatId: unknown): { chat: FakeChat } | { error: ApiResponse } {
    const id = Number(chatId);
    if (!Number.isSafeInteger(id) || id === 0) return { error: bad('Bad Request: chat not found') };
    const movedTo = this.migrated.get(id);
    if (movedTo !== undefined)
      return {
        error: {
          ok: false,
          error_code: 400,
          description: 'Bad Request: group chat was upgraded to a supergroup chat',
          parameters: { migrate_to_chat_id: movedTo },
        },
      };
    if (this.blocked.has(id)) return { error: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
    if (this.kicked.has(id)) return { error: { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the group chat' } };
    const chat = this.chats.get(id);
    if (!chat)
      return {
        error:
          id > 0
            ? { ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" }
            : bad('Bad Request: chat not found'),
      };
    return { chat };
  }

  private checkMarkup(markup: unknown): ApiResponse | undefined {
    if (markup === undefined) return undefined;
    if (typeof markup !== 'object' || markup === null) return bad("Bad Request: can't parse reply keyboard markup JSON object");
    const m = markup as Record<string, unknown>;
    const kinds = ['inline_keyboard', 'force_reply', 'keyboard', 'remove_keyboard'].filter((k) => k in m);
    if (kinds.length !== 1) return bad("Bad Request: can't parse reply keyboard markup JSON object");
    if ('force_reply' in m && m.force_reply !== true) return bad("Bad Request: can't parse reply keyboard markup JSON object");
    if ('inline_keyboard' in m) {
      const rows = m.inline_keyboard;
      if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r)))
        return bad('Bad Request: field "inline_keyboard" must be an Array of Arrays');
      const buttons = (rows as unknown[][]).flat() as Record<string, unknown>[];
      if (buttons.length > 100) return bad('Bad Request: reply markup is too long');
      if ((rows as unknown[][]).some((r) => r.length > 8)) return bad('Bad Request: too many buttons in a row');
      for (const b of buttons) {
        if (typeof b.text !== 'string' || b.text.trim() === '')
          return bad('Bad Request: text buttons are unallowed in the inline keyboard');
        const data = b.callback_data;
        if (typeof data !== 'string' || Buffer.byteLength(data, 'utf8') < 1 || Buffer.byteLength(data, 'utf8') > 64)
          return bad('Bad Request: BUTTON_DATA_INVALID');
      }
      if (JSON.stringify(m).length > 10_000) return bad('Bad Request: reply markup is too long');
    }
    return undefined;
  }

  /** 429 when one more send would exceed a window; else counts the send. */
  private rateLimit(chat: FakeChat): ApiResponse | undefined {
    if (this.limits === 'off') return undefined;
    const now = Date.now();
    const over = (times: number[], spec: RateLimit) => {
      const window = spec.windowMs - this.tolerance;
      while (times.length > 0 && (times[0] as number) <= now - window) times.shift();
      return times.length >= spec.limit ? Math.max(1, Math.ceil(((times[0] as number) + window - now) / 1000)) : 0;
    };
    const chatTimes = this.chatSends.get(chat.id) ?? [];
    this.chatSends.set(chat.id, chatTimes);
    const retryAfter = Math.max(
      over(this.globalSends, this.limits.global),
      over(chatTimes, chat.type === 'private' ? this.limits.private : this.limits.group),
    );
    if (retryAfter > 0)
      return {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      };
    this.globalSends.push(now);
    chatTimes.push(now);
    return undefined;
  }

  private sendMessage(p: Record<string, unknown>): ApiResponse {
    const found = this.chatFor(p.chat_id);
    if ('error' in found) return found.error;
    const { chat } = found;
    const html = typeof p.text === 'string' ? p.text : '';
    let text = html;
    if (p.parse_mode === 'HTML') {
      const parsed = parseTelegramHtml(html);
      if ('error' in parsed) return bad(parsed.error);
      text = parsed.text;
    } else if (p.parse_mode !== undefined) {
      return bad(`Bad Request: unsupported parse_mode ${asText(p.parse_mode)} in this fake`);
    }
    if (text.trim() === '') return bad('Bad Request: message text is empty');
    if (text.length > 4096) return bad('Bad Request: message is too long');
    const markupError = this.checkMarkup(p.reply_markup);
    if (markupError) return markupError;
    const rp = p.reply_parameters as SentMessage['reply_parameters'] | undefined;
    if (rp?.message_id !== undefined && !rp.allow_sending_without_reply) {
      const exists =
        this.userMessageIds.get(chat.id)?.has(rp.message_id) || this.messages.get(chat.id)?.some((m) => m.message_id === rp.message_id);
      if (!exists) return bad('Bad Request: message to be replied not found');
    }
    const limited = this.rateLimit(chat);
    if (limited) return limited;
    const message: SentMessage = {
      message_id: this.allocateMessageId(chat.id),
      chat,
      text,
      html,
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
      ...(rp ? { reply_parameters: rp } : {}),
      date: Math.floor(Date.now() / 1000),
      at: Date.now(),
    };
    this.keep(message);
    return { ok: true, result: this.asMessage(message) };
  }

  private keep(message: SentMessage): void {
    this.sendCounts.set(message.chat.id, (this.sendCounts.get(message.chat.id) ?? 0) + 1);
    if (!this.recordCalls) return;
    const list = this.messages.get(message.chat.id) ?? [];
    list.push(message);
    this.messages.set(message.chat.id, list);
  }

  /** Documents up to 50 MB, photos up to 10 MB that really are images; captions up to 1,024 characters. */
  private sendFile(kind: 'document' | 'photo', p: Record<string, unknown>): ApiResponse {
    const found = this.chatFor(p.chat_id);
    if ('error' in found) return found.error;
    const { chat } = found;
    const file = p[kind] as UploadedFile | undefined;
    if (!file || !Buffer.isBuffer(file.data)) return bad(`Bad Request: there is no ${kind} in the request`);
    if (file.data.length === 0) return bad('Bad Request: file must be non-empty');
    if (file.data.length > (kind === 'photo' ? 10 : 50) * 1024 * 1024)
      return { ok: false, error_code: 413, description: 'Request Entity Too Large' };
    const png = file.data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const jpeg = file.data[0] === 0xff && file.data[1] === 0xd8;
    if (kind === 'photo' && !png && !jpeg) return bad('Bad Request: IMAGE_PROCESS_FAILED');
    const html = typeof p.caption === 'string' ? p.caption : '';
    let text = html;
    if (html && p.parse_mode === 'HTML') {
      const parsed = parseTelegramHtml(html);
      if ('error' in parsed) return bad(parsed.error);
      text = parsed.text;
    }
    if (text.length > 1024) return bad('Bad Request: message caption is too long');
    const limited = this.rateLimit(chat);
    if (limited) return limited;
    const message: SentMessage = {
      message_id: this.allocateMessageId(chat.id),
      chat,
      text,
      html,
      file: { kind, filename: file.filename, size: file.data.length, data: file.data },
      date: Math.floor(Date.now() / 1000),
      at: Date.now(),
    };
    this.keep(message);
    return { ok: true, result: this.asMessage(message) };
  }

  private editMessageReplyMarkup(p: Record<string, unknown>): ApiResponse {
    const found = this.chatFor(p.chat_id);
    if ('error' in found) return found.error;
    const message = this.messages.get(found.chat.id)?.find((m) => m.message_id === Number(p.message_id));
    if (!message) return bad('Bad Request: message to edit not found');
    const markupError = this.checkMarkup(p.reply_markup);
    if (markupError) return markupError;
    const next = p.reply_markup as SentMessage['reply_markup'] | undefined;
    const empty = (m: SentMessage['reply_markup']) => !m || (m.inline_keyboard !== undefined && m.inline_keyboard.flat().length === 0);
    if ((empty(message.reply_markup) && empty(next)) || JSON.stringify(message.reply_markup) === JSON.stringify(next)) {
      return bad(
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    if (empty(next)) delete message.reply_markup;
    else message.reply_markup = next;
    return { ok: true, result: this.asMessage(message) };
  }

  private setMyCommands(p: Record<string, unknown>): ApiResponse {
    const commands = p.commands;
    if (!Array.isArray(commands) || commands.length > 100) return bad('Bad Request: too many commands');
    for (const c of commands as { command?: unknown; description?: unknown }[]) {
      if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) return bad('Bad Request: BOT_COMMAND_INVALID');
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256)
        return bad('Bad Request: command description is invalid');
    }
    const scope = (p.scope as { type?: string } | undefined)?.type ?? 'default';
    this.commandMenus.set(
      `${scope}/${typeof p.language_code === 'string' ? p.language_code : ''}`,
      commands as { command: string; description: string }[],
    );
    return { ok: true, result: true };
  }

  private allocateMessageId(chatId: number): number {
    const id = this.nextMessageId.get(chatId) ?? 1;
    this.nextMessageId.set(chatId, id + 1);
    return id;
  }

  private asMessage(m: SentMessage): Record<string, unknown> {
    const chat =
      m.chat.type === 'private'
        ? { id: m.chat.id, type: 'private', first_name: 'Người dùng' }
        : { id: m.chat.id, type: m.chat.type, title: m.chat.title ?? 'Nhóm' };
    return {
      message_id: m.message_id,
      date: m.date,
      chat,
      from: this.bot,
      text: m.text,
      ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
    };
  }
}

function bad(description: string): ApiResponse {
  return { ok: false, error_code: 400, description };
}
