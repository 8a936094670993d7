import { expect } from 'vitest';
import type { ZaloUpdate } from '../../src/platforms/zalo/client.js';
import type { FakeZaloApi, FakeZaloUser, ZaloSentMessage } from './fake-zalo-api.js';

/** People of the Zalo stories (ids are hex-like strings, as Zalo's). */
export const ZALO_ADMIN: FakeZaloUser = { id: 'a0d1e2f3a4b5c6d7', display_name: 'Trần Thị Điều Phối' };
export const ZALO_HEAD: FakeZaloUser = { id: 'b1c2d3e4f5a6b7c8', display_name: 'Nguyễn Văn Y Tế' };

/** How an update reaches the app: queued for getUpdates, or POSTed to its webhook. */
export type DeliverUpdate = (update: ZaloUpdate) => Promise<void>;

export class ZaloConversation {
  constructor(
    readonly fake: FakeZaloApi,
    readonly deliver: DeliverUpdate,
  ) {}

  /** A person writes; resolves with everything the bot answered in their chat (once it went quiet). */
  async say(from: FakeZaloUser, text: string): Promise<ZaloSentMessage[]> {
    const before = this.fake.sent(from.id).length;
    await this.deliver(this.fake.textUpdate(from, text));
    await this.fake.nextMessage(from.id, before, 15_000);
    return this.fake.settle(from.id, before, 700);
  }
}

const joined = (ms: readonly ZaloSentMessage[]) => ms.map((m) => m.text).join('\n');
/** The numbered options at the end of the last message: `1. Hoàn thành` → ['Hoàn thành', …]. */
export const optionsOf = (ms: readonly ZaloSentMessage[]) =>
  [...(ms.at(-1)?.text ?? '').matchAll(/^(\d+)\. (.+)$/gm)].map((m) => m[2] ?? '');

/**
 * The invitee story on Zalo: the administrator (a coordinator too) invites the head of Sở Y tế, the
 * head registers with /dangky CODE and reports with /baocao, answering the numbered questions by
 * number, once by the option's text, and typing the counts; the coordinator then sees it in /status.
 */
export async function zaloInviteReportStory(c: ZaloConversation): Promise<void> {
  const invite = joined(await c.say(ZALO_ADMIN, '/moi so-y-te'));
  const code = /\/dangky ([A-Za-z0-9_-]{16,64})/.exec(invite)?.[1];
  expect(code, invite).toBeTruthy();

  const welcome = joined(await c.say(ZALO_HEAD, `/dangky ${code}`));
  expect(welcome).toContain('Đăng ký thành công');
  expect(welcome).toContain('Sở Y tế');

  let answer = await c.say(ZALO_HEAD, '/baocao');
  let byText = false;
  for (let step = 0; step < 40 && !joined(answer).includes('Số tham chiếu'); step++) {
    const options = optionsOf(answer);
    for (const m of answer) expect(m.text.length).toBeLessThanOrEqual(2000);
    if (options.length === 0) {
      answer = await c.say(ZALO_HEAD, '3'); // a count asked by typing
    } else if (!byText && options[0] === 'Không ghi chú') {
      byText = true;
      answer = await c.say(ZALO_HEAD, 'khong ghi chu'); // the option's text, without diacritics
    } else {
      expect(answer.at(-1)?.text).toMatch(/Trả lời (bằng số|1)/);
      answer = await c.say(ZALO_HEAD, '1'); // the first option: Hoàn thành, Không ghi chú, Xác nhận
    }
  }
  const receipt = joined(answer);
  expect(receipt).toContain('Số tham chiếu');
  expect(receipt).toContain('Sở Y tế');

  // A number with no question open is just text again.
  expect(joined(await c.say(ZALO_HEAD, '1'))).not.toContain('Số tham chiếu');

  const status = joined(await c.say(ZALO_ADMIN, '/status'));
  expect(status).toContain('kỳ thử nghiệm');
  expect(status).toMatch(/1\s*\/\s*\d+/);
}
