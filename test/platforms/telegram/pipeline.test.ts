import type { Store } from '../../../src/store/store.js';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { accountId } from '../../../src/domain/roles.js';
import { createDeliver } from '../../../src/messaging/delivery.js';
import { createUpdatePipeline, type UpdatePipeline } from '../../../src/platforms/telegram/pipeline.js';
import type { FakeChat, FakeUser, SentMessage } from '../../fake-telegram/fake-bot-api.js';
import { createRecordingMessenger } from '../../helpers/recording-messenger.js';
import { telegramFixture, type TelegramFixture } from './telegram-fixture.js';
import { vi } from '../../../src/texts/vi.js';
import { choiceIds } from '../../../src/domain/report/conversation.js';

const HEAD: FakeUser = { id: 2002, first_name: 'Nguyễn Văn', last_name: 'Y Tế' };
const GROUP: FakeChat = { id: -100500, type: 'supergroup', title: 'Sở Y tế' };

describe('Telegram update pipeline (router, store, fake Bot API)', () => {
  let f: TelegramFixture;
  let pipeline: UpdatePipeline;
  const zalo = createRecordingMessenger('zalo');

  async function setup(store: 'embedded' | 'redis' = 'embedded') {
    f = await telegramFixture({ store });
    pipeline = createUpdatePipeline({
      router: f.bot.router,
      messenger: f.messenger,
      deliver: createDeliver([f.messenger, zalo.messenger]),
      store: f.bot.store,
      clock: f.bot.clock,
      logger: pino({ level: 'silent' }),
      me: f.client.me,
      instanceId: 'test-instance',
    });
    f.bot.services.botUsername = f.client.me.username;
    await f.bot.grant({ account: accountId('telegram', HEAD.id), role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn Y Tế' });
  }
  afterEach(async () => {
    await f?.close();
  });

  /** A person writes; resolves with what the bot said in that chat since. */
  async function say(from: FakeUser, chat: FakeChat, text: string, extra: { replyTo?: SentMessage } = {}): Promise<SentMessage[]> {
    const before = f.fake.sent(chat.id).length;
    await pipeline.submit(f.fake.messageUpdate(from, chat, text, extra));
    return f.fake.sent(chat.id).slice(before);
  }
  async function press(from: FakeUser, message: SentMessage, data: string, stale = false): Promise<SentMessage[]> {
    const before = f.fake.sent(message.chat.id).length;
    await pipeline.submit(f.fake.callbackUpdate(from, message, data, { stale }));
    return f.fake.sent(message.chat.id).slice(before);
  }
  const buttons = (m: SentMessage | undefined) => (m?.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');

  it.each(['embedded', 'redis'] as const)('an update delivered twice is handled once (%s store)', async (store) => {
    await setup(store);
    const update = f.fake.messageUpdate(HEAD, f.fake.privateChat(HEAD), '/toi');
    await Promise.all([pipeline.submit(update), pipeline.submit(update)]);
    await pipeline.submit(update);
    expect(f.fake.sent(HEAD.id)).toHaveLength(1);
    expect(pipeline.stats()).toMatchObject({ handled: 1, duplicates: 2 });
  });

  it("one chat's updates are answered in the order sent", async () => {
    await setup();
    const chat = f.fake.privateChat(HEAD);
    const texts = ['/toi', '/kyhan', '/trogiup', '/toi', '/kyhan', '/trogiup'];
    const firstLine = (text: string) => text.split('\n')[0];
    const expected: (string | undefined)[] = [];
    for (const t of texts)
      expected.push(...(await f.bot.say(accountId('telegram', HEAD.id), t, { name: 'Nguyễn Văn Y Tế' })).map((r) => firstLine(r.text)));
    await Promise.all(texts.map((t) => pipeline.submit(f.fake.messageUpdate(HEAD, chat, t))));
    expect(f.fake.sent(HEAD.id).map((m) => firstLine(m.text))).toEqual(expected);
    expect(await pipeline.drain(100)).toBe(true);
  });

  it('buttons: the press is answered, the keyboard removed, and a second press refused', async () => {
    await setup();
    const [question] = await say(HEAD, f.fake.privateChat(HEAD), '/baocao');
    const statusButtons = buttons(question);
    expect(statusButtons.length).toBeGreaterThan(0);
    const next = await press(HEAD, question as SentMessage, statusButtons[0] as string);
    expect(next.length).toBeGreaterThan(0);
    expect(f.fake.callsOf('answerCallbackQuery').at(-1)?.response.ok).toBe(true);
    expect(f.fake.callsOf('editMessageReplyMarkup')).toHaveLength(1);
    expect(f.fake.sent(HEAD.id).find((m) => m.message_id === question?.message_id)?.reply_markup).toBeUndefined();
    const again = await press(HEAD, question as SentMessage, statusButtons[0] as string, true);
    expect(again).toEqual([]);
    expect(f.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(vi.staleChoice);
  });

  it('in a group, a typed question uses force_reply and the answer (a reply to the bot) reaches the conversation', async () => {
    await setup();
    await f.bot.store.chats.bind({
      platform: 'telegram',
      chatId: String(GROUP.id),
      title: GROUP.title,
      target: { kind: 'agency', agencyId: 'so-y-te' },
      boundBy: accountId('telegram', HEAD.id),
      boundAt: 0,
    });
    let [question] = await say(HEAD, GROUP, '/baocao@DonDocTestBot');
    expect(question?.reply_parameters?.message_id).toBeGreaterThan(0);
    // Item 1: "in progress" asks for a percent, typed.
    const inProgress = buttons(question).find((b) => b === choiceIds.status(1, 'in-progress'));
    expect(inProgress, question?.text).toBeTruthy();
    [question] = await press(HEAD, question as SentMessage, inProgress as string);
    expect(question?.reply_markup).toEqual({ force_reply: true, selective: true });
    expect(question?.html).toContain(`<a href="tg://user?id=${HEAD.id}">`);
    const [afterPercent] = await say(HEAD, GROUP, '80', { replyTo: question });
    expect(afterPercent?.text).not.toContain(vi.staleChoice);
    expect(afterPercent?.text).toMatch(/2\/|ghi chú|note|Số|%/i);
  });

  it("in a group, buttons shown to one person are theirs: another member's press changes nothing", async () => {
    await setup();
    await f.bot.store.chats.bind({
      platform: 'telegram',
      chatId: String(GROUP.id),
      title: GROUP.title,
      target: { kind: 'agency', agencyId: 'so-y-te' },
      boundBy: accountId('telegram', HEAD.id),
      boundAt: 0,
    });
    const [question] = await say(HEAD, GROUP, '/baocao');
    const done = choiceIds.status(1, 'done');
    expect(buttons(question)).toContain(done);
    const bystander: FakeUser = { id: 7007, first_name: 'Người', last_name: 'Khác' };
    expect(await press(bystander, question as SentMessage, done)).toEqual([]);
    expect(f.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(vi.choiceNotYours('Nguyễn Văn Y Tế'));
    expect(f.fake.sent(GROUP.id).find((m) => m.message_id === question?.message_id)?.reply_markup).toBeDefined();
    // The person it was for still can.
    expect((await press(HEAD, question as SentMessage, done)).length).toBeGreaterThan(0);
    expect(f.fake.sent(GROUP.id).find((m) => m.message_id === question?.message_id)?.reply_markup).toBeUndefined();
  });

  it('a group that became a supergroup keeps its binding (migrate_to_chat_id)', async () => {
    await setup();
    const old: FakeChat = { id: -600, type: 'group', title: 'Điều phối' };
    await f.bot.store.chats.bind({
      platform: 'telegram',
      chatId: '-600',
      title: 'Điều phối',
      target: { kind: 'coordinator' },
      boundBy: 'telegram:1',
      boundAt: 0,
    });
    await pipeline.submit(f.fake.migrationUpdate(HEAD, old, -100600));
    expect(await f.bot.store.chats.get('telegram', '-600')).toBeUndefined();
    expect(await f.bot.store.chats.get('telegram', '-100600')).toMatchObject({ target: { kind: 'coordinator' }, title: 'Điều phối' });
    expect((await f.bot.store.audit.list(1))[0]).toMatchObject({ action: 'chat.bound', subject: 'telegram:-100600' });
  });

  it('a person who blocks the bot is recorded at once (my_chat_member), before any reminder fails', async () => {
    await setup();
    await pipeline.submit(f.fake.memberUpdate(HEAD, f.fake.privateChat(HEAD), 'member', 'kicked'));
    expect(await f.bot.store.contacts.get(accountId('telegram', HEAD.id))).toMatchObject({
      reachable: false,
      unreachableReason: 'blocked',
    });
    // Writing again makes them reachable (the router's touchContact).
    await say(HEAD, f.fake.privateChat(HEAD), '/toi');
    expect(await f.bot.store.contacts.get(accountId('telegram', HEAD.id))).toMatchObject({ reachable: true });
  });

  it('stickers and photos get the "text only" answer in private, silence in a group; edits are not taken', async () => {
    await setup();
    const chat = f.fake.privateChat(HEAD);
    const before = f.fake.sent(HEAD.id).length;
    await pipeline.submit(f.fake.messageUpdate(HEAD, chat, '', { kind: 'sticker' }));
    expect(f.fake.sent(HEAD.id)[before]?.text).toBe(vi.unsupported);
    await pipeline.submit(f.fake.messageUpdate(HEAD, chat, '/toi', { edited: true }));
    expect(f.fake.sent(HEAD.id)[before + 1]?.text).toBe(vi.edited);
    expect(await say(HEAD, GROUP, '', {})).toEqual([]);
  });

  it('replies to someone who blocked the bot stop at the first refusal', async () => {
    await setup();
    const router = { commands: f.bot.router.commands, handle: async () => [{ text: 'một' }, { text: 'hai' }, { text: 'ba' }] };
    const p = createUpdatePipeline({
      router,
      messenger: f.messenger,
      deliver: createDeliver([f.messenger]),
      store: f.bot.store,
      clock: f.bot.clock,
      logger: pino({ level: 'silent' }),
      me: f.client.me,
      instanceId: 'x',
    });
    const update = f.fake.messageUpdate(HEAD, f.fake.privateChat(HEAD), '/toi');
    f.fake.block(HEAD.id);
    await p.submit(update);
    expect(f.fake.callsOf('sendMessage')).toHaveLength(1);
    expect(await f.bot.store.contacts.get(accountId('telegram', HEAD.id))).toMatchObject({
      reachable: false,
      unreachableReason: 'blocked',
    });
  });

  it('a reply addressed to another chat goes through the Deliver (another platform too)', async () => {
    await setup();
    const router = {
      commands: f.bot.router.commands,
      handle: async () => [
        { text: 'cho Zalo', to: { platform: 'zalo', chatId: 'z1' } },
        { text: 'cho nhóm', to: { chatId: String(GROUP.id) } },
        { text: 'tại chỗ' },
      ],
    };
    f.fake.knowChat(GROUP);
    const p = createUpdatePipeline({
      router,
      messenger: f.messenger,
      deliver: createDeliver([f.messenger, zalo.messenger]),
      store: f.bot.store,
      clock: f.bot.clock,
      logger: pino({ level: 'silent' }),
      me: f.client.me,
      instanceId: 'x',
    });
    await p.submit(f.fake.messageUpdate(HEAD, f.fake.privateChat(HEAD), 'xin chào'));
    expect(zalo.to('z1').map((m) => m.text)).toEqual(['cho Zalo']);
    expect(f.fake.sent(GROUP.id).map((m) => m.text)).toEqual(['cho nhóm']);
    expect(f.fake.sent(HEAD.id).map((m) => m.text)).toEqual(['tại chỗ']);
  });

  it('an update the store cannot take in (Redis unreachable) is answered "not handled, send again", never met with silence', async () => {
    await setup();
    const unreachable = Object.assign(new Error('Reached the max retries per request limit (which is 10).'), {
      name: 'MaxRetriesPerRequestError',
    });
    // Leases and first claims unreachable (Redis gone), everything else as it is.
    const store = Object.assign(Object.create(f.bot.store) as Store, {
      leases: Object.assign(Object.create(f.bot.store.leases) as Store['leases'], { claim: () => Promise.reject(unreachable) }),
      firstClaims: { claim: () => Promise.reject(unreachable) },
    });
    const p = createUpdatePipeline({
      router: f.bot.router,
      messenger: f.messenger,
      deliver: createDeliver([f.messenger]),
      store,
      clock: f.bot.clock,
      logger: pino({ level: 'silent' }),
      me: f.client.me,
      instanceId: 'x',
    });
    const chat = f.fake.privateChat(HEAD);
    await p.submit(f.fake.messageUpdate(HEAD, chat, '/toi'));
    expect(f.fake.sent(chat.id).map((m) => m.text)).toEqual([vi.notProcessed]);
    // In a group, chatter not addressed to the bot stays unanswered; a command is answered.
    await p.submit(f.fake.messageUpdate(HEAD, GROUP, 'chào cả nhà'));
    await p.submit(f.fake.messageUpdate(HEAD, GROUP, '/toi'));
    expect(f.fake.sent(GROUP.id).map((m) => m.text.split('\n').at(-1))).toEqual([vi.notProcessed]);
    expect(p.stats().failed).toBe(3);
  });
});
