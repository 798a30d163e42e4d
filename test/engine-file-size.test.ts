import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, parquetFiles, withTempDir } from './helpers/cli.js';

const MB = 1_000_000;

test.each([
  ['1', 'users=60000,products=50000,orders=70000'],
  ['3', 'users=150000,products=30000,orders=160000'],
])('with --file-size-limit %s no file is larger, and all but the last of a table are at least 80%% of it', async (limit, rows) => {
  await withTempDir(async (dir) => {
    await generate(['--table-names', 'users,products,orders', '--num-rows', rows, '--file-size-limit', limit, '--seed', '3', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dir);
    const limitBytes = Number(limit) * MB;
    let multiPart = 0;
    for (const table of ['users', 'products', 'orders']) {
      const files = await parquetFiles(join(dir, 'data'), table);
      const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
      if (files.length > 1) multiPart += 1;
      for (const [index, size] of sizes.entries()) {
        expect(size, `${files[index]}`).toBeLessThanOrEqual(limitBytes);
        if (index < sizes.length - 1) expect(size, `${files[index]}`).toBeGreaterThanOrEqual(0.8 * limitBytes);
      }
      if (files.length > 1) expect(files[0]).toMatch(/\d{14}-[0-9a-f]{8}_part_001\.parquet$/);
    }
    expect(multiPart).toBeGreaterThanOrEqual(2);
  });
});
