import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, type AccountId } from '../../src/domain/roles.js';
import type { ChatKind } from '../../src/messaging/incoming.js';
import { vi as texts } from '../../src/texts/vi.js';
import { ADMIN, createTestBot, textOf, type TestBot } from '../helpers/bot.js';

/**
 * The authorization matrix, written out by hand as the specification: for every command, every
 * kind of person and both kinds of chat, whether the command runs or how it is refused. The group
 * is Sở Y tế's own group. The test walks every cell against the real router.
 *
 *   ok        the handler ran
 *   register  refused: not registered
 *   role      refused: lacks the role
 *   private   refused: only in a private chat
 *   group     refused: in this group only the agency's own staff
 *   coord     refused: only in private or in the coordinators' group (cell `c`)
 */
type Outcome = 'ok' | 'register' | 'role' | 'private' | 'group' | 'coord';
type Who = 'stranger' | 'otherHead' | 'deputy' | 'head' | 'coordinator' | 'admin';
const WHO: Who[] = ['stranger', 'otherHead', 'deputy', 'head', 'coordinator', 'admin'];

const row = (p: string, g: string): Record<ChatKind, Outcome[]> => ({ private: parse(p), group: parse(g) });
function parse(cells: string): Outcome[] {
  const map: Record<string, Outcome> = { o: 'ok', R: 'register', r: 'role', p: 'private', g: 'group', c: 'coord' };
  return cells.split(' ').map(
    (c) =>
      map[c] ??
      (() => {
        throw new Error(`bad cell ${c}`);
      })(),
  );
}

//                               private: stranger otherHead deputy head coord admin | group: same order
const MATRIX: Record<string, Record<ChatKind, Outcome[]>> = {
  start: row('o o o o o o', 'o o o o o o'),
  trogiup: row('o o o o o o', 'o o o o o o'),
  dangky: row('o o o o o o', 'o o o o o o'),
  toi: row('o o o o o o', 'o o o o o o'),
  kyhan: row('R o o o o o', 'R g o o o o'),
  // /baocao opens a conversation; /huy (next row) closes it again, so later rows start clean.
  baocao: row('R o o o r r', 'R g o o r r'),
  huy: row('R o o o r r', 'R g o o r r'),
  duyet: row('R o r o r r', 'R g r o r r'),
  tralai: row('R o r o r r', 'R g r o r r'),
  lienket: row('R o o o o o', 'o o o o o o'), // a code is the credential; creating one needs a role
  uyquyen: row('R o r o r r', 'p p p p p p'),
  coquan: row('R o o o o o', 'p p p p p p'),
  moi: row('R r r r o o', 'p p p p p p'),
  thuhoi: row('R r r r r o', 'p p p p p p'),
  huylienket: row('R r r r r o', 'R r r r r o'),
  nhatky: row('R r r r r o', 'p p p p p p'),
  dotxuat: row('R r r r o o', 'p p p p p p'),
  // Coordinators' views and files: in private or the coordinators' group, never in an agency's group.
  status: row('R r r r o o', 'R r r r c c'),
  tonghop: row('R r r r o o', 'R r r r c c'),
  xuat: row('R r r r o o', 'R r r r c c'),
  nhac: row('R r r r o o', 'R r r r c c'),
  // A dashboard sign-in link is a credential: private only, for anyone holding a role.
  web: row('R o o o o o', 'p p p p p p'),
};

const PEOPLE: Record<Who, AccountId> = {
  stranger: accountId('telegram', '5000'),
  otherHead: accountId('telegram', '5001'),
  deputy: accountId('telegram', '5002'),
  head: accountId('telegram', '5003'),
  coordinator: accountId('telegram', '5004'),
  admin: ADMIN,
};
const GROUP = '-100777';

function outcomeOf(text: string): Outcome {
  if (text === texts.notRegistered) return 'register';
  if (text === texts.progress.coordinationOnly) return 'coord';
  if (text.startsWith('Lệnh này chỉ dành cho')) return 'role';
  if (text === texts.privateOnly) return 'private';
  if (text.startsWith('Trong nhóm này, lệnh chỉ dành cho')) return 'group';
  return 'ok';
}

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
  await bot.grant({ account: PEOPLE.otherHead, role: 'head', agencyId: 'so-tai-chinh', name: 'Lò Văn Tài' });
  await bot.grant({ account: PEOPLE.deputy, role: 'deputy', agencyId: 'so-y-te', name: 'Vàng Thị Phó' });
  await bot.grant({ account: PEOPLE.head, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
  await bot.grant({ account: PEOPLE.coordinator, role: 'coordinator', name: 'Trần Thị Bình' });
  await bot.store.chats.bind({
    platform: 'telegram',
    chatId: GROUP,
    title: 'Sở Y tế — báo cáo',
    target: { kind: 'agency', agencyId: 'so-y-te' },
    boundBy: PEOPLE.head,
    boundAt: bot.clock.now(),
  });
});
afterAll(() => bot.close());

