/**
 * A run only ever removes or replaces files it wrote itself, which it proves by the inode and size it recorded before
 * linking each file into place; and two runs never pick the same file name, whatever their metadata files.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileName } from '../dist/src/records/plan.js';
import { AS_OF, exists, synthgen, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { engineInterruptedAfter } from './helpers/engineHold.js';

// Six parts; stopped as Ctrl-C stops it once two are written (test/helpers/engineHold.ts). Users: a run of theirs
// owns its files as any table's does, at a fifth of the cost per part of orders (which compute their lines twice).
// The interrupted run is made in this process (the run API, as --out data --metadata m.json): what is under test is
// what the spawned CLI's --resume and --discard-interrupted then do with the files.
const USERS = { tables: ['users'], rows: { users: 60000 }, fileSizeLimitMB: 1, seed: 2, asOf: AS_OF };

interface Pending {
  stamp: string;
  plans: Record<string, { parts: number }>;
  written: Record<string, Record<string, unknown>>;
}

/** A users run stopped as by Ctrl-C once it has written two files; returns its record. */
async function interrupted(dir: string): Promise<Pending> {
  await engineRun(dir, { tables: ['products'], rows: { products: 2000 }, seed: 1, asOf: AS_OF });
  const stopped = await engineInterruptedAfter(dir, USERS, 2);
  expect(stopped).toMatchObject({ exitCode: 130 });
  return JSON.parse(await readFile(join(dir, 'm.json.pending.json'), 'utf8')) as Pending;
}

/** Paths of one written and one unwritten part of the interrupted run. */
function partPaths(dir: string, pending: Pending): { written: string; unwritten: string } {
  const count = pending.plans.users?.parts ?? 0;
  const done = Object.keys(pending.written.users ?? {}).map(Number);
  const notDone = Array.from({ length: count }, (_, i) => i).filter((i) => !done.includes(i));
  expect(done.length).toBeGreaterThan(0);
  expect(notDone.length).toBeGreaterThan(0);
  const path = (index: number) => join(dir, 'data', 'users', fileName(pending.stamp, index + 1, count));
  return { written: path(done[0] ?? 0), unwritten: path(notDone[notDone.length - 1] ?? 0) };
}

// The two tests run at once, each in its own folder: one's spawned CLI beside the other's runs (which take turns).
describe.concurrent('files a run did not write are never removed or replaced', () => {
  test('resume refuses to replace a file at its name that is not its own, and discard leaves it', async () => {
    await withTempDir(async (dir) => {
      const pending = await interrupted(dir);
      const { written, unwritten } = partPaths(dir, pending);
      // Other bytes take the place of a file the run wrote, under the same inode (as when a deleted file's inode is
      // reused at once), and a file takes a name the run has yet to write.
      await writeFile(written, 'another run’s committed file');
      await writeFile(unwritten, 'someone else’s file');

      const resumed = await synthgen(['--resume', '--metadata', 'm.json'], dir);
      expect(resumed.code).not.toBe(0);
      expect(resumed.stderr).toMatch(/already exists and was not written by this run/);
      expect(resumed.stderr.trim().split('\n').filter((l) => l.startsWith('synthgen: run') || l.includes('already exists'))).toHaveLength(1);
      expect(await readFile(written, 'utf8')).toBe('another run’s committed file');
      expect(await readFile(unwritten, 'utf8')).toBe('someone else’s file');

      const discarded = await synthgen(['--discard-interrupted', '--metadata', 'm.json', '--json'], dir);
      expect(discarded.code).toBe(0);
      const summary = JSON.parse(discarded.stdout) as { files_left: string[]; files_removed: number };
      expect(summary.files_left).toContain(written);
      expect(await readFile(written, 'utf8')).toBe('another run’s committed file');
      expect(await readFile(unwritten, 'utf8')).toBe('someone else’s file');
      // Everything else the run wrote is gone, and so is its record.
      const left = (await readdir(join(dir, 'data', 'users'))).map((n) => join(dir, 'data', 'users', n)).sort();
      expect(left).toEqual([written, unwritten].sort());
      expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
    });
  });

  test('an edited record cannot make discard remove files outside the run', async () => {
    await withTempDir(async (dir) => {
      const pending = await interrupted(dir);
      const { written } = partPaths(dir, pending);
      // A copy of the run's own file elsewhere, and the record pointed at that folder: same name, other inode.
      const elsewhere = join(dir, 'elsewhere');
      const victim = join(elsewhere, 'users', basename(written));
      await mkdir(join(elsewhere, 'users'), { recursive: true });
      await writeFile(victim, await readFile(written));
      const record = JSON.parse(await readFile(join(dir, 'm.json.pending.json'), 'utf8')) as Record<string, unknown>;
      await writeFile(join(dir, 'm.json.pending.json'), JSON.stringify({ ...record, out: elsewhere }));

      const discarded = await synthgen(['--discard-interrupted', '--metadata', 'm.json', '--json'], dir);
      expect(discarded.code).toBe(0);
      expect(await readFile(victim)).toEqual(await readFile(written));
    });
  });
});

test('two runs on different metadata files writing to one folder at the same moment pick different names, and both commit', async () => {
  await withTempDir(async (dir) => {
    const run = (metadata: string, seed: string) =>
      synthgen(['--table-names', 'users', '--num-rows', '1000', '--seed', seed, '--as-of', AS_OF, '--out', 'data', '--metadata', metadata, '--json'], dir);
    const [a, b] = await Promise.all([run('a.json', '1'), run('b.json', '2')]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const fileOf = (stdout: string) => (JSON.parse(stdout) as { tables: { users: { files: { path: string; sha256: string }[] } } }).tables.users.files;
    const [fa, fb] = [fileOf(a.stdout), fileOf(b.stdout)];
    expect(fa).toHaveLength(1);
    expect(fb).toHaveLength(1);
    expect(fa[0]?.path).not.toBe(fb[0]?.path);
    expect((await readdir(join(dir, 'data', 'users'))).filter((n) => n.endsWith('.parquet')).sort()).toEqual(
      [fa[0]?.path, fb[0]?.path].map((p) => p?.split('/').pop()).sort(),
    );
  });
});
