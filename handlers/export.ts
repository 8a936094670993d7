import { compareLocalDates, localDateAt } from '../src/domain/vietnam-time.js';
import type { Period } from '../src/domain/period.js';
import { reply } from '../src/messaging/reply.js';
import { reportAttachment, workbookAttachment } from '../src/reports/files.js';
import type { Handler } from './services.js';
import { notOpenYet, resolvePeriod } from './period-catalog.js';
import { openPeriods } from './status.js';
import { formatDate } from '../src/texts/format.js';
import { historiesOf, loadSummary } from './summary-data.js';

/**
 * `/xuat [period]`: the files a clerk files. An Excel workbook (a summary sheet, a sheet per period
 * that has opened with a row per agency × item, every revision, the agencies' difficulties and
 * proposals) and the draft report to the provincial
 * People's Committee on one period (the one named; else the open period due first; else the latest)
 * in the layout of Decree 30/2020/NĐ-CP. Sent as documents (the platform decides how: Telegram
 * uploads them, Zalo links them).
 */
export const exportHandler: Handler = async (ctx) => {
  const { services, texts, args } = ctx;
  const now = services.clock.now();
  const today = localDateAt(now);
  const started = (await services.periods.all())
    .filter((p) => compareLocalDates(p.opensOn, today) <= 0)
    .sort((a, b) => compareLocalDates(a.deadline, b.deadline));
  let chosen: Period | undefined;
  if (args) {
    chosen = await resolvePeriod(services.periods, args, now);
    if (!chosen) return [reply(`${texts.progress.notFound(args)}\n${texts.progress.exportUsage}`)];
    if (notOpenYet(chosen, now)) return [reply(texts.progress.notYetOpen(chosen.name, chosen.id, formatDate(chosen.opensOn)))];
    if (!started.some((p) => p.id === chosen?.id)) started.push(chosen);
  } else {
    chosen = (await openPeriods(services, now))[0] ?? started[started.length - 1];
  }
  if (!chosen || started.length === 0) return [reply(texts.progress.exportNothing)];
  const models = await Promise.all(started.map((p) => loadSummary(services, p, now)));
  const report = models.find((m) => m.period.id === chosen?.id);
  if (!report) return [reply(texts.progress.exportNothing)];
  const histories = new Map(await Promise.all(models.map(async (m) => [m.period.id, await historiesOf(services.store, m)] as const)));
  // The writers are loaded on the first export: exceljs and docx weigh ~40 MB in every instance otherwise.
  const [{ buildWorkbook }, { buildOfficialReport }] = await Promise.all([
    import('../src/reports/xlsx.js'),
    import('../src/reports/docx.js'),
  ]);
  const [workbook, document] = await Promise.all([
    buildWorkbook(models, now, { plan: services.plan, histories }),
    buildOfficialReport({ model: report, plan: services.plan, histories: histories.get(report.period.id) ?? new Map() }),
  ]);
  services.logger.info(
    { periods: models.length, report: chosen.id, xlsxBytes: workbook.length, docxBytes: document.length },
    'export made',
  );
  return [
    {
      text: texts.progress.exportReady({ periods: models.length, report: chosen.name }),
      attachments: [workbookAttachment(workbook, now), reportAttachment(document, chosen.id, now)],
    },
  ];
};
