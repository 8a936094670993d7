import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import type { Route } from '../../http/server.js';
import type { Attachment } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';

/** How long a file link works. */
export const FILE_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** Where our HTTP server serves the files: `GET /zalo/files?t=<token>`. */
export const FILE_ROUTE_PATH = '/zalo/files';

interface StoredFile {
  filename: string;
  mime: string;
  /** base64 */
  data: string;
  expiresAt: number;
}

export interface FileLink {
  url: string;
  expiresAt: number;
  /** False when no public address is known (ZALO_WEBHOOK_URL unset): the link names this server. */
  public: boolean;
}

/**
 * Exports and charts for Zalo, which takes no uploads from bots: each file is kept in the store
 * under a random 128-bit token for 24 hours (any instance serves it) and offered as a link.
 */
export interface FileLinks {
  put(attachment: Attachment): Promise<FileLink>;
  route(): Route;
}

export interface FileLinksOptions {
  store: Store;
  clock: Clock;
  /** `https://bot.example.vn` (the origin of ZALO_WEBHOOK_URL), else undefined. */
  publicBase?: string;
  /** Used when there is no public base: `http://127.0.0.1:8080`. */
  localBase: () => string;
  ttlMs?: number;
}

const key = (token: string) => `zalo-file:${token}`;

export function createFileLinks(options: FileLinksOptions): FileLinks {
  const { store, clock } = options;
  const ttl = options.ttlMs ?? FILE_LINK_TTL_MS;
  return {
    async put(attachment) {
      const token = randomBytes(16).toString('base64url');
      const expiresAt = clock.now() + ttl;
      const file: StoredFile = { filename: attachment.filename, mime: attachment.mime, data: Buffer.from(attachment.data).toString('base64'), expiresAt };
      await store.putConversation(key(token), file, ttl);
      const base = (options.publicBase ?? options.localBase()).replace(/\/+$/, '');
      return { url: `${base}${FILE_ROUTE_PATH}?t=${token}`, expiresAt, public: options.publicBase !== undefined };
    },
    route() {
      return {
        method: 'GET',
        path: FILE_ROUTE_PATH,
        async handle({ query }) {
          const token = query.get('t') ?? '';
          if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return { status: 404, body: 'not found' };
          const file = await store.getConversation<StoredFile>(key(token));
          if (!file || file.expiresAt <= clock.now()) return { status: 404, body: 'not found or expired' };
          const safeName = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
          return {
            status: 200,
            body: Buffer.from(file.data, 'base64'),
            headers: { 'content-type': file.mime, 'content-disposition': `attachment; filename="${safeName}"`, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' },
          };
        },
      };
    },
  };
}
