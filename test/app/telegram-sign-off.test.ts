import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, FAKE_TOKEN, type FakeUser, type SentMessage } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { ADMIN, Conversation, planOpenToday } from '../fake-telegram/story.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis.js';

const HEAD: FakeUser = { id: 2102, first_name: 'Nguyễn Văn', last_name: 'An', language_code: 'vi' };
const DEPUTY: FakeUser = { id: 2103, first_name: 'Vàng Thị', last_name: 'Hoa', language_code: 'vi' };
const REPORT = ['/baocao 1: xong', '2: 80%', '3: 50%', '4: ht sl 12', '5: chua', '6: ht sl 2', '7: 100% sl 35'].join('\n');

const buttons = (m: SentMessage) =>
  (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? '' }));

/** The built app, the fake Bot API, a campaign with sign-off: the head's buttons Duyệt / Trả lại. */
describe('Telegram end to end: the head signs off with the buttons', () => {
  let fake: FakeBotApi;
  let app: RunningApp;
  let planFile: string;
  const prefix = uniqueRedisPrefix();

  beforeAll(async () => {
    fake = await FakeBotApi.start();
    const open = await planOpenToday();
    const doc = parseDocument(await readFile(open, 'utf8'));
    doc.setIn(['campaigns', 0, 'requires_approval'], true);
    planFile = join(tmpdir(), `dondoc-sign-off-${process.pid}.yaml`);
    await writeFile(planFile, doc.toString());
    await rm(open, { force: true });
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: String(await freePort()),
      ADMIN_IDS: `telegram:${ADMIN.id}`,
      PLAN_FILE: planFile,
    });
    await app.waitForLog((l) => l.msg === 'telegram: long polling (this instance holds the poll lock)', 20_000, 'polling to start');
  }, 30_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await fake?.close();
    await deleteKeysUnder(prefix);
    await rm(planFile, { force: true });
  });

  it('the head sees the draft in full, sends it back with a reason, then approves the fixed one', async () => {
    const c = new Conversation(fake, async (u) => void fake.enqueue(u));
    const admin = fake.privateChat(ADMIN);
    const head = fake.privateChat(HEAD);
    const deputy = fake.privateChat(DEPUTY);
    const codeOf = (m: SentMessage) => /start=([A-Za-z0-9_-]{16,64})/.exec(m.text)?.[1] ?? '';

    expect((await c.say(HEAD, head, `/start ${codeOf(await c.say(ADMIN, admin, '/moi so-y-te'))}`)).text).toContain('Đăng ký thành công');
    expect((await c.say(DEPUTY, deputy, `/start ${codeOf(await c.say(ADMIN, admin, '/moi so-y-te pho'))}`)).text).toContain(
      'Đăng ký thành công',
    );

    // The deputy reports; the head is asked, with the draft in full and two buttons.
    const headBefore = fake.sent(head.id).length;
    await c.say(DEPUTY, deputy, REPORT);
    expect((await c.say(DEPUTY, deputy, 'xác nhận')).text).toContain('bản nháp, chờ Thủ trưởng duyệt');
    const notice = await fake.nextMessage(head.id, headBefore, 15_000);
    expect(notice.text).toContain('Kính gửi đồng chí Giám đốc Sở Y tế,');
    expect(notice.text).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành; 12 tập thể, cá nhân');
    expect(buttons(notice).map((b) => b.text)).toEqual(['Duyệt báo cáo', 'Trả lại']);

    // "Trả lại" asks for the reason; the reason goes to the deputy.
    const ask = await c.press(HEAD, notice, buttons(notice)[1]?.data ?? '');
    expect(ask.text).toContain('/tralai');
    const deputyBefore = fake.sent(deputy.id).length;
    expect((await c.say(HEAD, head, '/tralai Đề nghị bổ sung số liệu mục 4')).text).toContain('Đã trả lại bản nháp');
    expect((await fake.nextMessage(deputy.id, deputyBefore, 15_000)).text).toContain('Lý do: Đề nghị bổ sung số liệu mục 4');

    // The fixed draft: the head approves it with the button; the deputy hears of it.
    const before2 = fake.sent(head.id).length;
    await c.say(DEPUTY, deputy, REPORT.replace('sl 12', 'sl 15'));
    await c.say(DEPUTY, deputy, 'xác nhận');
    const second = await fake.nextMessage(head.id, before2, 15_000);
    expect(second.text).toContain('15 tập thể, cá nhân');
    const deputyBefore2 = fake.sent(deputy.id).length;
    expect((await c.press(HEAD, second, buttons(second)[0]?.data ?? '')).text).toContain('✅ Đã duyệt báo cáo của Sở Y tế');
    expect((await fake.nextMessage(deputy.id, deputyBefore2, 15_000)).text).toContain('đã duyệt báo cáo của Sở Y tế');

    const rejected = fake.calls.filter((call) => !call.response.ok && call.method !== 'getUpdates' && call.response.error_code !== 429);
    expect(rejected.map((call) => `${call.method}: ${call.response.description}`)).toEqual([]);
  }, 90_000);
});
