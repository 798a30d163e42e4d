/**
 * The same seed and as-of give the same bytes whatever the number of workers. The engine's property: the runs are
 * in this process, each on a pool of its own of that many worker threads, as `--workers N` gives a CLI run.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { type RunSummary, WorkerPool } from '../dist/src/index.js';
import { checksums, parquetFiles, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineRun } from './helpers/engine.js';

/** A run in `dir` on `workers` worker threads and as many DuckDB threads (the CLI's --workers), the pool ended after. */
async function onWorkers(dir: string, workers: number, options: EngineRun): Promise<RunSummary> {
  const pool = new WorkerPool(workers);
  try {
    return await engineRun(dir, { ...options, pool, threads: pool.threadBudget });
  } finally {
    await pool.destroy();
  }
}

test('the same seed and as-of give byte-identical files with 1, 2 and 3 workers', async () => {
  await withTempDir(async (dir) => {
    // Three independent runs, each on its pool: at once, for the wall time (the test is not about timing).
    const sums = await Promise.all(
      [1, 2, 3].map(async (workers) => {
        const run = join(dir, `w${workers}`);
        // Users 22,500: three parts of 7,500 at 1 MB (30,000 made a fourth, which showed nothing more).
        await onWorkers(run, workers, { tables: ['users', 'products', 'orders'], rows: { users: 22500, products: 5000, orders: 12000 }, seed: 99, fileSizeLimitMB: 1 });
        // File names carry the run's wall-clock stamp: compare contents in file order.
        const byOrder: Record<string, string> = {};
        for (const table of ['users', 'products', 'orders', 'order_items']) {
          const files = await parquetFiles(join(run, 'data'), table);
          const all = await checksums(join(run, 'data', table));
          files.forEach((file, index) => {
            byOrder[`${table}#${index}`] = all[file.split('/').pop() ?? ''] ?? '';
          });
        }
        return byOrder;
      }),
    );
    // users 3 files, products 1, orders 2 and their lines 1: tables of several parts split differently by 1, 2, 3.
    expect(Object.keys(sums[0] ?? {}).length).toBeGreaterThan(6);
    expect(sums[1]).toEqual(sums[0]);
    expect(sums[2]).toEqual(sums[0]);
  });
});

/**
 * When a table has few files, the parts under way share the DuckDB threads: one part alone gets every thread. As at
 * the default limit with 1M users and 2M orders, but a fortieth of the rows in row groups a fortieth as large, in
 * files of 3.5 MB (so each file still has ~10 row groups for its threads to write): users are one file (22.5k: 25k
 * of version 5's users estimate just over the file size aim), orders two; on
 * 16 workers their parts run on several threads each (threadShares.ts), on 1 worker on one. Every split writes the
 * same bytes (the test above covers 2 and 3 workers).
 */
test('a table of one file and one of two, many row groups each, are byte-identical on 1 and 16 workers', async () => {
  await withTempDir(async (dir) => {
    await engineRun(dir, { tables: ['products'], rows: { products: 2000 }, seed: 7 });
    // One after the other: 16 threads' memory is budgeted as if their pool had the machine to itself.
    const sums: Record<string, string>[] = [];
    for (const workers of [1, 16]) {
      const run = join(dir, `w${workers}`);
      await mkdir(run);
      await copyFile(join(dir, 'm.json'), join(run, 'm.json'));
      const summary = await onWorkers(run, workers, { tables: ['users', 'orders'], rows: { users: 22500, orders: 50000 }, format: { rowGroupSize: 2500 }, fileSizeLimitMB: 3.5, seed: 8 });
      sums.push(Object.fromEntries(Object.entries(summary.tables).flatMap(([table, t]) => t.files.map((f, i) => [`${table}#${i}`, f.sha256]))));
    }
    expect(Object.keys(sums[0] ?? {}).sort()).toEqual(['order_items#0', 'orders#0', 'orders#1', 'users#0']);
    expect(sums[1]).toEqual(sums[0]);
  });
});
