import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../scheduler/scheduler.js';
import { accountId } from '../../src/domain/roles.js';
import { createDeliver } from '../../src/messaging/delivery.js';
import { createTestBot, textOf, type TestBot } from '../helpers/bot.js';
import { createRecordingMessenger } from '../helpers/recording-messenger.js';

const COORDINATOR = accountId('telegram', '2002');
const HEAD_YTE = accountId('telegram', '1001');
const HEAD_TC = accountId('telegram', '1003');
const HEAD_MK = accountId('telegram', '1004');

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ now: '2025-06-10T09:00:00+07:00' });
  await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
  await bot.grant({ account: HEAD_YTE, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
  await bot.grant({ account: HEAD_TC, role: 'head', agencyId: 'so-tai-chinh', name: 'Lò Văn Tài' });
  await bot.grant({ account: HEAD_MK, role: 'head', agencyId: 'xa-muong-kim', name: 'Lò Thị Kim' });
});
afterEach(() => bot.close());

describe('a coordinator requests a báo cáo đột xuất from two agencies', () => {
  it('creates it, tells the two heads at once, and only they see it in /kyhan', async () => {
    // Two agencies: asked first, with the count; then confirmed.
    const asked = await bot.say(COORDINATOR, '/dotxuat 13/06/2025 so-y-te, muong kim | Báo cáo nhanh kết quả khen thưởng đột xuất', {
      name: 'Trần Thị Bình',
    });
    expect(textOf(asked)).toContain(
      'Đồng chí muốn gửi yêu cầu báo cáo đột xuất "Báo cáo nhanh kết quả khen thưởng đột xuất" tới 2 cơ quan, đơn vị?',
    );
    expect(asked[0]?.choices).toEqual([{ id: 'dx:x', label: 'Xác nhận gửi 2 cơ quan' }]);
    const replies = await bot.send({
      chat: { id: COORDINATOR.split(':')[1] ?? '', kind: 'private' },
      sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
      content: { type: 'choice', value: 'dx:x' },
    });
    expect(replies[0]?.text).toContain('Đã tạo yêu cầu báo cáo đột xuất: Báo cáo nhanh kết quả khen thưởng đột xuất.');
    expect(replies[0]?.text).toContain('Hạn gửi: thứ Sáu, 13/06/2025.');
    expect(replies[0]?.text).toContain('Cơ quan được yêu cầu (2): Sở Y tế, UBND xã Mường Kim.');
    const notices = replies.slice(1);
    expect(notices.map((r) => r.to?.chatId).sort()).toEqual(['1001', '1004']);
    expect(notices[0]?.text).toContain('Trần Thị Bình đề nghị báo cáo đột xuất: Báo cáo nhanh kết quả khen thưởng đột xuất.');

    expect(textOf(await bot.say(HEAD_YTE, '/kyhan'))).toContain('Báo cáo nhanh kết quả khen thưởng đột xuất');
    expect(textOf(await bot.say(HEAD_TC, '/kyhan'))).not.toContain('Báo cáo nhanh kết quả khen thưởng đột xuất');
    expect(textOf(await bot.say(COORDINATOR, '/dotxuat'))).toContain(
      '• Báo cáo nhanh kết quả khen thưởng đột xuất — hạn thứ Sáu, 13/06/2025 — đã báo cáo 0/2',
    );
  });

  it('moves a deadline on Saturday to Monday, and refuses a past date, unknown agencies or a missing subject', async () => {
    expect(textOf(await bot.say(COORDINATOR, '/dotxuat 14/06/2025 tatca | Rà soát số liệu'))).toContain('tới 55 cơ quan, đơn vị?');
    expect(textOf(await bot.say(COORDINATOR, '/dotxuat xác nhận'))).toContain(
      'Hạn gửi: thứ Hai, 16/06/2025 (đã lùi sang ngày làm việc kế tiếp).',
    );
    expect(textOf(await bot.say(COORDINATOR, '/dotxuat xác nhận'))).toContain('Không có yêu cầu đột xuất nào đang chờ xác nhận');
    expect(textOf(await bot.say(COORDINATOR, '/dotxuat 01/06/2025 so-y-te | Rà soát'))).toContain('Hạn gửi không hợp lệ');
    expect(textOf(await bot.say(COORDINATOR, '/dotxuat 20/06/2025 so-khong-co | Rà soát'))).toContain(
      'Không xác định được cơ quan: so-khong-co',
    );
    expect(textOf(await bot.say(COORDINATOR, '/dotxuat 20/06/2025 so-y-te'))).toContain('Đề nghị ghi nội dung yêu cầu sau dấu "|"');
  });

  it('the scheduler reminds only the agencies asked, on the deadline morning', async () => {
    await bot.say(COORDINATOR, '/dotxuat 13/06/2025 so-y-te, xa-muong-kim | Báo cáo nhanh');
    await bot.say(COORDINATOR, '/dotxuat xacnhan');
    const outbox = createRecordingMessenger();
    const scheduler = createScheduler({ services: bot.services, deliver: createDeliver([outbox.messenger]), instanceId: 't' });
    await scheduler.runUntil(Date.parse('2025-06-13T17:00:00+07:00'), (ms) => bot.clock.set(ms));
    const adHoc = outbox.sent.filter((m) => m.text.includes('Đề nghị gửi báo cáo đột xuất: Báo cáo nhanh.'));
    expect(adHoc.map((m) => m.to.chatId).sort()).toEqual(['1001', '1001', '1004', '1004']); // T-1 and the deadline day
    expect(outbox.to('1003').every((m) => !m.text.includes('Báo cáo nhanh'))).toBe(true);
  });
});
