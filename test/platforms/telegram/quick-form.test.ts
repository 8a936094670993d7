import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { accountId } from '../../../src/domain/roles.js';
import { createDeliver } from '../../../src/messaging/delivery.js';
import { createUpdatePipeline, type UpdatePipeline } from '../../../src/platforms/telegram/pipeline.js';
import type { FakeUser, SentMessage } from '../../fake-telegram/fake-bot-api.js';
import { createRecordingMessenger } from '../../helpers/recording-messenger.js';
import { telegramFixture, type TelegramFixture } from './telegram-fixture.js';

const HEAD: FakeUser = { id: 2002, first_name: 'Nguyễn Văn', last_name: 'Y Tế' };

/**
 * A whole report typed in Telegram as one message of several lines (Shift+Enter on a computer,
 * the return key on a phone), through grammY and the fake Bot API: the review comes back with every
 * item and its buttons, and nothing is saved before "Xác nhận".
 */
describe('Telegram: a multi-line quick form in one message', () => {
  let f: TelegramFixture;
  let pipeline: UpdatePipeline;
  afterEach(async () => {
    await f?.close();
  });

  it('the head of Sở Y tế sends seven lines at once, sees the review with every field, and confirms', async () => {
    f = await telegramFixture();
    pipeline = createUpdatePipeline({
      router: f.bot.router,
      messenger: f.messenger,
      deliver: createDeliver([f.messenger, createRecordingMessenger('zalo').messenger]),
      store: f.bot.store,
      clock: f.bot.clock,
      logger: pino({ level: 'silent' }),
      me: f.client.me,
      instanceId: 'test-instance',
    });
    await f.bot.grant({ account: accountId('telegram', HEAD.id), role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn Y Tế' });
    const chat = f.fake.privateChat(HEAD);
    const message = [
      '/baocao ✅ 1. Đã hoàn thành',
      '✅ 2. Hoàn thành',
      '3. Đang thực hiện, đạt 55%',
      '4. Hoàn thành, khen thưởng 8 tập thể, cá nhân',
      '5. Hoàn thành',
      '6. Đã tổ chức 1 hội nghị',
      '7. Đang thực hiện 30%, 20 tin, bài <đợt 1>',
    ].join('\n');
    await pipeline.submit(f.fake.messageUpdate(HEAD, chat, message.normalize('NFD')));
    const [review] = f.fake.sent(chat.id);
    expect(review?.text).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 55%; không ghi chú');
    expect(review?.text).toContain(
      '4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; số lượng: 8 tập thể, cá nhân; không ghi chú',
    );
    expect(review?.text).toContain('7. Phối hợp thông tin, truyền thông: Đang thực hiện 30%; số lượng: 20 tin, bài; ghi chú: <đợt 1>');
    expect(review?.html).toContain('ghi chú: &lt;đợt 1&gt;');
    expect(await f.bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
    const confirm = (review?.reply_markup?.inline_keyboard ?? []).flat().find((b) => /^rv:\d+:ok$/.test(b.callback_data ?? ''));
    expect(confirm?.text).toBe('Xác nhận');
    await pipeline.submit(f.fake.callbackUpdate(HEAD, review as SentMessage, confirm?.callback_data ?? ''));
    expect(f.fake.sent(chat.id).at(-1)?.text).toContain('Đôn Đốc đã nhận báo cáo');
    const saved = await f.bot.store.reports.latest('2025-6-thang', 'so-y-te');
    expect(saved?.answers.map((a) => [a.itemNo, a.status, a.percent, a.quantity ?? null, a.note])).toEqual([
      [1, 'done', 100, null, ''],
      [2, 'done', 100, null, ''],
      [3, 'in-progress', 55, null, ''],
      [4, 'done', 100, 8, ''],
      [5, 'done', 100, null, ''],
      [6, 'done', 100, 1, ''],
      [7, 'in-progress', 30, 20, '<đợt 1>'],
    ]);
  });
});