describe('the authorization matrix (command × person × chat kind)', () => {
  it('covers every command in the router table', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(bot.router.commands.map((c) => c.name).sort());
  });

  for (const [command, rows] of Object.entries(MATRIX)) {
    for (const chat of ['private', 'group'] as const) {
      WHO.forEach((who, i) => {
        const expected = rows[chat][i];
        it(`/${command} by ${who} in a ${chat} chat → ${expected}`, async () => {
          const replies = await bot.send({
            chat: { id: chat === 'group' ? GROUP : (PEOPLE[who].split(':')[1] ?? ''), kind: chat, title: 'Sở Y tế — báo cáo' },
            sender: { account: PEOPLE[who], name: who },
            content: { type: 'text', text: `/${command}` },
          });
          expect(replies.length).toBeGreaterThan(0);
          expect(outcomeOf(textOf(replies))).toBe(expected);
        });
      });
    }
  }
});

/**
 * Rows for what happens after a revocation or to a group already bound (issue #13): each row is a
 * person who once held a grant or a code, what they send, and how it is refused. A revoked grant
 * stays revoked whatever the person presents again.
 */
describe('the authorization matrix after revocation and for re-binding', () => {
  const HEAD = accountId('telegram', '6001');
  const COORD = accountId('telegram', '6002');
  const LATER = accountId('telegram', '6003');
  const COORD_GROUP = '-100888';
  let b: TestBot;
  const codes: Record<string, string> = {};
  const codeIn = (replies: readonly { text: string }[]) => /\n([A-Za-z0-9_-]{22})\n/.exec(textOf(replies))?.[1] ?? '';
  const privately = (who: AccountId, text: string) => b.say(who, text);
  const inGroup = (who: AccountId, chatId: string, text: string) =>
    b.send({ chat: { id: chatId, kind: 'group', title: 'nhóm' }, sender: { account: who, name: 'x' }, content: { type: 'text', text } });

  beforeAll(async () => {
    b = await createTestBot();
    codes.head = codeIn(await privately(ADMIN, '/moi so-y-te'));
    codes.coord = codeIn(await privately(ADMIN, '/moi dieuphoi'));
    await privately(HEAD, `/dangky ${codes.head}`);
    await privately(COORD, `/dangky ${codes.coord}`);
    codes.coordIssued = codeIn(await privately(COORD, '/moi so-tai-chinh'));
    codes.group = codeIn(await privately(HEAD, '/lienket'));
    await inGroup(HEAD, GROUP, `/lienket ${codes.group}`);
    codes.coordGroup = codeIn(await privately(COORD, '/lienket'));
    await inGroup(COORD, COORD_GROUP, `/lienket ${codes.coordGroup}`);
    codes.headGroup2 = codeIn(await privately(HEAD, '/lienket'));
    // The head's attempt on the coordinators' group is a row below; it must come before the revocation.
    codes.headOnCoordGroup = textOf(await inGroup(HEAD, COORD_GROUP, `/lienket ${codes.headGroup2}`));
    b.clock.advance(28 * 24 * 3_600_000);
    await privately(ADMIN, '/thuhoi so-y-te 1');
    await privately(ADMIN, '/thuhoi dieuphoi 1');
    await inGroup(ADMIN, GROUP, '/huylienket');
    b.clock.advance(60_000);
  });
  afterAll(() => b.close());

  const rows: [string, () => Promise<string>, string][] = [
    ['revoked head: /kyhan', async () => textOf(await privately(HEAD, '/kyhan')), texts.notRegistered],
    ['revoked head: /dangky with their own used code', async () => textOf(await privately(HEAD, `/dangky ${codes.head}`)), texts.codeUsed],
    ['revoked coordinator: /status', async () => textOf(await privately(COORD, '/status')), texts.notRegistered],
    [
      'revoked coordinator: /dangky with their own used code',
      async () => textOf(await privately(COORD, `/dangky ${codes.coord}`)),
      texts.codeUsed,
    ],
    [
      "someone else: the revoked coordinator's earlier invite",
      async () => textOf(await privately(LATER, `/dangky ${codes.coordIssued}`)),
      texts.codeRevoked,
    ],
    [
      "head, before revocation: own group code in the coordinators' group",
      () => Promise.resolve(codes.headOnCoordGroup ?? ''),
      texts.rebindCoordinatorGroupAdminOnly,
    ],
    [
      'anyone: the used group code again after /huylienket',
      async () => textOf(await inGroup(ADMIN, GROUP, `/lienket ${codes.group}`)),
      texts.codeUsed,
    ],
  ];
  for (const [what, act, expected] of rows) {
    it(`${what} → refused`, async () => {
      expect(await act()).toBe(expected);
    });
  }
  it('no refused row left a grant or a binding behind', async () => {
    expect(await b.store.people.rolesOf(HEAD)).toEqual([]);
    expect(await b.store.people.rolesOf(COORD)).toEqual([]);
    expect(await b.store.people.rolesOf(LATER)).toEqual([]);
    expect(await b.store.chats.get('telegram', GROUP)).toBeUndefined();
    expect(await b.store.chats.get('telegram', COORD_GROUP)).toMatchObject({ target: { kind: 'coordinator' } });
  });
});
