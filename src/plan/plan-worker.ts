import { parentPort, workerData } from 'node:worker_threads';
import { loadPlan } from './load-plan.js';
import { PlanError } from './plan-error.js';

/**
 * Runs in a worker thread started by `loadPlanApart`: reads and validates the plan file there and
 * posts back the plan as plain data (or what was wrong with it), so the YAML parser's and the
 * validator's high-water stays in the worker's heap, which goes when the worker ends.
 */
const { file } = workerData as { file: string };
try {
  parentPort?.postMessage({ plan: await loadPlan(file) });
} catch (err) {
  if (err instanceof PlanError) parentPort?.postMessage({ planError: { file: err.file, problems: err.problems } });
  else parentPort?.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
