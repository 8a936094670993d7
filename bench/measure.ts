import { performance } from 'node:perf_hooks';

/** One measured run: wall time, and memory at the end. */
export interface Measurement {
  label: string;
  ms: number;
  heapUsedMb: number;
  rssMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Runs `fn` after a warm-up run and reports its time and the process's memory afterwards; with
 * `runs` > 1, the median of that many timed runs (steadier on a busy machine).
 */
export async function measure(label: string, fn: () => unknown /* or a promise of it */, warmUp = true, runs = 1): Promise<Measurement> {
  if (warmUp) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  const mem = process.memoryUsage();
  return { label, ms: Math.round(ms * 100) / 100, heapUsedMb: mb(mem.heapUsed), rssMb: mb(mem.rss) };
}

/** Prints measurements as an aligned table with each one's ratio to the first (the baseline). */
export function printTable(title: string, rows: readonly Measurement[]): void {
  const base = rows[0]?.ms ?? 1;
  console.log(`\n${title}`);
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(58)} ${String(r.ms).padStart(10)} ms   ×${(r.ms / base).toFixed(2).padStart(7)}   heap ${r.heapUsedMb} MB   rss ${r.rssMb} MB`,
    );
  }
}
