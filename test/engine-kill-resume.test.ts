/**
 * kill -9 at random moments of real runs: after each, the metadata is valid and either exactly as before the run or
 * as after it; finishing the run (--resume, or running it again when it died before recording itself) gives exactly
 * the files of an uninterrupted run, and verify passes. SYNTHGEN_KILL_TRIALS sets the number of trials (default 5).
 *
 * Runs start the way users start them: the process started relaunches itself and the work happens in its child
 * (src/cli/relaunch.ts). Each kill hits either that child (the work itself) or only the process the user sees, whose
 * child must then stop on its own as SIGTERM stops it. The metadata is reached through a symlink
 * (link.json -> real/m.json): the lock and the pending record live beside the real file.
 *
 * The kills are the CLI's (signals, the relaunch); what comes after them is the engine's, so it runs in this process
 * (engineResume is what --resume runs, usersHere what running the command again runs, verifyDataset what `synthgen
 * verify` runs) and costs no process start-up; so does what comes before them (the base dataset, the warm-up).
 * Users are 80,000 rows in 2 MB files (4 parts, two at a time on 2 workers): enough for kills to land in every
 * phase, before, between and during parts, on a run a few seconds long. Users, not orders: a run of theirs stops,
 * records and resumes its parts as any table's does, at a third of the cost per row (orders compute their lines
 * twice); a killed and resumed run with a children table is test/schemafile-runs.test.ts's.
 */
import { spawn } from 'node:child_process';
import { cp, lstat, mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadMetadata, verifyDataset } from '../dist/src/index.js';
import { AS_OF, CLI, exists, query, seededRandom, tableContents, tableSql, withTempDir } from './helpers/cli.js';
import { engineResume, engineRun } from './helpers/engine.js';
import { relaunchedChild, running, sleep, until } from './helpers/processes.js';

// 5: the trials' random draws (seed below) kill the parent 3 times and the child twice, at 21% to 83% of the run,
// the span the first 8 covered; SYNTHGEN_KILL_TRIALS=100 for a longer hunt.
const TRIALS = Number(process.env.SYNTHGEN_KILL_TRIALS ?? 5);
const LINK = 'link.json';
const REAL = join('real', 'm.json');
const ROWS = 80_000;
const USERS = ['--table-names', 'users', '--num-rows', String(ROWS), '--file-size-limit', '2', '--workers', '2', '--seed', '7', '--as-of', AS_OF, '--out', 'data', '--metadata', LINK];

/** The metadata without what differs between two runs of the same command: run ids, times, manifest paths. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !['run_id', 'started_at', 'finished_at', 'manifest'].includes(key))
        .map(([key, inner]) => [key, normalized(inner)]),
    );
  }
  return value;
}

/**
 * Starts the users run in `dir` as users do. `exited`: the process started has exited; `closed`: so has everything
 * holding its stderr (its child too); `child()`: the relaunched process doing the work.
 */
function started(dir: string) {
  const parent = spawn(process.execPath, [CLI, ...USERS], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => parent.on('exit', resolve));
  const closed = new Promise((resolve) => parent.on('close', resolve));
  const child = () => relaunchedChild(parent.pid ?? 0, 20);
  return { parent, child, exited, closed, stderr: () => stderr };
}

/**
 * The users run of USERS in this process, in `dir` (the same tables, rows, limit, seed, as-of, folders and 2 threads
 * as the CLI's --workers 2): the same bytes and metadata as the CLI's run, without a process start-up (~2 s).
 * `command`: the line the CLI records for its run (the engine only keeps it), so that the metadata is the CLI's.
 */
function usersHere(dir: string, command?: string) {
  return engineRun(dir, { tables: ['users'], rows: { users: ROWS }, fileSizeLimitMB: 2, seed: 7, out: join(dir, 'data'), metadataPath: join(dir, LINK), ...(command === undefined ? {} : { command }) });
}

/** A base folder with the metadata behind a symlink, copied as it is (the link stays relative). */
async function linkedBase(base: string): Promise<void> {
  await mkdir(join(base, 'real'), { recursive: true });
  await symlink(REAL, join(base, LINK));
}

