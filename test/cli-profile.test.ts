import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, synthgen, tableContents, withTempDir } from './helpers/cli.js';

/** The seconds a profile line gives for `label`, e.g. "generate rows 0.42 s". */
function secondsAfter(line: string, label: string): number {
  const match = new RegExp(`${label} (\\d+\\.\\d+) s`).exec(line);
  if (!match?.[1]) throw new Error(`no "${label}" in: ${line}`);
  return Number(match[1]);
}

test('--profile splits each table’s worker time into generating rows and writing Parquet, and changes no byte', async () => {
  await withTempDir(async (dir) => {
    const common = ['--table-names', 'users,products,orders', '--num-rows', 'users=20000,products=3000,orders=10000', '--seed', '5', '--as-of', AS_OF, '--file-size-limit', '1'];
    const scratch = join(dir, 'tmp');
    await mkdir(scratch);
    const profiled = await synthgen([...common, '--out', 'a/data', '--metadata', 'a.json', '--profile'], dir, { TMPDIR: scratch });
    expect(profiled.code, profiled.stderr).toBe(0);
    for (const table of ['users', 'orders']) {
      const line = profiled.stderr.split('\n').find((l) => l.trim().startsWith(`${table} `) && l.includes('generate rows'));
      expect(line, profiled.stderr).toBeDefined();
      expect(secondsAfter(line ?? '', 'generate rows')).toBeGreaterThan(0);
      expect(secondsAfter(line ?? '', 'write Parquet')).toBeGreaterThan(0);
      expect(line).toMatch(/sha256 \d+\.\d+ s/);
    }
    // DuckDB's profile of each part is read and removed.
    expect(await readdir(scratch)).toEqual([]);
    // A local run has no uploads to wait for.
    expect(profiled.stderr).not.toContain('waiting for uploads');

    const plain = await synthgen([...common, '--out', 'b/data', '--metadata', 'b.json'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toContain('profile (');
    // The same bytes, file by file (file names carry each run's time).
    for (const table of ['users', 'products', 'orders', 'order_items']) {
      const a = await tableContents(join(dir, 'a'), table);
      expect(a.length, table).toBeGreaterThan(0);
      expect(await tableContents(join(dir, 'b'), table), table).toEqual(a);
    }
  });
});
