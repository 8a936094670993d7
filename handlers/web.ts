import type { AccountId } from '../src/domain/roles.js';
import { reply } from '../src/messaging/reply.js';
import { createWebSessions, LINK_LIFETIME_MS } from '../src/security/web-sessions.js';
import { foldVietnamese } from '../src/domain/typed-text/fold.js';
import type { Handler, Services } from './services.js';
import { SIGN_IN_PATH } from '../src/ports/dashboard.js';

const SIGN_OUT_WORDS = new Set(['dangxuat', 'dang xuat', 'logout', 'signout']);

/**
 * `/web` (`/dashboard`), in a private chat: a one-time link to the dashboard, bound to the sender's
 * account (single use, 10 minutes). `/web dangxuat` ends every dashboard session of the sender.
 * Who may see what is decided by the dashboard on every request, from the roles held then.
 */
export const webHandler: Handler = async (ctx) => {
  const { services, texts, args, identity } = ctx;
  const t = texts.web;
  const word = foldVietnamese(args.trim());
  if (SIGN_OUT_WORDS.has(word)) {
    await endWebSessions(services, identity.account);
    return [reply(t.signedOut)];
  }
  if (word) return [reply(t.usage)];
  const dashboard = services.dashboard;
  if (!dashboard) return [reply(t.notServed)];
  const token = await dashboard.sessions.issueLink(identity.account, identity.name);
  if (!token) return [reply(t.throttled)];
  const url = new URL(SIGN_IN_PATH, dashboard.publicUrl);
  url.searchParams.set('t', token);
  return [reply(t.link(url.toString(), LINK_LIFETIME_MS / 60_000))];
};

/** Ends every dashboard session of a person at once: `/web dangxuat`, and a revoked role. */
export async function endWebSessions(services: Pick<Services, 'store'>, account: AccountId): Promise<void> {
  await createWebSessions({ store: services.store }).endAllFor(account);
}
