/**
 * The process a user starts relaunches itself and the run happens in its child (src/cli/relaunch.ts). `kill -9` of
 * the process the user sees must not leave that child going: it would hold the lock against the `--resume` that
 * follows and then commit on its own. The child stops the way SIGTERM stops a run (finished files kept, metadata
 * unchanged), and `--resume` then gives exactly the files of an uninterrupted run.
 * The runs the signals stop are the spawned CLI; the parent tables under them and the uninterrupted run compared
 * with are made in this process (the run API: the same bytes, without a CLI's start-up).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, CLI, exists, parquetFiles, synthgen, tableContents, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineResume, engineRun } from './helpers/engine.js';
import { held, untilHeld } from './helpers/heldRun.js';
import { relaunchedChild, running, until } from './helpers/processes.js';

/** A dataset there before, made in-process as `--out data --metadata m.json` would make it. */
const PARENTS: EngineRun = { tables: ['products'], rows: { products: 2000 }, seed: 1, asOf: AS_OF };
// Four parts of about 1 MB (three at least: a run holds after two); runs hold mid-way (SYNTHGEN_TEST_HOLD_AFTER_PARTS, test/helpers/heldRun.ts).
// Users: a run of theirs stops and resumes as any table's does, at a fifth of the cost per part of orders (which
// compute their lines twice).
const USERS = ['--table-names', 'users', '--num-rows', '40000', '--file-size-limit', '1', '--seed', '3', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
/** USERS, for the run API. */
const USERS_RUN: EngineRun = { tables: ['users'], rows: { users: 40000 }, fileSizeLimitMB: 1, seed: 3, asOf: AS_OF };

const userFiles = async (dir: string) => (await parquetFiles(join(dir, 'data'), 'users')).length;

test('kill -9 of the process the user started ends the run in its child; --resume then gives the uninterrupted bytes', async () => {
  await withTempDir(async (dir) => {
    await engineRun(dir, PARENTS);
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const parent = spawn(process.execPath, [CLI, ...USERS], { cwd: dir, env: held(2), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stderrClosed = new Promise((resolve) => parent.stderr.once('close', resolve));
    const child = await relaunchedChild(parent.pid ?? 0);
    // Mid-run: two files written and recorded, not all (the run makes four).
    await untilHeld(() => stderr);
    expect(await userFiles(dir)).toBe(2);

    parent.kill('SIGKILL');
    await until(`the child ${child} to end after its parent was killed`, async () => !(await running(child)), 60);
    // The child's stderr is the pipe this test reads, which it held open: its last words are here once it is gone.
    await stderrClosed;
    expect(stderr).toMatch(/stopped: interrupted by SIGTERM\. Nothing was committed and the metadata is unchanged/);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(true);
    expect(await exists(join(dir, 'm.json.lock'))).toBe(false);

    const resumed = await synthgen(['--resume', '--metadata', 'm.json'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('(finished an interrupted run)');
    await withTempDir(async (clean) => {
      await engineRun(clean, PARENTS);
      await engineRun(clean, USERS_RUN);
      expect(await userFiles(clean)).toBeGreaterThan(2);
      expect(await tableContents(dir, 'users')).toEqual(await tableContents(clean, 'users'));
    });
  });
});

test('a relaunched run that ends on its own does not linger for its IPC channel, and the exit code comes through', async () => {
  await withTempDir(async (dir) => {
    const ok = await synthgen(['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dir);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await synthgen(['--table-names', 'users', '--num-rows', '0'], dir);
    expect(bad.code).toBe(2);
    const schema = await synthgen(['schema'], dir);
    expect(schema.code).toBe(0);
  });
});

test('SIGINT and SIGTERM sent to the process the user started still reach the run: 130 and 143, resumable', async () => {
  await withTempDir(async (dir) => {
    await engineRun(dir, PARENTS);
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      // The second run finishes the first's: it holds once it has written one file more than the first kept.
      const files = await userFiles(dir);
      const parent = spawn(process.execPath, [CLI, ...USERS], { cwd: dir, env: held(files + 1), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => parent.on('close', resolve));
      await untilHeld(() => stderr);
      expect(await userFiles(dir)).toBe(files + 1);
      parent.kill(signal);
      expect(await exited, stderr).toBe(code);
      expect(stderr).toMatch(new RegExp(`stopped: interrupted by ${signal}\\.`));
    }
    // Resumable: the run API finishes it (the spawned --resume after a signal is the first test's).
    expect((await engineResume(dir)).resumed).toBe(true);
  });
});
