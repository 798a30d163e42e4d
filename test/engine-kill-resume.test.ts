/**
 * kill -9 at random moments of real runs: after each, the metadata is valid and either exactly as before the run or
 * as after it; finishing the run (--resume, or running it again when it died before recording itself) gives exactly
 * the files of an uninterrupted run, and `synthgen verify` passes. SYNTHGEN_KILL_TRIALS sets the number of trials
 * (default 20).
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, CLI, exists, generate, query, seededRandom, synthgen, tableContents, tableSql, withTempDir } from './helpers/cli.js';

const TRIALS = Number(process.env.SYNTHGEN_KILL_TRIALS ?? 20);
const ORDERS = ['--table-names', 'orders', '--num-rows', '150000', '--file-size-limit', '1', '--workers', '2', '--seed', '7', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];

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

/** Starts the orders run in `dir` as the process doing the work (no relaunch), so that kill -9 hits the work itself. */
function direct(dir: string) {
  const child = spawn(process.execPath, [CLI, ...ORDERS], { cwd: dir, stdio: 'ignore', env: { ...process.env, SYNTHGEN_RELAUNCHED: '1' } });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exited };
}

test(`kill -9 at ${TRIALS} random moments: metadata before or after, never torn; finishing gives the uninterrupted run's bytes, and verify passes`, { timeout: 900_000 }, async () => {
  await withTempDir(async (root) => {
    const base = join(root, 'base');
    await mkdir(base);
    await generate(['--table-names', 'users,products', '--num-rows', '5000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], base);
    const before = await readFile(join(base, 'm.json'), 'utf8');

    const reference = join(root, 'reference');
    await cp(base, reference, { recursive: true });
    // Timed the way the trials start it, with the cache (pools, part sizes) as warm as theirs, so that the kills
    // spread over the whole run.
    const warmUp = join(root, 'warm-up');
    await cp(base, warmUp, { recursive: true });
    expect(await direct(warmUp).exited).toBe(0);
    const started = performance.now();
    expect(await direct(reference).exited).toBe(0);
    const runMs = performance.now() - started;
    const after = normalized(JSON.parse(await readFile(join(reference, 'm.json'), 'utf8')));
    const expected = await tableContents(reference, 'orders');

    const next = seededRandom(20261126);
    const outcomes = { before: 0, after: 0 };
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const dir = join(root, `trial-${trial}`);
      await cp(base, dir, { recursive: true });
      const { child, exited } = direct(dir);
      const delay = next() * runMs * 0.9;
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;

      const text = await readFile(join(dir, 'm.json'), 'utf8');
      const state = normalized(JSON.parse(text));
      const label = `trial ${trial} (killed after ${Math.round(delay)} ms)`;
      if (text === before) {
        outcomes.before += 1;
        const pending = await exists(join(dir, 'm.json.pending.json'));
        await generate(pending ? ['--resume', '--metadata', 'm.json'] : ORDERS, dir);
        expect(await exists(join(dir, 'm.json.lock')), label).toBe(false);
        expect(await exists(join(dir, 'm.json.pending.json')), label).toBe(false);
      } else {
        expect(state, `${label}: metadata is neither the state before the run nor after it`).toEqual(after);
        outcomes.after += 1;
      }
      expect(normalized(JSON.parse(await readFile(join(dir, 'm.json'), 'utf8'))), label).toEqual(after);
      expect(await tableContents(dir, 'orders'), `${label}: files differ from the uninterrupted run`).toEqual(expected);
      const verified = await synthgen(['verify', '--out', 'data', '--metadata', 'm.json'], dir);
      expect(verified.code, `${label}: ${verified.stdout}${verified.stderr}`).toBe(0);
      const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT order_id) AS d, min(order_id) AS lo, max(order_id) AS hi FROM ${await tableSql(join(dir, 'data'), 'orders')}`);
      expect(keys, label).toEqual({ n: '150000', d: '150000', lo: '1', hi: '150000' });
    }
    expect(outcomes.before + outcomes.after).toBe(TRIALS);
    // The kills land across the run, so most of them before its commit (a margin for a machine faster during the
    // trials than while the reference was timed).
    expect(outcomes.before).toBeGreaterThanOrEqual(TRIALS / 4);
  });
});
