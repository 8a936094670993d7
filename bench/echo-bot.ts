import { Agent as HttpAgent } from 'node:http';
import { run } from '@grammyjs/runner';
import { Bot } from 'grammy';
import { Redis } from 'ioredis';

/**
 * The baseline of `BENCH_ONLY=per-update`, run as its own process: a bare grammY echo bot with
 * @grammyjs/runner polling ECHO_API_ROOT. Prints "running" on stdout once it polls; stops on SIGTERM.
 *
 * With ECHO_REDIS_URL (and ECHO_REDIS_PREFIX) it is the second reference: before answering, it
 * claims the update in Redis (SET NX EX, one round trip) and answers only a first claim — the least
 * any bot does that must never answer an update twice across restarts and instances, as ours must.
 */
const token = process.env.ECHO_TOKEN ?? '';
const agent = new HttpAgent({ keepAlive: true });
const bot = new Bot(token, { client: { apiRoot: process.env.ECHO_API_ROOT ?? '', baseFetchConfig: { agent } } });
const redis = process.env.ECHO_REDIS_URL ? new Redis(process.env.ECHO_REDIS_URL) : undefined;
const claimPrefix = `${process.env.ECHO_REDIS_PREFIX ?? 'echo:'}claim:`;
bot.on('message:text', async (ctx) => {
  if (redis && (await redis.set(`${claimPrefix}${ctx.update.update_id}`, '1', 'EX', 86_400, 'NX')) === null) return;
  await ctx.reply(ctx.message.text);
});
bot.catch((err) => console.error(`echo bot: ${err.message}`));
await bot.init();
const runner = run(bot, { runner: { fetch: { timeout: 1 }, silent: true } });
console.log('running');
process.once('SIGTERM', () => {
  void runner.stop().then(() => {
    agent.destroy();
    redis?.disconnect();
    process.exit(0);
  });
});
