import { pino } from 'pino';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { FakeBotApi, FAKE_TOKEN, type FakeBotApiOptions } from '../../fake-telegram/fake-bot-api.js';
import {
  connectTelegram,
  createTelegramClient,
  type TelegramClient,
  type TelegramClientOptions,
} from '../../../src/platforms/telegram/client.js';
import { createTelegramMessenger, type TelegramMessenger } from '../../../src/platforms/telegram/messenger.js';
import { createPacer, type PacerLimits } from '../../../src/platforms/core/pacer.js';

/** A Telegram messenger on the fake Bot API, with a test bot's store and clock. */
export interface TelegramFixture {
  fake: FakeBotApi;
  bot: TestBot;
  client: TelegramClient;
  messenger: TelegramMessenger;
  close(): Promise<void>;
}

export async function telegramFixture(
  options: {
    fake?: FakeBotApiOptions;
    pacing?: PacerLimits | 'unlimited';
    client?: Partial<TelegramClientOptions>;
    store?: 'embedded' | 'redis';
  } = {},
): Promise<TelegramFixture> {
  const fake = await FakeBotApi.start(options.fake);
  const bot = await createTestBot({ ...(options.store ? { store: options.store } : {}) });
  const logger = pino({ level: 'silent' });
  const client = createTelegramClient({ token: FAKE_TOKEN, apiRoot: fake.apiRoot, logger, networkRetries: 0, ...options.client });
  await connectTelegram(client);
  const messenger = createTelegramMessenger({
    api: client.bot.api,
    pacer: createPacer(options.pacing ?? 'unlimited'),
    store: bot.store,
    clock: bot.clock,
    logger,
  });
  return {
    fake,
    bot,
    client,
    messenger,
    async close() {
      client.close();
      await fake.close();
      await bot.close();
    },
  };
}
