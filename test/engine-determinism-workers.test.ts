import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, checksums, generate, parquetFiles, withTempDir } from './helpers/cli.js';

test('the same seed and as-of give byte-identical files with 1, 2 and 3 workers', async () => {
  await withTempDir(async (dir) => {
    const sums: Record<string, string>[] = [];
    for (const workers of ['1', '2', '3']) {
      const run = join(dir, `w${workers}`);
      await generate(
        ['--table-names', 'users,products,orders', '--num-rows', 'users=30000,products=5000,orders=40000', '--seed', '99', '--as-of', AS_OF, '--file-size-limit', '1', '--workers', workers, '--out', join(run, 'data'), '--metadata', join(run, 'metadata.json')],
        dir,
      );
      // File names carry the run's wall-clock stamp: compare contents in file order.
      const byOrder: Record<string, string> = {};
      for (const table of ['users', 'products', 'orders']) {
        const files = await parquetFiles(join(run, 'data'), table);
        const all = await checksums(join(run, 'data', table));
        files.forEach((file, index) => {
          byOrder[`${table}#${index}`] = all[file.split('/').pop() ?? ''] ?? '';
        });
      }
      sums.push(byOrder);
    }
    expect(Object.keys(sums[0] ?? {}).length).toBeGreaterThan(6);
    expect(sums[1]).toEqual(sums[0]);
    expect(sums[2]).toEqual(sums[0]);
  });
});
