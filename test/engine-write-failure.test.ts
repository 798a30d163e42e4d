/**
 * A write that fails part-way (here the process's file-size limit, `ulimit -f`, which needs no privileges; a full
 * disk takes the same path): one clear line, exit 3, the metadata unchanged, no partial file, the finished files and
 * the run's record kept; once the cause is gone, the same command finishes with exactly an uninterrupted run's files.
 *
 * The failing run is the CLI's (under its own ulimit; its exit code and line are the property); the runs around it
 * are the engine's, in this process: the uninterrupted run, the parents, and the same run asked again, which finishes
 * the recorded one as the same command does.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, exists, synthgenWithFileSizeLimit, tableContents, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineRun } from './helpers/engine.js';

const PARENTS: EngineRun = { tables: ['users', 'products'], rows: { users: 3000, products: 3000 }, seed: 1 };
// 250,000 orders are two parts: a full one (~14 MB, ~160,000 rows), which exceeds a 12,000 KB file-size limit, and the
// last (~8 MB). Everything else the run writes stays under: its record, that last part and the pools file it hands
// its workers (~9.6 MB, mostly the parents' creation times: more than the 3 MB limit with 4 MB parts this test used
// before, which failed on that file, not on a part).
const ORDERS = ['--table-names', 'orders', '--num-rows', '250000', '--file-size-limit', '16', '--workers', '1', '--seed', '2', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
const SAME_ORDERS: EngineRun = { tables: ['orders'], rows: { orders: 250000 }, fileSizeLimitMB: 16, seed: 2 };

test('a write failing part-way: one line, exit 3, metadata unchanged, no partial file, the record kept; then the same command finishes exactly', async () => {
  await withTempDir(async (dir) => {
    // The uninterrupted run first: it also caches the sizing samples, so the limited run fails on the parts.
    const clean = join(dir, 'clean');
    await mkdir(clean);
    await engineRun(clean, PARENTS);
    await engineRun(clean, SAME_ORDERS);
    await engineRun(dir, PARENTS);
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const failed = await synthgenWithFileSizeLimit(ORDERS, dir, 12_000);
    expect(failed.code, failed.stderr).toBe(3);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/hit this process's file-size limit \(ulimit -f\).*Nothing was committed and the metadata is unchanged.*Run the same command again/);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(true);
    expect((await readdir(join(dir, 'data', 'orders'))).filter((n) => n.endsWith('.partial'))).toEqual([]);

    await engineRun(dir, SAME_ORDERS);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
    expect(await tableContents(dir, 'orders')).toEqual(await tableContents(clean, 'orders'));
  });
});
