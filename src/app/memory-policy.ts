import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what was live after a full collection. Left to itself, on a
 * server with memory to spare, V8 grows it two- to fourfold and collects late: a 10,000-reminder
 * fan-out with 38 MB live reached ≈ 265 MB resident, almost all of it garbage. Capped at +60 %,
 * it peaked at ≈ 190 MB at the same pace (npm run bench, BENCH_ONLY=fanout). V8 reads the factor at
 * every full collection, so setting it once at start-up takes effect for the rest of the run.
 */
export function applyMemoryPolicy(heapGrowingPercent: number): void {
  if (heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${Math.round(heapGrowingPercent)}`);
}
