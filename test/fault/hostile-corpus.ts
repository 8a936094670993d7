/**
 * A corpus of malformed and hostile webhook calls for Telegram and Zalo (issue 9, item 5): each case
 * is one HTTP request to the bot's own server, with the status it must get and what the bot must
 * say (or not say) afterwards. Generated from categories plus hand-written cases; every case has a
 * name. `test/fault/hostile-updates.test.ts` sends them through the real webhook routes, pipelines,
 * router and store, with replies going to the fake Telegram Bot API and the fake Zalo API.
 */

/** People and chats of the hostile world (the legitimate ones are set up by the test). */
export const TG = {
  admin: { id: 1001, first_name: 'Trần Thị', last_name: 'Điều Phối', language_code: 'vi' },
  head: { id: 2002, first_name: 'Nguyễn Văn', last_name: 'Y Tế', language_code: 'vi' },
  /** The agency group of Sở Y tế, bound during set-up. */
  boundGroup: -5002,
  /** A group nobody bound. */
  unboundGroup: -5001,
  /** The bot's own id (the fake Bot API's). */
  botId: 7000000001,
  botUsername: 'DonDocTestBot',
} as const;

export const ZL = {
  admin: { id: 'a0d1e2f3a4b5c6d7', display_name: 'Trần Thị Điều Phối' },
  /** Head of Sở Tư pháp on Zalo, registered during set-up. */
  head: { id: 'c0ffee00d00d1234', display_name: 'Lò Văn Tư Pháp' },
} as const;

/** Where a case's reply (if any) is looked for. */
export type Where = { platform: 'telegram'; chatId: number } | { platform: 'zalo'; chatId: string };

/**
 * What the bot must do after the call:
 *   reply   at least one message into `where`, each in Vietnamese (with diacritics), within limits;
 *   silent  nothing sent anywhere (deliberately ignored: the reason is in `why`);
 *   any     either (the case is about the HTTP layer or a store invariant, not the answer).
 */
export type Expect = 'reply' | 'silent' | 'any';

export interface HostileCase {
  name: string;
  category: string;
  /** Which webhook: its path and secret header are filled in by the test unless `raw` says otherwise. */
  target: 'telegram' | 'zalo';
  method?: string;
  /** Extra path after the webhook's (`/x`), or a whole other path (`=/other`). */
  path?: string;
  /** Header overrides; `secret: null` drops the secret header, a string replaces it. */
  secret?: string | null;
  headers?: Record<string, string>;
  /** A JSON value (serialised by the test) or raw bytes/text sent as they are. */
  body?: unknown;
  raw?: string | Buffer;
  /** Sent in pieces with pauses (a slow client). */
  slow?: boolean;
  /** Posted this many times (a platform's redelivery); the reply is counted once. */
  times?: number;
  /** The repeated posts all at once rather than one after another. */
  parallel?: boolean;
  status: number;
  expect: Expect;
  where?: Where;
  /** For a reply: a piece of text it must contain. */
  contains?: string | RegExp;
  /** For silence: why the code ignores it. */
  why?: string;
  /** The reply is in English on purpose (the sender's app is in English). */
  english?: boolean;
  /** A platform call this case may get refused, by design (e.g. removing the keyboard of a message that never existed). */
  allowRejected?: RegExp;
}

/** Placeholders the test fills in once the legitimate set-up has run. */
export interface CorpusContext {
  secret: string;
  zaloSecret: string;
  /** An invite code that stays open (head of Sở Tài chính): garbage must never consume it. */
  openCode: string;
  /** A group-link code (the coordinators' group), open too. */
  groupCode: string;
  /**
   * A stranger's private chat where the bot posted messages with inline keyboards: each call gives a
   * fresh callback query id (known to the fake Bot API) and a fresh keyboard message.
   */
  strangerKeyboard: { chatId: number; data: string; mint: () => { id: string; messageId: number } };
  /** A message of the bot with a keyboard in the bound group, owned by the head. */
  headGroupKeyboard: { chatId: number; messageId: number; data: string };
  /** Fresh update ids, so the pipeline's de-duplication does not hide a case. */
  nextUpdateId: () => number;
}

type TgUser = { id: number; first_name: string; last_name?: string; username?: string; language_code?: string; is_bot?: boolean };

/** A stranger with a fresh id for each case (no throttle or conversation carried over). */
let strangerSeq = 0;
export function stranger(extra: Partial<TgUser> = {}): TgUser {
  strangerSeq++;
  return { id: 3_000_000 + strangerSeq, first_name: 'Người lạ', last_name: String(strangerSeq), language_code: 'vi', ...extra };
}

let zaloSeq = 0;
export function zaloStranger(): { id: string; display_name: string } {
  zaloSeq++;
  return { id: `5eed${zaloSeq.toString(16).padStart(12, '0')}`, display_name: `Người lạ Zalo ${zaloSeq}` };
}

const now = () => Math.floor(Date.now() / 1000);
const privateChat = (u: TgUser) => ({ id: u.id, type: 'private', first_name: u.first_name });
const groupChat = (id: number, title = 'Nhóm thử') => ({ id, type: id < -1_000_000_000_000 ? 'supergroup' : 'group', title });
let messageSeq = 10_000;

/** A Telegram message update (the body of a webhook call). */
function tgMessage(
  ctx: CorpusContext,
  from: TgUser | undefined,
  chat: Record<string, unknown> | undefined,
  fields: Record<string, unknown>,
  kind: 'message' | 'edited_message' = 'message',
): Record<string, unknown> {
  const message: Record<string, unknown> = {
    message_id: messageSeq++,
    date: now(),
    ...(chat ? { chat } : {}),
    ...(from ? { from: { is_bot: false, ...from } } : {}),
    ...fields,
  };
  return { update_id: ctx.nextUpdateId(), [kind]: message };
}

const cmd = (text: string) => {
  const m = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return m ? { entities: [{ type: 'bot_command', offset: 0, length: m[0].length }] } : {};
};

/** A private text message from a fresh stranger; the case expects a reply there unless told. */
function strangerSays(
  ctx: CorpusContext,
  name: string,
  category: string,
  text: string,
  over: Partial<HostileCase> & { from?: Partial<TgUser> } = {},
): HostileCase {
  const u = stranger(over.from);
  const { from: _from, ...rest } = over;
  return {
    name,
    category,
    target: 'telegram',
    body: tgMessage(ctx, u, privateChat(u), { text, ...cmd(text) }),
    status: 200,
    expect: 'reply',
    where: { platform: 'telegram', chatId: u.id },
    ...rest,
  };
}

function headSays(ctx: CorpusContext, name: string, category: string, text: string, over: Partial<HostileCase> = {}): HostileCase {
  const u = TG.head;
  return {
    name,
    category,
    target: 'telegram',
    body: tgMessage(ctx, u, privateChat(u), { text, ...cmd(text) }),
    status: 200,
    expect: 'reply',
    where: { platform: 'telegram', chatId: u.id },
    ...over,
  };
}

function zaloUpdate(
  from: { id: unknown; display_name?: unknown; is_bot?: unknown } | undefined,
  event: unknown,
  fields: Record<string, unknown> = {},
  chat?: Record<string, unknown>,
): Record<string, unknown> {
  const fromId = from && typeof from.id === 'string' ? from.id : 'nobody';
  return {
    event_name: event,
    message: {
      message_id: `hz${(messageSeq++).toString(16)}`,
      date: Date.now(),
      ...(from ? { from: { is_bot: false, ...from } } : {}),
      chat: chat ?? { id: fromId, chat_type: 'PRIVATE' },
      ...fields,
    },
  };
}

function zaloSays(name: string, category: string, text: string, over: Partial<HostileCase> = {}): HostileCase {
  const u = zaloStranger();
  return {
    name,
    category,
    target: 'zalo',
    body: zaloUpdate(u, 'message.text.received', { text }),
    status: 200,
    expect: 'reply',
    where: { platform: 'zalo', chatId: u.id },
    ...over,
  };
}

