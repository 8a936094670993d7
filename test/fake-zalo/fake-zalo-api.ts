import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZaloUpdate } from '../../src/platforms/zalo/client.js';
import { seededRandomPerKey } from '../fake-telegram/fake-bot-api.js';

/** The token the fake accepts: `{bot_id}:{access_token}`. */
export const FAKE_ZALO_TOKEN = '7f3a9c21:FakeZaloAccessToken_abcdef0123456789';
export const FAKE_ZALO_BOT = { id: '7f3a9c21', account_name: 'DonDocZaloBot', account_type: 'BASIC', can_join_groups: false };

export interface FakeZaloUser {
  id: string;
  display_name: string;
}

export interface ZaloCall {
  method: string;
  body: Record<string, unknown>;
  status: number;
  response: { ok: boolean; result?: unknown; error_code?: number; description?: string };
}

export interface ZaloSentMessage {
  method: 'sendMessage' | 'sendPhoto';
  chat_id: string;
  message_id: string;
  text: string;
  photo?: string;
}

/** A failure to serve instead of the next call(s) of a method. */
export type InjectedFailure = { kind: 'http'; status: number; body?: unknown; headers?: Record<string, string> } | { kind: 'network' };

const TEXT_LIMIT = 2000;

/**
 * A fake Zalo Bot API on a real HTTP server: the methods the bot uses, Zalo's envelopes and limits
 * (text 1–2,000 characters, https webhooks, 8–256 character secrets, one update per getUpdates,
 * 408 when a long poll times out, getUpdates refused while a webhook is set), and injected failures.
 */
export class FakeZaloApi {
  readonly calls: ZaloCall[] = [];
  /** Methods in the order calls arrived (a long poll is in `calls` only once answered). */
  readonly arrivals: string[] = [];
  readonly messages: ZaloSentMessage[] = [];
  webhook: { url: string; secret: string } | undefined;
  private readonly queue: ZaloUpdate[] = [];
  private readonly pollers: (() => void)[] = [];
  private readonly failures = new Map<string, InjectedFailure[]>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  private constructor(
    private readonly server: Server,
    readonly apiRoot: string,
  ) {}

