import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId } from '../../src/domain/roles.js';
import {
  createWebSessions,
  LINK_LIFETIME_MS,
  LINKS_PER_WINDOW,
  SESSION_LIFETIME_MS,
  SIGNIN_LIMIT_PER_IP,
  type WebSessions,
} from '../../src/security/web-sessions.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

const ANNA = accountId('telegram', '1001');
const BINH = accountId('zalo', 'b2');

describe.each(['embedded', 'redis'] as const)('dashboard sign-in links and sessions on the %s store', (store) => {
  let bot: TestBot;
  let real: number;
  let sessions: WebSessions;
  beforeEach(async () => {
    bot = await createTestBot({ store });
    real = Date.parse('2026-01-05T08:00:00+07:00');
    sessions = createWebSessions({ store: bot.store, now: () => real });
  });
  afterEach(() => bot.close());

  it('exchanges a link exactly once, even when two instances race for it', async () => {
    const link = await sessions.issueLink(ANNA, 'Anna');
    expect(link).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = createWebSessions({ store: bot.store, now: () => real });
    const results = await Promise.all([sessions.exchange(link ?? '', '10.0.0.1'), other.exchange(link ?? '', '10.0.0.2')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'used' });
    expect(await sessions.exchange(link ?? '', '10.0.0.1')).toEqual({ ok: false, reason: 'used' });
    expect(await sessions.exchange('x'.repeat(43), '10.0.0.1')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('judges lifetimes by real time: a link for 10 minutes, a session for 8 hours', async () => {
    const late = await sessions.issueLink(ANNA, 'Anna');
    real += LINK_LIFETIME_MS;
    expect(await sessions.exchange(late ?? '', '10.0.0.1')).toEqual({ ok: false, reason: 'expired' });
    const link = await sessions.issueLink(ANNA, 'Anna');
    const result = await sessions.exchange(link ?? '', '10.0.0.1');
    if (!result.ok) throw new Error(result.reason);
    expect(await sessions.session(result.sessionToken)).toMatchObject({ account: ANNA, name: 'Anna' });
    real += SESSION_LIFETIME_MS - 1;
    expect(await sessions.session(result.sessionToken)).toBeDefined();
    real += 1;
    expect(await sessions.session(result.sessionToken)).toBeUndefined();
  });

  it("ends one person's sessions at once, and not anyone else's; a later sign-in works again", async () => {
    const signIn = async (who: typeof ANNA) => {
      const r = await sessions.exchange((await sessions.issueLink(who, who)) ?? '', '10.0.0.1');
      if (!r.ok) throw new Error(r.reason);
      return r.sessionToken;
    };
    const [desk, phone, binh] = [await signIn(ANNA), await signIn(ANNA), await signIn(BINH)];
    await sessions.endAllFor(ANNA);
    expect(await sessions.session(desk)).toBeUndefined();
    expect(await sessions.session(phone)).toBeUndefined();
    expect(await sessions.session(binh)).toBeDefined();
    // Within the same millisecond as the sign-out, a new sign-in still counts.
    expect(await sessions.session(await signIn(ANNA))).toBeDefined();
    await sessions.endSession(binh);
    expect(await sessions.session(binh)).toBeUndefined();
  });

  it('limits links per account and sign-in attempts per IP address', async () => {
    for (let i = 0; i < LINKS_PER_WINDOW; i++) expect(await sessions.issueLink(ANNA, 'Anna')).toBeDefined();
    expect(await sessions.issueLink(ANNA, 'Anna')).toBeUndefined();
    expect(await sessions.issueLink(BINH, 'Bình')).toBeDefined();
    for (let i = 0; i < SIGNIN_LIMIT_PER_IP; i++) expect((await sessions.exchange(`guess${i}`, '203.0.113.9')).ok).toBe(false);
    const good = await sessions.issueLink(BINH, 'Bình');
    expect(await sessions.exchange(good ?? '', '203.0.113.9')).toEqual({ ok: false, reason: 'throttled' });
    expect((await sessions.exchange(good ?? '', '198.51.100.7')).ok).toBe(true);
  });
});
