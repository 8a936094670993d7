import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, textOf, type TestBot } from '../helpers/bot.js';
import { AN, BINH, registerPeople } from './report-helpers.js';

/** Periods can be found: their codes are shown, and they can be named by code or by their Vietnamese name. */
describe('period codes and names, on 10/06/2025', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot({ now: '2025-06-10T08:00:00+07:00' });
    await registerPeople(bot);
  });
  afterEach(async () => {
    await bot.close();
  });
  const say = async (who: typeof AN, text: string) => textOf(await bot.say(who, text));

  it('/kyhan and /status show each period with its code', async () => {
    expect(await say(AN, '/kyhan')).toContain('sơ kết 6 tháng đầu năm 2025\n   Mã kỳ: 2025-6-thang');
    expect(await say(BINH, '/status')).toContain('Mã kỳ: 2025-6-thang (dùng với /status, /tonghop, /xuat, /nhac');
  });

  it.each(['/status 6 thang', '/status sơ kết 6 tháng', '/status 2025-6-thang', '/status SO KET'])(
    '"%s" shows the 6-month period',
    async (typed) => {
      expect(await say(BINH, typed)).toContain('📊 Phong trào thi đua năm 2025 — sơ kết 6 tháng đầu năm 2025');
    },
  );

  it.each(['/status ca nam', '/status cả năm 2025', '/tonghop tong ket nam', '/xuat 2025-ca-nam', '/nhac ca nam'])(
    '"%s": the yearly period has not opened — "chưa mở, mở từ …", not "không tìm thấy"',
    async (typed) => {
      expect(await say(BINH, typed)).toBe('Kỳ tổng kết năm 2025 (mã 2025-ca-nam) chưa mở, mở từ ngày 01/12/2025.');
    },
  );

  it('a name that fits nothing is still "không tìm thấy"', async () => {
    expect(await say(BINH, '/tonghop quý III')).toContain('Không tìm thấy kỳ báo cáo hay cơ quan "quý III"');
  });
});
