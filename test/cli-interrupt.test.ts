import { spawn } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, CLI, exists, synthgen, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineResume, engineRun } from './helpers/engine.js';
import { held, untilHeld } from './helpers/heldRun.js';

/*
 * The runs stopped by a signal, the refusals and --discard-interrupted are the spawned CLI; the parents under them,
 * the resume and the uninterrupted run compared with are made in this process (the run API: the same engine and
 * bytes, without a CLI's start-up). A spawned --resume after a signal is test/cli-parent-killed.test.ts's.
 */

/** For the CLI's commands other than the signalled runs: the relaunch is test/cli-parent-killed.test.ts's subject. */
const NOT_RELAUNCHED = { SYNTHGEN_RELAUNCHED: '1' };

/** A dataset there before, made in-process as `--out data --metadata m.json` would make it. */
const PARENTS: EngineRun = { tables: ['products'], rows: { products: 2000 }, seed: 1, asOf: AS_OF };

async function names(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort();
}

// Four parts of about 1 MB (three at least); the run holds after two (SYNTHGEN_TEST_HOLD_AFTER_PARTS, test/helpers/heldRun.ts).
// Users: a part of theirs costs a fifth of one of orders (which compute their lines twice), and a run stops, keeps
// and resumes its parts the same whatever the table.
const USERS = ['--table-names', 'users', '--num-rows', '40000', '--file-size-limit', '1', '--seed', '2', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
/** USERS, for the run API. */
const USERS_RUN: EngineRun = { tables: ['users'], rows: { users: 40000 }, fileSizeLimitMB: 1, seed: 2, asOf: AS_OF };
const HELD_AFTER = 2;

/** Starts the users run, interrupts it once it holds with two parts written and recorded; returns its exit and stderr. */
async function interruptedRun(dir: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [CLI, ...USERS], { cwd: dir, env: held(HELD_AFTER), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await untilHeld(() => stderr);
  expect((await names(join(dir, 'data', 'users'))).filter((n) => n.endsWith('.parquet')).length).toBe(HELD_AFTER);
  child.kill(signal);
  return { code: await exited, stderr };
}

test('Ctrl-C mid-run: exit 130, finished files kept, no partial file, metadata unchanged; --resume then makes exactly the clean run', async () => {
  await withTempDir(async (dir) => {
    await engineRun(dir, PARENTS);
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const { code, stderr } = await interruptedRun(dir, 'SIGINT');
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopped: interrupted by SIGINT\. Nothing was committed and the metadata is unchanged; \d+ of \d+ files are written and kept/);
    expect(stderr).toContain('Run the same command again (or synthgen --resume --metadata m.json) to finish it');
    const kept = await names(join(dir, 'data', 'users'));
    expect(kept.length).toBe(HELD_AFTER);
    expect(kept.filter((n) => !n.endsWith('.parquet'))).toEqual([]);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(true);

    // Another request is refused while the interrupted run is unfinished: its files hold the IDs it reserved.
    const other = await synthgen(['--table-names', 'users', '--num-rows', '10', '--out', 'data', '--metadata', 'm.json'], dir, NOT_RELAUNCHED);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/an interrupted run \S+ is not finished/);

    // The files finished before the interrupt are kept as they are, not made again: same inode after the resume.
    const inodes = () => Promise.all(kept.map(async (name) => (await stat(join(dir, 'data', 'users', name))).ino));
    const keptInodes = await inodes();
    expect((await engineResume(dir)).resumed).toBe(true);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
    const resumed = await names(join(dir, 'data', 'users'));
    expect(resumed).toEqual(expect.arrayContaining(kept));
    expect(await inodes()).toEqual(keptInodes);

    // The same command from the same starting point, uninterrupted, in another folder.
    await withTempDir(async (clean) => {
      await engineRun(clean, PARENTS);
      await engineRun(clean, USERS_RUN);
      const cleanNames = await names(join(clean, 'data', 'users'));
      expect(cleanNames.length).toBeGreaterThan(HELD_AFTER);
      expect(resumed.length).toBe(cleanNames.length);
      for (let i = 0; i < resumed.length; i += 1) {
        const [a, b] = await Promise.all([readFile(join(dir, 'data', 'users', resumed[i] ?? '')), readFile(join(clean, 'data', 'users', cleanNames[i] ?? ''))]);
        expect(a.equals(b), `${resumed[i]} differs from the clean run's ${cleanNames[i]}`).toBe(true);
      }
    });
  });
});

test('SIGTERM, then --discard-interrupted: exit 143, then the run’s files and record are gone and the metadata unchanged', async () => {
  await withTempDir(async (dir) => {
    await engineRun(dir, PARENTS);
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const { code } = await interruptedRun(dir, 'SIGTERM');
    expect(code).toBe(143);
    const discarded = await synthgen(['--discard-interrupted', '--metadata', 'm.json'], dir, NOT_RELAUNCHED);
    expect(discarded.code, discarded.stderr).toBe(0);
    expect(discarded.stdout).toMatch(/discarded interrupted run \S+: removed [1-9]\d* files?; the metadata is unchanged/);
    expect(await names(join(dir, 'data', 'users'))).toEqual([]);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
    const again = await synthgen(['--discard-interrupted', '--metadata', 'm.json'], dir, NOT_RELAUNCHED);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('nothing to discard');
  });
});
