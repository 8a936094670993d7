import { createHash, randomBytes } from 'node:crypto';
import type { AccountId } from '../domain/roles.js';
import type { Store } from '../store/store.js';

/** A one-time sign-in link lives 10 minutes. */
export const LINK_LIFETIME_MS = 10 * 60_000;
/** A dashboard session lives 8 hours (a working day), then the person asks the bot again. */
export const SESSION_LIFETIME_MS = 8 * 3_600_000;
/**
 * How long the store keeps a link's record and its "used" mark: long after the link stops working,
 * so that opening it late says "expired" or "already used" instead of "unknown".
 */
const LINK_RECORD_MS = 24 * 3_600_000;

/** Sign-in limits: per IP address and per account, in a 15-minute window. */
export const SIGNIN_WINDOW_MS = 15 * 60_000;
export const SIGNIN_LIMIT_PER_IP = 30;
export const SIGNIN_LIMIT_PER_ACCOUNT = 10;
/** At most this many links per account per window: /web cannot be used to flood the store. */
export const LINKS_PER_WINDOW = 5;

/** What a session record holds (the token itself is never stored, only its hash). */
export interface WebSession {
  account: AccountId;
  name: string;
  createdAt: number;
  expiresAt: number;
}

interface LinkRecord {
  account: AccountId;
  name: string;
  issuedAt: number;
  expiresAt: number;
}

export type ExchangeResult =
  { ok: true; sessionToken: string; session: WebSession } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'throttled' };

export interface WebSessionsOptions {
  store: Store;
  /**
   * Real time (epoch ms). Never the playground's virtual clock: a browser judges a cookie by its
   * own clock, and a link must not outlive 10 real minutes because the bot's day was advanced.
   */
  now?: () => number;
}

/**
 * One-time sign-in links and dashboard sessions, kept in the store so any instance serves them.
 * Built on the store's expiring conversation records (`web-link:…`, `web-session:…`, keyed by the
 * SHA-256 of the token, so a copy of the store holds no usable token) and its once-only claims (a
 * link is exchanged exactly once, even when two instances race). The store's own expiry is only
 * clean-up: every lifetime is checked here against real time. "End every session of a person" is a
 * per-account mark (the instant), which any session created before it fails.
 */
export interface WebSessions {
  /** A fresh link token for this account; undefined when the account asked for too many lately. */
  issueLink(account: AccountId, name: string): Promise<string | undefined>;
  /** Exchanges a link token for a new session, once; `ip` is counted for the rate limit. */
  exchange(linkToken: string, ip: string): Promise<ExchangeResult>;
  /** The live session for a cookie's token, or undefined (unknown, expired, or ended). */
  session(sessionToken: string): Promise<WebSession | undefined>;
  /** Ends one session (the dashboard's sign-out button). */
  endSession(sessionToken: string): Promise<void>;
  /** Ends every session of a person at once (`/web dangxuat`, a revoked role). */
  endAllFor(account: AccountId): Promise<void>;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const linkKey = (hash: string) => `web-link:${hash}`;
const usedKey = (hash: string) => `web-link-used:${hash}`;
const sessionKey = (hash: string) => `web-session:${hash}`;
const endedKey = (account: AccountId) => `web-sessions-ended:${account}`;
/** Tokens are 32 random bytes in base64url: 43 characters. Anything else is not worth a store call. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The sessions port over a store. */
export function createWebSessions(options: WebSessionsOptions): WebSessions {
  const { store } = options;
  const now = options.now ?? Date.now;

  async function endedAt(account: AccountId): Promise<number> {
    return Number((await store.settings.get(endedKey(account))) ?? 0) || 0;
  }

  return {
    async issueLink(account, name) {
      if ((await store.hitCounters.hit(`web-link-issued:${account}`, SIGNIN_WINDOW_MS)) > LINKS_PER_WINDOW) return undefined;
      const token = newToken();
      const at = now();
      const record: LinkRecord = { account, name, issuedAt: at, expiresAt: at + LINK_LIFETIME_MS };
      await store.conversations.put(linkKey(hashOf(token)), record, LINK_RECORD_MS);
      return token;
    },

    async exchange(linkToken, ip) {
      if ((await store.hitCounters.hit(`web-signin-ip:${ip}`, SIGNIN_WINDOW_MS)) > SIGNIN_LIMIT_PER_IP)
        return { ok: false, reason: 'throttled' };
      if (!TOKEN.test(linkToken)) return { ok: false, reason: 'unknown' };
      const hash = hashOf(linkToken);
      const record = await store.conversations.get<LinkRecord>(linkKey(hash));
      if (!record) return { ok: false, reason: 'unknown' };
      if ((await store.hitCounters.hit(`web-signin-account:${record.account}`, SIGNIN_WINDOW_MS)) > SIGNIN_LIMIT_PER_ACCOUNT)
        return { ok: false, reason: 'throttled' };
      const at = now();
      if (at >= record.expiresAt) return { ok: false, reason: 'expired' };
      // The claim decides (the record stays, so a second opening is told "used", not "unknown"):
      // of two concurrent openings of one link, exactly one gets a session.
      if (!(await store.firstClaims.claim(usedKey(hash), newToken(), LINK_RECORD_MS))) return { ok: false, reason: 'used' };
      const sessionToken = newToken();
      // Strictly after any earlier "end every session" mark, even within the same millisecond.
      const createdAt = Math.max(at, (await endedAt(record.account)) + 1);
      const session: WebSession = { account: record.account, name: record.name, createdAt, expiresAt: at + SESSION_LIFETIME_MS };
      await store.conversations.put(sessionKey(hashOf(sessionToken)), session, SESSION_LIFETIME_MS);
      return { ok: true, sessionToken, session };
    },

    async session(sessionToken) {
      if (!TOKEN.test(sessionToken)) return undefined;
      const session = await store.conversations.get<WebSession>(sessionKey(hashOf(sessionToken)));
      if (!session || now() >= session.expiresAt) return undefined;
      if (session.createdAt <= (await endedAt(session.account))) return undefined;
      return session;
    },

    async endSession(sessionToken) {
      if (TOKEN.test(sessionToken)) await store.conversations.delete(sessionKey(hashOf(sessionToken)));
    },

    async endAllFor(account) {
      await store.settings.set(endedKey(account), String(Math.max(now(), (await endedAt(account)) + 1)));
    },
  };
}
