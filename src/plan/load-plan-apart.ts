import { Worker } from 'node:worker_threads';
import type { Plan } from '../domain/plan.js';
import { PlanError } from './plan-error.js';

type WorkerAnswer = { plan: Plan } | { planError: { file: string; problems: string[] } } | { error: string };

/**
 * `loadPlan` in a worker thread: the same plan, or the same PlanError, but the parser's high-water
 * (a 10,000-agency plan takes ~100 MB of heap to parse) is not kept by this process's heap once
 * the worker has ended; the YAML parser is never loaded here. Falls back to loading in this thread
 * when the worker's module is not there (running from TypeScript sources).
 */
export async function loadPlanApart(file: string): Promise<Plan> {
  if (!import.meta.url.endsWith('.js')) {
    const { loadPlan } = await import('./load-plan.js');
    return loadPlan(file);
  }
  // No node options of this process (some, such as --input-type, are refused in a worker). A small
  // young generation: parsing makes much short-lived garbage, and a 10,000-agency plan then peaks
  // ~35 MB lower (RSS high-water 134 MB instead of 167 MB for the plan alone), no slower.
  const worker = new Worker(new URL('./plan-worker.js', import.meta.url), {
    workerData: { file },
    execArgv: [],
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the plan worker exited (code ${code}) without a plan`)));
    });
    if ('plan' in answer) return answer.plan;
    if ('planError' in answer) throw new PlanError(answer.planError.file, answer.planError.problems);
    throw new Error(`loading the plan failed: ${answer.error}`);
  } finally {
    await worker.terminate();
  }
}
