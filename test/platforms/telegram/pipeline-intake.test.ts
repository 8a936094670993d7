import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createDeliver } from '../../../src/messaging/delivery.js';
import { createUpdatePipeline } from '../../../src/platforms/telegram/pipeline.js';
import type { FakeUser } from '../../fake-telegram/fake-bot-api.js';
import { telegramFixture, type TelegramFixture } from './telegram-fixture.js';

/**
 * Issue #13, item 2: intake never waits on pacing. The runner gives an update's slot back when
 * `intake` resolves; that must be once its replies are queued, not once they are sent.
 */
describe('Telegram intake and pacing', () => {
  let f: TelegramFixture | undefined;
  afterEach(async () => {
    await f?.close();
  });

  it("a private chat's third quick message is routed at once although its reply waits for the chat's pace", async () => {
    // One message a minute into a private chat: the second and third replies wait a long time.
    f = await telegramFixture({
      pacing: { global: { limit: 30, windowMs: 1_000 }, group: { limit: 20, windowMs: 60_000 }, private: { limit: 1, windowMs: 60_000 } },
    });
    const fx = f;
    const pipeline = createUpdatePipeline({
      router: fx.bot.router,
      messenger: fx.messenger,
      deliver: createDeliver([fx.messenger]),
      store: fx.bot.store,
      clock: fx.bot.clock,
      logger: pino({ level: 'silent' }),
      me: fx.client.me,
      instanceId: 'intake-test',
    });
    const person: FakeUser = { id: 3003, first_name: 'Người', last_name: 'Vội' };
    const chat = fx.fake.privateChat(person);
    const updates = [1, 2, 3].map(() => fx.fake.messageUpdate(person, chat, '/toi'));
    let settled = 0;
    const intakes = updates.map((u) => pipeline.intake(u).then(() => settled++));
    // All three are taken in (routed, replies queued) well before a minute has passed…
    await Promise.race([
      Promise.all(intakes),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${settled} of 3 taken in`)), 10_000)),
    ]);
    // …while only the first reply goes out; the others wait in the chat's lane, in order.
    await fx.fake.waitFor(() => fx.fake.sent(chat.id).length >= 1, 10_000, 'the first reply');
    await new Promise((r) => setTimeout(r, 300));
    expect(fx.fake.sent(chat.id)).toHaveLength(1);
    expect(pipeline.size()).toBeGreaterThan(0);
  }, 20_000);
});
