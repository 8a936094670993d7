import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeriodCatalog } from '../../handlers/period-catalog.js';
import { createRouter } from '../../handlers/router.js';
import type { Services } from '../../handlers/services.js';
import { conversationKey } from '../../handlers/report/session.js';
import { calendarOf } from '../../src/app/plan-calendar.js';
import { connectTelegramTransport, type TelegramTransport } from '../../src/app/start-telegram.js';
import { connectZaloTransport, type ZaloTransport } from '../../src/app/start-zalo.js';
import { systemClock } from '../../src/domain/clock.js';
import { UNLIMITED_INTAKE } from '../../src/config/limits.js';
import { ROLES, accountId, type AccountId } from '../../src/domain/roles.js';
import { startHttpServer, type HttpServer } from '../../src/http/server.js';
import { createDeliver } from '../../src/messaging/delivery.js';
import { reply } from '../../src/messaging/reply.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import { createStore } from '../../src/store/create-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeBotApi, FAKE_TOKEN, type SentMessage } from '../fake-telegram/fake-bot-api.js';
import { planOpenToday } from '../fake-telegram/story.js';
import { FAKE_ZALO_TOKEN, FakeZaloApi } from '../fake-zalo/fake-zalo-api.js';
import { deleteKeysUnder, keysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis.js';
import { asText } from '../helpers/as-text.js';
import { readZipEntry } from '../helpers/zip.js';
import { xmlSafe } from '../../src/reports/xlsx.js';
import { buildCorpus, stranger, TG, ZL, zaloStranger, type CorpusContext, type HostileCase } from './hostile-corpus.js';

/**
 * Issue 9, item 5: a corpus of malformed and hostile updates plus fast-check fuzzing, through the
 * real parts — the HTTP server and webhook routes on 127.0.0.1, the Telegram and Zalo pipelines, the
 * router, the store (Redis; the corpus also on the embedded store) — with replies going to the fake
 * Telegram Bot API (which refuses invalid HTML and over-long text) and the fake Zalo API. Nothing may
 * crash, reject unhandled, answer 500, be refused by the platform, or be half-written in the store.
 */

const SECRET = 'hostile-webhook-secret_0123456789';
const ZALO_SECRET = 'hostile-zalo-secret-0123456789';
const SEED = 20251125;
const FUZZ_RUNS = { json: 300, shaped: 300, zaloShaped: 250, headText: 250, headPress: 200, zaloHeadText: 200, strangerText: 250 };
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const FIRST_PERIOD = 'ky-thu-nghiem';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// ── Process-wide collectors: anything escaping the app lands here ────────────────────────────
const unhandled: unknown[] = [];
const uncaught: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const onUncaught = (err: unknown) => uncaught.push(err);

interface LogLine {
  level: number;
  msg?: string;
  err?: { message?: string; stack?: string };
  [k: string]: unknown;
}

interface World {
  kind: 'redis' | 'embedded';
  fake: FakeBotApi;
  zfake: FakeZaloApi;
  store: Store;
  http: HttpServer;
  tg: TelegramTransport;
  zalo: ZaloTransport;
  logs: LogLine[];
  ctx: CorpusContext;
  /** Accounts that legitimately hold roles, and what they hold (after set-up). */
  legit: { head: AccountId; admin: AccountId; zaloHead: AccountId };
  close(): Promise<void>;
}

let updateSeq = 900_000;
const nextUpdateId = () => updateSeq++;

interface HttpResult {
  status: number;
  body: string;
}

/** One raw HTTP call (node:http, so GET with a body, lying content-lengths and slow bodies are possible). */
function httpCall(
  port: number,
  options: { method: string; path: string; headers: Record<string, string>; body?: string | Buffer; slow?: boolean },
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    let done = false;
    const req = request(
      { host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          done = true;
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', () => undefined);
      },
    );
    // The server may answer (413, 401) and close before the whole body is written: that is fine.
    req.on('error', (err) => setTimeout(() => (done ? undefined : reject(err)), 300));
    const body = options.body;
    if (body === undefined) return void req.end();
    if (!options.slow) return void req.end(body);
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const third = Math.ceil(buf.length / 3);
    req.write(buf.subarray(0, third));
    setTimeout(() => {
      req.write(buf.subarray(third, 2 * third));
      setTimeout(() => req.end(buf.subarray(2 * third)), 150);
    }, 150);
  });
}

/** The names of the files in a ZIP archive (an .xlsx or .docx), from its central directory. */
function zipEntries(zip: Buffer): string[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const names: string[] = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

/** Every string inside a value (keys too), joined: what an answer might quote, unescaped. */
function stringsIn(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (depth > 1_100 || typeof value !== 'object' || value === null) return typeof value === 'number' ? String(value) : '';
  return Object.entries(value)
    .map(([k, v]) => `${k} ${stringsIn(v, depth + 1)}`)
    .join(' ');
}

/** Every chat object (with an id and a type) inside a value, to make the fake Bot API know it. */
function chatsIn(value: unknown, depth = 0, out: { id: number; type: string }[] = []): { id: number; type: string }[] {
  if (depth > 6 || typeof value !== 'object' || value === null) return out;
  const v = value as Record<string, unknown>;
  if (typeof v.id === 'number' && typeof v.type === 'string') out.push({ id: v.id, type: v.type });
  for (const child of Object.values(v)) chatsIn(child, depth + 1, out);
  return out;
}

async function startWorld(kind: 'redis' | 'embedded'): Promise<World> {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          logs.push(JSON.parse(line) as LogLine);
        } catch {
          logs.push({ level: 50, msg: line });
        }
      }
      cb();
    },
  });
  const logger = pino({ level: 'warn' }, sink);
  const planFile = await planOpenToday();
  const plan = await loadPlan(planFile);
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-hostile-'));
  const prefix = uniqueRedisPrefix();
  const clock = systemClock;
  const store = await createStore({
    dataDir,
    clock,
    logger,
    ...(kind === 'redis' ? { redisUrl: TEST_REDIS_URL, redisPrefix: prefix } : { redisPrefix: 'unused:' }),
  });
  await store.agencies.sync(plan.agencies);
  const fake = await FakeBotApi.start({ limits: 'off', username: TG.botUsername });
  const zfake = await FakeZaloApi.start();
  const instanceId = `hostile-${kind}`;
  const tg = await connectTelegramTransport({
    mode: {
      mode: 'webhook',
      token: FAKE_TOKEN,
      apiRoot: fake.apiRoot,
      webhookUrl: 'https://example.invalid/telegram',
      webhookSecret: SECRET,
    },
    store,
    clock,
    logger,
    instanceId,
    pacing: 'unlimited',
    // Content, not floods, is under test here (test/fault/flood.test.ts holds the intake bounds).
    intake: UNLIMITED_INTAKE,
  });
  const zalo = await connectZaloTransport({
    mode: {
      mode: 'webhook',
      token: FAKE_ZALO_TOKEN,
      apiRoot: zfake.apiRoot,
      webhookUrl: 'https://dondoc.example.vn/zalo',
      webhookSecret: ZALO_SECRET,
    },
    store,
    clock,
    logger,
    instanceId,
    filesDir: join(dataDir, 'files'),
    pacing: 'unlimited',
    // Content, not floods, is under test here (test/fault/flood.test.ts holds the intake bounds).
    intake: UNLIMITED_INTAKE,
  });
  const admin = accountId('telegram', TG.admin.id);
  const services: Services = {
    plan,
    periods: createPeriodCatalog(plan, store),
    calendar: calendarOf(plan),
    store,
    clock,
    logger,
    adminIds: new Set([admin, accountId('zalo', ZL.admin.id)]),
    botUsername: tg.me.username,
  };
  const router = createRouter(services);
  const deliver = createDeliver([tg.messenger, zalo.messenger]);
  const http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
  await tg.start({ router, deliver, http });
  await zalo.start({ router, deliver, http });

  const world: World = {
    kind,
    fake,
    zfake,
    store,
    http,
    tg,
    zalo,
    logs,
    legit: { head: accountId('telegram', TG.head.id), admin, zaloHead: accountId('zalo', ZL.head.id) },
    ctx: undefined as unknown as CorpusContext,
    async close() {
      await http.close(1_000);
      await tg.drain(5_000);
      await zalo.drain(5_000);
      tg.close();
      await store.close();
      await fake.close();
      await zfake.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(planFile, { force: true });
      if (kind === 'redis') await deleteKeysUnder(prefix);
    },
  };
  Object.assign(world, { prefix });
  return world;
}

