import type { Period } from '../src/domain/period.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { progressChartPng } from '../src/reports/chart.js';
import { chartAttachment } from '../src/reports/files.js';
import { renderSummaryText } from '../src/reports/progress-text.js';
import type { Handler, HandlerContext } from './services.js';
import { notOpenYet, resolvePeriod } from './period-catalog.js';
import { openPeriods } from './status.js';
import { formatDate } from '../src/texts/format.js';
import { forSummaryText, loadSummary } from './summary-data.js';

/** One period's summary as posted in a chat: the text, with the progress chart attached as a photo. */
export async function summaryReply(ctx: Pick<HandlerContext, 'services' | 'texts'>, period: Period, now: number): Promise<Reply> {
  const counted = await loadSummary(ctx.services, period, now);
  const { model, reach } = await forSummaryText(ctx.services.store, counted);
  return {
    text: renderSummaryText(model, ctx.texts, 'on-demand', reach),
    attachments: [chartAttachment(progressChartPng(model), period.id, now, ctx.texts.progress.chartCaption(period.name))],
  };
}

/**
 * `/tonghop [period]`: posts the summary of every open period (or of the one named) here and now,
 * as the scheduler does at the deadline: what came in, the items added up, who is late or missing.
 */
export const summaryHandler: Handler = async (ctx) => {
  const { services, texts, args } = ctx;
  const now = services.clock.now();
  if (args) {
    const period = await resolvePeriod(services.periods, args, now);
    if (!period) return [reply(`${texts.progress.notFound(args)}\n${texts.progress.summaryUsage}`)];
    if (notOpenYet(period, now)) return [reply(texts.progress.notYetOpen(period.name, period.id, formatDate(period.opensOn)))];
    return [await summaryReply(ctx, period, now)];
  }
  const periods = await openPeriods(services, now);
  if (periods.length === 0) return [reply(texts.progress.noOpenPeriod)];
  return Promise.all(periods.map((p) => summaryReply(ctx, p, now)));
};
