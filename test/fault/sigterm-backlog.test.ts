import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeBotApi, FAKE_TOKEN, type FakeChat, type FakeUser } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { ADMIN, planOpenToday } from '../fake-telegram/story.js';

/**
 * Issue #13, item 4: with 300 replies queued behind Telegram's group pace (20 a minute), SIGTERM
 * ends the process within the 60 s stop budget, with exit code 0, and nothing is sent after it
 * logs "stopped". (Before: "stopped" at 20 s, then 132 more sendMessage calls over 150 s.)
 */
describe('fault: SIGTERM with 300 replies still queued', () => {
  let fake: FakeBotApi | undefined;
  let app: RunningApp | undefined;
  let planFile: string | undefined;
  afterAll(async () => {
    await app?.stop('SIGKILL');
    await fake?.close();
    if (planFile) await rm(planFile, { force: true });
  });

  it('exits 0 within the stop budget and sends nothing after "stopped"', async () => {
    fake = await FakeBotApi.start();
    const f = fake;
    planFile = await planOpenToday();
    app = await startApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: f.apiRoot,
      PORT: String(await freePort()),
      ADMIN_IDS: `telegram:${ADMIN.id}`,
      PLAN_FILE: planFile,
      // The group's own intake bound would drop most of these: lifted, so the replies pile up.
      INTAKE_PER_CHAT_PER_MINUTE: '10000',
      INTAKE_CHAT_BACKLOG: '10000',
    });
    await app.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run');
    const group: FakeChat = { id: -4_130_001, type: 'group', title: 'Nhóm đông người' };
    for (let i = 0; i < 300; i++) {
      const person: FakeUser = { id: 8_130_000 + i, first_name: 'Người', last_name: `thứ ${i + 1}` };
      f.send(person, group, '/trogiup@DonDocTestBot');
    }
    await f.waitFor(() => f.sent(group.id).length >= 3, 30_000, 'the first replies in the group');

    const signalledAt = Date.now();
    const exit = await app.stop('SIGTERM', 70_000);
    const tookMs = Date.now() - signalledAt;
    const stoppedLine = app.logs().find((l) => l.msg === 'stopped');
    const after = f.callsOf('sendMessage').filter((c) => stoppedLine && c.at > Number(stoppedLine.time));
    console.info(
      `[sigterm] exit ${exit.code} after ${tookMs} ms; ${f.sent(group.id).length} of 300 replies sent; ${after.length} sendMessage after "stopped"`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(60_000);
    // What was not sent is said, not silently dropped.
    expect(app.logs().find((l) => String(l.msg).includes('are not sent (stopping)'))).toMatchObject({ chats: 1 });
    expect(typeof stoppedLine?.time).toBe('number');
    // Anything sent after "stopped" would be counted here; the process is gone, so none can come.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(f.callsOf('sendMessage').filter((c) => c.at > Number(stoppedLine?.time))).toEqual([]);
  }, 120_000);
});
