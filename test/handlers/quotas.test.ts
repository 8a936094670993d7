import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/config/limits.js';
import { accountId } from '../../src/domain/roles.js';
import { vi as texts } from '../../src/texts/vi.js';
import { ADMIN, createTestBot, textOf, type TestBot } from '../helpers/bot.js';

/** Issue #13, item 5: one person cannot flood the open codes or the audit log. */
const AN = accountId('telegram', '1001');
const HOA = accountId('telegram', '1002');
const COORDINATOR = accountId('telegram', '2002');
const CODE = /\n([A-Za-z0-9_-]{22})\n/;

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot();
  await bot.grant({ account: AN, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
  await bot.grant({ account: HOA, role: 'deputy', agencyId: 'so-y-te', name: 'Vàng Thị Hoa' });
  await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
});
afterEach(() => bot.close());

describe('quotas', () => {
  it('a head sending /lienket 200 times holds at most 10 open codes, and is told to use or cancel old ones', async () => {
    const limit = DEFAULT_LIMITS.openCodes.member;
    const replies: string[] = [];
    for (let i = 0; i < 200; i++) replies.push(textOf(await bot.say(AN, i % 2 === 0 ? '/lienket' : '/lienket taikhoan')));
    expect(replies.filter((r) => CODE.test(r) || /[A-Za-z0-9_-]{22}/.test(r))).toHaveLength(limit);
    expect(replies.at(-1)).toBe(texts.tooManyOpenCodes(limit));
    expect((await bot.store.invites.listOpen()).filter((i) => i.createdBy === AN)).toHaveLength(limit);
    // The audit log holds the ten codes, not two hundred lines.
    expect((await bot.store.audit.list(1000)).filter((e) => e.actor === AN)).toHaveLength(limit);
  });

  it('once old codes are used or withdrawn, new ones can be made again', async () => {
    for (let i = 0; i < DEFAULT_LIMITS.openCodes.member; i++) await bot.say(AN, '/lienket');
    expect(textOf(await bot.say(AN, '/lienket'))).toBe(texts.tooManyOpenCodes(DEFAULT_LIMITS.openCodes.member));
    bot.clock.advance(7 * 24 * 3_600_000); // they expire
    expect(textOf(await bot.say(AN, '/lienket'))).toMatch(/[A-Za-z0-9_-]{22}/);
  });

  it('a coordinator invites the heads of every agency in the province at once', async () => {
    for (const agency of bot.plan.agencies) expect(textOf(await bot.say(COORDINATOR, `/moi ${agency.id}`))).toContain('Mã mời');
  });

  it('a head setting a delegation over and over is stopped after 30 in an hour, and may go on the next hour', async () => {
    const limit = DEFAULT_LIMITS.auditPerHour.member;
    const set = () => bot.say(AN, '/uyquyen 1 12/06/2025 20/06/2025');
    for (let i = 0; i < limit; i++) expect(textOf(await set())).toContain('Đã ủy quyền');
    expect(textOf(await set())).toBe(texts.hourlyQuotaReached(limit));
    expect((await bot.store.audit.list(1000)).filter((e) => e.actor === AN)).toHaveLength(limit);
    bot.clock.advance(3_600_000);
    expect(textOf(await set())).toContain('Đã ủy quyền');
  });

  it('an administrator is not counted', async () => {
    for (let i = 0; i < DEFAULT_LIMITS.openCodes.member + 2; i++)
      expect(textOf(await bot.say(ADMIN, '/lienket so-y-te'))).toMatch(/[A-Za-z0-9_-]{22}/);
  });
});