const settle = async (w: World) => {
  expect(await w.tg.drain(15_000)).toBe(true);
  expect(await w.zalo.drain(15_000)).toBe(true);
};

/** Posts an update as Telegram would (right secret) and waits until it is handled. */
async function tgPost(w: World, update: unknown): Promise<HttpResult> {
  for (const chat of chatsIn(update))
    if (Number.isSafeInteger(chat.id) && chat.id !== 0 && ['private', 'group', 'supergroup'].includes(chat.type))
      w.fake.knowChat({ id: chat.id, type: chat.type as 'private' });
  const res = await httpCall(w.http.port, {
    method: 'POST',
    path: '/telegram',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  await settle(w);
  return res;
}

async function zaloPost(w: World, update: unknown): Promise<HttpResult> {
  const res = await httpCall(w.http.port, {
    method: 'POST',
    path: '/zalo',
    headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': ZALO_SECRET },
    body: JSON.stringify(update),
  });
  await settle(w);
  return res;
}

/** A person writes in a chat; returns what the bot said in that chat. */
async function tgSay(
  w: World,
  from: { id: number; first_name: string },
  chat: { id: number; type: 'private' | 'group' | 'supergroup'; title?: string },
  text: string,
): Promise<SentMessage[]> {
  const before = w.fake.sent(chat.id).length;
  const res = await tgPost(w, w.fake.messageUpdate(from, chat, text));
  expect(res.status).toBe(200);
  return w.fake.sent(chat.id).slice(before);
}

const textOf = (ms: readonly SentMessage[]) => ms.map((m) => m.text).join('\n');
const buttons = (m: SentMessage | undefined) => (m?.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');

/**
 * The legitimate world the hostile input must leave alone: the admin invites the head of Sở Y tế,
 * who registers, binds the agency's group and reports once; an invite for Sở Tài chính and a
 * coordinators' group code stay open.
 */
async function legitimateSetUp(w: World): Promise<void> {
  const { fake } = w;
  const adminChat = fake.privateChat(TG.admin);
  const headChat = fake.privateChat(TG.head);
  const bound = { id: TG.boundGroup, type: 'group' as const, title: 'Sở Y tế – nhóm' };

  const invite = textOf(await tgSay(w, TG.admin, adminChat, '/moi so-y-te'));
  const code = /start=([A-Za-z0-9_-]{16,64})/.exec(invite)?.[1];
  expect(code, invite).toBeTruthy();
  expect(textOf(await tgSay(w, TG.head, headChat, `/start ${code}`))).toContain('Đăng ký thành công');

  const open = textOf(await tgSay(w, TG.admin, adminChat, '/moi so-tai-chinh'));
  const openCode = /start=([A-Za-z0-9_-]{16,64})/.exec(open)?.[1] as string;
  expect(openCode, open).toBeTruthy();
  const groupInvite = textOf(await tgSay(w, TG.admin, adminChat, '/lienket'));
  const groupCode = /\/lienket ([A-Za-z0-9_-]{16,64})/.exec(groupInvite)?.[1] as string;
  expect(groupCode, groupInvite).toBeTruthy();

  // The head of Sở Tư pháp registers on Zalo.
  const zaloInvite = textOf(await tgSay(w, TG.admin, adminChat, '/moi so-tu-phap'));
  const zaloCode = /start=([A-Za-z0-9_-]{16,64})/.exec(zaloInvite)?.[1] as string;
  const zaloBefore = w.zfake.sent(ZL.head.id).length;
  expect((await zaloPost(w, w.zfake.textUpdate(ZL.head, `/dangky ${zaloCode}`))).status).toBe(200);
  expect(
    w.zfake
      .sent(ZL.head.id)
      .slice(zaloBefore)
      .map((m) => m.text)
      .join('\n'),
  ).toContain('Đăng ký thành công');

  const headLink = textOf(await tgSay(w, TG.head, headChat, '/lienket'));
  const headGroupCode = /\/lienket ([A-Za-z0-9_-]{16,64})/.exec(headLink)?.[1];
  expect(headGroupCode, headLink).toBeTruthy();
  expect(textOf(await tgSay(w, TG.head, bound, `/lienket@${TG.botUsername} ${headGroupCode}`))).toContain('Sở Y tế');

  // One report by the head (quick form, then confirmed with the button).
  const quick = [
    '/baocao 1: xong, đã quán triệt tại 12 hội nghị',
    '2: 80% đang triển khai',
    '3: dang thuc hien 50 % phat dong thi dua dac biet',
    '4: hoan thanh sl 12',
    '5: chưa',
    '6: ht, đã tổ chức 2 hội nghị',
    '7: 100% đăng 35 tin, bài',
  ].join('\n');
  const review = await tgSay(w, TG.head, headChat, quick);
  const withConfirm = review.find((m) => buttons(m).some((b) => b.startsWith('rv:') && b.endsWith(':ok')));
  expect(withConfirm, textOf(review)).toBeTruthy();
  const confirm = buttons(withConfirm).find((b) => b.startsWith('rv:') && b.endsWith(':ok')) as string;
  await tgPost(w, fake.callbackUpdate(TG.head, withConfirm as SentMessage, confirm));
  expect(await w.store.reports.latest(FIRST_PERIOD, 'so-y-te')).toBeDefined();

  // A keyboard of the head's in the bound group (the head then cancels; the buttons stay shown).
  const groupReport = await tgSay(w, TG.head, bound, `/baocao@${TG.botUsername}`);
  const headKeyboard = groupReport.find((m) => buttons(m).length > 0);
  expect(headKeyboard, textOf(groupReport)).toBeTruthy();
  await tgSay(w, TG.head, bound, `/huy@${TG.botUsername}`);

  // A stranger's private chat with many keyboards the bot posted (as a reminder would have).
  const owner = stranger();
  fake.knowChat({ id: owner.id, type: 'private' });
  const keyboards: SentMessage[] = [];
  for (let i = 0; i < 40; i++) {
    const before = fake.sent(owner.id).length;
    const result = await w.tg.messenger.send(
      { platform: 'telegram', chatId: String(owner.id) },
      reply(`Câu hỏi số ${i + 1}`, [{ id: `st:${i}:d`, label: 'Hoàn thành' }]),
    );
    expect(result.ok).toBe(true);
    keyboards.push(...fake.sent(owner.id).slice(before));
  }

  w.ctx = {
    secret: SECRET,
    zaloSecret: ZALO_SECRET,
    openCode,
    groupCode,
    strangerKeyboard: {
      chatId: owner.id,
      data: 'st:0:d',
      mint: () => {
        const m = keyboards.shift() ?? fake.sent(owner.id)[0];
        if (!m) throw new Error('no message to press a button on');
        const u = fake.callbackUpdate(owner, m, 'x', { stale: true }) as unknown as { callback_query: { id: string } };
        return { id: u.callback_query.id, messageId: m.message_id };
      },
    },
    headGroupKeyboard: { chatId: bound.id, messageId: (headKeyboard as SentMessage).message_id, data: buttons(headKeyboard)[0] as string },
    nextUpdateId,
  };
}

/** What must not change, read through the store's own API. */
interface Snapshot {
  roles: Record<string, string[]>;
  agencyMembers: Record<string, string[]>;
  holders: Record<string, string[]>;
  openInvites: string[];
  submissions: Record<string, string[]>;
  bindings: string[];
  audit: string[];
}

async function snapshot(w: World, accounts: readonly AccountId[]): Promise<Snapshot> {
  const s = w.store;
  const grantKey = (g: { account: string; role: string; agencyId?: string }) => `${g.account}|${g.role}|${g.agencyId ?? ''}`;
  const roles: Snapshot['roles'] = {};
  for (const a of accounts) roles[a] = (await s.people.rolesOf(a)).map(grantKey).sort();
  const agencies = await s.agencies.list({ includeArchived: true });
  const agencyMembers: Snapshot['agencyMembers'] = {};
  for (const a of agencies) agencyMembers[a.id] = (await s.people.membersOf(a.id)).map(grantKey).sort();
  const holders: Snapshot['holders'] = {};
  for (const r of ROLES) holders[r] = (await s.people.holdersOf(r)).map(grantKey).sort();
  const submissions: Snapshot['submissions'] = {};
  for (const p of [FIRST_PERIOD])
    for (const [agency, sub] of await s.reports.latestOfPeriod(p))
      submissions[`${p}/${agency}`] = (await s.reports.history(p, agency)).map(
        (h) => `${h.revision}:${h.submittedBy.account}:${h.answers.length}:${sub.revision}`,
      );
  return {
    roles,
    agencyMembers,
    holders,
    openInvites: (await s.invites.listOpen()).map((i) => `${i.id}:${i.kind}:${i.agencyId ?? ''}`).sort(),
    submissions,
    bindings: (await s.chats.list()).map((b) => `${b.platform}:${b.chatId}:${JSON.stringify(b.target)}`),
    audit: (await s.audit.list(1_000)).map((e) => `${e.action}|${e.actor}|${e.subject}`),
  };
}

/** Role indexes agree with one another: every grant in the account index is in the agency and role indexes, and back. */
async function indexProblems(w: World, accounts: readonly AccountId[]): Promise<string[]> {
  const s = w.store;
  const problems: string[] = [];
  const key = (g: { account: string; role: string; agencyId?: string }) => `${g.account}|${g.role}|${g.agencyId ?? ''}`;
  const byAccount = new Set<string>();
  for (const a of accounts) for (const g of await s.people.rolesOf(a)) byAccount.add(key(g));
  const byRole = new Set<string>();
  for (const r of ROLES) for (const g of await s.people.holdersOf(r)) byRole.add(key(g));
  const byAgency = new Set<string>();
  for (const a of await s.agencies.list({ includeArchived: true })) for (const g of await s.people.membersOf(a.id)) byAgency.add(key(g));
  for (const g of byRole) {
    const [account, role, agency] = g.split('|') as [AccountId, string, string];
    if (!(await s.people.rolesOf(account)).some((x) => key(x) === g)) problems.push(`${g} held by role index but not by account`);
    if ((role === 'head' || role === 'deputy') && !byAgency.has(g)) problems.push(`${g} missing from agency ${agency}'s members`);
  }
  for (const g of byAccount) if (!byRole.has(g)) problems.push(`${g} in the account index but not the role index`);
  for (const g of byAgency) if (!byRole.has(g)) problems.push(`${g} in the agency index but not the role index`);
  return problems;
}

interface Tally {
  cases: number;
  requests: number;
  fuzzed: number;
  status500: number;
  rejected: string[];
  failures: string[];
  replies: number;
  silent: number;
  longest: number;
}

const newTally = (): Tally => ({
  cases: 0,
  requests: 0,
  fuzzed: 0,
  status500: 0,
  rejected: [],
  failures: [],
  replies: 0,
  silent: 0,
  longest: 0,
});

interface Sent {
  platform: 'telegram' | 'zalo';
  chatId: string;
  text: string;
}

/** Messages sent and calls refused since a mark. */
function since(w: World, mark: { tg: number; zl: number }): { sent: Sent[]; refused: string[] } {
  const sent: Sent[] = [];
  const refused: string[] = [];
  for (const c of w.fake.calls.slice(mark.tg)) {
    if (!c.response.ok) refused.push(`${c.method}: ${c.response.description}`);
    else if (c.method === 'sendMessage' || c.method === 'sendPhoto' || c.method === 'sendDocument')
      sent.push({ platform: 'telegram', chatId: String(c.payload.chat_id), text: (c.response.result as { text?: string }).text ?? '' });
  }
  for (const c of w.zfake.calls.slice(mark.zl)) {
    if (!c.response.ok) refused.push(`zalo ${c.method}: ${c.response.description}`);
    else if (c.method === 'sendMessage' || c.method === 'sendPhoto')
      sent.push({ platform: 'zalo', chatId: String(c.body.chat_id), text: asText(c.body.text ?? c.body.caption ?? '') });
  }
  return { sent, refused };
}

const mark = (w: World) => ({ tg: w.fake.calls.length, zl: w.zfake.calls.length });

/**
 * Checks what was sent: every message within the platform's limit; what each chat got, read together
 * (a long answer is split), in Vietnamese unless the case says English; no leaked internals, no
 * "internal error" answer. `input` is what was sent in, which an answer may quote.
 */
function checkMessages(sent: readonly Sent[], tally: Tally, label: string, english = false, input = ''): void {
  for (const m of sent) {
    const limit = m.platform === 'telegram' ? 4096 : 2000;
    tally.longest = Math.max(tally.longest, m.text.length);
    if (m.text.length > limit) tally.failures.push(`${label}: a ${m.platform} message of ${m.text.length} characters`);
    for (const word of ['undefined', '[object Object]', 'NaN', 'TypeError', 'stack'])
      if (m.text.includes(word) && !input.includes(word))
        tally.failures.push(`${label}: "${word}" in ${JSON.stringify(m.text.slice(0, 160))}`);
    if (/đã có lỗi khi xử lý/i.test(m.text)) tally.failures.push(`${label}: internal error reply: ${JSON.stringify(m.text.slice(0, 160))}`);
    // Half an emoji (a piece cut between the two halves of a surrogate pair) is not UTF-8: Telegram refuses it.
    if (LONE_SURROGATE.test(m.text) && !LONE_SURROGATE.test(input))
      tally.failures.push(`${label}: half a surrogate pair in ${JSON.stringify(m.text.slice(0, 160))}`);
  }
  const chats = new Map<string, string>();
  for (const m of sent) chats.set(`${m.platform}:${m.chatId}`, `${chats.get(`${m.platform}:${m.chatId}`) ?? ''}\n${m.text}`);
  for (const [chat, text] of chats)
    if (!english && !VIETNAMESE.test(text))
      tally.failures.push(`${label}: not Vietnamese in ${chat}: ${JSON.stringify(text.slice(0, 120))}`);
}

async function runCase(w: World, c: HostileCase, tally: Tally): Promise<void> {
  const label = `[${c.category}] ${c.name}`;
  const at = mark(w);
  const port = w.http.port;
  const base = c.target === 'telegram' ? '/telegram' : '/zalo';
  const path = c.path === undefined ? base : c.path.startsWith('=') ? c.path.slice(1) : `${base}${c.path}`;
  const secretHeader = c.target === 'telegram' ? 'x-telegram-bot-api-secret-token' : 'x-bot-api-secret-token';
  const secret = c.secret === undefined ? (c.target === 'telegram' ? SECRET : ZALO_SECRET) : c.secret;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(secret !== null ? { [secretHeader]: secret } : {}) };
  for (const [k, v] of Object.entries(c.headers ?? {})) {
    if (v === '') delete headers[k];
    else headers[k] = v;
  }
  const body = c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  if (c.target === 'telegram' && c.body !== undefined)
    for (const chat of chatsIn(c.body))
      if (Number.isSafeInteger(chat.id) && chat.id !== 0 && ['private', 'group', 'supergroup'].includes(chat.type))
        w.fake.knowChat({ id: chat.id, type: chat.type as 'private' });
  if (body !== undefined && !('content-length' in headers) && !c.slow) headers['content-length'] = String(Buffer.byteLength(body));
  const call = () =>
    httpCall(port, {
      method: c.method ?? 'POST',
      path,
      headers,
      ...(body !== undefined && c.method !== 'HEAD' ? { body } : {}),
      ...(c.slow ? { slow: true } : {}),
    });
  const results: HttpResult[] = [];
  if (c.parallel) results.push(...(await Promise.all(Array.from({ length: c.times ?? 1 }, call))));
  else for (let i = 0; i < (c.times ?? 1); i++) results.push(await call());
  for (const res of results) {
    tally.requests++;
    if (res.status >= 500) tally.status500++;
    if (res.status !== c.status) tally.failures.push(`${label}: HTTP ${res.status} (${res.body.slice(0, 80)}), expected ${c.status}`);
  }
  await settle(w);
  tally.cases++;
  const { sent, refused } = since(w, at);
  const unexpected = refused.filter((r) => !c.allowRejected?.test(r));
  tally.rejected.push(...unexpected.map((r) => `${label}: ${r}`));
  checkMessages(sent, tally, label, c.english, c.raw !== undefined ? String(c.raw) : stringsIn(c.body));
  if (c.expect === 'silent') {
    if (sent.length > 0)
      tally.failures.push(`${label}: expected silence (${c.why ?? ''}), got ${JSON.stringify(sent.map((m) => m.text.slice(0, 80)))}`);
    tally.silent++;
  } else if (c.expect === 'reply') {
    const where = c.where;
    const there = sent.filter((m) => where && m.platform === where.platform && m.chatId === String(where.chatId));
    if (there.length === 0) tally.failures.push(`${label}: expected a reply, got none (sent elsewhere: ${sent.length})`);
    else tally.replies++;
    // Short: at most a screenful beyond what it quotes back (a registered head's review lists their own notes).
    const length = there.map((m) => m.text).join('\n').length;
    if (c.category !== 'head absurd input' && length > 1_200 + (c.raw !== undefined ? 0 : stringsIn(c.body).length))
      tally.failures.push(`${label}: a reply of ${length} characters`);
    if (c.times && c.times > 1 && there.length > 1 && c.target === 'zalo') tally.failures.push(`${label}: answered ${there.length} times`);
    if (c.times && c.times > 1 && there.length > 1 && c.target === 'telegram')
      tally.failures.push(`${label}: answered ${there.length} times`);
    if (
      c.contains !== undefined &&
      !there.some((m) => (typeof c.contains === 'string' ? m.text.includes(c.contains) : (c.contains as RegExp).test(m.text)))
    ) {
      tally.failures.push(`${label}: expected ${String(c.contains)} in ${JSON.stringify(there.map((m) => m.text.slice(0, 200)))}`);
    }
  }
  // Nothing escaped into the log as a crash of a handler, an update or a request.
}

/** Log lines that mean something broke (a handler threw, an update failed, a request got 500). */
function brokenLogs(w: World): string[] {
  return w.logs.filter((l) => l.level >= 50).map((l) => `${l.msg ?? ''}${l.err?.message ? `: ${l.err.message}` : ''}`);
}

async function assertInvariants(w: World, before: Snapshot, accounts: readonly AccountId[]): Promise<void> {
  const after = await snapshot(w, accounts);
  // Roles, group bindings, invites and the audit log: exactly as the legitimate set-up left them.
  expect(after.roles).toEqual(before.roles);
  expect(after.agencyMembers).toEqual(before.agencyMembers);
  expect(after.holders).toEqual(before.holders);
  expect(after.openInvites).toEqual(before.openInvites);
  expect(after.bindings).toEqual(before.bindings);
  expect(after.audit).toEqual(before.audit);
  // Submissions: only Sở Y tế's, only by its head (a fuzzed answer may have completed another revision).
  expect(submissionProblems(w, before, after)).toEqual([]);
  expect(await indexProblems(w, accounts)).toEqual([]);
}

/**
 * Submissions after the hostile input: those of the set-up kept; any new revision only Sở Y tế's by its
 * head or Sở Tư pháp's by its Zalo head (a fuzzed answer mid-report may complete one), always complete.
 */
function submissionProblems(w: World, before: Snapshot, after: Snapshot): string[] {
  const problems: string[] = [];
  const by: Record<string, AccountId> = { [`${FIRST_PERIOD}/so-y-te`]: w.legit.head, [`${FIRST_PERIOD}/so-tu-phap`]: w.legit.zaloHead };
  for (const key of Object.keys(before.submissions)) if (!(key in after.submissions)) problems.push(`${key}: gone`);
  for (const [key, history] of Object.entries(after.submissions)) {
    const head = by[key];
    if (!head) problems.push(`${key}: a submission nobody legitimate made`);
    for (const h of history) if (!h.startsWith(`${h.split(':')[0]}:${head}:7:`)) problems.push(`${key}: ${h}`);
    const old = before.submissions[key] ?? [];
    if (
      history
        .slice(0, old.length)
        .map((h) => h.split(':').slice(0, -1).join(':'))
        .join() !== old.map((h) => h.split(':').slice(0, -1).join(':')).join()
    )
      problems.push(`${key}: history rewritten`);
  }
  return problems;
}

/** Report conversations (and their tombstones) left in Redis for anyone but the heads. */
async function strangerConversationKeys(w: World): Promise<string[]> {
  const prefix = (w as unknown as { prefix: string }).prefix;
  const keys = await keysUnder(prefix);
  return keys.filter((k) => /report(-lapsed)?:/.test(k) && !k.endsWith(`:${w.legit.head}`) && !k.endsWith(`:${w.legit.zaloHead}`));
}

function summary(kind: string, corpus: number, t: Tally, fuzz?: { runs: number; tally: Tally; seeds: string }): string {
  const status500 = t.status500 + (fuzz?.tally.status500 ?? 0);
  const rejected = t.rejected.length + (fuzz?.tally.rejected.length ?? 0);
  return `[${kind} store] survived ${corpus} hostile updates${fuzz ? ` + ${fuzz.runs} fuzzed (${fuzz.tally.requests} requests; seeds ${fuzz.seeds})` : ` (${t.requests} requests)`}: ${uncaught.length} crashes, ${unhandled.length} unhandled rejections, ${status500} HTTP 500, ${rejected} rejected API calls`;
}

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUncaught);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUncaught);
});

