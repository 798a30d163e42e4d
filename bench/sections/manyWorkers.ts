/**
 * --workers 64 on a machine with far fewer cores, at the default file-size limit (the default-limit section's cases:
 * one file and two): peak RSS against --workers 1, and whether the files are byte-identical (SHA-256 from the CLI's
 * summary, in part order). Reported, not asserted. Runs alternate between the two worker counts.
 */
import { fixed, interleaved, median, ordersRun } from '../cli.js';
import { DEFAULT_LIMIT_CASES, MANY_WORKERS, MEMORY_REPEATS } from '../settings.js';

interface Side {
  readonly workers: number;
  readonly workers_used: number;
  readonly peak_rss_mb: number;
  readonly seconds: number;
}

export interface ManyWorkersCase {
  readonly orders: number;
  readonly file_size_limit_mb: number;
  readonly files: number;
  readonly one: Side;
  readonly many: Side;
  /** many's peak RSS over one's. */
  readonly rss_ratio: number;
  /** Every run, whatever its workers, wrote the same files. */
  readonly sha256_match: boolean;
}

export async function manyWorkers(scratch: string, metadata: string): Promise<ManyWorkersCase[]> {
  const results: ManyWorkersCase[] = [];
  for (const { orders, fileSizeLimit } of DEFAULT_LIMIT_CASES) {
    const runs = new Map<number, Awaited<ReturnType<typeof ordersRun>>[]>([
      [1, []],
      [MANY_WORKERS, []],
    ]);
    for (let round = 0; round < MEMORY_REPEATS; round += 1) {
      await interleaved(
        round,
        [...runs].map(([workers, done]) => async () => void done.push(await ordersRun(scratch, metadata, workers, orders, `x${orders}-w${workers}`, { fileSizeLimit }))),
      );
    }
    const all = [...runs.values()].flat();
    const hashes = all.map((run) => run.files.map((file) => file.sha256).join(','));
    const side = (workers: number): Side => {
      const own = runs.get(workers) ?? [];
      return {
        workers,
        workers_used: Math.max(...own.map((run) => run.workersUsed)),
        peak_rss_mb: Math.round(median(own.map((run) => run.peak)) / 1e6),
        seconds: fixed(median(own.map((run) => run.seconds)), 2),
      };
    };
    const one = side(1);
    const many = side(MANY_WORKERS);
    results.push({
      orders,
      file_size_limit_mb: all[0]?.fileSizeLimitMb ?? 0,
      files: all[0]?.files.length ?? 0,
      one,
      many,
      rss_ratio: fixed(many.peak_rss_mb / one.peak_rss_mb, 2),
      sha256_match: hashes.every((hash) => hash === hashes[0]),
    });
    console.error(`many-workers ${orders}: ${JSON.stringify(results[results.length - 1])}`);
  }
  return results;
}
