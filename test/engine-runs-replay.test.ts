import { join } from 'node:path';
import { expect, test } from 'vitest';
import { WorkerPool } from '../dist/src/index.js';
import { AS_OF, query, tableSql, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineRun } from './helpers/engine.js';

/** A run in `dir` with its files under `out` and its metadata `<out>.json`. */
const runIn = (dir: string, out: string, run: EngineRun) => engineRun(dir, { ...run, out: join(dir, out), metadataPath: join(dir, `${out}.json`) });

/**
 * A run's rows depend on its seed, as-of, window, ID range and the generator versions, nothing else: the same
 * sequence of runs from the same starting metadata gives the same rows however the runs are cut into files and
 * however many workers write them (the bytes at any worker count are checked in engine-determinism-workers).
 * In this process, through the run API (threads: the CLI's --workers).
 */
test('the same runs cut into other files, on other workers, hold exactly the same rows', async () => {
  await withTempDir(async (dir) => {
    const runs: EngineRun[] = [
      { tables: ['users', 'products', 'orders'], rows: { users: 4000, products: 500, orders: 15000 }, seed: 5, asOf: '2025-06-01' },
      { tables: ['users', 'orders'], rows: { users: 1000, orders: 6000 }, seed: 6, asOf: AS_OF },
    ];
    // One worker: a pool of its own, as the CLI's --workers 1 makes (the shared one has two).
    const oneWorker = new WorkerPool(1);
    // The two sequences share nothing (their own folders, metadata and pools): at once, for the wall time.
    try {
      await Promise.all([
        (async () => {
          for (const run of runs) await runIn(dir, 'big', { ...run, threads: 1, pool: oneWorker });
        })(),
        (async () => {
          for (const run of runs) await runIn(dir, 'small', { ...run, threads: 2, fileSizeLimitMB: 1 });
        })(),
      ]);
    } finally {
      await oneWorker.destroy();
    }
    // Orders' lines too: a children table's rows are cut into files with their parents'.
    for (const table of ['users', 'products', 'orders', 'order_items']) {
      const a = await tableSql(join(dir, 'big'), table);
      const b = await tableSql(join(dir, 'small'), table);
      const diff = await query(
        `SELECT (SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})) + (SELECT count(*) FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a})) AS n, (SELECT count(*) FROM ${a}) AS rows`,
      );
      if (table === 'order_items') expect(Number(diff[0]?.rows), table).toBeGreaterThan(21000);
      else expect(Number(diff[0]?.rows), table).toBe({ users: 5000, products: 500, orders: 21000 }[table]);
      expect(Number(diff[0]?.n), table).toBe(0);
    }
    const files = await query(`SELECT count(*) AS n FROM glob('${join(dir, 'small')}/orders/*.parquet')`);
    expect(Number(files[0]?.n)).toBeGreaterThan(2);
  });
});

test('a different seed gives different rows', async () => {
  await withTempDir(async (dir) => {
    await runIn(dir, 'a', { tables: ['users'], rows: { users: 200 }, seed: 1, asOf: AS_OF });
    await runIn(dir, 'b', { tables: ['users'], rows: { users: 200 }, seed: 2, asOf: AS_OF });
    const same = await query(
      `SELECT count(*) AS n FROM ${await tableSql(join(dir, 'a'), 'users')} a JOIN ${await tableSql(join(dir, 'b'), 'users')} b USING (user_id) WHERE a.email = b.email`,
    );
    expect(Number(same[0]?.n)).toBeLessThan(10);
  });
});
