import { benchReminderPlanning } from './reminder-planning.js';
import { benchTelegramPipeline } from './telegram-pipeline.js';
import { benchStatusAndSummary } from './status-summary.js';

/** `npm run bench`: prints figures and ratios to a baseline measured in the same process. Nothing is asserted. */
async function main(): Promise<void> {
  console.log(`Đôn Đốc benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
  await benchReminderPlanning();
  await benchTelegramPipeline();
  await benchStatusAndSummary();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
