/**
 * A write that fails part-way (here the process's file-size limit, `ulimit -f`, which needs no privileges; a full
 * disk takes the same path): one clear line, exit 3, the metadata unchanged, no partial file, the finished files and
 * the run's record kept; once the cause is gone, the same command finishes with exactly an uninterrupted run's files.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, exists, generate, synthgenWithFileSizeLimit, tableContents, withTempDir } from './helpers/cli.js';

const PARENTS = ['--table-names', 'users,products', '--num-rows', '3000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
// Orders' full parts (~14 MB) exceed a 12,000 KB file-size limit; everything else the run writes stays under: its
// record, its last part (~8.8 MB) and the pools file it hands its workers (~9.6 MB, mostly the parents' creation
// times: more than the 3 MB limit with 4 MB parts this test used before, which failed on that file, not on a part).
const ORDERS = ['--table-names', 'orders', '--num-rows', '600000', '--file-size-limit', '16', '--workers', '1', '--seed', '2', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];

test('a write failing part-way: one line, exit 3, metadata unchanged, no partial file, the record kept; then the same command finishes exactly', async () => {
  await withTempDir(async (dir) => {
    // The uninterrupted run first: it also caches the sizing samples, so the limited run fails on the parts.
    const clean = join(dir, 'clean');
    await mkdir(clean);
    await generate(PARENTS, clean);
    await generate(ORDERS, clean);
    await generate(PARENTS, dir);
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const failed = await synthgenWithFileSizeLimit(ORDERS, dir, 12_000);
    expect(failed.code, failed.stderr).toBe(3);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/hit this process's file-size limit \(ulimit -f\).*Nothing was committed and the metadata is unchanged.*Run the same command again/);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(true);
    expect((await readdir(join(dir, 'data', 'orders'))).filter((n) => n.endsWith('.partial'))).toEqual([]);

    await generate(ORDERS, dir);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
    expect(await tableContents(dir, 'orders')).toEqual(await tableContents(clean, 'orders'));
  });
});
