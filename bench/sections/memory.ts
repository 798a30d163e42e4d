/** Peak RSS of the CLI on all cores at the scaling section's file-size limit, for a small and a large orders table. */
import { availableParallelism } from 'node:os';
import { fixed, median, ordersRun } from '../cli.js';
import { MEMORY_REPEATS, MEMORY_ROWS } from '../settings.js';

export interface MemoryResult {
  readonly runs: { orders: number; peak_rss_mb: number }[];
  /** The largest run's peak over the smallest's. */
  readonly ratio: number;
}

export async function memory(scratch: string, metadata: string): Promise<MemoryResult> {
  const runs: { orders: number; peak_rss_mb: number }[] = [];
  for (const rows of MEMORY_ROWS) {
    const peaks: number[] = [];
    for (let i = 0; i < MEMORY_REPEATS; i += 1) peaks.push((await ordersRun(scratch, metadata, availableParallelism(), rows, `m${rows}`)).peak);
    runs.push({ orders: rows, peak_rss_mb: Math.round(median(peaks) / 1e6) });
    console.error(`memory ${rows}: ${JSON.stringify(runs[runs.length - 1])}`);
  }
  const [small, large] = runs;
  return { runs, ratio: fixed((large?.peak_rss_mb ?? 0) / (small?.peak_rss_mb ?? 1), 2) };
}
