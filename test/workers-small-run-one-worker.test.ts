/**
 * A small run, every table in one file and at most a row group of rows (122,880), writes its parts one after another
 * on one worker, whatever the threads: a second worker thread and its DuckDB cost ~0.3 CPU-seconds to start, more
 * than the rest of such a run. A table in several files, or more rows, and parts are written side by side again. Seen
 * from the run's own part-started and part-ended events, in this process on two threads.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { withTempDir } from './helpers/cli.js';
import { type EngineRun, engineRun } from './helpers/engine.js';

/** The most parts under way at once in a run of `options` in `dir`, how many files it wrote and the workers it says it used. */
async function mostAtOnce(dir: string, options: EngineRun): Promise<{ most: number; files: number; workers: number }> {
  await mkdir(dir);
  let underWay = 0;
  let most = 0;
  const summary = await engineRun(dir, {
    ...options,
    threads: 2,
    onInterruptEvent: (event) => {
      if (event.type === 'part-started') most = Math.max(most, ++underWay);
      if (event.type === 'part-ended') underWay -= 1;
    },
  });
  const files = Object.values(summary.tables).reduce((n, table) => n + (table?.files.length ?? 0), 0);
  return { most, files, workers: summary.workers };
}

test('a run of a few thousand rows in one file per table writes one part at a time', async () => {
  await withTempDir(async (dir) => {
    const small = await mostAtOnce(join(dir, 'small'), { tables: ['users', 'products', 'orders'], rows: { users: 1000, products: 1000, orders: 1000 } });
    // A file per table, the orders' lines (order_items) one of them.
    expect(small).toEqual({ most: 1, files: 4, workers: 1 });
  });
});

test('a table in several files, or more than a row group of rows, and two parts are written at once', async () => {
  await withTempDir(async (dir) => {
    // 20,000 users in files of 1 MB: two files at least.
    const files = await mostAtOnce(join(dir, 'files'), { tables: ['users', 'products'], rows: { users: 20_000, products: 1000 }, fileSizeLimitMB: 1 });
    expect(files.files).toBeGreaterThan(2);
    expect(files.most).toBe(2);
    expect(files.workers).toBe(2);
    // One file per table, 130,000 rows in all.
    const rows = await mostAtOnce(join(dir, 'rows'), { tables: ['users', 'products'], rows: { users: 129_000, products: 1000 } });
    expect(rows).toEqual({ most: 2, files: 2, workers: 2 });
  });
});
