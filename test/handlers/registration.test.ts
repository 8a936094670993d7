import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId } from '../../src/domain/roles.js';
import { generateInviteCode } from '../../src/security/invite-code.js';
import { ADMIN, createTestBot, textOf, type TestBot } from '../helpers/bot.js';

const COORDINATOR = accountId('telegram', '2002');
const AN = accountId('telegram', '1001'); // will be head of Sở Y tế
const HOA = accountId('zalo', 'a1b2c3d4'); // will be deputy of Sở Y tế
const STRANGER = accountId('telegram', '3003');
const GROUP = '-1001234567';

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ now: '2025-06-10T08:00:00+07:00' });
  await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
});
afterEach(() => bot.close());

function codeIn(text: string): string {
  const m = /\n([A-Za-z0-9_-]{22})\n/.exec(text);
  if (!m?.[1]) throw new Error(`no code in: ${text}`);
  return m[1];
}

async function invite(args: string): Promise<string> {
  return codeIn(textOf(await bot.say(COORDINATOR, `/moi ${args}`, { name: 'Trần Thị Bình' })));
}

function inGroup(from: typeof AN, text: string, name = 'Nguyễn Văn An') {
  return bot.send({
    chat: { id: GROUP, kind: 'group', title: 'Sở Y tế — Báo cáo' },
    sender: { account: from, name },
    content: { type: 'text', text },
  });
}

