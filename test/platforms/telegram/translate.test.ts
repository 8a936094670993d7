import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { displayName, orderingKey, translateUpdate } from '../../../src/platforms/telegram/translate.js';

const me = { id: 999, username: 'DonDocTestBot' };
const from = { id: 42, is_bot: false, first_name: 'Lò Văn', last_name: 'An', language_code: 'en' };
const privateChat = { id: 42, type: 'private', first_name: 'Lò Văn' };
const group = { id: -100123, type: 'supergroup', title: 'Sở Y tế' };
const u = (x: Record<string, unknown>) => ({ update_id: 7, ...x }) as unknown as Update;
const msg = (extra: Record<string, unknown>, chat: Record<string, unknown> = privateChat) => ({
  message_id: 3,
  date: 1,
  chat,
  from,
  ...extra,
});

describe('translateUpdate', () => {
  it('a text message in private', () => {
    expect(translateUpdate(u({ message: msg({ text: '/kyhan' }) }), me, 1000)).toEqual({
      kind: 'incoming',
      messageId: 3,
      incoming: {
        platform: 'telegram',
        updateId: '7',
        chat: { id: '42', kind: 'private' },
        sender: { account: 'telegram:42', name: 'Lò Văn An', languageCode: 'en' },
        content: { type: 'text', text: '/kyhan' },
        receivedAt: 1000,
      },
    });
  });

  it('a group message with its title; a reply to the bot is marked', () => {
    const t = translateUpdate(
      u({
        message: msg(
          { text: '80', reply_to_message: { message_id: 2, date: 1, chat: group, from: { id: 999, is_bot: true, first_name: 'Bot' } } },
          group,
        ),
      }),
      me,
      0,
    );
    expect(t.kind === 'incoming' && t.incoming.chat).toEqual({ id: '-100123', kind: 'group', title: 'Sở Y tế' });
    expect(t.kind === 'incoming' && t.incoming.replyToBot).toBe(true);
  });

  it('a caption counts as text; stickers, photos and voice are unsupported; an edit is marked', () => {
    expect(translateUpdate(u({ message: msg({ caption: '/baocao 1 xong', photo: [{}] }) }), me, 0)).toMatchObject({
      incoming: { content: { type: 'text', text: '/baocao 1 xong' } },
    });
    expect(translateUpdate(u({ message: msg({ sticker: {} }) }), me, 0)).toMatchObject({
      incoming: { content: { type: 'unsupported', what: 'sticker' } },
    });
    expect(translateUpdate(u({ message: msg({ photo: [{}] }) }), me, 0)).toMatchObject({
      incoming: { content: { type: 'unsupported', what: 'photo' } },
    });
    expect(translateUpdate(u({ message: msg({ voice: {} }) }), me, 0)).toMatchObject({
      incoming: { content: { type: 'unsupported', what: 'voice' } },
    });
    expect(translateUpdate(u({ edited_message: msg({ text: 'sửa' }) }), me, 0)).toMatchObject({ incoming: { edited: true } });
  });

  it('a button press becomes a choice, with the message whose keyboard it was', () => {
    const t = translateUpdate(
      u({
        callback_query: { id: 'cb1', from, chat_instance: 'x', data: 'st:1:d', message: { message_id: 5, date: 100, chat: privateChat } },
      }),
      me,
      0,
    );
    expect(t).toMatchObject({
      kind: 'incoming',
      callback: { id: 'cb1', chatId: '42', messageId: 5, data: 'st:1:d' },
      incoming: { content: { type: 'choice', value: 'st:1:d' } },
    });
    const old = translateUpdate(
      u({ callback_query: { id: 'cb2', from, chat_instance: 'x', data: 'a', message: { message_id: 5, date: 0, chat: privateChat } } }),
      me,
      0,
    );
    expect(old.kind === 'incoming' && old.callback?.messageId).toBeUndefined();
  });

  it('a group turned supergroup, from either side', () => {
    expect(translateUpdate(u({ message: msg({ migrate_to_chat_id: -1009 }, { id: -5, type: 'group', title: 'x' }) }), me, 0)).toEqual({
      kind: 'migrate',
      fromChatId: '-5',
      toChatId: '-1009',
    });
    expect(
      translateUpdate(u({ message: msg({ migrate_from_chat_id: -5 }, { id: -1009, type: 'supergroup', title: 'x' }) }), me, 0),
    ).toEqual({ kind: 'migrate', fromChatId: '-5', toChatId: '-1009' });
  });

  it('the bot blocked in private, added to a group; channels, bots and service messages ignored', () => {
    const member = (chat: unknown, o: string, n: string) =>
      u({ my_chat_member: { chat, from, date: 1, old_chat_member: { status: o, user: {} }, new_chat_member: { status: n, user: {} } } });
    expect(translateUpdate(member(privateChat, 'member', 'kicked'), me, 0)).toMatchObject({
      kind: 'membership',
      chatKind: 'private',
      change: 'left',
    });
    expect(translateUpdate(member(group, 'left', 'member'), me, 0)).toMatchObject({
      kind: 'membership',
      chatKind: 'group',
      change: 'joined',
      title: 'Sở Y tế',
    });
    expect(translateUpdate(u({ channel_post: { message_id: 1, date: 1, chat: { id: -1, type: 'channel' }, text: 'x' } }), me, 0).kind).toBe(
      'ignore',
    );
    expect(translateUpdate(u({ message: msg({ text: 'x' }, { id: -3, type: 'channel', title: 'c' }) }), me, 0).kind).toBe('ignore');
    expect(translateUpdate(u({ message: { ...msg({ text: 'x' }), from: { id: 5, is_bot: true, first_name: 'b' } } }), me, 0).kind).toBe(
      'ignore',
    );
    expect(translateUpdate(u({ message: msg({ new_chat_members: [from] }, group) }), me, 0).kind).toBe('ignore');
  });

  it('a malformed update (only its update_id is checked by the webhook) is ignored, never thrown at', () => {
    const press = (x: Record<string, unknown>) =>
      u({ callback_query: { id: 'c', from, chat_instance: 'x', data: 'a', message: { message_id: 1, date: 1, chat: group }, ...x } });
    const malformed = [
      u({ message: '/baocao' }),
      u({ message: [] }),
      u({ message: { message_id: 1, date: 1, from, text: '/toi' } }),
      u({ message: { message_id: 1, date: 1, chat: null, from, text: '/toi' } }),
      u({ message: msg({ text: '/toi' }, { id: 'x', type: 'private' }) }),
      u({ message: { ...msg({ text: '/toi' }), from: { ...from, id: '42' } } }),
      u({ message: msg({ migrate_to_chat_id: null }, group) }),
      u({ my_chat_member: 7 }),
      u({ my_chat_member: { chat: group, date: 1, old_chat_member: { status: 'left' }, new_chat_member: { status: 'member' } } }),
      u({ my_chat_member: { chat: group, from, date: 1, new_chat_member: { status: 'member' } } }),
      u({ my_chat_member: { from, date: 1, old_chat_member: { status: 'left' }, new_chat_member: { status: 'member' } } }),
      press({ from: undefined }),
      press({ id: 5 }),
      press({ message: { message_id: 1, date: 1 } }),
    ];
    for (const update of malformed) expect(translateUpdate(update, me, 0)).toMatchObject({ kind: 'ignore' });
    // Data that is not a string is no choice; a name or language code of the wrong type is left out.
    expect(translateUpdate(press({ data: 12 }), me, 0)).toMatchObject({ kind: 'ignore', reason: 'callback without data' });
    const odd = translateUpdate(
      u({
        message: {
          ...msg({ text: '/toi' }),
          message_id: 'x',
          from: { id: 42, is_bot: false, first_name: 7, last_name: 'An', language_code: 5 },
        },
      }),
      me,
      0,
    );
    expect(odd).toMatchObject({ kind: 'incoming', incoming: { sender: { account: 'telegram:42', name: 'An' } } });
    expect(odd.kind === 'incoming' && [odd.messageId, odd.incoming.sender.languageCode]).toEqual([undefined, undefined]);
  });

  it('names and ordering keys', () => {
    expect(displayName({ id: 1, first_name: '', username: 'an' })).toBe('@an');
    expect(displayName({ id: 1, first_name: ' ' })).toBe('telegram:1');
    expect(orderingKey(u({ message: msg({ text: 'x' }, group) }))).toBe('chat:-100123');
    expect(
      orderingKey(
        u({ callback_query: { id: 'c', from, chat_instance: 'x', data: 'a', message: { message_id: 1, date: 1, chat: group } } }),
      ),
    ).toBe('chat:-100123');
  });
});