  static async start(): Promise<FakeZaloApi> {
    const holder: { fake?: FakeZaloApi } = {};
    const server = createServer((req, res) => {
      void holder.fake?.serve(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeZaloApi(server, `http://127.0.0.1:${port}`);
    return holder.fake;
  }

  async close(): Promise<void> {
    for (const wake of this.pollers.splice(0)) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * From now on a seeded random `rate` of the send calls fail: 429, 500 or 502 (a failed call sends
   * nothing). `setFaults(undefined)` stops it. `injected` counts what was injected, by status.
   *
   * Each message (method, chat and text) draws from its own seeded sequence, its n-th try always
   * getting the same answer: the faults a message meets do not depend on how other chats' sends
   * happened to interleave with it, so a seed that delivers every message within the retry budget
   * does so on every run, however loaded the machine.
   */
  setFaults(faults: { rate: number; seed: number; methods?: readonly string[] } | undefined): void {
    this.faults = faults
      ? { rate: faults.rate, methods: faults.methods ?? ['sendMessage', 'sendPhoto'], randomFor: seededRandomPerKey(faults.seed) }
      : undefined;
  }

  readonly injected: Record<number, number> = {};
  private faults: { rate: number; methods: readonly string[]; randomFor: (key: string) => () => number } | undefined;

  /** The next `times` calls of `method` fail this way. */
  fail(method: string, failure: InjectedFailure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  callsOf(method: string): ZaloCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  sent(chatId?: string): ZaloSentMessage[] {
    return chatId === undefined ? [...this.messages] : this.messages.filter((m) => m.chat_id === chatId);
  }

  /** An update for getUpdates; the oldest is served first, one per call. */
  enqueue(update: ZaloUpdate): void {
    this.queue.push(update);
    this.pollers.shift()?.();
  }

  /** A text message from a person in their private chat (or a group). */
  textUpdate(
    from: FakeZaloUser,
    text: string,
    chat: { id: string; chat_type: 'PRIVATE' | 'GROUP' } = { id: from.id, chat_type: 'PRIVATE' },
  ): ZaloUpdate {
    return {
      event_name: 'message.text.received',
      message: {
        message_id: randomBytes(8).toString('hex'),
        date: Date.now(),
        text,
        from: { id: from.id, display_name: from.display_name, is_bot: false },
        chat,
      },
    };
  }

  /** A person writes (by getUpdates); resolves with the bot's next message in that chat. */
  async say(from: FakeZaloUser, text: string, timeoutMs = 15_000): Promise<ZaloSentMessage> {
    const before = this.sent(from.id).length;
    this.enqueue(this.textUpdate(from, text));
    return this.nextMessage(from.id, before, timeoutMs);
  }

  /** Resolves with message number `after` (0-based) of the chat once it is sent. */
  async nextMessage(chatId: string, after: number, timeoutMs = 15_000): Promise<ZaloSentMessage> {
    await this.waitFor(() => this.sent(chatId).length > after, timeoutMs, `a message in chat ${chatId}`);
    return this.sent(chatId)[after] as ZaloSentMessage;
  }

  /** Waits until nothing more was sent to the chat for `quietMs`; returns all its messages after `after`. */
  async settle(chatId: string, after: number, quietMs = 600): Promise<ZaloSentMessage[]> {
    let count = -1;
    while (count !== this.sent(chatId).length) {
      count = this.sent(chatId).length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
    return this.sent(chatId).slice(after);
  }

  waitFor(test: () => boolean, timeoutMs = 15_000, what = 'a condition'): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const method = m?.[2] ?? '';
    this.arrivals.push(method);
    this.changed();
    let body: Record<string, unknown> = {};
    try {
      body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return this.reply(res, method, body, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    if (req.method !== 'POST') return this.reply(res, method, body, 405, { ok: false, error_code: 405, description: 'Method Not Allowed' });
    if (!m || m[1] !== FAKE_ZALO_TOKEN)
      return this.reply(res, method, body, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    // The seeded sequence of this message's tries (see setFaults).
    const faultDraw = this.faults?.methods.includes(method)
      ? this.faults.randomFor(JSON.stringify([method, body.chat_id, body.text, body.photo]))
      : undefined;
    if (this.faults && faultDraw && faultDraw() < this.faults.rate) {
      const status = [429, 500, 502][Math.floor(faultDraw() * 3)] as number;
      this.injected[status] = (this.injected[status] ?? 0) + 1;
      return this.reply(res, method, body, status, {
        ok: false,
        error_code: status,
        description: status === 429 ? 'Too Many Requests' : 'Server Error (injected)',
      });
    }
    const injected = this.failures.get(method)?.shift();
    if (injected) {
      if (injected.kind === 'network') {
        this.calls.push({ method, body, status: 0, response: { ok: false, description: 'connection reset' } });
        this.changed();
        req.socket.destroy();
        return;
      }
      const response = (injected.body ?? {
        ok: false,
        error_code: injected.status,
        description: 'Injected failure',
      }) as ZaloCall['response'];
      return this.reply(res, method, body, injected.status, response, injected.headers);
    }
    const ok = (result: unknown) => this.reply(res, method, body, 200, { ok: true, result });
    const bad = (description: string, code = 400) => this.reply(res, method, body, 200, { ok: false, error_code: code, description });
    const chatId = typeof body.chat_id === 'string' ? body.chat_id : '';
    switch (method) {
      case 'getMe':
        return ok(FAKE_ZALO_BOT);
      case 'getUpdates': {
        if (this.webhook) return bad('Conflict: webhook is set; delete it before polling', 409);
        const seconds = Number(typeof body.timeout === 'string' ? body.timeout : 30);
        const next = this.queue.shift() ?? (await this.waitForUpdate(Math.min(seconds, 60) * 1000, res));
        if (!next) return this.reply(res, method, body, 200, { ok: false, error_code: 408, description: 'Request timeout' });
        return ok(next);
      }
      case 'setWebhook': {
        const url = typeof body.url === 'string' ? body.url : '';
        const secret = typeof body.secret_token === 'string' ? body.secret_token : '';
        if (!url.startsWith('https://')) return bad('Bad Request: url must be https');
        if (secret.length < 8 || secret.length > 256) return bad('Bad Request: secret_token must be 8-256 characters');
        this.webhook = { url, secret };
        return ok({ url, updated_at: Date.now() });
      }
      case 'deleteWebhook': {
        this.webhook = undefined;
        return ok({ url: '', updated_at: Date.now() });
      }
      case 'getWebhookInfo':
        return ok({ url: this.webhook?.url ?? '', updated_at: Date.now() });
      case 'sendMessage': {
        const text = typeof body.text === 'string' ? body.text : '';
        if (!chatId) return bad('Bad Request: chat_id is required');
        if (text.length < 1 || text.length > TEXT_LIMIT) return bad(`Bad Request: text must be 1-${TEXT_LIMIT} characters`);
        return ok(this.record({ method: 'sendMessage', chat_id: chatId, text }));
      }
      case 'sendPhoto': {
        const photo = typeof body.photo === 'string' ? body.photo : '';
        const caption = typeof body.caption === 'string' ? body.caption : '';
        if (!chatId) return bad('Bad Request: chat_id is required');
        if (!/^https?:\/\//.test(photo)) return bad('Bad Request: photo must be a URL');
        if (caption.length > TEXT_LIMIT) return bad('Bad Request: caption too long');
        return ok(this.record({ method: 'sendPhoto', chat_id: chatId, text: caption, photo }));
      }
      case 'sendChatAction':
        if (!chatId || body.action !== 'typing') return bad('Bad Request: action must be typing');
        return ok({});
      default:
        return this.reply(res, method, body, 404, { ok: false, error_code: 404, description: 'Not Found: unknown method' });
    }
  }

  private record(m: Omit<ZaloSentMessage, 'message_id'>): { message_id: string; date: number } {
    const message_id = `m${(this.nextId++).toString(16)}`;
    this.messages.push({ ...m, message_id });
    return { message_id, date: Date.now() };
  }

  private waitForUpdate(ms: number, res: ServerResponse): Promise<ZaloUpdate | undefined> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(this.queue.shift());
      };
      const timer = setTimeout(() => {
        const i = this.pollers.indexOf(wake);
        if (i >= 0) this.pollers.splice(i, 1);
        resolve(undefined);
      }, ms);
      this.pollers.push(wake);
      res.once('close', () => {
        const i = this.pollers.indexOf(wake);
        if (i >= 0) {
          this.pollers.splice(i, 1);
          clearTimeout(timer);
          resolve(undefined);
        }
      });
    });
  }

  private reply(
    res: ServerResponse,
    method: string,
    body: Record<string, unknown>,
    status: number,
    response: ZaloCall['response'],
    headers: Record<string, string> = {},
  ): void {
    this.calls.push({ method, body, status, response });
    this.changed();
    if (res.destroyed) return;
    const payload = JSON.stringify(response);
    res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  }
}
