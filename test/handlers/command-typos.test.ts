import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suggestCommand } from '../../handlers/command-suggest.js';
import { createTestBot, textOf, type TestBot } from '../helpers/bot.js';
import { AN, registerPeople } from './report-helpers.js';

/** A head types a command slightly wrong: the bot says which one was probably meant, never runs it. */
describe('mistyped commands', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot({ now: '2025-06-10T08:00:00+07:00' });
    await registerPeople(bot);
  });
  afterEach(async () => {
    await bot.close();
  });
  const say = async (text: string) => textOf(await bot.say(AN, text));

  it.each([
    ['/baocaoo', 'Không có lệnh /baocaoo. Có phải đồng chí muốn dùng /baocao?'],
    ['/bacao', 'Không có lệnh /bacao. Có phải đồng chí muốn dùng /baocao?'],
    ['/bao cao', 'Không có lệnh /bao. Có phải đồng chí muốn dùng /baocao?'],
    ['/bc', 'Không có lệnh /bc. Có phải đồng chí muốn dùng /baocao?'],
    ['/kyhna', 'Không có lệnh /kyhna. Có phải đồng chí muốn dùng /kyhan?'],
    ['/kihan', 'Không có lệnh /kihan. Có phải đồng chí muốn dùng /kyhan?'],
    ['/trogiupp', 'Không có lệnh /trogiupp. Có phải đồng chí muốn dùng /trogiup?'],
    ['/xyz', 'Lệnh /xyz không có. Đề nghị gõ /trogiup để xem các lệnh.'],
  ])('"%s" is answered: %s', async (typed, answer) => {
    expect(await say(typed)).toBe(answer);
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
  });

  it('plain text outside a conversation points to /trogiup; a report pasted without /baocao is not filed but explained', async () => {
    expect(await say('xin chào')).toContain('/trogiup');
    expect(await say('1 xong\n2 dang lam 40%')).toBe(
      'Tin nhắn này có dạng báo cáo nhưng chưa có lệnh. Đề nghị gửi lại với /baocao ở đầu tin nhắn, ví dụ: /baocao 1 xong, 2 đang làm 40%. Gõ /trogiup để xem các lệnh.',
    );
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
  });

  it('suggests only what is close: one slip in a short name, two in a long one', () => {
    const names = ['baocao', 'kyhan', 'huy', 'status', 'toi', 'report'];
    expect(suggestCommand('huyy', names)).toBe('huy');
    expect(suggestCommand('stauts', names)).toBe('status');
    expect(suggestCommand('abcdef', names)).toBeUndefined();
    expect(suggestCommand('to', names)).toBeUndefined();
  });
});
