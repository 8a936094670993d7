import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../domain/clock.js';
import type { Route } from '../../http/server.js';
import type { Attachment } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';

/** How long a file link works. */
export const FILE_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** Where our HTTP server serves the files: `GET /zalo/files?t=<token>`. */
export const FILE_ROUTE_PATH = '/zalo/files';

/** What the store keeps per link: a few bytes. The file itself is on disk (see createFileLinks). */
interface StoredFile {
  filename: string;
  mime: string;
  expiresAt: number;
}

export interface FileLink {
  url: string;
  expiresAt: number;
  /** False when no public address is known (ZALO_WEBHOOK_URL unset): the link names this server. */
  public: boolean;
}

/**
 * Exports and charts for Zalo, which takes no uploads from bots: each file is written to `dir`
 * under a random 128-bit token for 24 hours and offered as a link; the store holds only its name,
 * type and expiry, so that no export ever sits in the database or in a Redis value. Any instance
 * that shares `dir` (one volume) serves it.
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
  /** Where the files are written (created if missing): config `filesDir`. */
  dir: string;
  ttlMs?: number;
}

const key = (token: string) => `zalo-file:${token}`;
/** On disk as `<expiresAt>-<token>`, so expired files are found by name, without the store. */
const fileName = (token: string, expiresAt: number) => `${expiresAt}-${token}`;

export function createFileLinks(options: FileLinksOptions): FileLinks {
  const { store, clock } = options;
  const ttl = options.ttlMs ?? FILE_LINK_TTL_MS;
  return {
    async put(attachment) {
      const token = randomBytes(16).toString('base64url');
      const now = clock.now();
      const expiresAt = now + ttl;
      await mkdir(options.dir, { recursive: true });
      await removeExpired(options.dir, now, ttl);
      // Written under a temporary name and renamed, so a file is served whole or not at all.
      const target = path.join(options.dir, fileName(token, expiresAt));
      await writeFile(`${target}.tmp`, attachment.data);
      await rename(`${target}.tmp`, target);
      const file: StoredFile = { filename: attachment.filename, mime: attachment.mime, expiresAt };
      await store.conversations.put(key(token), file, ttl);
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
          const file = await store.conversations.get<StoredFile>(key(token));
          if (!file || file.expiresAt <= clock.now()) return { status: 404, body: 'not found or expired' };
          let body: Buffer;
          try {
            body = await readFile(path.join(options.dir, fileName(token, file.expiresAt)));
          } catch {
            return { status: 404, body: 'not found or expired' };
          }
          const safeName = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
          return {
            status: 200,
            body,
            headers: {
              'content-type': file.mime,
              'content-disposition': `attachment; filename="${safeName}"`,
              'cache-control': 'private, no-store',
              'x-content-type-options': 'nosniff',
            },
          };
        },
      };
    },
  };
}

/**
 * Deletes the files whose links have expired, and temporary files a crash left behind (a minute
 * old). Only names this module writes are touched.
 */
async function removeExpired(dir: string, now: number, ttl: number): Promise<void> {
  for (const name of await readdir(dir)) {
    const match = /^(\d+)-[A-Za-z0-9_-]{22}(\.tmp)?$/.exec(name);
    if (!match) continue;
    const expiresAt = Number(match[1]);
    const stale = match[2] ? expiresAt - ttl + 60_000 <= now : expiresAt <= now;
    if (stale) await rm(path.join(dir, name), { force: true });
  }
}
