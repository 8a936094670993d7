import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { FakeBotApi, FAKE_TOKEN, type FakeUser } from '../../fake-telegram/fake-bot-api.js';
import { connectTelegramTransport, type TelegramTransport } from '../../../src/app/start-telegram.js';
import { createDeliver } from '../../../src/messaging/delivery.js';
import type { HttpServer } from '../../../src/http/server.js';

const PERSON: FakeUser = { id: 4004, first_name: 'Lường Thị', last_name: 'Mai' };
const noHttp = { mount: () => undefined } as unknown as HttpServer;
const lock = { ttlMs: 1_500, renewMs: 400, retryMs: 250 };

describe('long polling: one instance at a time, under a lock in the store', () => {
  let fake: FakeBotApi;
  let bot: TestBot;
  const transports: TelegramTransport[] = [];

  async function instance(id: string): Promise<TelegramTransport> {
    const t = await connectTelegramTransport({
      mode: { mode: 'polling', token: FAKE_TOKEN, apiRoot: fake.apiRoot },
      store: bot.store,
      clock: bot.clock,
      logger: pino({ level: 'silent' }),
      instanceId: id,
      pacing: 'unlimited',
      pollLock: lock,
    });
    await t.start({ router: bot.router, deliver: createDeliver([t.messenger]), http: noHttp });
    transports.push(t);
    return t;
  }

  afterEach(async () => {
    for (const t of transports.splice(0)) {
      await t.stopIntake();
      await t.releaseLock();
      t.close();
    }
    await fake.close();
    await bot.close();
  });

  const answered = async (text: string) => {
    const chat = fake.privateChat(PERSON);
    const before = fake.sent(chat.id).length;
    fake.send(PERSON, chat, text);
    return fake.nextMessage(chat.id, before, 8_000);
  };

  it('the second instance stands by; it takes over within the TTL when the holder dies, at once when it hands over', async () => {
    fake = await FakeBotApi.start();
    bot = await createTestBot({ store: 'redis' });
    const a = await instance('instance-a');
    await a.polling();
    const b = await instance('instance-b');
    await new Promise((r) => setTimeout(r, 600));
    expect(fake.callsOf('getUpdates').some((c) => c.response.error_code === 409)).toBe(false);
    expect((await answered('/trogiup')).text).toContain('/trogiup');

    // A dies without releasing its lock: B polls once the lease has run out.
    const died = Date.now();
    await a.stopIntake();
    await b.polling();
    expect(Date.now() - died).toBeGreaterThanOrEqual(lock.ttlMs - lock.renewMs - 100);
    expect((await answered('/toi')).text.length).toBeGreaterThan(0);

    // B hands over gracefully: a third instance takes the lock at its next try.
    const c = await instance('instance-c');
    await b.stopIntake();
    await b.drain(1_000);
    const handedOver = Date.now();
    await b.releaseLock();
    await c.polling();
    expect(Date.now() - handedOver).toBeLessThan(lock.ttlMs);
    expect((await answered('/kyhan')).text.length).toBeGreaterThan(0);
  }, 20_000);

  it('updates fetched again after a takeover are not answered twice', async () => {
    fake = await FakeBotApi.start();
    bot = await createTestBot({ store: 'redis' });
    const a = await instance('instance-a');
    await a.polling();
    const update = fake.messageUpdate(PERSON, fake.privateChat(PERSON), '/toi');
    fake.enqueue(update);
    await fake.nextMessage(PERSON.id, 0);
    fake.enqueue(update); // as if the offset had never been confirmed
    fake.send(PERSON, fake.privateChat(PERSON), '/trogiup');
    await fake.nextMessage(PERSON.id, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.sent(PERSON.id)).toHaveLength(2);
  });
});
