import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { AN, Person, registerPeople } from './report-helpers.js';

/**
 * The head of Sở Y tế sends /baocao with the report typed the way heads type it. What is certain
 * goes to the review (or is shown back while the rest is asked); what is not is shown back item
 * by item and asked — and nothing is saved before "Xác nhận".
 */
describe('the quick form as heads type it, through the router', () => {
  let bot: TestBot;
  const an = new Person(() => bot, AN, 'Nguyễn Văn An');
  beforeEach(async () => {
    bot = await createTestBot({ store: 'embedded', now: '2025-06-10T08:00:00+07:00' });
    await registerPeople(bot);
  });
  afterEach(async () => {
    await bot.close();
  });
  const nothingSaved = async () => expect(await bot.store.reports.latest('2025-6-thang', 'so-y-te')).toBeUndefined();

  it('a whole report in seven numbered lines goes straight to a review listing every field, and is saved on "Xác nhận"', async () => {
    const said = await an.say(
      '/baocao 1. Đã hoàn thành\n2. Hoàn thành\n3. Đang thực hiện, đạt 55%\n4. Hoàn thành, khen thưởng 8 tập thể, cá nhân\n5. Hoàn thành\n6. Đã tổ chức 1 hội nghị\n7. Đang thực hiện 30%, 20 tin, bài',
    );
    expect(said).toContain(
      [
        'Đề nghị đồng chí kiểm tra lại báo cáo của Sở Y tế, kỳ sơ kết 6 tháng đầu năm 2025:',
        '1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%; không ghi chú',
        '2. Đổi mới phương thức lãnh đạo: Hoàn thành 100%; không ghi chú',
        '3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 55%; không ghi chú',
        '4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; số lượng: 8 tập thể, cá nhân; không ghi chú',
        '5. Vai trò người đứng đầu: Hoàn thành 100%; không ghi chú',
        '6. Đại hội thi đua, hội nghị điển hình tiên tiến: Hoàn thành 100%; số lượng: 1 hội nghị; không ghi chú',
        '7. Phối hợp thông tin, truyền thông: Đang thực hiện 30%; số lượng: 20 tin, bài; không ghi chú',
      ].join('\n'),
    );
    await nothingSaved();
    await an.tap('Xác nhận');
    const saved = await bot.store.reports.latest('2025-6-thang', 'so-y-te');
    expect(saved?.answers.map((a) => [a.itemNo, a.status, a.percent, a.quantity ?? null])).toEqual([
      [1, 'done', 100, null],
      [2, 'done', 100, null],
      [3, 'in-progress', 55, null],
      [4, 'done', 100, 8],
      [5, 'done', 100, null],
      [6, 'done', 100, 1],
      [7, 'in-progress', 30, 20],
    ]);
  });

  it('"1 xong, 2 50% dang trien khai" (the message this was filed for) records 2 as 50% and asks item 3 next, not item 2', async () => {
    const said = await an.say('/baocao 1 xong, 2 50% dang trien khai');
    expect(said).toContain(
      '1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%; không ghi chú\n2. Đổi mới phương thức lãnh đạo: Đang thực hiện 50%; không ghi chú',
    );
    expect(said).toContain('Nội dung 3/7: Các phong trào thi đua của TTg và của tỉnh');
    await nothingSaved();
  });

  it.each<[string, string, string[], string]>([
    [
      'three lines without diacritics',
      '1 xong\n2 dang lam 40%\n3 chua',
      [
        '1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%',
        '2. Đổi mới phương thức lãnh đạo: Đang thực hiện 40%',
        '3. Các phong trào thi đua của TTg và của tỉnh: Chưa thực hiện 0%',
      ],
      'Nội dung 4/7',
    ],
    [
      'abbreviations on one line',
      '1 ht, 2 ht, 3 dth 90%',
      ['2. Đổi mới phương thức lãnh đạo: Hoàn thành 100%', '3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 90%'],
      'Nội dung 4/7',
    ],
    [
      'ND markers',
      'ND2: chưa thực hiện; ND5: hoàn thành',
      ['2. Đổi mới phương thức lãnh đạo: Chưa thực hiện 0%', '5. Vai trò người đứng đầu: Hoàn thành 100%'],
      'Nội dung 1/7',
    ],
    [
      'Mục markers',
      'Mục 3: được 25%. Mục 4: xong, 3 tập thể',
      [
        '3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 25%',
        '4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; số lượng: 3 tập thể, cá nhân',
      ],
      'Nội dung 1/7',
    ],
    [
      '"6 - da to chuc 2 hoi nghi"',
      '6 - da to chuc 2 hoi nghi',
      ['6. Đại hội thi đua, hội nghị điển hình tiên tiến: Hoàn thành 100%; số lượng: 2 hội nghị'],
      'Nội dung 1/7',
    ],
    [
      '"7/ … 50% sl 14"',
      '7/ dang thuc hien 50% sl 14',
      ['7. Phối hợp thông tin, truyền thông: Đang thực hiện 50%; số lượng: 14 tin, bài'],
      'Nội dung 1/7',
    ],
    [
      '100% and 0%',
      '1: 100%\n2: 0%',
      ['1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%', '2. Đổi mới phương thức lãnh đạo: Chưa thực hiện 0%'],
      'Nội dung 3/7',
    ],
    ['fillers', '3 xong roi a', ['3. Các phong trào thi đua của TTg và của tỉnh: Hoàn thành 100%; không ghi chú'], 'Nội dung 1/7'],
    [
      'not started, with a count',
      '4 chua',
      ['4. Đổi mới công tác thi đua, khen thưởng: Chưa thực hiện 0%; số lượng: 0 tập thể, cá nhân; không ghi chú'],
      'Nội dung 1/7',
    ],
    ['a percent over 100', '2 120%', ['2. Đổi mới phương thức lãnh đạo: CHƯA RÕ — "2 120%": Tỷ lệ 120% vượt quá 100%'], 'Nội dung 1/7'],
    [
      'an item the plan does not have',
      '8 xong',
      ['Chưa rõ: "8 xong" — Không có nội dung số 8; báo cáo gồm các nội dung từ 1 đến 7.'],
      'Nội dung 1/7',
    ],
    [
      'a stray number',
      '1 xong 2',
      [
        '1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%; không ghi chú',
        '2. Đổi mới phương thức lãnh đạo: CHƯA RÕ — "2": Số "2" đứng riêng',
      ],
      'Nội dung 2/7',
    ],
    [
      'one status for several items',
      'HOAN THANH 1, 2, 5',
      [
        '1. Quán triệt, tuyên truyền về thi đua: Hoàn thành 100%',
        '2. Đổi mới phương thức lãnh đạo: Hoàn thành 100%',
        '5. Vai trò người đứng đầu: Hoàn thành 100%',
      ],
      'Nội dung 3/7',
    ],
  ])('%s: shown back item by item, the rest asked, nothing saved', async (_name, message, lines, asked) => {
    const said = await an.say(`/baocao ${message}`);
    expect(said).toContain('Đôn Đốc đọc tin nhắn của đồng chí như sau (chưa lưu):');
    for (const line of lines) expect(said).toContain(line);
    expect(said).toContain(asked);
    await nothingSaved();
  });

  it('a doubtful item is asked in full, and the item read before it is not asked again', async () => {
    let said = await an.say('/baocao 1 xong\n2 120%\n3 dth 60%\n4 xong sl 3\n5 ht\n6 ht sl 1\n7 ht sl 9');
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: CHƯA RÕ');
    expect(said).toContain('Nội dung 2/7: Đổi mới phương thức lãnh đạo');
    await an.say('đang thực hiện');
    await an.say('90');
    said = await an.say('không');
    expect(said).toContain('2. Đổi mới phương thức lãnh đạo: Đang thực hiện 90%; không ghi chú');
    expect(said).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 60%; không ghi chú');
    await nothingSaved();
  });

  it('at the review, a corrected line sent back replaces just that item; a doubtful one is asked', async () => {
    await an.say('/baocao 1 xong\n2 xong\n3 xong\n4 xong sl 3\n5 xong\n6 xong sl 1\n7 xong sl 9');
    let said = await an.say('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 72,5%; ghi chú: chờ kinh phí');
    expect(said).toContain('3. Các phong trào thi đua của TTg và của tỉnh: Đang thực hiện 72,5%; ghi chú: chờ kinh phí');
    expect(said).toContain('Đề nghị đồng chí kiểm tra lại báo cáo');
    said = await an.say('5 150%');
    expect(said).toContain('5. Vai trò người đứng đầu: CHƯA RÕ — "5 150%"');
    expect(said).toContain('Nội dung 5/7: Vai trò người đứng đầu');
    await nothingSaved();
  });
});
