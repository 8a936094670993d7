import { benchReminderPlanning } from './reminder-planning.js';
import { benchTelegramPipeline } from './telegram-pipeline.js';
import { benchStatusAndSummary } from './status-summary.js';
import { benchFanOut } from './fanout.js';
import { benchDashboardGrid } from './dashboard-grid.js';
import { benchStoreCompare } from './store-compare.js';
import { benchPerUpdate } from './per-update.js';
import { benchRssAtRest } from './rss-at-rest.js';
import { benchQuickForm } from './quick-form.js';

/** `npm run bench`: prints figures and ratios to a baseline measured in the same process. Nothing is asserted. */
async function main(): Promise<void> {
  console.log(`Đôn Đốc benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'planning') await benchReminderPlanning();
  if (!only || only === 'quick-form') await benchQuickForm();
  if (!only || only === 'pipeline') await benchTelegramPipeline();
  if (!only || only === 'status') await benchStatusAndSummary();
  if (!only || only === 'fanout') await benchFanOut();
  if (!only || only === 'dashboard') await benchDashboardGrid();
  if (!only || only === 'stores') await benchStoreCompare();
  if (!only || only === 'per-update') await benchPerUpdate();
  if (!only || only === 'rss') await benchRssAtRest();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
