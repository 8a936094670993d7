import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlan, PlanError } from '../../src/plan/load-plan.js';
import { loadPlanApart } from '../../src/plan/load-plan-apart.js';

/** The built module: only there does the plan load in a worker thread (`npm test` builds first). */
const BUILT = resolve('dist/src/plan/load-plan-apart.js');

async function builtLoader(): Promise<typeof loadPlanApart> {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\``);
  return ((await import(pathToFileURL(BUILT).href)) as { loadPlanApart: typeof loadPlanApart }).loadPlanApart;
}

async function problemsOf(load: (file: string) => Promise<unknown>, file: string): Promise<{ name: string; problems: readonly string[] }> {
  try {
    await load(file);
  } catch (err) {
    return { name: (err as Error).name, problems: (err as PlanError).problems };
  }
  throw new Error('the plan loaded');
}

describe('loadPlanApart: the plan parsed in a worker thread', () => {
  it('gives the same plan as loadPlan, in the worker (built) and in this thread (sources)', async () => {
    const expected = await loadPlan('examples/lai-chau-2025.yaml');
    expect(await (await builtLoader())('examples/lai-chau-2025.yaml')).toEqual(expected);
    expect(await loadPlanApart('examples/lai-chau-2025.yaml')).toEqual(expected);
  });

  it('gives the same PlanError for a broken plan and for a missing file', async () => {
    const file = join(tmpdir(), `dondoc-apart-${process.pid}.yaml`);
    await writeFile(file, 'province:\n  name: 1\nagencies: nope\n');
    try {
      const inThread = await problemsOf(loadPlan, file);
      expect(inThread.name).toBe('PlanError');
      expect(await problemsOf(await builtLoader(), file)).toEqual(inThread);
      expect(await problemsOf(loadPlanApart, file)).toEqual(inThread);
    } finally {
      await rm(file, { force: true });
    }
    const missing = await problemsOf(await builtLoader(), join(tmpdir(), 'dondoc-no-such-plan.yaml'));
    expect(missing.name).toBe('PlanError');
    expect(missing.problems.join('\n')).toContain('it does not exist');
  });
});
