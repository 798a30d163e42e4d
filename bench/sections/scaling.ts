/**
 * End to end through the CLI at --file-size-limit 16 (many parts, so every worker has parts to do): rows/s for 1, 2,
 * 4, ... workers up to the available cores, the ratio to one worker, the machine's ceiling (see independentRuns),
 * and the files' sizes against the limit. The README's chart is drawn from these rows.
 */
import { BUILTIN_TABLES as TABLES } from '../../src/tables/index.js';
import { fixed, independentRuns, median, ordersRun, perRoundMedian, workerCounts } from '../cli.js';
import { E2E_LIMIT_MB, E2E_ORDERS, REPEATS } from '../settings.js';

const ORDERS_COLUMNS = TABLES.find((t) => t.name === 'orders')?.columns.length ?? 0;

export type ScalingRow = ReturnType<typeof scalingRow>;
export type FileSizes = ReturnType<typeof fileSizes>;

export const EMPTY_SIZES: FileSizes = { limit_mb: 0, files: 0, smallest_share: 0, median_share: 0, largest_share: 0, last_share: 0 };

export async function scaling(scratch: string, metadata: string): Promise<{ scaling: ScalingRow[]; file_sizes: FileSizes }> {
  const counts = workerCounts();
  let sizes: number[] = [];
  // Rounds, each running every worker count once (interleaved); the ratio to one worker is taken within a round,
  // then the median over rounds.
  const seconds = new Map<number, number[]>(counts.map((n) => [n, []]));
  const ceilingCounts = counts.filter((n) => n > 1 && n <= 16);
  const independent = new Map<number, number[]>(ceilingCounts.map((n) => [n, []]));
  for (let round = 0; round < REPEATS; round += 1) {
    for (const workers of counts) {
      const run = await ordersRun(scratch, metadata, workers, E2E_ORDERS, `w${workers}`);
      seconds.get(workers)?.push(run.seconds);
      sizes = run.files.map((file) => file.bytes);
    }
    for (const copies of ceilingCounts) independent.get(copies)?.push(await independentRuns(scratch, metadata, copies, E2E_ORDERS, `p${copies}`));
  }
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const ones = seconds.get(1) ?? [];
  const rows = counts.map((workers) => scalingRow(workers, seconds.get(workers) ?? [], ones, independent.get(workers), bytes));
  for (const row of rows) console.error(`scaling ${row.workers}: ${JSON.stringify(row)}`);
  return { scaling: rows, file_sizes: fileSizes(sizes) };
}

function scalingRow(workers: number, own: number[], ones: number[], independent: number[] | undefined, bytes: number) {
  const rate = E2E_ORDERS / median(own);
  const ratio = perRoundMedian(own, ones, (n, one) => one / n);
  return {
    workers,
    rows_per_s: Math.round(rate),
    rows_per_s_per_worker: Math.round(rate / workers),
    cells_per_s: Math.round(rate * ORDERS_COLUMNS),
    mb_per_s: fixed((bytes / 1e6) * (rate / E2E_ORDERS), 1),
    vs_one_worker: fixed(ratio, 2),
    efficiency: fixed(ratio / workers, 2),
    // N processes did N times the one-worker run's rows: N x T1 / T_N, per round, then the median.
    independent_processes: workers === 1 ? 1 : fixed(perRoundMedian(independent ?? [], ones, (p, one) => (workers * one) / p), 2) || null,
  };
}

/** Files in name order: the last is the table's last part, the one file allowed below 80% of the limit. */
function fileSizes(sizes: number[]) {
  const limit = E2E_LIMIT_MB * 1e6;
  const allButLast = sizes.slice(0, -1).sort((a, b) => a - b);
  return {
    limit_mb: E2E_LIMIT_MB,
    files: sizes.length,
    smallest_share: fixed((allButLast[0] ?? 0) / limit, 3),
    median_share: fixed(median(allButLast) / limit, 3),
    largest_share: fixed((allButLast[allButLast.length - 1] ?? 0) / limit, 3),
    last_share: fixed((sizes[sizes.length - 1] ?? 0) / limit, 3),
  };
}
