import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { accountId } from '../../../src/domain/roles.js';
import { createDeliver } from '../../../src/messaging/delivery.js';
import { createChoiceMemory } from '../../../src/platforms/zalo/choices.js';
import { createZaloClient } from '../../../src/platforms/zalo/client.js';
import { createZaloMessenger } from '../../../src/platforms/zalo/messenger.js';
import { createZaloPacer } from '../../../src/platforms/zalo/pacer.js';
import { createZaloPipeline } from '../../../src/platforms/zalo/pipeline.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { FAKE_ZALO_TOKEN, FakeZaloApi } from '../../fake-zalo/fake-zalo-api.js';

const logger = pino({ level: 'silent' });
const HEAD = { id: 'ab12cd34', display_name: 'Lò Văn Tài' };

/**
 * Zalo has no buttons: a head of Sở Y tế sends the whole report as one multi-line message, reads
 * the review as a numbered list and confirms by typing "1".
 */
describe('Zalo: a multi-line quick form in one message', () => {
  let fake: FakeZaloApi | undefined;
  let bot: TestBot | undefined;
  afterEach(async () => {
    await fake?.close();
    await bot?.close();
  });

  it('goes to the review, numbered options, and is saved when "1" (Xác nhận) is typed', async () => {
    fake = await FakeZaloApi.start();
    bot = await createTestBot({ now: '2025-06-10T08:00:00+07:00' });
    await bot.grant({ account: accountId('zalo', HEAD.id), role: 'head', agencyId: 'so-y-te', name: HEAD.display_name });
    const client = createZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: fake.apiRoot, logger });
    const messenger = createZaloMessenger({ client, pacer: createZaloPacer({ perChatGapMs: 0, perSecond: 1000 }), logger });
    const pipeline = createZaloPipeline({
      router: bot.router,
      messenger,
      deliver: createDeliver([messenger]),
      store: bot.store,
      clock: bot.clock,
      logger,
      choices: createChoiceMemory(bot.store),
      instanceId: 'p',
    });
    const message = ['/baocao 1 ht', '2 ht', '3 dth 90%', '4 xong sl 12', '5 chua', '6 da to chuc 2 hoi nghi', '7 xong, 35 tin bai'].join(
      '\n',
    );
    await pipeline.submit(fake.textUpdate(HEAD, message));
    const review = fake
      .sent(HEAD.id)
      .map((m) => m.text)
      .join('\n');
    expect(review).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 90%; không ghi chú');
    expect(review).toContain('6. Đại hội thi đua, hội nghị điển hình tiên tiến: Hoàn thành 100%; số lượng: 2 hội nghị; không ghi chú');
    expect(review).toMatch(/1\. Xác nhận/);
    expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();
    await pipeline.submit(fake.textUpdate(HEAD, '1'));
    expect(fake.sent(HEAD.id).at(-1)?.text).toContain('Đôn Đốc đã nhận báo cáo');
    const saved = await bot.store.reports.latest('2025-6-thang', 'so-y-te');
    expect(saved?.answers.map((a) => [a.itemNo, a.status, a.percent, a.quantity ?? null])).toEqual([
      [1, 'done', 100, null],
      [2, 'done', 100, null],
      [3, 'in-progress', 90, null],
      [4, 'done', 100, 12],
      [5, 'not-started', 0, null],
      [6, 'done', 100, 2],
      [7, 'done', 100, 35],
    ]);
  });
});
