import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.js';

/** A request as a route sees it: the body already read (within the route's limit). */
export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The peer's address (a proxy's, behind one): for per-IP limits. */
  remoteAddress?: string;
}

export interface HttpResponse {
  status: number;
  /** Objects are sent as JSON, strings as text, bytes as they are (set content-type in `headers`). */
  body?: string | Buffer | Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * One endpoint. `authorize` runs on the headers before the body is read, so an unauthenticated
 * caller cannot make us read (or buffer) anything.
 */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Largest body accepted; a larger one gets 413. Default 1 MiB. */
  maxBodyBytes?: number;
  authorize?(headers: IncomingHttpHeaders): HttpResponse | undefined;
  handle(request: HttpRequest): HttpResponse | Promise<HttpResponse>;
  /** While the app shuts down: false turns new requests away with 503 (Telegram tries again later). */
  duringShutdown?: 'serve' | 'refuse';
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * A body over the route's limit is still read, and thrown away, up to this many bytes before the
 * 413 goes out with `Connection: close`: a client (or a sender on a slow link) is still writing
 * when we answer, and would otherwise see its write fail (EPIPE, reset) instead of the 413. A body
 * larger still is cut off at once: we do not spend more than this on someone else's mistake.
 */
export const DISCARD_BODY_BYTES = 8 * 1024 * 1024;

/** How long a client may take to send its headers, and its whole request (node's checks, enforced every second). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  readonly host: string;
  /** Adds a route (the Zalo webhook, /healthz and /metrics mount theirs the same way). */
  mount(route: Route): void;
  /**
   * Headers for every answer under a path prefix that no route gave its own: the dashboard's
   * security headers on its 404s and 405s too.
   */
  headersUnder(prefix: string, headers: Readonly<Record<string, string>>): void;
  /** Turns new requests to routes marked `refuse` away with 503; the listener stays up. */
  stopAccepting(): void;
  /** Stops listening, lets requests in progress finish (up to `graceMs`), then closes every socket. */
  close(graceMs?: number): Promise<void>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  routes?: readonly Route[];
  /** Defaults HEADERS_TIMEOUT_MS and REQUEST_TIMEOUT_MS; shorter in tests. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

class BodyTooLarge extends Error {}

/** The body, or BodyTooLarge once it ends over `limit` (read and dropped) or passes `discardLimit`. */
function readBody(req: IncomingMessage, limit: number, discardLimit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > discardLimit) {
        req.off('data', onData);
        reject(new BodyTooLarge());
        return;
      }
      if (size > limit) chunks = [];
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: HttpResponse, close = false): void {
  const isBytes = Buffer.isBuffer(response.body);
  const isJson = !isBytes && typeof response.body === 'object';
  const body = response.body;
  const payload = body === undefined ? '' : typeof body === 'string' ? body : Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(response.status, {
    'content-type': isBytes ? 'application/octet-stream' : isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...(close ? { connection: 'close' } : {}),
    ...response.headers,
  });
  res.end(payload);
}

/**
 * The app's one node:http server: a small route table (method + exact path). Unknown paths get
 * 404, a known path with another method 405; a handler that throws gets 500 and a log line.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger } = options;
  const routes = new Map<string, Route>();
  const prefixHeaders = new Map<string, Readonly<Record<string, string>>>();
  const headersFor = (path: string) => {
    for (const [prefix, headers] of prefixHeaders) if (path === prefix || path.startsWith(`${prefix}/`)) return headers;
    return {};
  };
  let accepting = true;
  const key = (method: string, path: string) => `${method} ${path}`;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes.get(key(req.method ?? 'GET', url.pathname));
    if (!route) {
      const allowed = [...routes.values()].filter((r) => r.path === url.pathname).map((r) => r.method);
      if (allowed.length > 0)
        return send(res, { status: 405, body: 'method not allowed', headers: { ...headersFor(url.pathname), allow: allowed.join(', ') } });
      return send(res, { status: 404, body: 'not found', headers: headersFor(url.pathname) });
    }
    if (!accepting && route.duringShutdown === 'refuse')
      return send(res, { status: 503, body: 'shutting down', headers: { 'retry-after': '5' } }, true);
    const refused = route.authorize?.(req.headers);
    if (refused) return send(res, refused, true);
    const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const declared = Number(req.headers['content-length']);
    const discardLimit = Math.max(limit, DISCARD_BODY_BYTES);
    if (Number.isFinite(declared) && declared > discardLimit) return send(res, { status: 413, body: 'payload too large' }, true);
    let body: Buffer;
    try {
      body = await readBody(req, limit, discardLimit);
    } catch (err) {
      if (err instanceof BodyTooLarge) return send(res, { status: 413, body: 'payload too large' }, true);
      // The client hung up before its body arrived: nobody to answer, and no fault of ours.
      if (req.destroyed) return logger.debug({ path: url.pathname }, 'http: client went away before its body was read');
      throw err;
    }
    send(
      res,
      await route.handle({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        ...(req.socket.remoteAddress ? { remoteAddress: req.socket.remoteAddress } : {}),
      }),
    );
  }

  // Node checks both timeouts only every `connectionsCheckingInterval` (30 s by default): a client
  // that never finishes its headers would stay connected that long past headersTimeout.
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, headersTimeout);
  const checkEvery = Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4)));
  const server: Server = createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: checkEvery }, (req, res) => {
    serve(req, res).catch((err: unknown) => {
      logger.error({ err, method: req.method, path: req.url?.split('?')[0] }, 'http: request failed');
      if (!res.headersSent) send(res, { status: 500, body: 'internal error' }, true);
      else res.destroy();
    });
  });
  for (const r of options.routes ?? []) routes.set(key(r.method, r.path), r);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  logger.info({ host: options.host, port: address.port, routes: [...routes.keys()] }, 'http: listening');

  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    host: options.host,
    mount(route) {
      routes.set(key(route.method, route.path), route);
    },
    headersUnder(prefix, headers) {
      prefixHeaders.set(prefix, headers);
    },
    stopAccepting() {
      accepting = false;
    },
    close(graceMs = 5_000) {
      accepting = false;
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
