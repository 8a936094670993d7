import { Agent as HttpAgent } from 'node:http';
import { run } from '@grammyjs/runner';
import { Bot } from 'grammy';

/**
 * The baseline of `BENCH_ONLY=per-update`, run as its own process: a bare grammY echo bot with
 * @grammyjs/runner polling ECHO_API_ROOT. Prints "running" on stdout once it polls; stops on SIGTERM.
 */
const token = process.env.ECHO_TOKEN ?? '';
const agent = new HttpAgent({ keepAlive: true });
const bot = new Bot(token, { client: { apiRoot: process.env.ECHO_API_ROOT ?? '', baseFetchConfig: { agent } } });
bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
bot.catch((err) => console.error(`echo bot: ${err.message}`));
await bot.init();
const runner = run(bot, { runner: { fetch: { timeout: 1 }, silent: true } });
console.log('running');
process.once('SIGTERM', () => {
  void runner.stop().then(() => {
    agent.destroy();
    process.exit(0);
  });
});