describe('invite codes', () => {
  it('are random, URL-safe, fit a Telegram deep link and carry at least 80 bits', () => {
    const codes = new Set(Array.from({ length: 2000 }, generateInviteCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[A-Za-z0-9_-]{22}$/); // 22 × 6 bits = 132 ≥ 128 random bits
  });
});

describe('the head of Sở Y tế is invited by Sở Nội vụ', () => {
  it('gets a code with a deep link, registers with /dangky, and may then use /kyhan', async () => {
    const text = textOf(await bot.say(COORDINATOR, '/moi so-y-te'));
    expect(text).toContain('Mã mời cho Thủ trưởng Sở Y tế:');
    expect(text).toContain('Hết hạn: 08:00 thứ Ba, 17/06/2025');
    const code = codeIn(text);
    expect(text).toContain(`https://t.me/DonDocLaiChauBot?start=${code}`);

    expect(textOf(await bot.say(AN, '/kyhan'))).toContain('chưa được đăng ký');
    const welcome = textOf(await bot.say(AN, `/dangky ${code}`));
    expect(welcome).toContain('Đăng ký thành công. Đồng chí được ghi nhận là Thủ trưởng Sở Y tế.');
    expect(textOf(await bot.say(AN, '/kyhan'))).toContain('Kính gửi đồng chí Giám đốc Sở Y tế,');
    expect(await bot.store.contacts.get(AN)).toMatchObject({ reachable: true });
  });

  it('can also register by opening the deep link (/start CODE), on Zalo as well', async () => {
    const code = await invite('so-y-te pho');
    expect(textOf(await bot.say(HOA, `/start ${code}`, { name: 'Vàng Thị Hoa' }))).toContain('cấp phó được giao báo cáo của Sở Y tế');
    expect(await bot.store.people.rolesOf(HOA)).toEqual([
      expect.objectContaining({ role: 'deputy', agencyId: 'so-y-te', name: 'Vàng Thị Hoa' }),
    ]);
  });

  it('finds the agency from a loosely typed name: /moi y te, /moi muong kim pho', async () => {
    expect(textOf(await bot.say(COORDINATOR, '/moi y te'))).toContain('Thủ trưởng Sở Y tế');
    expect(textOf(await bot.say(COORDINATOR, '/moi muong kim pho'))).toContain('cấp phó được giao báo cáo của UBND xã Mường Kim');
    expect(textOf(await bot.say(COORDINATOR, '/moi muong'))).toContain('Có nhiều cơ quan khớp');
    expect(textOf(await bot.say(COORDINATOR, '/moi so-khong-co'))).toContain('Không tìm thấy cơ quan "so-khong-co"');
  });
});

describe('abuse of invite codes', () => {
  it('a replayed code is refused: each code works once', async () => {
    const code = await invite('so-y-te');
    await bot.say(AN, `/dangky ${code}`);
    expect(textOf(await bot.say(STRANGER, `/dangky ${code}`))).toContain('Mã mời này đã được sử dụng');
    expect(await bot.store.people.rolesOf(STRANGER)).toEqual([]);
  });

  it('ten people racing for one code: exactly one becomes head', async () => {
    const code = await invite('so-y-te');
    const racers = Array.from({ length: 10 }, (_, i) => accountId('telegram', String(7000 + i)));
    const results = await Promise.all(racers.map((r) => bot.say(r, `/dangky ${code}`)));
    expect(results.filter((r) => textOf(r).includes('Đăng ký thành công'))).toHaveLength(1);
    expect(await bot.store.people.membersOf('so-y-te')).toHaveLength(1);
  });

  it('an expired code is refused after 7 days', async () => {
    const code = await invite('so-y-te');
    bot.clock.advance(7 * 24 * 3_600_000);
    expect(textOf(await bot.say(AN, `/dangky ${code}`))).toContain('Mã mời này đã hết hạn');
  });

  it('a code withdrawn by the coordinator (/moi huy ABCD) is refused', async () => {
    const code = await invite('so-y-te');
    expect(textOf(await bot.say(COORDINATOR, '/moi'))).toContain(`${code.slice(0, 4)}… — Thủ trưởng Sở Y tế`);
    expect(textOf(await bot.say(COORDINATOR, `/moi huy ${code.slice(0, 4)}`))).toContain('Đã thu hồi mã');
    expect(textOf(await bot.say(AN, `/dangky ${code}`))).toContain('Mã mời này đã bị thu hồi');
  });

  it('a personal code posted in a group is cancelled, since the whole group saw it', async () => {
    const code = await invite('so-y-te');
    expect(textOf(await inGroup(AN, `/dangky ${code}`))).toContain('đã bị hủy');
    expect(textOf(await bot.say(AN, `/dangky ${code}`))).toContain('đã bị thu hồi');
    const log = textOf(await bot.say(ADMIN, '/nhatky'));
    expect(log).toMatch(/^08:00 10\/06 — .+ gửi mã .{4}… vào nhóm nên mã bị hủy \(mã bị gửi vào nhóm Sở Y tế — Báo cáo\)$/m);
    expect(log).toMatch(/^08:00 10\/06 — Trần Thị Bình cấp mã mời thủ trưởng Sở Y tế \(mã .{4}…\)$/m);
    expect(log).not.toContain('invite.');
  });

  it('a flood of guessed codes from one account is throttled; other accounts are not affected', async () => {
    const replies: string[] = [];
    for (let i = 0; i < 8; i++) replies.push(textOf(await bot.say(STRANGER, `/dangky ${generateInviteCode()}`)));
    expect(replies.slice(0, 5).every((r) => r.includes('Mã mời không đúng'))).toBe(true);
    expect(replies.slice(5).every((r) => r.includes('nhập sai mã nhiều lần'))).toBe(true);
    const code = await invite('so-y-te');
    expect(textOf(await bot.say(STRANGER, `/dangky ${code}`))).toContain('nhập sai mã nhiều lần');
    expect(textOf(await bot.say(AN, `/dangky ${code}`))).toContain('Đăng ký thành công');
  });

  it('garbage after /dangky gets a clear answer', async () => {
    expect(textOf(await bot.say(STRANGER, '/dangky'))).toContain('/dangky MÃ');
    expect(textOf(await bot.say(STRANGER, '/dangky <script>alert(1)</script>'))).toContain('Mã mời không đúng');
  });
});

describe("linking Sở Y tế's group", () => {
  beforeEach(async () => {
    await bot.say(AN, `/dangky ${await invite('so-y-te')}`);
  });

  it('the head gets a group code in private, sends it in the group, and the bot says what it will post there', async () => {
    const code = codeIn(textOf(await bot.say(AN, '/lienket')));
    const said = textOf(await inGroup(AN, `/lienket ${code}`));
    expect(said).toContain('Nhóm này đã được liên kết với Sở Y tế.');
    expect(said).toContain('lời nhắc hạn báo cáo');
    expect(said).toContain('Nguyễn Văn An (thủ trưởng)');
    expect(await bot.store.chats.get('telegram', GROUP)).toMatchObject({
      target: { kind: 'agency', agencyId: 'so-y-te' },
      title: 'Sở Y tế — Báo cáo',
    });
  });

  it('a stranger in the group cannot act for the agency; the head can', async () => {
    await inGroup(AN, `/lienket ${codeIn(textOf(await bot.say(AN, '/lienket')))}`);
    expect(textOf(await inGroup(STRANGER, '/kyhan', 'Người lạ'))).toContain('chưa được đăng ký');
    expect(textOf(await inGroup(AN, '/kyhan'))).toContain('Hạn gửi');
  });

  it('a group code cannot be redeemed in private, nor used by someone from another agency', async () => {
    const code = codeIn(textOf(await bot.say(AN, '/lienket')));
    expect(textOf(await bot.say(AN, `/dangky ${code}`))).toContain('Mã này dùng để liên kết nhóm');
    const other = accountId('telegram', '4004');
    await bot.grant({ account: other, role: 'head', agencyId: 'so-tai-chinh', name: 'Lò Văn Tài' });
    expect(textOf(await inGroup(other, `/lienket ${code}`, 'Lò Văn Tài'))).toContain('Mã này không dành cho đồng chí');
    expect(await bot.store.chats.get('telegram', GROUP)).toBeUndefined();
  });

  it("a coordinator makes the coordinators' chat", async () => {
    const code = codeIn(textOf(await bot.say(COORDINATOR, '/lienket')));
    const said = textOf(
      await bot.send({
        chat: { id: '-100999', kind: 'group', title: 'Sở Nội vụ — Điều phối' },
        sender: { account: COORDINATOR, name: 'Trần Thị Bình' },
        content: { type: 'text', text: `/lienket ${code}` },
      }),
    );
    expect(said).toContain('nhóm điều phối của Sở Nội vụ');
    expect(await bot.store.chats.get('telegram', '-100999')).toMatchObject({ target: { kind: 'coordinator' } });
  });

  it('an administrator unlinks the group', async () => {
    await inGroup(AN, `/lienket ${codeIn(textOf(await bot.say(AN, '/lienket')))}`);
    expect(textOf(await inGroup(ADMIN, '/huylienket', 'Quản trị'))).toContain('Đã hủy liên kết');
    expect(await bot.store.chats.get('telegram', GROUP)).toBeUndefined();
  });
});

describe('the directory, revocation and the audit log', () => {
  beforeEach(async () => {
    await bot.say(AN, `/dangky ${await invite('so-y-te')}`);
    await bot.say(HOA, `/dangky ${await invite('so-y-te pho')}`, { name: 'Vàng Thị Hoa' });
  });

  it('lists agencies with nobody registered first, then Sở Y tế with its head and deputy', async () => {
    const text = textOf(await bot.say(COORDINATOR, '/coquan'));
    expect(text).toContain('Danh bạ cơ quan, đơn vị: 1/55 đã có người đăng ký.');
    expect(text.indexOf('Chưa có ai đăng ký:')).toBeLessThan(text.indexOf('Đã có người đăng ký:'));
    expect(text).toContain('▪ Sở Y tế (so-y-te)\n   1. Thủ trưởng: Nguyễn Văn An\n   2. Cấp phó: Vàng Thị Hoa');
    expect(text).toContain('Cán bộ điều phối: Trần Thị Bình');
  });

  it('tells the coordinator whom the bot cannot reach', async () => {
    await bot.store.contacts.put({
      account: HOA,
      name: 'Vàng Thị Hoa',
      reachable: false,
      unreachableReason: 'blocked',
      unreachableSince: bot.clock.now(),
    });
    const text = textOf(await bot.say(COORDINATOR, '/coquan so-y-te'));
    expect(text).toContain('2. Cấp phó: Vàng Thị Hoa ⚠️ bot chưa nhắn được');
  });

  it('a head sees only their own agency', async () => {
    const text = textOf(await bot.say(AN, '/coquan'));
    expect(text).toContain('Sở Y tế');
    expect(text).not.toContain('Sở Tài chính');
  });

  it('a revoked head can no longer act for the agency, and the audit log says who did it', async () => {
    expect(textOf(await bot.say(ADMIN, '/thuhoi so-y-te 1'))).toContain('Đã thu hồi vai trò Thủ trưởng Sở Y tế của Nguyễn Văn An');
    expect(textOf(await bot.say(AN, '/kyhan'))).toContain('chưa được đăng ký');
    const log = textOf(await bot.say(ADMIN, '/nhatky 5'));
    // Sentences with names, never machine ids (the test names every sender Nguyễn Văn An unless told).
    expect(log).toContain('thu hồi vai trò Thủ trưởng Sở Y tế của Nguyễn Văn An');
    expect(log).toMatch(/Nguyễn Văn An dùng mã .{4}… để đăng ký là Thủ trưởng Sở Y tế/);
    expect(log).not.toContain('telegram:');
  });
});

describe('delegation (ủy quyền)', () => {
  beforeEach(async () => {
    await bot.say(AN, `/dangky ${await invite('so-y-te')}`);
    await bot.say(HOA, `/dangky ${await invite('so-y-te pho')}`, { name: 'Vàng Thị Hoa' });
  });

  it('the head delegates to the deputy for a date range, the deputy is told, and it shows in the directory', async () => {
    expect(textOf(await bot.say(AN, '/uyquyen'))).toContain('1. Vàng Thị Hoa');
    const replies = await bot.say(AN, '/uyquyen 1 12/6 20/06/2025');
    expect(replies[0]?.text).toContain('Đã ủy quyền cho Vàng Thị Hoa từ 12/06/2025 đến 20/06/2025');
    expect(replies[1]).toMatchObject({ to: { platform: 'zalo', chatId: 'a1b2c3d4' } });
    expect(replies[1]?.text).toContain('báo cáo thay mặt Sở Y tế');
    expect(await bot.store.delegations.get('so-y-te')).toMatchObject({ to: HOA, startsOn: '2025-06-12', endsOn: '2025-06-20' });
    expect(textOf(await bot.say(COORDINATOR, '/coquan so-y-te'))).toContain('Ủy quyền: Vàng Thị Hoa thay Nguyễn Văn An đến 20/06/2025');
  });

  it('ends by itself: after the last day it is no longer shown', async () => {
    await bot.say(AN, '/uyquyen 1 10/06/2025 12/06/2025');
    bot.clock.advance(3 * 24 * 3_600_000);
    expect(textOf(await bot.say(AN, '/uyquyen'))).toContain('Hiện không có ủy quyền nào.');
  });

  it('refuses impossible dates, unknown deputies and over-long delegations; /uyquyen huy ends it', async () => {
    expect(textOf(await bot.say(AN, '/uyquyen 1 31/06/2025 02/07/2025'))).toContain('Ngày không hợp lệ');
    expect(textOf(await bot.say(AN, '/uyquyen 1 20/06/2025 12/06/2025'))).toContain('Ngày không hợp lệ');
    expect(textOf(await bot.say(AN, '/uyquyen 1 01/06/2025 05/06/2025'))).toContain('Ngày không hợp lệ');
    expect(textOf(await bot.say(AN, '/uyquyen 3 12/06/2025 20/06/2025'))).toContain('Không có cấp phó số "3"');
    expect(textOf(await bot.say(AN, '/uyquyen 1 12/06/2025 30/12/2025'))).toContain('tối đa 90 ngày');
    await bot.say(AN, '/uyquyen 1 12/06/2025 20/06/2025');
    expect(textOf(await bot.say(AN, '/uyquyen huy'))).toContain('Đã hủy ủy quyền.');
  });
});