describe.each(['redis', 'embedded'] as const)('hostile and malformed updates (%s store)', (kind) => {
  let w: World;
  let before: Snapshot;
  let corpus: HostileCase[];
  const tally = newTally();
  /** Everyone who wrote: their roles are read back at the end. */
  const accounts = new Set<AccountId>();

  beforeAll(async () => {
    w = await startWorld(kind);
    await legitimateSetUp(w);
    corpus = buildCorpus(w.ctx);
    accounts.add(w.legit.admin).add(w.legit.head).add(w.legit.zaloHead);
    for (const c of corpus)
      for (const from of JSON.stringify(c.body ?? null).matchAll(/"from":\{[^}]*?"id":(-?\d+|"[^"]*")/g))
        accounts.add(accountId(c.target, String(from[1]).replace(/"/g, '')));
    for (const c of corpus) if (c.where) accounts.add(accountId(c.where.platform, c.where.chatId));
    before = await snapshot(w, [...accounts]);
  }, 60_000);

  afterAll(async () => {
    await w?.close();
  }, 30_000);

  it('the corpus has at least 200 named cases, every name unique', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const names = corpus.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('survives every hostile case with the right status and answer, and the store is untouched', async () => {
    for (const c of corpus) await runCase(w, c, tally);
    expect(tally.failures).toEqual([]);
    expect(tally.rejected).toEqual([]);
    expect(tally.status500).toBe(0);
    expect(brokenLogs(w)).toEqual([]);
    await assertInvariants(w, before, [...accounts]);
    if (kind === 'redis') expect(await strangerConversationKeys(w)).toEqual([]);
    for (const c of corpus)
      if (c.where && c.where.platform === 'telegram' && c.where.chatId !== TG.head.id)
        expect(await w.store.conversations.get(`report:telegram:${c.where.chatId}:telegram:${c.where.chatId}`)).toBeUndefined();
    expect(uncaught).toEqual([]);
    expect(unhandled).toEqual([]);
    const categories = new Map<string, number>();
    for (const c of corpus) categories.set(c.category, (categories.get(c.category) ?? 0) + 1);
    console.log(
      `${summary(kind, corpus.length, tally)}; ${tally.replies} answered, ${tally.silent} deliberately ignored, longest message ${tally.longest} characters; by category ${JSON.stringify(Object.fromEntries(categories))}`,
    );
  }, 120_000);

  it('a button pressed in a group by a person with a name longer than a message: the typed question still goes out', async () => {
    const bound = { id: TG.boundGroup, type: 'group' as const, title: 'Sở Y tế – nhóm' };
    const at = mark(w);
    const logged = w.logs.length;
    const question = (await tgSay(w, TG.head, bound, `/baocao@${TG.botUsername}`)).find((m) => buttons(m).length > 0);
    const progress = buttons(question).find((b) => /^st:\d+:prog$/.test(b));
    expect(progress, textOf(question ? [question] : [])).toBeTruthy();
    const longName = { ...TG.head, first_name: 'Nguyễn'.repeat(1000), last_name: '<b>' };
    const before = w.fake.sent(bound.id).length;
    await tgPost(w, w.fake.callbackUpdate(longName, question as SentMessage, progress as string));
    const asked = w.fake.sent(bound.id).slice(before);
    expect(textOf(asked)).toContain('phần trăm');
    await tgSay(w, TG.head, bound, `/huy@${TG.botUsername}`);
    const { sent, refused } = since(w, at);
    const tally = newTally();
    checkMessages(sent, tally, 'long name in a group');
    expect(tally.failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(
      w.logs
        .slice(logged)
        .filter((l) => l.level >= 50)
        .map((l) => `${l.msg ?? ''}: ${l.err?.message ?? ''}`),
    ).toEqual([]);
  });

  it('hostile text typed into a report by its head: stored as typed, and the exports stay valid XML', async () => {
    const headChat = w.fake.privateChat(TG.head);
    const adminChat = w.fake.privateChat(TG.admin);
    await tgSay(w, TG.head, headChat, '/huy');
    // What a head may paste from anywhere: control characters, a BOM, noncharacters, RTL marks, markup, emoji.
    const hostile = 'a\u0001b\u0008c\u000bd\u000ce\u001ff\ufeff\ufffe\uffff g </w:t><b>&amp;</b> \u202eRTL 😀 ]]>';
    const quick = ['/baocao 1: xong ', '2: 80% ', '3: 50% ', '4: hoan thanh sl 12 ', '5: chưa ', '6: ht sl 2 ', '7: 100% sl 35 ']
      .map((l) => `${l}${hostile}`)
      .join('\n');
    const review = await tgSay(w, TG.head, headChat, quick);
    const withConfirm = review.find((m) => buttons(m).some((b) => /^rv:\d+:ok$/.test(b)));
    expect(withConfirm, textOf(review)).toBeTruthy();
    const confirm = buttons(withConfirm).find((b) => /^rv:\d+:ok$/.test(b)) as string;
    await tgPost(w, w.fake.callbackUpdate(TG.head, withConfirm as SentMessage, confirm));
    const latest = await w.store.reports.latest(FIRST_PERIOD, 'so-y-te');
    expect(latest?.answers.some((a) => a.note?.includes('😀'))).toBe(true);
    const at = mark(w);
    const exported = (await tgSay(w, TG.admin, adminChat, '/xuat')).filter((m) => m.file);
    expect(exported.map((m) => m.file?.filename.split('.').pop()).sort()).toEqual(['docx', 'xlsx']);
    const problems: string[] = [];
    for (const m of exported) {
      for (const entry of zipEntries(m.file?.data as Buffer).filter((e) => e.endsWith('.xml'))) {
        const xml = readZipEntry(m.file?.data as Buffer, entry) ?? '';
        const bad = Array.from(xml).findIndex((ch) => xmlSafe(ch) === '');
        if (bad >= 0)
          problems.push(`${m.file?.filename} ${entry}: U+${(Array.from(xml)[bad]?.codePointAt(0) ?? 0).toString(16)} at ${bad}`);
      }
    }
    expect(problems).toEqual([]);
    expect(since(w, at).refused).toEqual([]);
  }, 60_000);

  it('a keyboard pressed 12 times at once counts once; 12 answers typed at once are each answered, in one conversation', async () => {
    const headChat = w.fake.privateChat(TG.head);
    const at = mark(w);
    const logged = w.logs.length;
    await tgSay(w, TG.head, headChat, '/huy');
    const question = (await tgSay(w, TG.head, headChat, '/baocao')).find((m) => buttons(m).length > 0) as SentMessage;
    const data = buttons(question).find((b) => /^st:\d+:prog$/.test(b)) as string;
    expect(data).toBeTruthy();
    const presses = Array.from({ length: 12 }, () => w.fake.callbackUpdate(TG.head, question, data, { stale: true }));
    const before = w.fake.sent(TG.head.id).length;
    const statuses = await Promise.all(
      presses.map((p) =>
        httpCall(w.http.port, {
          method: 'POST',
          path: '/telegram',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          body: JSON.stringify(p),
        }),
      ),
    );
    await settle(w);
    expect(statuses.map((r) => r.status)).toEqual(presses.map(() => 200));
    expect(
      w.fake
        .sent(TG.head.id)
        .slice(before)
        .map((m) => m.text),
    ).toEqual([expect.stringContaining('phần trăm')]);
    expect(
      w.fake
        .callsOf('answerCallbackQuery')
        .filter((c) =>
          presses.some((p) => (p as unknown as { callback_query: { id: string } }).callback_query.id === c.payload.callback_query_id),
        ),
    ).toHaveLength(12);
    // Twelve typed answers at once: every one answered (the chat's order is kept by the pipeline).
    const typed = ['80', '150%', 'xong', '-3', 'abc', '', '\u0000', '😀', '/kyhan', '90', 'bỏ qua', '1'];
    const sentBefore = w.fake.sent(TG.head.id).length;
    await Promise.all(
      typed.map((t) =>
        httpCall(w.http.port, {
          method: 'POST',
          path: '/telegram',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          body: JSON.stringify(w.fake.messageUpdate(TG.head, headChat, t)),
        }),
      ),
    );
    await settle(w);
    expect(w.fake.sent(TG.head.id).length - sentBefore).toBeGreaterThanOrEqual(typed.length);
    await tgSay(w, TG.head, headChat, '/huy');
    const { sent, refused } = since(w, at);
    const tally = newTally();
    checkMessages(sent, tally, 'all at once', false, typed.join(' '));
    expect(tally.failures).toEqual([]);
    expect(refused.filter((r) => !/^editMessageReplyMarkup: Bad Request: message is not modified/.test(r))).toEqual([]);
    expect(
      w.logs
        .slice(logged)
        .filter((l) => l.level >= 50)
        .map((l) => `${l.msg ?? ''}: ${l.err?.message ?? ''}`),
    ).toEqual([]);
  }, 60_000);

  it('a client that hangs up mid-body, speaks no HTTP, or stalls: the server answers the next call as usual', async () => {
    const raw = (bytes: string, hangUpAfterMs: number) =>
      new Promise<string>((resolve) => {
        const socket = connect(w.http.port, '127.0.0.1', () => socket.write(bytes));
        let got = '';
        socket.on('data', (d: Buffer) => (got += d.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(got));
        setTimeout(() => socket.destroy(), hangUpAfterMs);
      });
    const head = (path: string, secretHeader: string, secret: string, length: number) =>
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${secretHeader}: ${secret}\r\nContent-Length: ${length}\r\n\r\n`;
    const at = mark(w);
    const logged = w.logs.length;
    // Hangs up after half the body: nothing to answer, nothing handled.
    await raw(`${head('/telegram', 'x-telegram-bot-api-secret-token', SECRET, 500)}{"update_id": 77, "message": {`, 200);
    await raw(`${head('/zalo', 'x-bot-api-secret-token', ZALO_SECRET, 500)}{"event_name": "message.text.received"`, 200);
    // Not HTTP at all; a request line 100 KB long; headers that never end.
    expect(await raw('\u0000\u0001garbage\r\n\r\n', 500)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 500)).toMatch(/^HTTP\/1\.1 (404|414|431)/);
    await raw('POST /telegram HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ', 200);
    // Two requests on one connection, the second one bad.
    const pipelined = await raw(
      `GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\nPOST /telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`,
      500,
    );
    expect(pipelined).toMatch(/^HTTP\/1\.1 404[\s\S]*HTTP\/1\.1 401/);
    await settle(w);
    // The server is still up and right.
    const s = stranger();
    expect((await tgPost(w, w.fake.messageUpdate(s, w.fake.privateChat(s), '/toi'))).status).toBe(200);
    const { sent, refused } = since(w, at);
    expect(sent.map((m) => m.chatId)).toEqual([String(s.id)]);
    expect(refused).toEqual([]);
    expect(
      w.logs
        .slice(logged)
        .filter((l) => l.level >= 50)
        .map((l) => `${l.msg ?? ''}: ${l.err?.message ?? ''}`),
    ).toEqual([]);
    expect(uncaught).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  // Fuzzing exercises parsing and routing, not storage: it runs once, on Redis (as in production).
  if (kind === 'redis')
    it('survives fast-check fuzzing of both webhooks and of typed text (fixed seed)', async () => {
      const fuzzTally = newTally();
      const fuzzStatuses = new Map<number, number>();
      const count = (status: number) => fuzzStatuses.set(status, (fuzzStatuses.get(status) ?? 0) + 1);
      const seeds: string[] = [];
      const params = (runs: number, offset: number) => {
        seeds.push(`${SEED + offset}×${runs}`);
        return { seed: SEED + offset, numRuns: runs, endOnFailure: true };
      };
      // Senders and chats far from the legitimate people's ids.
      const personId = fc.oneof(fc.integer({ min: 10_000_000, max: 2 ** 40 }), fc.constantFrom(-1, 0, 1.5, 2 ** 53, 'x', null));
      const chatId = fc.oneof(personId, fc.integer({ min: -(2 ** 40), max: -10_000_000 }));
      const textish = fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom('/toi', '/baocao', '/dangky', '/start x', '/huy', '/baocao 1: xong', '', '/trogiup@DonDocTestBot'),
      );
      const user = fc.record(
        {
          id: personId,
          is_bot: fc.boolean(),
          first_name: fc.oneof(fc.string({ unit: 'grapheme' }), fc.constant(undefined)),
          language_code: fc.constantFrom(undefined, 'vi', 'en', '', 'xx'),
        },
        { requiredKeys: ['id'] },
      );
      const chat = fc.record(
        { id: chatId, type: fc.constantFrom('private', 'group', 'supergroup', 'channel', 'weird', undefined), title: fc.string() },
        { requiredKeys: [] },
      );
      const message = fc.record(
        {
          message_id: fc.oneof(fc.nat(), fc.string()),
          date: fc.nat(),
          chat,
          from: user,
          text: textish,
          caption: textish,
          sticker: fc.constant({ file_id: 'x' }),
          edit_date: fc.nat(),
          migrate_to_chat_id: chatId,
          reply_to_message: fc.record({ message_id: fc.nat(), from: user }),
          entities: fc.constant([{ type: 'bot_command', offset: 0, length: 4 }]),
        },
        { requiredKeys: ['chat', 'from'] },
      );
      const update = fc.record(
        {
          update_id: fc.oneof(fc.integer({ min: 5_000_000, max: 2 ** 45 }), fc.constantFrom(-7, 0, 'x', 1.25, null)),
          message,
          edited_message: message,
          callback_query: fc.record(
            {
              id: fc.string(),
              from: user,
              data: fc.oneof(
                fc.string({ maxLength: 80 }),
                fc.constantFrom('st:page:ky-thu-nghiem:1', 'st:remind:ky-thu-nghiem', 'rv:0:ok', 'ap:so-y-te:ky-thu-nghiem:1'),
              ),
              message: fc.record({ message_id: fc.nat(), date: fc.constantFrom(0, 1), chat }),
            },
            { requiredKeys: [] },
          ),
          my_chat_member: fc.record(
            {
              chat,
              from: user,
              old_chat_member: fc.record({ status: fc.constantFrom('member', 'left', 'kicked', 'x') }),
              new_chat_member: fc.record({ status: fc.constantFrom('member', 'left', 'kicked', 'x') }),
            },
            { requiredKeys: [] },
          ),
          channel_post: message,
        },
        { requiredKeys: ['update_id'] },
      );
      const check = (label: string, res: HttpResult, allowed: readonly number[]) => {
        fuzzTally.requests++;
        fuzzTally.fuzzed++;
        count(res.status);
        if (res.status >= 500) fuzzTally.status500++;
        if (!allowed.includes(res.status)) fuzzTally.failures.push(`${label}: HTTP ${res.status} ${res.body.slice(0, 80)}`);
      };
      const fail = () => {
        const problems = [...fuzzTally.failures, ...fuzzTally.rejected];
        if (problems.length > 0) throw new Error(problems.join('\n'));
      };
      /** Fuzzed senders make up ids Telegram never would: a refused send to such a chat is expected, invalid HTML or length never. */
      const badRefusals = (refused: readonly string[]) =>
        refused.filter((r) => /parse entities|too long|BUTTON_DATA|markup|text is empty|caption/i.test(r));

      // (a) Arbitrary JSON values to both webhooks.
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          const at = mark(w);
          check('json → telegram', await tgPost(w, value), [200, 400]);
          check('json → zalo', await zaloPost(w, value), [200, 400]);
          const { sent, refused } = since(w, at);
          checkMessages(sent, fuzzTally, `json ${JSON.stringify(value).slice(0, 60)}`, false, stringsIn(value));
          fuzzTally.rejected.push(...badRefusals(refused));
          fail();
        }),
        params(FUZZ_RUNS.json, 1),
      );
      // (a) Objects shaped like Telegram updates, with optional and weird fields.
      await fc.assert(
        fc.asyncProperty(update, async (u) => {
          const at = mark(w);
          check('update-shaped → telegram', await tgPost(w, u), [200, 400]);
          const { sent, refused } = since(w, at);
          const english = JSON.stringify(u).includes('"language_code":"en');
          checkMessages(sent, fuzzTally, `update ${JSON.stringify(u).slice(0, 100)}`, english, stringsIn(u));
          fuzzTally.rejected.push(...badRefusals(refused));
          fail();
        }),
        params(FUZZ_RUNS.shaped, 2),
      );
      // (a) Objects shaped like Zalo updates.
      const zaloId = fc.oneof(fc.stringMatching(/^[a-f0-9]{8,20}$/), fc.string({ maxLength: 70 }), fc.integer(), fc.constant(null));
      const zaloUpdate = fc.record(
        {
          event_name: fc.oneof(
            fc.constantFrom('message.text.received', 'message.image.received', 'message.sticker.received', 'message.unsupported.received'),
            fc.string(),
          ),
          message: fc.record(
            {
              message_id: fc.oneof(fc.uuid(), fc.integer(), fc.constant(null)),
              date: fc.nat(),
              from: fc.record(
                { id: zaloId, display_name: fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer()), is_bot: fc.boolean() },
                { requiredKeys: ['id'] },
              ),
              chat: fc.record({ id: zaloId, chat_type: fc.constantFrom('PRIVATE', 'GROUP', 'x') }, { requiredKeys: ['id'] }),
              text: textish,
              caption: textish,
            },
            { requiredKeys: ['message_id', 'from', 'chat'] },
          ),
        },
        { requiredKeys: ['event_name', 'message'] },
      );
      await fc.assert(
        fc.asyncProperty(zaloUpdate, fc.boolean(), async (u, wrapped) => {
          const at = mark(w);
          check('update-shaped → zalo', await zaloPost(w, wrapped ? { ok: true, result: u } : u), [200, 400]);
          const { sent, refused } = since(w, at);
          checkMessages(sent, fuzzTally, `zalo ${JSON.stringify(u).slice(0, 100)}`, false, stringsIn(u));
          fuzzTally.rejected.push(...refused);
          fail();
        }),
        params(FUZZ_RUNS.zaloShaped, 3),
      );

      // (b) Arbitrary text typed by the head in the middle of /baocao, and by a stranger.
      const headChat = w.fake.privateChat(TG.head);
      const openReport = async () => {
        const key = conversationKey({
          platform: 'telegram',
          chat: { id: String(TG.head.id), kind: 'private' },
          sender: { account: w.legit.head, name: '' },
        });
        if (!(await w.store.conversations.get(key))) await tgSay(w, TG.head, headChat, '/baocao');
        return key;
      };
      const anyText = fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ unit: 'grapheme', minLength: 3990, maxLength: 4100 }),
      );
      let headTurns = 0;
      await fc.assert(
        fc.asyncProperty(anyText, async (text) => {
          await openReport();
          const at = mark(w);
          check('head text', await tgPost(w, w.fake.messageUpdate(TG.head, headChat, text)), [200]);
          const { sent, refused } = since(w, at);
          headTurns++;
          if (!sent.some((m) => m.chatId === String(TG.head.id)))
            fuzzTally.failures.push(`head typed ${JSON.stringify(text.slice(0, 60))}: no reply`);
          checkMessages(sent, fuzzTally, `head typed ${JSON.stringify(text.slice(0, 60))}`, false, text);
          fuzzTally.rejected.push(...refused);
          fail();
        }),
        params(FUZZ_RUNS.headText, 4),
      );
      // (b) Button presses with any data by the head mid-report: forged ids of other agencies, periods,
      // items and drafts among them. Each press is on the newest keyboard not yet pressed.
      const pressed = new Set<number>();
      const structured = fc.oneof(
        fc
          .tuple(
            fc.constantFrom('st', 'pc', 'qt', 'nt'),
            fc.oneof(fc.integer({ min: -5, max: 12 }), fc.constant(1e21)),
            fc.constantFrom('done', 'prog', 'none', 'keep', 'x', ''),
          )
          .map(([p, n, v]) => `${p}:${n}:${v}`),
        fc.constantFrom(
          'ag:so-tai-chinh',
          'ag:so-y-te',
          'p:ky-thu-nghiem',
          'p:2025-6-thang',
          'p:',
          'rv:0:ok',
          'rv:1:ok',
          'rv:2:ok',
          'rv:1:edit:99',
          'rv:1:cancel',
          'ap:ky-thu-nghiem:so-tai-chinh:1',
          'ap:ky-thu-nghiem:so-y-te:1',
          'ap:ky-thu-nghiem:so-tu-phap:1',
          'st:page:ky-thu-nghiem:1',
          'st:remind:ky-thu-nghiem',
        ),
      );
      const pressData = fc.oneof(
        structured,
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
      );
      let presses = 0;
      await fc.assert(
        fc.asyncProperty(pressData, async (data) => {
          await openReport();
          let keyboard = w.fake
            .sent(TG.head.id)
            .filter((m) => buttons(m).length > 0 && !pressed.has(m.message_id))
            .at(-1);
          if (!keyboard) {
            await tgSay(w, TG.head, headChat, '/huy');
            await tgSay(w, TG.head, headChat, '/baocao');
            keyboard = w.fake
              .sent(TG.head.id)
              .filter((m) => buttons(m).length > 0 && !pressed.has(m.message_id))
              .at(-1);
          }
          if (!keyboard) throw new Error('no keyboard to press');
          pressed.add(keyboard.message_id);
          const at = mark(w);
          check('head press', await tgPost(w, w.fake.callbackUpdate(TG.head, keyboard, data, { stale: true })), [200]);
          presses++;
          const { sent, refused } = since(w, at);
          checkMessages(sent, fuzzTally, `head pressed ${JSON.stringify(data)}`, false, data);
          fuzzTally.rejected.push(...refused);
          fail();
        }),
        params(FUZZ_RUNS.headPress, 5),
      );
      await tgSay(w, TG.head, headChat, '/huy');

      // (b) The Zalo head types anything mid-report (numbers answer the numbered options).
      const zaloKey = conversationKey({
        platform: 'zalo',
        chat: { id: ZL.head.id, kind: 'private' },
        sender: { account: w.legit.zaloHead, name: '' },
      });
      let zaloTurns = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyText, fc.constantFrom('1', '2', '3', '0', '99', '-1', '1.5', '١', 'một')), async (text) => {
          if (!(await w.store.conversations.get(zaloKey))) await zaloPost(w, w.zfake.textUpdate(ZL.head, '/baocao'));
          const at = mark(w);
          check('zalo head text', await zaloPost(w, w.zfake.textUpdate(ZL.head, text)), [200]);
          zaloTurns++;
          const { sent, refused } = since(w, at);
          if (!sent.some((m) => m.platform === 'zalo' && m.chatId === ZL.head.id))
            fuzzTally.failures.push(`zalo head typed ${JSON.stringify(text.slice(0, 60))}: no reply`);
          checkMessages(sent, fuzzTally, `zalo head typed ${JSON.stringify(text.slice(0, 60))}`, false, text);
          fuzzTally.rejected.push(...refused);
          fail();
        }),
        params(FUZZ_RUNS.zaloHeadText, 6),
      );
      await zaloPost(w, w.zfake.textUpdate(ZL.head, '/huy'));
      await fc.assert(
        fc.asyncProperty(anyText, fc.boolean(), async (text, inZalo) => {
          const at = mark(w);
          if (inZalo) {
            const z = zaloStranger();
            check('stranger text (zalo)', await zaloPost(w, w.zfake.textUpdate(z, text)), [200]);
          } else {
            const s = stranger();
            check('stranger text', await tgPost(w, w.fake.messageUpdate(s, w.fake.privateChat(s), text)), [200]);
          }
          const { sent, refused } = since(w, at);
          if (sent.length === 0) fuzzTally.failures.push(`stranger typed ${JSON.stringify(text.slice(0, 60))}: no reply`);
          checkMessages(sent, fuzzTally, `stranger typed ${JSON.stringify(text.slice(0, 60))}`, false, text);
          fuzzTally.rejected.push(...refused);
          fail();
        }),
        params(FUZZ_RUNS.strangerText, 7),
      );

      expect(fuzzTally.failures).toEqual([]);
      expect(fuzzTally.rejected).toEqual([]);
      expect(fuzzTally.status500).toBe(0);
      expect(brokenLogs(w)).toEqual([]);
      // Roles, bindings, invites, audit: untouched. The head's fuzzed answers may only have added their own revisions.
      const after = await snapshot(w, [...accounts]);
      expect(after.roles).toEqual(before.roles);
      expect(after.holders).toEqual(before.holders);
      expect(after.agencyMembers).toEqual(before.agencyMembers);
      expect(after.openInvites).toEqual(before.openInvites);
      expect(after.bindings).toEqual(before.bindings);
      expect(after.audit).toEqual(before.audit);
      expect(submissionProblems(w, before, after)).toEqual([]);
      expect(await indexProblems(w, [...accounts])).toEqual([]);
      expect(await strangerConversationKeys(w)).toEqual([]);
      expect(uncaught).toEqual([]);
      expect(unhandled).toEqual([]);
      const runs = Object.values(FUZZ_RUNS).reduce((a, b) => a + b, 0);
      console.log(
        `${summary(kind, corpus.length, tally, { runs, tally: fuzzTally, seeds: seeds.join(', ') })}; fuzz statuses ${JSON.stringify(Object.fromEntries(fuzzStatuses))}, ${headTurns} typed and ${presses} pressed by the Telegram head and ${zaloTurns} typed by the Zalo head mid-report, longest message ${fuzzTally.longest} characters`,
      );
    }, 240_000);

  it('a deputy whose name is hostile markup registers and reports; every coordinator command then answers cleanly', async () => {
    const adminChat = w.fake.privateChat(TG.admin);
    const deputy = {
      id: 2003,
      first_name: '</code><b>Lò\u202e Văn 😀 &amp; <i>',
      last_name: `ǅ${'Ψ'.repeat(60)}&#0;]]>`,
      language_code: 'vi',
    };
    const deputyChat = w.fake.privateChat(deputy);
    const at = mark(w);
    const logged = w.logs.length;
    const invite = textOf(await tgSay(w, TG.admin, adminChat, '/moi so-y-te pho'));
    const code = /start=([A-Za-z0-9_-]{16,64})/.exec(invite)?.[1];
    expect(code, invite).toBeTruthy();
    expect(textOf(await tgSay(w, deputy, deputyChat, `/start ${code}`))).toContain('Đăng ký thành công');
    // The deputy reports (a draft for the head, or final, as the campaign says) with a hostile note.
    const review = await tgSay(
      w,
      deputy,
      deputyChat,
      ['/baocao 1: xong <b>', '2: 80% </code>', '3: 50% &amp;', '4: hoan thanh sl 12', '5: chưa', '6: ht sl 2', '7: 100% sl 35 ]]>'].join(
        '\n',
      ),
    );
    const withConfirm = review.find((m) => buttons(m).some((b) => /^rv:\d+:ok$/.test(b)));
    expect(withConfirm, textOf(review)).toBeTruthy();
    await tgPost(
      w,
      w.fake.callbackUpdate(deputy, withConfirm as SentMessage, buttons(withConfirm).find((b) => /^rv:\d+:ok$/.test(b)) as string),
    );
    const approve = w.fake
      .sent(TG.head.id)
      .filter((m) => buttons(m).some((b) => b.startsWith('ap:')))
      .at(-1);
    if (approve) await tgPost(w, w.fake.callbackUpdate(TG.head, approve, buttons(approve).find((b) => b.startsWith('ap:')) as string));
    const answers: string[] = [];
    for (const command of [
      '/status',
      '/status so-y-te',
      `/status ${FIRST_PERIOD} trang 2`,
      '/coquan',
      '/coquan y te',
      '/nhatky',
      '/tonghop',
      '/xuat',
      '/nhac',
      '/kyhan',
      '/toi',
      '/moi',
      '/trogiup',
    ]) {
      const said = await tgSay(w, TG.admin, adminChat, command);
      if (said.length === 0) answers.push(`${command}: no answer`);
    }
    expect(answers).toEqual([]);
    const { sent, refused } = since(w, at);
    const tally = newTally();
    checkMessages(sent, tally, 'a deputy with a hostile name');
    expect(tally.failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(w.fake.sent(TG.admin.id).some((m) => m.text.includes('</code><b>Lò'))).toBe(true);
    expect(
      w.logs
        .slice(logged)
        .filter((l) => l.level >= 50)
        .map((l) => `${l.msg ?? ''}: ${l.err?.message ?? ''}`),
    ).toEqual([]);
    expect(await indexProblems(w, [...accounts, accountId('telegram', deputy.id)])).toEqual([]);
  }, 90_000);
});
