import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, checksums, generate, laterAsOf, withTempDir } from './helpers/cli.js';

test('back-to-back runs into the same folder never overwrite a file', async () => {
  await withTempDir(async (dir) => {
    // The same command each time but for the as-of: each run adds the rows created since the last one.
    const args = (asOf: string) => ['--table-names', 'users', '--num-rows', '500', '--seed', '1', '--as-of', asOf, '--out', 'data', '--metadata', 'm.json'];
    await generate(args(AS_OF), dir);
    const first = await checksums(join(dir, 'data', 'users'));
    await generate(args(laterAsOf(1)), dir);
    await generate(args(laterAsOf(2)), dir);
    const names = (await readdir(join(dir, 'data', 'users'))).filter((n) => n.endsWith('.parquet'));
    expect(names).toHaveLength(3);
    const after = await checksums(join(dir, 'data', 'users'));
    for (const [name, sum] of Object.entries(first)) expect(after[name]).toBe(sum);
    // No temporary files are left behind.
    expect((await readdir(join(dir, 'data', 'users'))).filter((n) => !n.endsWith('.parquet'))).toEqual([]);
  });
});