test(`kill -9 at ${TRIALS} random moments: metadata before or after, never torn; finishing gives the uninterrupted run's bytes, and verify passes`, { timeout: 900_000 }, async () => {
  await withTempDir(async (root) => {
    const base = join(root, 'base');
    await linkedBase(base);
    // The dataset the runs continue, made in this process (seed 1 at AS_OF, as engineRun makes it): no kill is aimed
    // at it.
    await engineRun(base, { tables: ['products'], rows: { products: 5000 }, out: join(base, 'data'), metadataPath: join(base, LINK) });
    const before = await readFile(join(base, REAL), 'utf8');
    const copy = (to: string) => cp(base, to, { recursive: true, verbatimSymlinks: true });

    const reference = join(root, 'reference');
    await copy(reference);
    // Timed the way the trials start it, with the cache (pools, part sizes) as warm as theirs, so that the kills
    // spread over the whole run: the warm-up fills the disk cache as the CLI's run would (its pool the CLI's: two
    // threads, the default memory), in this process.
    const warmUp = join(root, 'warm-up');
    await copy(warmUp);
    await usersHere(warmUp);
    const startedAt = performance.now();
    expect(await started(reference).exited).toBe(0);
    const runMs = performance.now() - startedAt;
    const recorded = JSON.parse(await readFile(join(reference, REAL), 'utf8')) as { runs: { command: string }[] };
    const after = normalized(recorded);
    const command = recorded.runs.at(-1)?.command;
    const expected = await tableContents(reference, 'users');
    expect(expected, 'the reference run is not of 4 parts').toHaveLength(4);

    const next = seededRandom(20261126);
    const outcomes = { before: 0, after: 0 };
    const victims = { parent: 0, child: 0, parentStoppedMidRun: 0 };
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const dir = join(root, `trial-${trial}`);
      await copy(dir);
      const victim = next() < 0.5 ? 'parent' : 'child';
      victims[victim] += 1;
      const run = started(dir);
      const trialStart = performance.now();
      const child = await run.child();
      const delay = next() * runMs * 0.9;
      await sleep(delay - (performance.now() - trialStart));
      if (victim === 'parent') run.parent.kill('SIGKILL');
      else {
        try {
          process.kill(child, 'SIGKILL');
        } catch {
          // The run ended (and was reaped) before the kill: a trial of the finished run.
        }
      }
      await run.exited;
      // The work goes on in the child until it stops (on its own once its parent is gone): the state is read after.
      await until(`the child ${child} to end (the ${victim} was killed)`, async () => !(await running(child)), 60, 20);
      await run.closed;

      const text = await readFile(join(dir, REAL), 'utf8');
      const state = normalized(JSON.parse(text));
      const label = `trial ${trial} (killed the ${victim} after ${Math.round(delay)} ms)`;
      expect((await lstat(join(dir, LINK))).isSymbolicLink(), label).toBe(true);
      if (text === before) {
        outcomes.before += 1;
        if (victim === 'parent' && /stopped: interrupted by SIGTERM/.test(run.stderr())) victims.parentStoppedMidRun += 1;
        const pending = await exists(join(dir, `${REAL}.pending.json`));
        if (pending) await engineResume(dir, { metadataPath: join(dir, LINK) });
        else await usersHere(dir, command);
        expect(await exists(join(dir, `${REAL}.lock`)), label).toBe(false);
        expect(await exists(join(dir, `${REAL}.pending.json`)), label).toBe(false);
      } else {
        expect(state, `${label}: metadata is neither the state before the run nor after it`).toEqual(after);
        outcomes.after += 1;
      }
      expect(normalized(JSON.parse(await readFile(join(dir, REAL), 'utf8'))), label).toEqual(after);
      expect((await lstat(join(dir, LINK))).isSymbolicLink(), label).toBe(true);
      expect(await tableContents(dir, 'users'), `${label}: files differ from the uninterrupted run`).toEqual(expected);
      const { metadata } = await loadMetadata(join(dir, LINK));
      const verified = await verifyDataset({ root: join(dir, 'data'), metadata, metadataFolder: join(dir, 'real') });
      expect(verified.ok, `${label}: ${JSON.stringify(verified.checks.filter((check) => check.result !== 'ok'))}`).toBe(true);
      const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT user_id) AS d, min(user_id) AS lo, max(user_id) AS hi FROM ${await tableSql(join(dir, 'data'), 'users')}`);
      expect(keys, label).toEqual({ n: String(ROWS), d: String(ROWS), lo: '1', hi: String(ROWS) });
    }
    expect(outcomes.before + outcomes.after).toBe(TRIALS);
    // The kills land across the run, so most of them before its commit (a margin for a machine faster during the
    // trials than while the reference was timed).
    expect(outcomes.before).toBeGreaterThanOrEqual(TRIALS / 4);
    if (TRIALS >= 4) {
      expect(victims.parent, 'no trial killed the process the user started').toBeGreaterThan(0);
      expect(victims.child, 'no trial killed the relaunched child').toBeGreaterThan(0);
      // A child left going when its parent dies would commit on its own: every such kill would end "after".
      expect(victims.parentStoppedMidRun, 'no kill of the parent stopped its child mid-run').toBeGreaterThan(0);
    }
  });
});
