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

// A dataset already there, whose metadata the failed run must leave as it was.
const BEFORE: EngineRun = { tables: ['products'], rows: { products: 3000 }, seed: 1 };
// 200,000 users in 9 MB files are two parts: a full one (~7.9 MB), which exceeds a 6,500 KB file-size limit, and the
// last (~5.2 MB). Everything else the run writes stays under: its record, that last part and the pools file it hands
// its workers (under 4.4 MB). Users, not orders: the write that fails is a part's COPY either way, and users cost a
// third of orders (which write their lines too) per row.
const USERS = ['--table-names', 'users', '--num-rows', '200000', '--file-size-limit', '9', '--workers', '1', '--seed', '2', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
const SAME_USERS: EngineRun = { tables: ['users'], rows: { users: 200000 }, fileSizeLimitMB: 9, seed: 2 };

test('a write failing part-way: one line, exit 3, metadata unchanged, no partial file, the record kept; then the same command finishes exactly', async () => {
  await withTempDir(async (dir) => {
    // The uninterrupted run first: it also caches the sizing samples, so the limited run fails on the parts.
    const clean = join(dir, 'clean');
    await mkdir(clean);
    await engineRun(clean, BEFORE);
    const reference = await engineRun(clean, SAME_USERS);
    // The part sizes the limit sits between (a change of the users' row width would move them).
    const sizes = reference.tables.users?.files.map((file) => file.bytes) ?? [];
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toBeGreaterThan(6_500 * 1024);
    expect(sizes[1]).toBeLessThan(6_500 * 1024);
    await engineRun(dir, BEFORE);
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const failed = await synthgenWithFileSizeLimit(USERS, dir, 6_500);
    expect(failed.code, failed.stderr).toBe(3);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/hit this process's file-size limit \(ulimit -f\).*Nothing was committed and the metadata is unchanged.*Run the same command again/);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(true);
    expect((await readdir(join(dir, 'data', 'users'))).filter((n) => n.endsWith('.partial'))).toEqual([]);

    await engineRun(dir, SAME_USERS);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
    expect(await tableContents(dir, 'users')).toEqual(await tableContents(clean, 'users'));
  });
});
