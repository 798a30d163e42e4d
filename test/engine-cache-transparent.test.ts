import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, checksums, parquetFiles, synthgen, withTempDir } from './helpers/cli.js';

/**
 * Runs the CLI with a given cache setting and returns each file's checksum in file order. Users and orders make two
 * files of 1 MB each, orders' lines one: parts sized from a sample, cached or not. A run without its samples cached computes them (of up
 * to all its rows), so the rows are kept few. (The pools and fingerprints come from the cache the package ships, the
 * same in all three: state-cache-shipped checks that it holds what the code computes.)
 */
async function run(dir: string, name: string, env: Record<string, string>): Promise<string[]> {
  const result = await synthgen(
    ['--table-names', 'users,products,orders', '--num-rows', 'users=13000,products=5000,orders=14000', '--file-size-limit', '1', '--seed', '4', '--as-of', AS_OF, '--out', join(name, 'data'), '--metadata', join(name, 'm.json')],
    dir,
    env,
  );
  expect(result.code, result.stderr).toBe(0);
  const sums: string[] = [];
  for (const table of ['users', 'products', 'orders', 'order_items']) {
    const all = await checksums(join(dir, name, 'data', table));
    for (const file of await parquetFiles(join(dir, name, 'data'), table)) sums.push(all[file.split('/').pop() ?? ''] ?? '');
  }
  return sums;
}

test('the cache only saves time: cold, warm and disabled caches give the same bytes', async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'synthgen-cache-'));
  try {
    await withTempDir(async (dir) => {
      // The cold and the disabled run share nothing (another folder each, one cache folder empty, the other none):
      // at once, for the wall time. The warm one reads what the cold one wrote.
      const [cold, off] = await Promise.all([run(dir, 'cold', { SYNTHGEN_CACHE_DIR: cacheDir }), run(dir, 'off', { SYNTHGEN_CACHE: 'off' })]);
      const warm = await run(dir, 'warm', { SYNTHGEN_CACHE_DIR: cacheDir });
      expect(cold.length).toBe(6);
      expect(warm).toEqual(cold);
      expect(off).toEqual(cold);
    });
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
});
