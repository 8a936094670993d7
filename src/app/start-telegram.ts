import type { PlatformMode } from '../config/config.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import type { ApiCallObserver } from '../observability/metrics.js';
import { connectTelegram, createTelegramClient, toPlatformError, type TelegramClientOptions } from '../platforms/telegram/client.js';
import { setCommandMenus } from '../platforms/telegram/commands.js';
import { createTelegramMessenger, type TelegramMessenger } from '../platforms/telegram/messenger.js';
import { createPacer, type PacerLimits } from '../platforms/core/pacer.js';
import { TELEGRAM_LIMITS } from '../platforms/telegram/limits.js';
import { sharedSendRate } from './shared-send-rate.js';
import { createUpdatePipeline, type UpdatePipeline } from '../platforms/telegram/pipeline.js';
import { transportHealth, type Transport } from './transport.js';
import { startPoller, type PollLockOptions, type Poller } from '../platforms/telegram/polling.js';
import { ALLOWED_UPDATES } from '../platforms/telegram/translate.js';
import type { IntakeLimits } from '../platforms/core/intake-limiter.js';
import { telegramWebhookRoute, webhookPath } from '../platforms/telegram/webhook.js';

export interface TelegramTransportOptions {
  mode: Exclude<PlatformMode, { mode: 'off' }>;
  store: Store;
  clock: Clock;
  logger: Logger;
  instanceId: string;
  /** Told the outcome of every API call attempt (metrics). */
  apiObserver?: ApiCallObserver;
  /**
   * Telegram's published limits unless told otherwise ('unlimited' for benchmarks). With a Redis
   * store the global limit is shared by every instance of the bot (one Redis round trip per send);
   * the per-chat limits stay per process.
   */
  pacing?: PacerLimits | 'unlimited';
  pollLock?: Partial<PollLockOptions>;
  retry?: TelegramClientOptions['retry'];
  /** Per-sender and per-chat intake bounds (src/config/limits.ts). */
  intake?: IntakeLimits;
}

export interface TelegramTransport extends Transport {
  /** The bot as Telegram knows it (getMe): its username goes into Services for /cmd@Bot and deep links. */
  readonly me: { id: number; username: string };
  readonly messenger: TelegramMessenger;
}

/** Connects to the Bot API (getMe; fails at once on a rejected token). Nothing is received yet. */
export async function connectTelegramTransport(options: TelegramTransportOptions): Promise<TelegramTransport> {
  const { mode, store, clock, logger, instanceId } = options;
  const client = createTelegramClient({
    token: mode.token,
    apiRoot: mode.apiRoot,
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.apiObserver ? { observer: options.apiObserver } : {}),
  });
  await connectTelegram(client);
  const api = client.bot.api;
  const pacing = options.pacing ?? TELEGRAM_LIMITS;
  // With a Redis store the bot's global rate is shared by every instance (one round trip per send).
  const sharedGate = pacing === 'unlimited' ? undefined : sharedSendRate(store, logger, `tg-rate:${client.me.id}`, perSecond(pacing));
  const pacer = createPacer(pacing, undefined, sharedGate);
  const messenger = createTelegramMessenger({ api, pacer, store, clock, logger });
  logger.info(
    {
      bot: client.me.username,
      mode: mode.mode,
      globalRate: pacing === 'unlimited' ? 'unlimited' : perSecond(pacing),
      sharedRate: sharedGate !== undefined,
    },
    'telegram: connected',
  );
  let pipeline: UpdatePipeline | undefined;
  let poller: Poller | undefined;
  let webhookSet = false;

  return {
    me: client.me,
    messenger,
    async start({ router, deliver, http }) {
      const p = createUpdatePipeline({
        router,
        messenger,
        deliver,
        store,
        clock,
        logger,
        me: client.me,
        instanceId,
        ...(options.intake ? { intake: options.intake } : {}),
      });
      pipeline = p;
      // The runner's slot is given back once the replies are queued, not sent: one chat's paced
      // replies never stop the bot from fetching everyone else's updates.
      client.bot.use(async (ctx) => p.intake(ctx.update));
      client.bot.catch((err) => logger.error({ err: err.error }, 'telegram: middleware failed'));
      await setCommandMenus(api, router.commands).catch((err: unknown) =>
        logger.warn({ err: toPlatformError(err, 'setMyCommands') }, 'telegram: command menu not set'),
      );
      if (mode.mode === 'webhook') {
        const path = webhookPath(mode.webhookUrl);
        http.mount(
          telegramWebhookRoute({
            path,
            secret: mode.webhookSecret,
            logger,
            submit: (update) => void p.submit(update),
            busy: () => p.busy(),
          }),
        );
        await api.setWebhook(mode.webhookUrl, {
          secret_token: mode.webhookSecret,
          allowed_updates: [...ALLOWED_UPDATES],
          max_connections: 40,
        });
        webhookSet = true;
        logger.info({ path }, 'telegram: webhook set');
      } else {
        poller = startPoller({ bot: client.bot, store, logger, instanceId, ...(options.pollLock ? { lock: options.pollLock } : {}) });
      }
    },
    async stopIntake() {
      await poller?.stopIntake();
    },
    drain: (timeoutMs) => pipeline?.drain(timeoutMs) ?? Promise.resolve(true),
    releaseLock: () => poller?.releaseLock() ?? Promise.resolve(),
    close: () => {
      // Replies still waiting for their turn are not sent after the stop (#13): the process exits.
      // Said in the log, so that what was not answered is known.
      const waiting = pacer.pending();
      if (waiting > 0) logger.warn({ chats: waiting }, "telegram: replies still waiting for their chat's pace are not sent (stopping)");
      pacer.stop();
      client.close();
    },
    stats: () => pipeline?.stats(),
    polling: () => poller?.polling() ?? Promise.reject(new Error('not in polling mode')),
    health: () => transportHealth(mode, webhookSet, poller),
  };
}

/** Telegram's limits with another overall rate (TELEGRAM_SEND_RATE): per-chat limits unchanged. */
export function withGlobalRate(perSecondRate: number): PacerLimits {
  return { ...TELEGRAM_LIMITS, global: { limit: perSecondRate, windowMs: 1_000 } };
}

const perSecond = (limits: PacerLimits) => (limits.global.limit * 1000) / limits.global.windowMs;