/** Unicode oddities people (or attackers) paste. */
export const WEIRD_TEXTS: readonly [string, string][] = [
  ['NUL bytes', 'a\u0000b\u0000c'],
  ['only NULs', '\u0000\u0000\u0000'],
  ['zero-width joiners and spaces', '\u200b\u200c\u200d\u2060\ufeff'],
  ['RTL override', '\u202egnp.exe\u202c báo cáo'],
  ['RTL Arabic and Hebrew', 'مرحبا שלום'],
  ['combining marks ×1000', `a${'\u0301'.repeat(1000)}`],
  ['zalgo', 'H̸̡̪̯ͨ͊̽̅̾̎Ȩ̬̩̾͛ͪ̈́̀́͘ ̶̧̨̱̹̭̯ͧ̾ͬC̷̙̲̝͖ͭ̏ͥͮ͟Oͮ͏̮̪̝͍M̲̖͊̒ͪͩͬ̚̚͜Ȇ̴̟̟͙̞ͩ͌͝S̨̥̫͎̭ͯ̿̔̀ͅ'],
  ['emoji with skin tones and ZWJ', '👩🏽‍💻👨‍👩‍👧‍👦🏳️‍🌈'],
  ['lone high surrogate', 'x\ud800y'],
  ['lone low surrogate', 'x\udc00y'],
  ['reversed surrogate pair', '\udc00\ud800'],
  ['decomposed Vietnamese (NFD)', 'báo cáo'.normalize('NFD')],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
  ['CRLF and tabs', '\r\n\t\r\n'],
  ['only whitespace', ' \t \u00a0\u3000'],
  ['HTML tags', '<b>đậm</b><script>alert(1)</script>'],
  ['unclosed code tag', '</code><code><pre>'],
  ['HTML entities', '&amp; &lt; &#0; &#x110000; &bogus;'],
  ['Markdown injection', '*bold* _it_ `code` [x](javascript:alert(1)) ||spoiler||'],
  ['SQL injection', "1'; DROP TABLE submissions; --"],
  ['template and format strings', '${process.exit(1)} %s%s%s%n {{7*7}}'],
  ['prototype pollution words', '__proto__ constructor prototype'],
  ['huge number', '1e309'],
  ['NaN and Infinity', 'NaN Infinity -Infinity'],
  ['fullwidth digits', '１２３'],
  ['Arabic-Indic digits', '٨٠'],
  ['private-use and noncharacters', '\ue000\uffff\ufffe'],
  ['astral plane', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈 🀄'],
  ['a slash alone', '/'],
  ['slash and spaces', '/   '],
  ['command with unicode name', '/báocáo'],
  ['command longer than 32', `/${'a'.repeat(40)}`],
  ['command with NUL', '/baocao\u0000'],
];

/** `/baocao` with arguments no report has. */
export const ABSURD_REPORT_ARGS: readonly string[] = [
  '99 150%',
  '-3',
  '1e309',
  'NaN',
  'Infinity',
  '0 0%',
  '1: 100000000000000000000000%',
  '1: -0%',
  '<b>',
  '</code>',
  '&amp;',
  '<a href="tg://user?id=1">x</a>',
  "1: xong'; DROP TABLE reports; --",
  '1: xong\u0000',
  '1:',
  ':',
  '1 2 3 4 5 6 7 8 9 10',
  `1: ${'ghi chú '.repeat(400)}`,
  '7: 100% đăng 35 tin\n7: 0%',
  '__proto__: xong',
];

export function buildCorpus(ctx: CorpusContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (...c: HostileCase[]) => cases.push(...c);
  const sampleUpdate = () => {
    const u = stranger();
    return { u, body: tgMessage(ctx, u, privateChat(u), { text: '/toi', ...cmd('/toi') }) };
  };

  // ── Telegram webhook: the HTTP layer ─────────────────────────────────────────────────────
  {
    const c = 'telegram http';
    const silent = { expect: 'silent' as const, why: 'refused before the body is read or parsed' };
    add({ name: 'no secret header', category: c, target: 'telegram', secret: null, body: sampleUpdate().body, status: 401, ...silent });
    add({ name: 'empty secret header', category: c, target: 'telegram', secret: '', body: sampleUpdate().body, status: 401, ...silent });
    add({
      name: 'wrong secret',
      category: c,
      target: 'telegram',
      secret: 'not-the-secret',
      body: sampleUpdate().body,
      status: 401,
      ...silent,
    });
    add({
      name: 'secret with one more character',
      category: c,
      target: 'telegram',
      secret: `${ctx.secret}x`,
      body: sampleUpdate().body,
      status: 401,
      ...silent,
    });
    add({
      name: 'secret missing its last character',
      category: c,
      target: 'telegram',
      secret: ctx.secret.slice(0, -1),
      body: sampleUpdate().body,
      status: 401,
      ...silent,
    });
    add({
      name: 'secret in upper case',
      category: c,
      target: 'telegram',
      secret: ctx.secret.toUpperCase(),
      body: sampleUpdate().body,
      status: 401,
      ...silent,
    });
    add({
      name: 'overlong secret (8 KB)',
      category: c,
      target: 'telegram',
      secret: 's'.repeat(8 * 1024),
      body: sampleUpdate().body,
      status: 401,
      ...silent,
    });
    add({
      name: "Zalo's secret header sent to Telegram",
      category: c,
      target: 'telegram',
      secret: null,
      headers: { 'x-bot-api-secret-token': ctx.secret },
      body: sampleUpdate().body,
      status: 401,
      ...silent,
    });
    add({
      name: 'secret as a query parameter instead of a header',
      category: c,
      target: 'telegram',
      secret: null,
      path: `?secret_token=${ctx.secret}`,
      body: sampleUpdate().body,
      status: 401,
      ...silent,
    });
    {
      const { u, body } = sampleUpdate();
      add({
        name: 'secret header name in mixed case (HTTP headers are case-insensitive: accepted)',
        category: c,
        target: 'telegram',
        secret: null,
        headers: { 'X-TELEGRAM-Bot-Api-SECRET-Token': ctx.secret },
        body,
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'])
      add({
        name: `${method} instead of POST`,
        category: c,
        target: 'telegram',
        method,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: sampleUpdate().body }),
        status: 405,
        ...silent,
      });
    add({ name: 'another path', category: c, target: 'telegram', path: '=/other', body: sampleUpdate().body, status: 404, ...silent });
    add({
      name: 'webhook path with a trailing slash',
      category: c,
      target: 'telegram',
      path: '/',
      body: sampleUpdate().body,
      status: 404,
      ...silent,
    });
    add({
      name: 'webhook path in upper case',
      category: c,
      target: 'telegram',
      path: '=/TELEGRAM',
      body: sampleUpdate().body,
      status: 404,
      ...silent,
    });
    add({
      name: 'path traversal (normalised to /zalo/files, which is GET only)',
      category: c,
      target: 'telegram',
      path: '=/telegram/../zalo/files',
      body: sampleUpdate().body,
      status: 405,
      ...silent,
    });
    const bad = { status: 400, ...silent };
    for (const [name, raw] of [
      ['empty body', ''],
      ['truncated JSON', '{"update_id": 1, "message": '],
      ['JSON with a trailing comma', '{"update_id": 1,}'],
      ['single-quoted JSON', "{'update_id': 1}"],
      ['JSON null', 'null'],
      ['JSON true', 'true'],
      ['JSON number', '42'],
      ['JSON string', '"update"'],
      ['JSON array', '[1, 2, 3]'],
      ['JSON array of an update', JSON.stringify([{ update_id: 1 }])],
      ['empty object', '{}'],
      ['byte-order mark before the JSON', `\ufeff{"update_id": 5}`],
      ['update_id as a string', '{"update_id": "12"}'],
      ['update_id a fraction', '{"update_id": 1.5}'],
      ['update_id beyond 2^53', '{"update_id": 9007199254740993}'],
      ['update_id 1e400 (Infinity)', '{"update_id": 1e400}'],
      ['update_id null', '{"update_id": null}'],
      ['update_id an array', '{"update_id": [1]}'],
      ['update_id missing', JSON.stringify({ message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'hi' } })],
      ['NaN literal', '{"update_id": NaN}'],
      ['JSON nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['UTF-16 body', Buffer.from('{"update_id": 7}', 'utf16le')],
      ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
      ['form-encoded body', 'update_id=1&message=hi'],
    ] as [string, string | Buffer][])
      add({ name, category: c, target: 'telegram', raw, ...bad });
    add({ name: 'body over 1 MiB', category: c, target: 'telegram', raw: Buffer.alloc(1024 * 1024 + 1, 0x20), status: 413, ...silent });
    add({ name: 'body of 3 MiB', category: c, target: 'telegram', raw: Buffer.alloc(3 * 1024 * 1024, 0x7b), status: 413, ...silent });
    add({
      name: 'content-length declared at 10 GB',
      category: c,
      target: 'telegram',
      headers: { 'content-length': String(10 * 1024 ** 3) },
      raw: '{}',
      status: 413,
      ...silent,
    });
    {
      const u = stranger();
      const text = 'a'.repeat(1024 * 1024 - 300);
      add({
        name: 'body just under 1 MiB (a 1 MB text)',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, u, privateChat(u), { text }),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
        contains: 'quá 4000 ký tự',
      });
    }
    {
      const { u, body } = sampleUpdate();
      add({
        name: 'content-type text/plain (not checked: the body decides)',
        category: c,
        target: 'telegram',
        headers: { 'content-type': 'text/plain' },
        body,
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
    {
      const { u, body } = sampleUpdate();
      add({
        name: 'no content-type at all',
        category: c,
        target: 'telegram',
        headers: { 'content-type': '' },
        body,
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
    {
      const { u, body } = sampleUpdate();
      add({
        name: 'a slow body (three pieces, pauses between)',
        category: c,
        target: 'telegram',
        body,
        slow: true,
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
    {
      const { u, body } = sampleUpdate();
      add({
        name: 'the same update_id delivered 3 times (answered once)',
        category: c,
        target: 'telegram',
        body,
        times: 3,
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
    {
      const { u, body } = sampleUpdate();
      add({
        name: 'the same update_id delivered 10 times at once (answered once)',
        category: c,
        target: 'telegram',
        body,
        times: 10,
        parallel: true,
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
    add({
      name: 'a chunked body over 1 MiB (no content-length)',
      category: c,
      target: 'telegram',
      raw: Buffer.alloc(2 * 1024 * 1024, 0x20),
      slow: true,
      status: 413,
      expect: 'silent',
      why: 'refused while reading',
    });
    {
      const u = stranger();
      add({
        name: 'update_id 0',
        category: c,
        target: 'telegram',
        body: { ...tgMessage(ctx, u, privateChat(u), { text: '/toi', ...cmd('/toi') }), update_id: 0 },
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
    {
      const u = stranger();
      add({
        name: 'negative update_id',
        category: c,
        target: 'telegram',
        body: { ...tgMessage(ctx, u, privateChat(u), { text: '/toi', ...cmd('/toi') }), update_id: -424242 },
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
    {
      const u = stranger();
      add({
        name: 'update_id 2^53 - 1',
        category: c,
        target: 'telegram',
        body: { ...tgMessage(ctx, u, privateChat(u), { text: '/toi', ...cmd('/toi') }), update_id: Number.MAX_SAFE_INTEGER },
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: u.id },
      });
    }
  }

  // ── Telegram: update kinds the bot does not ask for ─────────────────────────────────────
  {
    const c = 'telegram unknown update kinds';
    const u = stranger();
    const msg = { message_id: 1, date: now(), chat: { id: -1001234, type: 'channel', title: 'Kênh' }, text: '/baocao' };
    const others: [string, Record<string, unknown>][] = [
      ['channel_post', { channel_post: msg }],
      ['edited_channel_post', { edited_channel_post: msg }],
      [
        'poll',
        {
          poll: {
            id: 'p',
            question: '?',
            options: [],
            total_voter_count: 0,
            is_closed: false,
            is_anonymous: true,
            type: 'regular',
            allows_multiple_answers: false,
          },
        },
      ],
      ['poll_answer', { poll_answer: { poll_id: 'p', user: { id: u.id, is_bot: false, first_name: 'x' }, option_ids: [0] } }],
      ['inline_query', { inline_query: { id: 'iq', from: { id: u.id, is_bot: false, first_name: 'x' }, query: '/baocao', offset: '' } }],
      [
        'chosen_inline_result',
        { chosen_inline_result: { result_id: 'r', from: { id: u.id, is_bot: false, first_name: 'x' }, query: 'q' } },
      ],
      ['shipping_query', { shipping_query: { id: 's', from: { id: u.id }, invoice_payload: 'x' } }],
      ['pre_checkout_query', { pre_checkout_query: { id: 'pc', from: { id: u.id }, currency: 'VND', total_amount: 1 } }],
      [
        'chat_member',
        {
          chat_member: {
            chat: groupChat(TG.boundGroup),
            from: { id: u.id },
            date: now(),
            old_chat_member: { status: 'left' },
            new_chat_member: { status: 'member' },
          },
        },
      ],
      ['chat_join_request', { chat_join_request: { chat: groupChat(TG.boundGroup), from: { id: u.id }, date: now() } }],
      [
        'message_reaction',
        {
          message_reaction: {
            chat: privateChat(u),
            message_id: 1,
            date: now(),
            old_reaction: [],
            new_reaction: [{ type: 'emoji', emoji: '👍' }],
          },
        },
      ],
      [
        'business_connection',
        { business_connection: { id: 'b', user: { id: u.id }, user_chat_id: u.id, date: now(), can_reply: true, is_enabled: true } },
      ],
      [
        'business_message',
        {
          business_message: {
            message_id: 5,
            date: now(),
            chat: privateChat(u),
            from: { id: u.id, is_bot: false, first_name: 'x' },
            text: '/baocao',
            business_connection_id: 'b',
          },
        },
      ],
      ['deleted_business_messages', { deleted_business_messages: { business_connection_id: 'b', chat: privateChat(u), message_ids: [1] } }],
      ['purchased_paid_media', { purchased_paid_media: { from: { id: u.id }, paid_media_payload: 'x' } }],
      ['an invented kind', { message_from_the_future: { text: '/baocao' } }],
      ['message: null', { message: null }],
      ['message: a string', { message: '/baocao' }],
      ['message: an array', { message: [] }],
      ['callback_query: null', { callback_query: null }],
      ['my_chat_member: a number', { my_chat_member: 7 }],
    ];
    for (const [name, body] of others)
      add({
        name,
        category: c,
        target: 'telegram',
        body: { update_id: ctx.nextUpdateId(), ...body },
        status: 200,
        expect: 'silent',
        why: 'an update kind the bot does not handle is ignored',
      });
    const member = (chat: Record<string, unknown>, oldStatus: unknown, newStatus: unknown, extra: Record<string, unknown> = {}) => ({
      update_id: ctx.nextUpdateId(),
      my_chat_member: {
        chat,
        from: { id: u.id, is_bot: false, first_name: 'x' },
        date: now(),
        old_chat_member: { status: oldStatus, user: { id: TG.botId } },
        new_chat_member: { status: newStatus, user: { id: TG.botId } },
        ...extra,
      },
    });
    add({
      name: 'my_chat_member: status unchanged',
      category: c,
      target: 'telegram',
      body: member(groupChat(TG.unboundGroup), 'member', 'member'),
      status: 200,
      expect: 'silent',
      why: 'membership unchanged',
    });
    add({
      name: 'my_chat_member: bot added to an unbound group',
      category: c,
      target: 'telegram',
      body: member(groupChat(-5101), 'left', 'member'),
      status: 200,
      expect: 'silent',
      why: 'only logged',
    });
    add({
      name: 'my_chat_member: invented statuses',
      category: c,
      target: 'telegram',
      body: member(groupChat(-5102), 'ghost', 42),
      status: 200,
      expect: 'silent',
      why: 'neither counts as present: unchanged',
    });
    add({
      name: 'my_chat_member: in a channel',
      category: c,
      target: 'telegram',
      body: member({ id: -100777, type: 'channel', title: 'k' }, 'left', 'administrator'),
      status: 200,
      expect: 'silent',
      why: 'channels are not for this bot',
    });
    add({
      name: 'my_chat_member: a stranger blocks the bot in private',
      category: c,
      target: 'telegram',
      body: member(privateChat(stranger()), 'member', 'kicked'),
      status: 200,
      expect: 'silent',
      why: 'recorded as unreachable, nothing said',
    });
    add({
      name: 'my_chat_member: old_chat_member missing',
      category: c,
      target: 'telegram',
      body: {
        update_id: ctx.nextUpdateId(),
        my_chat_member: {
          chat: groupChat(-5103),
          from: { id: u.id, is_bot: false, first_name: 'x' },
          date: now(),
          new_chat_member: { status: 'member' },
        },
      },
      status: 200,
      expect: 'silent',
      why: 'a malformed update is ignored',
    });
    add({
      name: 'my_chat_member: from missing',
      category: c,
      target: 'telegram',
      body: {
        update_id: ctx.nextUpdateId(),
        my_chat_member: { chat: groupChat(-5104), date: now(), old_chat_member: { status: 'left' }, new_chat_member: { status: 'member' } },
      },
      status: 200,
      expect: 'silent',
      why: 'a malformed update is ignored',
    });
    add({
      name: 'my_chat_member: chat missing',
      category: c,
      target: 'telegram',
      body: {
        update_id: ctx.nextUpdateId(),
        my_chat_member: { from: { id: u.id }, old_chat_member: { status: 'left' }, new_chat_member: { status: 'member' } },
      },
      status: 200,
      expect: 'silent',
      why: 'a malformed update is ignored',
    });
  }

  // ── Telegram: message shapes ─────────────────────────────────────────────────────────────
  {
    const c = 'telegram message shapes';
    const u = () => stranger();
    const malformed = { expect: 'silent' as const, why: 'a malformed update is ignored' };
    {
      const s = u();
      add({
        name: 'message without from',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, undefined, privateChat(s), { text: '/toi' }),
        status: 200,
        expect: 'silent',
        why: 'not from a person',
      });
    }
    {
      const s = u();
      add({
        name: 'message without chat',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, undefined, { text: '/toi' }),
        status: 200,
        ...malformed,
      });
    }
    {
      const s = u();
      add({
        name: 'message with chat null',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, undefined, { chat: null, text: '/toi' }),
        status: 200,
        ...malformed,
      });
    }
    {
      const s = u();
      add({
        name: 'message with from null',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, undefined, privateChat(s), { from: null, text: '/toi' }),
        status: 200,
        expect: 'silent',
        why: 'not from a person',
      });
    }
    {
      const s = u();
      add({
        name: 'chat without a type',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, { id: s.id }, { text: '/toi' }),
        status: 200,
        expect: 'silent',
        why: 'chat type unknown',
      });
    }
    {
      const s = u();
      add({
        name: 'chat type "secret"',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, { id: s.id, type: 'secret' }, { text: '/toi' }),
        status: 200,
        expect: 'silent',
        why: 'chat type unknown',
      });
    }
    {
      const s = u();
      add({
        name: 'from a bot',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, { ...s, is_bot: true }, privateChat(s), { text: '/toi' }),
        status: 200,
        expect: 'silent',
        why: 'not from a person',
      });
    }
    {
      const s = u();
      add({
        name: 'from the bot itself',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, { id: TG.botId, first_name: 'Đôn Đốc', is_bot: true }, privateChat(s), { text: '/toi' }),
        status: 200,
        expect: 'silent',
        why: 'not from a person',
      });
    }
    {
      const s = u();
      add({
        name: 'a channel chat',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, { id: -1009999, type: 'channel', title: 'Kênh' }, { text: '/baocao' }),
        status: 200,
        expect: 'silent',
        why: 'channels are not for this bot',
      });
    }
    {
      const s = u();
      add({
        name: 'text missing (a bare message)',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), {}),
        status: 200,
        expect: 'silent',
        why: 'a service message',
      });
    }
    {
      const s = u();
      add({
        name: 'text a number',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), { text: 42 }),
        status: 200,
        expect: 'silent',
        why: 'a service message (no string text)',
      });
    }
    {
      const s = u();
      add({
        name: 'text an object',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), { text: { toString: 'x' } }),
        status: 200,
        expect: 'silent',
        why: 'a service message (no string text)',
      });
    }
    {
      const s = u();
      add({
        name: 'from.id a string',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, { ...s, id: 'abc' as unknown as number }, privateChat(s), { text: '/toi' }),
        status: 200,
        expect: 'any',
      });
    }
    {
      const s = u();
      add({
        name: 'from.id negative',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, { ...s, id: -s.id }, privateChat(s), { text: '/toi' }),
        status: 200,
        expect: 'any',
      });
    }
    {
      const s = u();
      add({
        name: 'from.id with spaces and slashes',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, { ...s, id: '1 / 2:3' as unknown as number }, privateChat(s), { text: '/toi' }),
        status: 200,
        expect: 'any',
      });
    }
    {
      const s = u();
      add({
        name: 'chat.id a fraction',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, { id: 1.5, type: 'private' }, { text: '/toi' }),
        status: 200,
        expect: 'any',
      });
    }
    add(strangerSays(ctx, 'empty text', c, ''));
    add(strangerSays(ctx, 'text of 5,000 characters', c, 'x'.repeat(5000), { contains: 'quá 4000 ký tự' }));
    add(strangerSays(ctx, 'text of exactly 4,000 characters', c, 'y'.repeat(4000)));
    add(strangerSays(ctx, 'command followed by 5,000 characters', c, `/toi ${'z'.repeat(5000)}`, { contains: 'quá 4000 ký tự' }));
    {
      const s = u();
      add({
        name: 'a 100 KB caption on a photo',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), {
          photo: [{ file_id: 'AgAC', file_unique_id: 'p', width: 1, height: 1 }],
          caption: 'c'.repeat(100 * 1024),
        }),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
        contains: 'quá 4000 ký tự',
      });
    }
    {
      const s = u();
      add({
        name: 'an empty caption on a photo',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), { photo: [{ file_id: 'AgAC', file_unique_id: 'p', width: 1, height: 1 }], caption: '   ' }),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
      });
    }
    for (const [name, text] of WEIRD_TEXTS) add(strangerSays(ctx, `text: ${name}`, c, text));
    for (const [name, text] of WEIRD_TEXTS.slice(0, 12))
      add(strangerSays(ctx, `name: ${name}, /toi`, c, '/toi', { from: { first_name: text, last_name: '</code><b>&amp;' } }));
    add(strangerSays(ctx, 'a name of 10,000 characters, /toi', c, '/toi', { from: { first_name: 'Ng'.repeat(5000) } }));
    add(strangerSays(ctx, 'a name that is only spaces, /start', c, '/start', { from: { first_name: '   ', last_name: '\u200b' } }));
    add(strangerSays(ctx, 'an English speaker gets English', c, '/toi', { from: { language_code: 'en' }, english: true }));
    add(strangerSays(ctx, 'a language code of 1,000 characters', c, '/toi', { from: { language_code: 'vi'.repeat(500) } }));
    add(
      strangerSays(ctx, "/toi@OtherBot in private (another bot's command)", c, '/toi@OtherBot', {
        expect: 'silent',
        why: 'a command for another bot is left alone',
      }),
    );
    add(strangerSays(ctx, `/toi@${TG.botUsername} in private`, c, `/toi@${TG.botUsername}`));
    add(strangerSays(ctx, '/toi@ with an empty bot name', c, '/toi@'));
    add(strangerSays(ctx, '/TOI in capitals', c, '/TOI'));
    add(strangerSays(ctx, 'an unknown command', c, '/xoa_het_du_lieu'));
    add(strangerSays(ctx, '/help', c, '/help'));
    add(strangerSays(ctx, '/trogiup with junk arguments', c, `/trogiup ${'<>&'.repeat(50)}`));
    for (const command of [
      '/baocao',
      '/huy',
      '/duyet',
      '/kyhan',
      '/coquan',
      '/uyquyen 1 2025-01-01 2025-12-31',
      '/moi so-y-te',
      '/moi dieuphoi',
      '/thuhoi telegram:2002',
      '/huylienket',
      '/nhatky',
      '/dotxuat 2025-12-31 so-y-te | nộp ngay',
      '/status',
      '/tonghop',
      '/xuat',
      '/nhac',
      '/lienket taikhoan',
      '/lienket',
    ])
      add(strangerSays(ctx, `a stranger tries ${command.slice(0, 30)}`, 'telegram privilege', command));
    for (const args of ABSURD_REPORT_ARGS)
      add(strangerSays(ctx, `a stranger: /baocao ${args.slice(0, 30)}`, 'telegram absurd report', `/baocao ${args}`));
    const media: [string, Record<string, unknown>][] = [
      [
        'sticker',
        {
          sticker: { file_id: 'CAAC', file_unique_id: 's', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false },
        },
      ],
      ['photo', { photo: [{ file_id: 'AgAC', file_unique_id: 'p', width: 1, height: 1 }] }],
      ['voice', { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }],
      ['video note', { video_note: { file_id: 'vn', file_unique_id: 'vn', length: 1, duration: 1 } }],
      ['document', { document: { file_id: 'd', file_unique_id: 'd', file_name: '../../etc/passwd' } }],
      ['location', { location: { latitude: 22.39, longitude: 103.45 } }],
      ['venue', { venue: { location: { latitude: 0, longitude: 0 }, title: '<b>', address: '&' } }],
      ['contact', { contact: { phone_number: '+84 000', first_name: '<script>' } }],
      ['dice', { dice: { emoji: '🎲', value: 6 } }],
      ['poll', { poll: { id: 'p', question: '?', options: [] } }],
      ['animation', { animation: { file_id: 'a', file_unique_id: 'a' } }],
      ['sticker: null (a field that is there, so not text)', { sticker: null }],
    ];
    for (const [name, fields] of media) {
      const s = u();
      add({
        name: `${name} in private`,
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), fields),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
        contains: 'chỉ đọc được tin nhắn chữ',
      });
    }
    for (const [name, fields] of media.slice(0, 4)) {
      const s = u();
      add({
        name: `${name} in the bound group`,
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, groupChat(TG.boundGroup), fields),
        status: 200,
        expect: 'silent',
        why: 'in groups the bot keeps quiet about what is not addressed to it',
      });
    }
    {
      const s = u();
      add({
        name: 'edited message in private',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), { text: '/toi', edit_date: now() }, 'edited_message'),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
      });
    }
    {
      const s = u();
      add({
        name: 'edited message in a group',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, groupChat(TG.unboundGroup), { text: '/baocao', edit_date: now() }, 'edited_message'),
        status: 200,
        expect: 'silent',
        why: 'edits in groups are ignored',
      });
    }
    {
      const s = u();
      add({
        name: 'message and edited_message in one update',
        category: c,
        target: 'telegram',
        body: {
          ...tgMessage(ctx, s, privateChat(s), { text: '/toi', ...cmd('/toi') }),
          edited_message: { message_id: 1, date: now(), chat: privateChat(s), from: s, text: 'x' },
        },
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
      });
    }
    {
      const s = u();
      add({
        name: 'a forwarded /dangky from someone else',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), {
          text: `/dangky ${'Z'.repeat(22)}`,
          forward_origin: { type: 'user', sender_user: { id: TG.admin.id, is_bot: false, first_name: 'x' }, date: now() },
        }),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
      });
    }
    {
      const s = u();
      add({
        name: "a reply to another person's message",
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), {
          text: 'đồng ý',
          reply_to_message: {
            message_id: 3,
            date: now(),
            chat: privateChat(s),
            from: { id: 42, is_bot: false, first_name: 'A' },
            text: '/baocao',
          },
        }),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
      });
    }
    {
      const s = u();
      add({
        name: 'a reply to a message of the bot, in the unbound group',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, groupChat(TG.unboundGroup), {
          text: '80',
          reply_to_message: {
            message_id: 3,
            date: now(),
            chat: groupChat(TG.unboundGroup),
            from: { id: TG.botId, is_bot: true, first_name: 'Đôn Đốc' },
            text: '?',
          },
        }),
        status: 200,
        expect: 'silent',
        why: 'plain text in a group with no conversation open',
      });
    }
    {
      const s = u();
      add({
        name: 'reply_to_message nested 1,000 deep',
        category: c,
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), {
          text: 'ok',
          reply_to_message: Array.from({ length: 1000 }).reduce<Record<string, unknown>>(
            (inner) => ({ message_id: 1, date: 0, chat: privateChat(s), reply_to_message: inner }),
            {},
          ),
        }),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
      });
    }
    // Groups: strangers, the unbound group, the bound group.
    for (const [gname, gid] of [
      ['the unbound group', TG.unboundGroup],
      ['the bound group of Sở Y tế', TG.boundGroup],
    ] as [string, number][]) {
      for (const text of ['xin chào', '80%', 'xong', '1']) {
        const s = u();
        add({
          name: `a stranger says "${text}" in ${gname}`,
          category: 'telegram groups',
          target: 'telegram',
          body: tgMessage(ctx, s, groupChat(gid), { text }),
          status: 200,
          expect: 'silent',
          why: 'plain text in a group is not for the bot',
        });
      }
      for (const text of [
        '/baocao',
        '/baocao@DonDocTestBot 1: xong',
        '/kyhan',
        '/huy',
        '/lienket',
        `/lienket ${'Q'.repeat(30)}`,
        '/dangky',
        '/status',
      ]) {
        const s = u();
        add({
          name: `a stranger: ${text.slice(0, 24)} in ${gname}`,
          category: 'telegram groups',
          target: 'telegram',
          body: tgMessage(ctx, s, groupChat(gid), { text, ...cmd(text) }),
          status: 200,
          expect: 'reply',
          where: { platform: 'telegram', chatId: gid },
        });
      }
      {
        const s = u();
        add({
          name: `a stranger: /baocao@OtherBot in ${gname}`,
          category: 'telegram groups',
          target: 'telegram',
          body: tgMessage(ctx, s, groupChat(gid), { text: '/baocao@OtherBot', ...cmd('/baocao@OtherBot') }),
          status: 200,
          expect: 'silent',
          why: "another bot's command",
        });
      }
      {
        const s = u();
        add({
          name: `a stranger: an unknown command in ${gname}`,
          category: 'telegram groups',
          target: 'telegram',
          body: tgMessage(ctx, s, groupChat(gid), { text: '/abc', ...cmd('/abc') }),
          status: 200,
          expect: 'silent',
          why: 'unknown commands without @bot in groups may be for another bot',
        });
      }
    }
    // Migrations of groups nobody bound.
    {
      const s = u();
      add({
        name: 'migrate_to_chat_id from an unbound group',
        category: 'telegram migration',
        target: 'telegram',
        body: tgMessage(ctx, s, groupChat(-5201), { migrate_to_chat_id: -1005201 }),
        status: 200,
        expect: 'silent',
        why: 'nothing bound to move',
      });
      add({
        name: 'migrate_from_chat_id into a new supergroup (unbound)',
        category: 'telegram migration',
        target: 'telegram',
        body: tgMessage(ctx, s, groupChat(-1005202), { migrate_from_chat_id: -5202 }),
        status: 200,
        expect: 'silent',
        why: 'nothing bound to move',
      });
      add({
        name: 'migrate_to_chat_id a string',
        category: 'telegram migration',
        target: 'telegram',
        body: tgMessage(ctx, s, groupChat(-5203), { migrate_to_chat_id: 'nowhere' }),
        status: 200,
        expect: 'silent',
        why: 'nothing bound to move',
      });
      add({
        name: 'migrate_to_chat_id null (no migration)',
        category: 'telegram migration',
        target: 'telegram',
        body: tgMessage(ctx, s, groupChat(-5204), { migrate_to_chat_id: null }),
        status: 200,
        expect: 'any',
      });
      add({
        name: 'migrate_to_chat_id the same chat',
        category: 'telegram migration',
        target: 'telegram',
        body: tgMessage(ctx, s, groupChat(-5205), { migrate_to_chat_id: -5205 }),
        status: 200,
        expect: 'silent',
        why: 'nothing bound to move',
      });
    }
  }

  // ── Telegram: button presses ─────────────────────────────────────────────────────────────
  {
    const c = 'telegram callbacks';
    const kb = ctx.strangerKeyboard;
    const owner: TgUser = { id: kb.chatId, first_name: 'Người lạ', last_name: 'có nút' };
    const botMessage = (chatId: number, messageId: number, chat: Record<string, unknown>, date = now()) => ({
      message_id: messageId,
      date,
      chat,
      from: { id: TG.botId, is_bot: true, first_name: 'Đôn Đốc' },
      text: '?',
    });
    const press = (from: TgUser | undefined, data: unknown, message?: (messageId: number) => unknown, noMessage = false) => {
      const minted = kb.mint();
      const m = noMessage ? undefined : message ? message(minted.messageId) : botMessage(kb.chatId, minted.messageId, privateChat(owner));
      return {
        update_id: ctx.nextUpdateId(),
        callback_query: {
          id: minted.id,
          ...(from ? { from: { is_bot: false, ...from } } : {}),
          chat_instance: 'ci',
          ...(data !== undefined ? { data } : {}),
          ...(m !== undefined ? { message: m } : {}),
        },
      };
    };
    const where = { platform: 'telegram' as const, chatId: kb.chatId };
    const forged: [string, string][] = [
      ['one letter', 'x'],
      ['an unknown prefix', 'zz:1:2'],
      ['a status choice of an item that does not exist', 'st:999:d'],
      ['a review choice', 'rv:0:ok'],
      ['an approval choice for an agency', 'ap:so-y-te:ky-thu-nghiem:1'],
      ['a status page of a period that does not exist', 'st:page:khong-co:1'],
      ['a status page 9999', 'st:page:ky-thu-nghiem:9999'],
      ['a remind-now button', 'st:remind:ky-thu-nghiem'],
      ['a status button with path traversal', 'st:page:../../etc:1'],
      ['5,000 characters', 'D'.repeat(5000)],
      ['JSON', '{"cmd":"/thuhoi","args":"telegram:2002"}'],
      ['__proto__', '__proto__'],
      ['a command', '/moi dieuphoi'],
      ['HTML', '<b>x</b>&amp;'],
      ['NUL bytes', 'st:\u0000:d'],
      ['emoji', '👍👍👍'],
      ['whitespace', '   '],
    ];
    for (const [name, data] of forged)
      add({
        name: `forged callback data: ${name}`,
        category: c,
        target: 'telegram',
        body: press(owner, data),
        status: 200,
        expect: 'any',
        where,
      });
    add({ name: 'callback data a number', category: c, target: 'telegram', body: press(owner, 12), status: 200, expect: 'any', where });
    add({
      name: 'callback data an object',
      category: c,
      target: 'telegram',
      body: press(owner, { a: 1 }),
      status: 200,
      expect: 'any',
      where,
    });
    {
      // The same keyboard pressed twice (an old client still shows it): only the first press counts.
      const first = kb.mint();
      const again = kb.mint();
      const on = (id: string) => ({
        update_id: ctx.nextUpdateId(),
        callback_query: {
          id,
          from: { is_bot: false, ...owner },
          chat_instance: 'ci',
          data: kb.data,
          message: botMessage(kb.chatId, first.messageId, privateChat(owner)),
        },
      });
      add({
        name: 'a button pressed for the first time (no report open: the choice has lapsed)',
        category: c,
        target: 'telegram',
        body: on(first.id),
        status: 200,
        expect: 'reply',
        where,
        contains: 'hết hiệu lực',
      });
      add({
        name: 'the same keyboard pressed again (stale: answered with a toast only)',
        category: c,
        target: 'telegram',
        body: on(again.id),
        status: 200,
        expect: 'silent',
        why: 'a second press of a keyboard is refused in the callback answer',
      });
    }
    add({
      name: 'callback without data',
      category: c,
      target: 'telegram',
      body: press(owner, undefined),
      status: 200,
      expect: 'silent',
      why: 'callback without data',
    });
    add({
      name: 'callback with empty data',
      category: c,
      target: 'telegram',
      body: press(owner, ''),
      status: 200,
      expect: 'silent',
      why: 'callback without data',
    });
    add({
      name: 'callback without a message (inline mode)',
      category: c,
      target: 'telegram',
      body: press(owner, kb.data, undefined, true),
      status: 200,
      expect: 'silent',
      why: 'inline mode is not used',
    });
    add({
      name: 'callback on an inaccessible message (date 0)',
      category: c,
      target: 'telegram',
      body: press(owner, 'st:page:ky-thu-nghiem:1', (id) => botMessage(kb.chatId, id, privateChat(owner), 0)),
      status: 200,
      expect: 'any',
      where,
    });
    add({
      name: 'callback without from',
      category: c,
      target: 'telegram',
      body: press(undefined, kb.data),
      status: 200,
      expect: 'silent',
      why: 'a malformed update is ignored',
    });
    add({
      name: 'callback from a bot',
      category: c,
      target: 'telegram',
      body: press({ id: 999, first_name: 'bot', is_bot: true }, kb.data),
      status: 200,
      expect: 'any',
    });
    add({
      name: 'callback whose message has no chat',
      category: c,
      target: 'telegram',
      body: press(owner, kb.data, (id) => ({ message_id: id, date: now() })),
      status: 200,
      expect: 'silent',
      why: 'a malformed update is ignored',
    });
    add({
      name: 'callback in a channel',
      category: c,
      target: 'telegram',
      body: press(owner, kb.data, () => botMessage(-100555, 1, { id: -100555, type: 'channel', title: 'k' })),
      status: 200,
      expect: 'silent',
      why: 'channels are not for this bot',
    });
    add({
      name: 'callback on a message id that never existed',
      category: c,
      target: 'telegram',
      body: press(owner, 'x', () => botMessage(kb.chatId, 987654, privateChat(owner))),
      status: 200,
      expect: 'any',
      where,
      allowRejected: /^editMessageReplyMarkup: Bad Request: message to edit not found$/,
    });
    {
      const g = ctx.headGroupKeyboard;
      const s = stranger();
      add({
        name: "a stranger presses the head's button in the group",
        category: c,
        target: 'telegram',
        body: {
          update_id: ctx.nextUpdateId(),
          callback_query: {
            id: kb.mint().id,
            from: { is_bot: false, ...s },
            chat_instance: 'ci',
            data: g.data,
            message: botMessage(g.chatId, g.messageId, groupChat(g.chatId)),
          },
        },
        status: 200,
        expect: 'silent',
        why: 'someone else’s button: the press is answered (a toast) and changes nothing',
      });
      add({
        name: "the admin presses the head's button in the group",
        category: c,
        target: 'telegram',
        body: {
          update_id: ctx.nextUpdateId(),
          callback_query: {
            id: kb.mint().id,
            from: { is_bot: false, ...TG.admin },
            chat_instance: 'ci',
            data: g.data,
            message: botMessage(g.chatId, g.messageId, groupChat(g.chatId)),
          },
        },
        status: 200,
        expect: 'silent',
        why: 'someone else’s button, even for an administrator',
      });
    }
  }

  // ── Invite codes ─────────────────────────────────────────────────────────────────────────
  {
    const c = 'invite codes';
    const garbage: [string, string][] = [
      ['random garbage', 'xyz'],
      ['a code-shaped guess', 'A'.repeat(22)],
      ['a code with a zero-width space', `${ctx.openCode.slice(0, 10)}\u200b${ctx.openCode.slice(10)}`],
      ['the open code in upper case', ctx.openCode.toUpperCase() === ctx.openCode ? `${ctx.openCode}A` : ctx.openCode.toUpperCase()],
      ['the open code with one more character', `${ctx.openCode}x`],
      ['the open code without its last character', ctx.openCode.slice(0, -1)],
      ['the open code with a Cyrillic homoglyph', `${ctx.openCode.slice(0, 5)}а${ctx.openCode.slice(6)}`],
      ['a code of 64 characters', 'B'.repeat(64)],
      ['a code of 65 characters', 'C'.repeat(65)],
      ['a code of 3,990 characters', 'D'.repeat(3990)],
      ['a code of 10,000 characters', 'E'.repeat(10_000)],
      ['SQL', "' OR '1'='1"],
      ['HTML', '<b>code</b>'],
      ['a glob', '*'],
      ['a Redis key', 'invite:*'],
    ];
    for (const verb of ['/dangky', '/start'])
      for (const [name, code] of garbage)
        add(strangerSays(ctx, `${verb} with ${name}`, c, `${verb} ${code}`, code.length > 4000 ? { contains: 'quá 4000 ký tự' } : {}));
    add(strangerSays(ctx, '/dangky with no code', c, '/dangky'));
    add(strangerSays(ctx, '/lienket with garbage', c, `/lienket ${'F'.repeat(22)}`));
    add(strangerSays(ctx, '/lienket with 10,000 characters', c, `/lienket ${'G'.repeat(10_000)}`));
    add(strangerSays(ctx, 'a group-link code with /dangky (wrong kind, not consumed)', c, `/dangky ${ctx.groupCode}`));
    {
      // One stranger guesses over and over: after 5 attempts every code is refused, even a real one.
      const s = stranger();
      for (let i = 1; i <= 8; i++) {
        add({
          name: `brute force, attempt ${i}`,
          category: 'invite brute force',
          target: 'telegram',
          body: tgMessage(ctx, s, privateChat(s), { text: `/dangky ${`guess${i}`.padEnd(22, 'x')}`, ...cmd('/dangky') }),
          status: 200,
          expect: 'reply',
          where: { platform: 'telegram', chatId: s.id },
          ...(i > 5 ? { contains: 'sai mã nhiều lần' } : {}),
        });
      }
      add({
        name: 'brute force: the real open code after the throttle is refused and stays open',
        category: 'invite brute force',
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), { text: `/dangky ${ctx.openCode}`, ...cmd('/dangky') }),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
        contains: 'sai mã nhiều lần',
      });
      add({
        name: 'brute force: /start with the real code after the throttle',
        category: 'invite brute force',
        target: 'telegram',
        body: tgMessage(ctx, s, privateChat(s), { text: `/start ${ctx.openCode}`, ...cmd('/start') }),
        status: 200,
        expect: 'reply',
        where: { platform: 'telegram', chatId: s.id },
        contains: 'sai mã nhiều lần',
      });
    }
  }

  // ── Zalo webhook ─────────────────────────────────────────────────────────────────────────
  {
    const c = 'zalo http';
    const silent = { expect: 'silent' as const, why: 'refused before it reaches the bot' };
    const sample = () => zaloUpdate(zaloStranger(), 'message.text.received', { text: '/toi' });
    add({ name: 'zalo: no secret header', category: c, target: 'zalo', secret: null, body: sample(), status: 401, ...silent });
    add({ name: 'zalo: empty secret', category: c, target: 'zalo', secret: '', body: sample(), status: 401, ...silent });
    add({ name: 'zalo: wrong secret', category: c, target: 'zalo', secret: 'wrong-secret-wrong', body: sample(), status: 401, ...silent });
    add({
      name: 'zalo: secret in upper case',
      category: c,
      target: 'zalo',
      secret: ctx.zaloSecret.toUpperCase(),
      body: sample(),
      status: 401,
      ...silent,
    });
    add({ name: 'zalo: overlong secret', category: c, target: 'zalo', secret: 'z'.repeat(9000), body: sample(), status: 401, ...silent });
    add({
      name: "zalo: Telegram's secret header",
      category: c,
      target: 'zalo',
      secret: null,
      headers: { 'x-telegram-bot-api-secret-token': ctx.zaloSecret },
      body: sample(),
      status: 401,
      ...silent,
    });
    add({
      name: "zalo: Telegram's secret with Zalo's header",
      category: c,
      target: 'zalo',
      secret: ctx.secret,
      body: sample(),
      status: 401,
      ...silent,
    });
    add({ name: 'zalo: GET', category: c, target: 'zalo', method: 'GET', status: 405, ...silent });
    add({ name: 'zalo: PUT', category: c, target: 'zalo', method: 'PUT', body: sample(), status: 405, ...silent });
    const bad = { status: 400, ...silent };
    for (const [name, raw] of [
      ['zalo: malformed JSON', '{"event_name": '],
      ['zalo: empty body', ''],
      ['zalo: null', 'null'],
      ['zalo: a number', '7'],
      ['zalo: an array', '[]'],
      ['zalo: an empty object', '{}'],
      ['zalo: a Telegram update', JSON.stringify({ update_id: 1, message: { text: 'x' } })],
    ] as [string, string][])
      add({ name, category: c, target: 'zalo', raw, ...bad });
    const z = () => zaloStranger();
    add({ name: 'zalo: event_name a number', category: c, target: 'zalo', body: zaloUpdate(z(), 5, { text: '/toi' }), ...bad });
    add({ name: 'zalo: message missing', category: c, target: 'zalo', body: { event_name: 'message.text.received' }, ...bad });
    add({
      name: 'zalo: sender missing',
      category: c,
      target: 'zalo',
      body: zaloUpdate(undefined, 'message.text.received', { text: '/toi' }),
      ...bad,
    });
    add({
      name: 'zalo: sender id a number',
      category: c,
      target: 'zalo',
      body: zaloUpdate({ id: 12345 }, 'message.text.received', { text: '/toi' }, { id: 'c1', chat_type: 'PRIVATE' }),
      ...bad,
    });
    add({
      name: 'zalo: chat missing',
      category: c,
      target: 'zalo',
      body: (() => {
        const u = zaloUpdate(z(), 'message.text.received', { text: '/toi' });
        delete (u.message as Record<string, unknown>).chat;
        return u;
      })(),
      ...bad,
    });
    add({
      name: 'zalo: chat id null',
      category: c,
      target: 'zalo',
      body: zaloUpdate(z(), 'message.text.received', { text: '/toi' }, { id: null }),
      ...bad,
    });
    add({
      name: 'zalo: message_id missing',
      category: c,
      target: 'zalo',
      body: (() => {
        const u = zaloUpdate(z(), 'message.text.received', { text: '/toi' });
        delete (u.message as Record<string, unknown>).message_id;
        return u;
      })(),
      ...bad,
    });
    add({
      name: 'zalo: message_id an object',
      category: c,
      target: 'zalo',
      body: (() => {
        const u = zaloUpdate(z(), 'message.text.received', { text: '/toi' });
        (u.message as Record<string, unknown>).message_id = { $gt: '' };
        return u;
      })(),
      ...bad,
    });
    add({ name: 'zalo: double-wrapped result', category: c, target: 'zalo', body: { result: { result: sample() } }, ...bad });
    add({ name: 'zalo: body over 1 MiB', category: c, target: 'zalo', raw: Buffer.alloc(2 * 1024 * 1024, 0x20), status: 413, ...silent });
    for (const [name, query] of [
      ['no token', ''],
      ['an empty token', '?t='],
      ['a guessed token', `?t=${'A'.repeat(22)}`],
      ['path traversal', '?t=../../../../etc/passwd'],
      ['a 10,000-character token', `?t=${'B'.repeat(10_000)}`],
      ['two tokens', `?t=${'C'.repeat(22)}&t=${'D'.repeat(22)}`],
      ['a Redis glob', '?t=*'],
      ['percent-encoded NUL', '?t=%00'],
    ] as [string, string][])
      add({
        name: `zalo file link: ${name}`,
        category: 'zalo file links',
        target: 'zalo',
        method: 'GET',
        path: `=/zalo/files${query}`,
        secret: null,
        status: 404,
        expect: 'silent',
        why: 'no such file',
      });
    add({
      name: 'zalo file link: POST',
      category: 'zalo file links',
      target: 'zalo',
      path: '=/zalo/files',
      body: {},
      status: 405,
      expect: 'silent',
      why: 'GET only',
    });
    for (const event of ['message.unknown.received', 'user.follow', 'message.text.sent', '', '__proto__', 'message.text.received.extra']) {
      const u = z();
      add({
        name: `zalo: event "${event}"`,
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate(u, event, { text: '/toi' }),
        status: 200,
        expect: 'silent',
        why: 'an event the bot does not handle',
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: text event without text',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate(u, 'message.text.received'),
        status: 200,
        expect: 'silent',
        why: 'nothing to read',
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: from a bot',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate({ ...u, is_bot: true }, 'message.text.received', { text: '/toi' }),
        status: 200,
        expect: 'silent',
        why: 'not from a person',
      });
    }
    for (const id of ['', 'a b', 'ứ', 'x'.repeat(65), '../../etc', 'a:b']) {
      add({
        name: `zalo: unusable sender id ${JSON.stringify(id.slice(0, 12))}`,
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate({ id, display_name: 'x' }, 'message.text.received', { text: '/toi' }, { id: 'chat-x', chat_type: 'PRIVATE' }),
        status: 200,
        expect: 'silent',
        why: 'sender id not usable',
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: chat id of 10,000 characters',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate(u, 'message.text.received', { text: '/toi' }, { id: 'c'.repeat(10_000), chat_type: 'PRIVATE' }),
        status: 200,
        expect: 'any',
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: display_name a number',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate({ id: u.id, display_name: 42 }, 'message.text.received', { text: '/toi' }),
        status: 200,
        expect: 'any',
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: display_name HTML and 5,000 characters',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate({ id: u.id, display_name: `<b>${'Ng'.repeat(2500)}` }, 'message.text.received', { text: '/toi' }),
        status: 200,
        expect: 'reply',
        where: { platform: 'zalo', chatId: u.id },
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: a 100 KB text',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate(u, 'message.text.received', { text: 'x'.repeat(100 * 1024) }),
        status: 200,
        expect: 'reply',
        where: { platform: 'zalo', chatId: u.id },
        contains: 'quá 4000 ký tự',
      });
    }
    for (const [event, fields, expectReply] of [
      ['message.sticker.received', { sticker: 'x' }, true],
      ['message.image.received', { photo: 'https://x/y.jpg' }, true],
      ['message.image.received', { photo: 'https://x/y.jpg', caption: '/toi' }, true],
      ['message.image.received', { caption: 'k'.repeat(50_000) }, true],
      ['message.unsupported.received', {}, true],
    ] as [string, Record<string, unknown>, boolean][]) {
      const u = z();
      add({
        name: `zalo: ${event} ${Object.keys(fields).join('+')}`,
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate(u, event, fields),
        status: 200,
        expect: expectReply ? 'reply' : 'silent',
        where: { platform: 'zalo', chatId: u.id },
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: the same message twice (answered once)',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate(u, 'message.text.received', { text: '/toi' }),
        times: 2,
        status: 200,
        expect: 'reply',
        where: { platform: 'zalo', chatId: u.id },
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: the same message 10 times at once (answered once)',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate(u, 'message.text.received', { text: '/toi' }),
        times: 10,
        parallel: true,
        status: 200,
        expect: 'reply',
        where: { platform: 'zalo', chatId: u.id },
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: wrapped in result',
        category: 'zalo events',
        target: 'zalo',
        body: { ok: true, result: zaloUpdate(u, 'message.text.received', { text: '/toi' }) },
        status: 200,
        expect: 'reply',
        where: { platform: 'zalo', chatId: u.id },
      });
    }
    {
      const u = z();
      add({
        name: 'zalo: a group chat',
        category: 'zalo events',
        target: 'zalo',
        body: zaloUpdate(u, 'message.text.received', { text: 'xin chào' }, { id: 'group-zx', chat_type: 'GROUP' }),
        status: 200,
        expect: 'silent',
        why: 'plain text in a group',
      });
    }
    for (const [name, text] of WEIRD_TEXTS.slice(0, 20)) add(zaloSays(`zalo text: ${name}`, 'zalo texts', text));
    for (const args of ABSURD_REPORT_ARGS.slice(0, 8)) add(zaloSays(`zalo: /baocao ${args.slice(0, 20)}`, 'zalo texts', `/baocao ${args}`));
    for (const [name, code] of [
      ['garbage', '/dangky xyz'],
      ['10,000 characters', `/dangky ${'H'.repeat(10_000)}`],
      ['a code-shaped guess', `/dangky ${'J'.repeat(22)}`],
      ['a group code', `/dangky ${ctx.groupCode}`],
      ['a link code guess', `/lienket ${'K'.repeat(22)}`],
    ] as [string, string][])
      add(zaloSays(`zalo invite: ${name}`, 'invite codes', code, code.length > 4000 ? { contains: 'quá 4000 ký tự' } : {}));
    {
      const u = z();
      for (let i = 1; i <= 7; i++)
        add({
          name: `zalo brute force, attempt ${i}`,
          category: 'invite brute force',
          target: 'zalo',
          body: zaloUpdate(u, 'message.text.received', { text: `/dangky ${`zguess${i}`.padEnd(22, 'y')}` }),
          status: 200,
          expect: 'reply',
          where: { platform: 'zalo', chatId: u.id },
          ...(i > 5 ? { contains: 'sai mã nhiều lần' } : {}),
        });
      add({
        name: 'zalo brute force: the real open code after the throttle',
        category: 'invite brute force',
        target: 'zalo',
        body: zaloUpdate(u, 'message.text.received', { text: `/dangky ${ctx.openCode}` }),
        status: 200,
        expect: 'reply',
        where: { platform: 'zalo', chatId: u.id },
        contains: 'sai mã nhiều lần',
      });
    }
  }

  // ── The head, registered, with absurd input (last: it opens and closes conversations) ───────
  {
    const c = 'head absurd input';
    for (const args of ABSURD_REPORT_ARGS) add(headSays(ctx, `the head: /baocao ${args.slice(0, 30)}`, c, `/baocao ${args}`));
    for (const [name, text] of WEIRD_TEXTS.slice(0, 16)) add(headSays(ctx, `the head mid-report: ${name}`, c, text));
    // Astral characters count twice in Telegram's 4,096 (UTF-16) but once as code points.
    add(headSays(ctx, 'the head: /huy before the emoji quick forms', c, '/huy'));
    add(headSays(ctx, 'the head: a quick form line of 2,000 emoji', c, `/baocao 9: ${'😀'.repeat(2000)}`));
    add(headSays(ctx, 'the head: a quick form note of 1,990 emoji', c, `/baocao 1: xong ${'😀'.repeat(1990)}`));
    add(
      headSays(
        ctx,
        'the head: 3 quick form lines of 650 emoji',
        c,
        `/baocao 1: xong ${'😀'.repeat(650)}\n2: 150% ${'😀'.repeat(650)}\n9: ${'😀'.repeat(650)}`,
      ),
    );
    {
      // Seven notes of 480 emoji, one message each (each well within a message): then the review lists them all.
      const note = '😀'.repeat(480);
      const lines = ['1: xong', '2: 80%', '3: 50%', '4: hoan thanh sl 12', '5: chưa', '6: ht', '7: 100%'];
      lines.forEach((line, i) =>
        add(headSays(ctx, `the head: quick form line ${i + 1} with a note of 480 emoji`, c, `${i === 0 ? '/baocao ' : ''}${line} ${note}`)),
      );
    }
    add(headSays(ctx, 'the head: /huy after the emoji quick forms', c, '/huy'));
    add(headSays(ctx, 'the head: /huy', c, '/huy'));
    add(headSays(ctx, 'the head: /huy again (nothing open)', c, '/huy'));
  }
  return cases;
}
