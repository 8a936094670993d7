import { rm } from 'node:fs/promises';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi, FAKE_TOKEN } from '../fake-telegram/fake-bot-api.js';
import { freePort, startApp, type RunningApp } from '../fake-telegram/app-process.js';
import { ADMIN, Conversation, inviteReportStatusStory, planOpenToday } from '../fake-telegram/story.js';
import { deleteKeysUnder, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis.js';

const SECRET = 'lb-webhook-secret_0123456789';

/**
 * Webhook mode scaled out: three instances of the built app behind a (test) load balancer that
 * sends each update to the next instance in turn — and every third update to two instances at the
 * same moment, as a balancer that retries on a slow answer does. The whole invite → report →
 * /status story must read as if one bot answered: every update handled once, none twice.
 */
describe('any number of webhook instances behind a load balancer', () => {
  let fake: FakeBotApi;
  const apps: RunningApp[] = [];
  const endpoints: string[] = [];
  const bases: string[] = [];
  let planFile: string;
  const prefix = uniqueRedisPrefix();

  beforeAll(async () => {
    [fake, planFile] = await Promise.all([FakeBotApi.start(), planOpenToday()]);
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      bases.push(`http://127.0.0.1:${port}`);
      endpoints.push(`http://127.0.0.1:${port}/telegram`);
      apps.push(
        await startApp({
          TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
          TELEGRAM_API_ROOT: fake.apiRoot,
          TELEGRAM_WEBHOOK_URL: 'https://bot.example.invalid/telegram',
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          PORT: String(port),
          ADMIN_IDS: `telegram:${ADMIN.id}`,
          PLAN_FILE: planFile,
        }),
      );
    }
    await Promise.all(apps.map((a) => a.waitForLog((l) => l.msg === 'running', 20_000, 'the app to run')));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop('SIGKILL')));
    await fake?.close();
    await deleteKeysUnder(prefix);
    await rm(planFile, { force: true });
  });

  it('tells one story across three instances, with every third update delivered twice at once', async () => {
    let n = 0;
    let doubled = 0;
    const post = async (endpoint: string, update: Update) => {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    };
    const balancer = async (update: Update) => {
      const i = n++ % endpoints.length;
      if (n % 3 === 0) {
        doubled++;
        await Promise.all([post(endpoints[i] as string, update), post(endpoints[(i + 1) % endpoints.length] as string, update)]);
      } else {
        await post(endpoints[i] as string, update);
      }
    };
    await inviteReportStatusStory(new Conversation(fake, balancer));
    // Let late duplicates (if any) surface before counting.
    await new Promise((r) => setTimeout(r, 1_000));

    const totals = { handled: 0, duplicates: 0 };
    const perInstance: number[] = [];
    for (const base of bases) {
      const text = await (await fetch(`${base}/metrics`)).text();
      const read = (outcome: string) =>
        Number(new RegExp(`^dondoc_updates_total\\{platform="telegram",outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
      totals.handled += read('handled') + read('ignored');
      totals.duplicates += read('duplicates');
      perInstance.push(read('handled'));
    }
    // Every update was handled by exactly one instance; each doubled delivery was recognised once.
    expect(totals.handled).toBe(n);
    expect(totals.duplicates).toBe(doubled);
    expect(perInstance.every((h) => h > 0)).toBe(true);
    // No chat got the same message twice in a row (what a double handling would look like).
    const repeated = fake.sent().filter((m, i, all) => {
      const prev = all
        .slice(0, i)
        .reverse()
        .find((p) => p.chat.id === m.chat.id);
      return prev !== undefined && prev.text === m.text && m.at - prev.at < 2_000;
    });
    expect(repeated.map((m) => m.text.slice(0, 60))).toEqual([]);
    for (const app of apps) expect(app.stderr()).not.toMatch(/"level":"(error|fatal)"/);
    console.log(
      `webhook behind a load balancer: ${n} updates over 3 instances (handled ${perInstance.join(' + ')}), ${doubled} of them delivered to two instances at once: ${totals.duplicates} recognised as duplicates, 0 answered twice`,
    );
  }, 90_000);
});
