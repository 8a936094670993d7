import { accountId, type AccountId } from '../../src/domain/roles.js';
import type { ChatKind } from '../../src/messaging/incoming.js';
import type { Reply } from '../../src/messaging/reply.js';
import { textOf, type TestBot } from '../helpers/bot.js';

/** The people of the report stories. */
export const AN = accountId('telegram', '1001'); // Nguyễn Văn An, head (thủ trưởng) of Sở Y tế
export const HOA = accountId('telegram', '1002'); // Vàng Thị Hoa, deputy (cấp phó) of Sở Y tế
export const BINH = accountId('telegram', '2002'); // Trần Thị Bình, coordinator at Sở Nội vụ
export const TAI = accountId('telegram', '1003'); // Lò Văn Tài, head of Sở Tài chính
export const STRANGER = accountId('telegram', '3003');
export const GROUP = '-100123'; // Sở Y tế's group

export const STORES = ['embedded', 'redis'] as const;

export async function registerPeople(bot: TestBot): Promise<void> {
  await bot.grant({ account: AN, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
  await bot.grant({ account: HOA, role: 'deputy', agencyId: 'so-y-te', name: 'Vàng Thị Hoa' });
  await bot.grant({ account: BINH, role: 'coordinator', name: 'Trần Thị Bình' });
  await bot.grant({ account: TAI, role: 'head', agencyId: 'so-tai-chinh', name: 'Lò Văn Tài' });
}

/**
 * Someone writing to the bot in one chat, who remembers the options of the bot's last question so
 * a story can say `tap('Hoàn thành')` as the person would.
 */
export class Person {
  last: Reply[] = [];
  constructor(
    private readonly bot: () => TestBot,
    readonly account: AccountId,
    readonly name: string,
    readonly chat: { id: string; kind: ChatKind } = { id: account.split(':')[1] ?? '', kind: 'private' },
  ) {}

  inGroup(id = GROUP): Person {
    return new Person(this.bot, this.account, this.name, { id, kind: 'group' });
  }

  /** What the bot said back in this chat (notices sent elsewhere are in `elsewhere`). */
  private heard(replies: Reply[]): string {
    this.last = replies;
    return textOf(replies.filter((r) => !r.to));
  }

  async say(text: string): Promise<string> {
    return this.heard(
      await this.bot().send({ chat: this.chat, sender: { account: this.account, name: this.name }, content: { type: 'text', text } }),
    );
  }

  async pick(choiceId: string): Promise<string> {
    return this.heard(
      await this.bot().send({
        chat: this.chat,
        sender: { account: this.account, name: this.name },
        content: { type: 'choice', value: choiceId },
      }),
    );
  }

  /** Taps the option with this label in the bot's last question. */
  async tap(label: string): Promise<string> {
    const choice = this.options().find((c) => c.label === label);
    if (!choice)
      throw new Error(
        `no option "${label}" in: ${this.options()
          .map((c) => c.label)
          .join(' | ')}`,
      );
    return this.pick(choice.id);
  }

  async send(content: { type: 'unsupported'; what: string }): Promise<string> {
    return this.heard(await this.bot().send({ chat: this.chat, sender: { account: this.account, name: this.name }, content }));
  }

  options(): { id: string; label: string }[] {
    return this.last.filter((r) => !r.to).flatMap((r) => r.choices ?? []);
  }

  /** Replies addressed to other chats (notices to the head, to coordinators). */
  elsewhere(): Reply[] {
    return this.last.filter((r) => r.to);
  }
}

/** A whole report in the quick form, one line per item of the Lai Châu plan. */
export const FULL_QUICK_FORM = [
  '/baocao 1: xong, đã quán triệt tại 12 hội nghị',
  '2: 80% đang triển khai',
  '3: dang thuc hien 50 % phat dong thi dua dac biet',
  '4: hoan thanh sl 12',
  '5: chưa',
  '6: ht, đã tổ chức 2 hội nghị',
  '7: 100% đăng 35 tin, bài',
].join('\n');
