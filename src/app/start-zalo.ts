import type { PlatformMode } from '../config/config.js';
import type { Clock } from '../domain/clock.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import type { ApiCallObserver } from '../observability/metrics.js';
import { createChoiceMemory } from '../platforms/zalo/choices.js';
import { recordZaloUnreachable } from '../platforms/zalo/contacts.js';
import { connectZalo, createZaloClient, type ZaloBotInfo, type ZaloClient, type ZaloRetryOptions } from '../platforms/zalo/client.js';
import { createFileLinks, type FileLinks } from '../platforms/zalo/files.js';
import { createZaloMessenger, type ZaloMessenger } from '../platforms/zalo/messenger.js';
import { createZaloPacer, DEFAULT_ZALO_PACING, type ZaloPacing } from '../platforms/zalo/pacer.js';
import { sharedSendRate } from './shared-send-rate.js';
import { createZaloPipeline, type ZaloPipeline } from '../platforms/zalo/pipeline.js';
import { transportHealth, type Transport } from './transport.js';
import { startZaloPoller, type ZaloPoller, type ZaloPollLockOptions } from '../platforms/zalo/polling.js';
import type { IntakeLimits } from '../platforms/core/intake-limiter.js';
import { publicBaseOf, zaloWebhookPath, zaloWebhookRoute } from '../platforms/zalo/webhook.js';

export interface ZaloTransportOptions {
  mode: Exclude<PlatformMode, { mode: 'off' }>;
  store: Store;
  clock: Clock;
  logger: Logger;
  instanceId: string;
  /** Where files sent as links are written (config `filesDir`). */
  filesDir: string;
  /** Told the outcome of every API call attempt (metrics). */
  apiObserver?: ApiCallObserver;
  pacing?: ZaloPacing | 'unlimited';
  pollLock?: Partial<ZaloPollLockOptions>;
  pollTimeoutSeconds?: number;
  retry?: Partial<ZaloRetryOptions>;
  /** Per-sender and per-chat intake bounds (src/config/limits.ts). */
  intake?: IntakeLimits;
}

export interface ZaloTransport extends Transport {
  readonly me: ZaloBotInfo;
  readonly messenger: ZaloMessenger;
  readonly client: ZaloClient;
}

/** Connects to the Zalo Bot API (getMe; fails at once on a rejected token). Nothing is received yet. */
export async function connectZaloTransport(options: ZaloTransportOptions): Promise<ZaloTransport> {
  const { mode, store, clock, logger, instanceId } = options;
  const client = createZaloClient({
    token: mode.token,
    apiRoot: mode.apiRoot,
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.apiObserver ? { observer: options.apiObserver } : {}),
  });
  const me = await connectZalo(client);
  let http: HttpServer | undefined;
  const files: FileLinks = createFileLinks({
    store,
    clock,
    dir: options.filesDir,
    ...(mode.mode === 'webhook' ? { publicBase: publicBaseOf(mode.webhookUrl) } : {}),
    localBase: () => `http://${http && http.host !== '0.0.0.0' && http.host !== '::' ? http.host : '127.0.0.1'}:${http?.port ?? 0}`,
  });
  const choices = createChoiceMemory(store);
  // As on Telegram: with a Redis store the bot's overall rate is shared by every instance.
  const pacing = options.pacing ?? DEFAULT_ZALO_PACING;
  const sharedGate = pacing === 'unlimited' ? undefined : sharedSendRate(store, logger, `zalo-rate:${me.id}`, pacing.perSecond);
  const pacer = createZaloPacer(pacing, undefined, sharedGate);
  const messenger = createZaloMessenger({
    client,
    pacer,
    logger,
    files,
    choices,
    // Zalo bots are in private chats only (a chat's id is the person's id); a group's refusal is not a person's.
    onUnreachable: (chatId, reason) => recordZaloUnreachable(store, clock, logger, chatId, reason),
  });
  logger.info({ bot: me.account_name, mode: mode.mode, sharedRate: sharedGate !== undefined }, 'zalo: connected');
  let pipeline: ZaloPipeline | undefined;
  let poller: ZaloPoller | undefined;
  let webhookSet = false;

  return {
    me,
    messenger,
    client,
    async start(wiring) {
      http = wiring.http;
      const p = createZaloPipeline({
        router: wiring.router,
        messenger,
        deliver: wiring.deliver,
        store,
        clock,
        logger,
        choices,
        instanceId,
        ...(options.intake ? { intake: options.intake } : {}),
      });
      pipeline = p;
      http.mount(files.route());
      if (mode.mode === 'webhook') {
        const path = zaloWebhookPath(mode.webhookUrl);
        http.mount(
          zaloWebhookRoute({ path, secret: mode.webhookSecret, logger, submit: (update) => void p.submit(update), busy: () => p.busy() }),
        );
        await client.setWebhook(mode.webhookUrl, mode.webhookSecret);
        webhookSet = true;
        logger.info({ path }, 'zalo: webhook set');
      } else {
        poller = startZaloPoller({
          client,
          store,
          logger,
          instanceId,
          submit: (u) => p.submit(u),
          room: () => p.room(),
          ...(options.pollLock ? { lock: options.pollLock } : {}),
          ...(options.pollTimeoutSeconds !== undefined ? { pollTimeoutSeconds: options.pollTimeoutSeconds } : {}),
        });
      }
    },
    async stopIntake() {
      await poller?.stopIntake();
    },
    drain: (timeoutMs) => pipeline?.drain(timeoutMs) ?? Promise.resolve(true),
    releaseLock: () => poller?.releaseLock() ?? Promise.resolve(),
    // Messages still waiting for their turn are not sent after the stop (#13): the process exits.
    close: () => pacer.stop(),
    stats: () => pipeline?.stats(),
    polling: () => poller?.polling() ?? Promise.reject(new Error('not in polling mode')),
    health: () => transportHealth(mode, webhookSet, poller),
  };
}
