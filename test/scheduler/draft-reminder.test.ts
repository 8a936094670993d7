import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../scheduler/scheduler.js';
import { accountId } from '../../src/domain/roles.js';
import { createDeliver } from '../../src/messaging/delivery.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { createRecordingMessenger } from '../helpers/recording-messenger.js';

const HEAD = accountId('telegram', '1001'); // head of Sở Y tế
const at = (iso: string) => Date.parse(`${iso}+07:00`);

/** A head called away mid-report is reminded of the draft, not asked to start again. */
describe('the next reminder mentions an unfinished report', () => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.close();
  });

  it('the head of Sở Y tế answered 2 of 7 items at 07:30; the 08:00 reminder says so and how to go on', async () => {
    bot = await createTestBot({ now: '2025-06-13T07:30:00+07:00' });
    await bot.grant({ account: HEAD, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
    const outbox = createRecordingMessenger('telegram');
    const scheduler = createScheduler({ services: bot.services, deliver: createDeliver([outbox.messenger]), instanceId: 'test-1' });
    const say = (text: string) => bot?.say(HEAD, text);
    await scheduler.tick(at('2025-06-13T07:30'));
    await say('/baocao');
    for (const answer of ['xong', 'không', 'xong', 'không']) await say(answer);
    bot.clock.set(at('2025-06-13T08:00'));
    await scheduler.tick(at('2025-06-13T08:00'));
    const [reminder] = outbox.to('1001');
    expect(reminder?.text).toContain('Hạn gửi: thứ Tư, 18/06/2025');
    expect(reminder?.text).toContain(
      'Đồng chí đang có báo cáo làm dở (đã trả lời 2/7 nội dung): gõ /baocao rồi chọn "Tiếp tục" để hoàn thành.',
    );
    // Finished (or cancelled), the draft is no longer mentioned.
    await say('/huy');
    expect(await bot.store.conversations.get('report-draft:2025-6-thang:so-y-te:telegram:1001')).toBeUndefined();
  });
});
