import { afterEach, describe, expect, it } from 'vitest';
import { loadSummary } from '../../handlers/summary-data.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { AN, FULL_QUICK_FORM, Person, registerPeople, STORES } from './report-helpers.js';

/** /status counts a period once while nothing changed, and again the moment anything does. */
describe.each(STORES)('the counted summary of a period (%s store)', (store) => {
  let bot: TestBot;
  const an = new Person(() => bot, AN, 'Nguyễn Văn An');
  afterEach(() => bot.close());

  async function counted() {
    const period = await bot.services.periods.find('2025-6-thang');
    if (!period) throw new Error('no period');
    return loadSummary(bot.services, period, bot.clock.now());
  }

  it('Sở Nội vụ asks twice, Sở Y tế reports in between, and a day passes: each answer is as of its moment', async () => {
    bot = await createTestBot({ store });
    await registerPeople(bot);
    const first = await counted();
    bot.clock.set(bot.clock.now() + 60_000);
    const again = await counted();
    // Nothing changed: the same count, as of the later minute.
    expect({ ...again, asOf: 0 }).toEqual({ ...first, asOf: 0 });
    expect(again.asOf).toBe(bot.clock.now());
    if (store === 'redis') expect(again.rows).toBe(first.rows); // counted once, not twice

    await an.say(FULL_QUICK_FORM);
    await an.say('xác nhận');
    const afterReport = await counted();
    expect(afterReport.reported).toBe(first.reported + 1);
    expect(afterReport.rows.find((r) => r.agency.id === 'so-y-te')?.standing).toBe('on-time');

    bot.clock.set(bot.clock.now() + 24 * 60 * 60 * 1000);
    const nextDay = await counted();
    expect(nextDay.daysToDeadline).toBe(afterReport.daysToDeadline - 1);
    expect(nextDay.reported).toBe(afterReport.reported);
  });
});
