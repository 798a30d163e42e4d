/** --file-size-limit as the engine keeps it (the runs are in this process): every file within it, and near it. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parquetFiles, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

const MB = 1_000_000;

test.each([
  // Users and products make three files each at 1 MB (~7,100 and ~10,500 rows a file), users three and products one
  // at 3 MB, orders two at each (~11,700 and ~39,600 rows a file): in each table of several files at least one that
  // must be near the limit, and the last. No more rows than make those files: a row of orders (and its lines) costs
  // three of users'; 30,000 users and 50,000 products made five files each at 1 MB, 24,000 orders three, and 80,000
  // users three at 3 MB as 72,000 do.
  ['1', { users: 16000, products: 22000, orders: 12000 }],
  ['3', { users: 72000, products: 30000, orders: 45000 }],
])('with --file-size-limit %s no file is larger, and all but the last of a table are at least 80%% of it', async (limit, rows) => {
  await withTempDir(async (dir) => {
    await engineRun(dir, { tables: ['users', 'products', 'orders'], rows, fileSizeLimitMB: Number(limit), seed: 3 });
    const limitBytes = Number(limit) * MB;
    let multiPart = 0;
    for (const table of ['users', 'products', 'orders']) {
      const files = await parquetFiles(join(dir, 'data'), table);
      const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
      if (files.length > 1) multiPart += 1;
      if (table === 'orders') expect(files.length, 'orders are one file: no part of theirs is checked near the limit').toBeGreaterThan(1);
      for (const [index, size] of sizes.entries()) {
        expect(size, `${files[index]}`).toBeLessThanOrEqual(limitBytes);
        if (index < sizes.length - 1) expect(size, `${files[index]}`).toBeGreaterThanOrEqual(0.8 * limitBytes);
      }
      if (files.length > 1) expect(files[0]).toMatch(/\d{14}-[0-9a-f]{8}_part_001\.parquet$/);
    }
    expect(multiPart).toBeGreaterThanOrEqual(2);
  });
});
