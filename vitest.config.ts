import { defineConfig } from 'vitest/config';

/**
 * Three projects, chosen by folder so that a new test file lands in one without editing this file:
 *
 * - `unit`: the pure modules (domain, plan, config, messaging, texts, deploy files): no store, no
 *   app, no servers; run in worker threads, which start faster than processes.
 * - `e2e`: `test/app/` and `test/fault/` (and the Cluster/Sentinel store test), which start the built
 *   app (`dist/src/main.js`), private `redis-server`s and fake platform APIs as child processes and
 *   mostly wait on them.
 * - `integration`: everything else (store contract, handlers, scheduler, platforms, reports, http,
 *   security, …): the real Redis, the test bot on a store, in-process HTTP servers, Chromium; in
 *   child processes. A new folder lands here.
 *
 * All three run in one pool of MAX_WORKERS files at a time (Vitest runs projects with different
 * `maxWorkers` one after another, so they share one). Projects start in name order and the longest
 * files first, so `e2e` (files of 10–30 s, mostly waiting on the wall clock) starts first and the
 * short CPU-bound files fill the gaps. MAX_WORKERS was measured on the project's 2-core machine:
 * the e2e files spend most of their time waiting, so more files than cores pay off (e2e alone:
 * 300 s one at a time, 78 s with 4, 59 s with 6; per-file times unchanged).
 * `VITEST_MAX_WORKERS` overrides it (e.g. 1 to run one file at a time).
 *
 * - `solo`: the few files that assert an upper bound on sub-second wall-clock spacing (a rate
 *   limiter's peak per second), which a CPU busy with other test files can break by firing timers
 *   late. They run after the rest, one at a time. A file moved or renamed falls back to
 *   `integration` (it still runs); add it here again.
 */
const MAX_WORKERS = Number(process.env.VITEST_MAX_WORKERS ?? 6);

// Tests that cap a send rate from above against the fake's own sliding windows: alone, so that a
// loaded machine bunching requests up at the fake cannot read as the bot sending too fast.
const SOLO = ['test/platforms/core/rate-gate.test.ts', 'test/platforms/telegram/messenger.test.ts'];

const UNIT = [
  'test/domain/**/*.test.ts',
  'test/plan/**/*.test.ts',
  'test/config/**/*.test.ts',
  'test/messaging/**/*.test.ts',
  'test/texts/**/*.test.ts',
  'test/deploy/**/*.test.ts',
];
// Also the store contract on a real Cluster and through a Sentinel: it starts five redis-servers and
// waits ~10 s for the Sentinel to see its replica, so it should start early rather than last (Vitest
// orders files it has no timings for by size, and this file is short).
const E2E = ['test/app/**/*.test.ts', 'test/fault/**/*.test.ts', 'test/store/redis-topologies.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Redis is shared by everything on the machine; each test file uses its own key prefix.
    fileParallelism: true,
    maxWorkers: MAX_WORKERS,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads' } },
      { extends: true, test: { name: 'e2e', include: E2E, pool: 'forks' } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: [...UNIT, ...E2E, ...SOLO], pool: 'forks' } },
      {
        extends: true,
        test: { name: 'solo', include: SOLO, exclude: [...UNIT, ...E2E], pool: 'forks', maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
