import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { parseDocument } from 'yaml';
import { expect } from 'vitest';
import type { FakeBotApi, FakeChat, FakeUser, SentMessage } from './fake-bot-api.js';

/** People of the end-to-end stories. */
export const ADMIN: FakeUser = { id: 1001, first_name: 'Trần Thị', last_name: 'Điều Phối', language_code: 'vi' };
export const HEAD: FakeUser = { id: 2002, first_name: 'Nguyễn Văn', last_name: 'Y Tế <BS>', language_code: 'vi' };
export const COORDINATOR_GROUP: FakeChat = { id: -4001, type: 'group', title: 'Sở Nội vụ & điều phối' };

const dayMs = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

/**
 * The bundled plan with one custom period open today (the app runs on the real clock): data from a
 * month ago to yesterday, open since five days ago, due in ten days.
 */
export async function planOpenToday(): Promise<string> {
  const doc = parseDocument(await readFile('examples/lai-chau-2025.yaml', 'utf8'));
  const now = Date.now();
  doc.set('periods', [
    {
      id: 'ky-thu-nghiem',
      campaign: 'thi-dua-2025',
      preset: 'custom',
      name: 'kỳ thử nghiệm',
      cutoff: { from: isoDay(now - 30 * dayMs), to: isoDay(now - dayMs) },
      opens_on: isoDay(now - 5 * dayMs),
      deadline: isoDay(now + 10 * dayMs),
    },
  ]);
  const file = join(tmpdir(), `dondoc-e2e-plan-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, doc.toString());
  return file;
}

/** How an update reaches the app: queued for getUpdates, or POSTed to its webhook. */
export type Deliver = (update: Update) => Promise<void>;

export class Conversation {
  constructor(
    readonly fake: FakeBotApi,
    readonly deliver: Deliver,
  ) {}

  /** A person writes; resolves with the bot's first answer in that chat. */
  async say(from: FakeUser, chat: FakeChat, text: string): Promise<SentMessage> {
    const before = this.fake.sent(chat.id).length;
    await this.deliver(this.fake.messageUpdate(from, chat, text));
    return this.fake.nextMessage(chat.id, before, 15_000);
  }

  /** A person presses a button; resolves with the bot's answer in that chat. */
  async press(from: FakeUser, message: SentMessage, data: string): Promise<SentMessage> {
    const before = this.fake.sent(message.chat.id).length;
    await this.deliver(this.fake.callbackUpdate(from, message, data));
    return this.fake.nextMessage(message.chat.id, before, 15_000);
  }
}

const buttonsOf = (m: SentMessage) => (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');

/**
 * The invitee story: the administrator (a coordinator too) invites the head of Sở Y tế in private,
 * the head joins through the deep link, reports with the buttons, and the administrator binds the
 * coordinators' group and asks `/status` there.
 */
export async function inviteReportStatusStory(c: Conversation): Promise<void> {
  const { fake } = c;
  const admin = fake.privateChat(ADMIN);
  const head = fake.privateChat(HEAD);

  // 1. An invitation with a deep link, in private.
  const invite = await c.say(ADMIN, admin, '/moi so-y-te');
  const link = /https:\/\/t\.me\/DonDocTestBot\?start=([A-Za-z0-9_-]{16,64})/.exec(invite.text);
  expect(link, invite.text).not.toBeNull();
  const code = link?.[1] as string;

  // 2. The invitee opens the link: Telegram sends `/start CODE`.
  const welcome = await c.say(HEAD, head, `/start ${code}`);
  expect(welcome.text).toContain('Đăng ký thành công');
  expect(welcome.text).toContain('Sở Y tế');

  // 3. The head reports with the buttons: every item done, no notes, counts typed, then confirm.
  let question = await c.say(HEAD, head, '/baocao');
  const pressed: SentMessage[] = [];
  for (let step = 0; step < 40; step++) {
    const buttons = buttonsOf(question);
    const pick =
      buttons.find((b) => /^st:\d+:d/.test(b)) ??
      buttons.find((b) => /^nt:\d+:none$/.test(b)) ??
      buttons.find((b) => /^rv:\d+:ok$/.test(b)) ??
      buttons.find((b) => /^p:/.test(b));
    if (pick) {
      pressed.push(question);
      const answer = await c.press(HEAD, question, pick);
      // The keyboard is gone at once, so the same button cannot be pressed twice.
      expect(fake.sent(head.id).find((m) => m.message_id === question.message_id)?.reply_markup).toBeUndefined();
      if (pick.startsWith('rv:')) {
        question = answer;
        break;
      }
      question = answer;
    } else {
      question = await c.say(HEAD, head, '3'); // a count asked by typing
    }
  }
  expect(question.text).toMatch(/Số tham chiếu|reference/i);
  expect(fake.callsOf('answerCallbackQuery').length).toBeGreaterThanOrEqual(pressed.length);

  // A stale button (an old client still shows it) is refused without a second report.
  const old = pressed[0] as SentMessage;
  const countBefore = fake.sent(head.id).length;
  const answersBefore = fake.callsOf('answerCallbackQuery').length;
  await c.deliver(fake.callbackUpdate(HEAD, old, buttonsOf(old)[0] ?? 'st:1:d', { stale: true }));
  await fake.waitFor(() => fake.callsOf('answerCallbackQuery').length > answersBefore, 10_000, 'the stale press answered');
  expect(fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('hết hiệu lực');
  expect(fake.sent(head.id).length).toBe(countBefore);

  // 4. The coordinators' group: a code in private, `/lienket@Bot CODE` in the group.
  const groupCode = await c.say(ADMIN, admin, '/lienket');
  const gc = /\/lienket ([A-Za-z0-9_-]{16,64})/.exec(groupCode.text)?.[1];
  expect(gc, groupCode.text).toBeTruthy();
  const bound = await c.say(ADMIN, COORDINATOR_GROUP, `/lienket@DonDocTestBot ${gc}`);
  expect(bound.text).toContain('nhóm điều phối');
  // A command for another bot in the group is left alone.
  const groupCount = fake.sent(COORDINATOR_GROUP.id).length;
  await c.deliver(fake.messageUpdate(ADMIN, COORDINATOR_GROUP, '/status@SomeOtherBot'));

  // 5. /status in the coordinators' group: Sở Y tế has reported.
  const status = await c.say(ADMIN, COORDINATOR_GROUP, '/status@DonDocTestBot');
  expect(fake.sent(COORDINATOR_GROUP.id).length).toBeGreaterThan(groupCount);
  expect(fake.sent(COORDINATOR_GROUP.id)[groupCount]?.text).toBe(status.text); // nothing answered the other bot's command
  expect(status.text).toContain('kỳ thử nghiệm');
  expect(status.text).toMatch(/1\s*\/\s*\d+/);
  // In a group the answer quotes the command it answers.
  expect(status.reply_parameters?.message_id).toBeGreaterThan(0);

  // Everything the bot sent was valid HTML with the user's "<BS>" escaped (/toi shows their name).
  await c.say(HEAD, head, '/toi');
  expect(fake.sent().some((m) => m.text.includes('Y Tế <BS>') && m.html.includes('Y Tế &lt;BS&gt;'))).toBe(true);
}
