/**
 * The CLI's contract, one spawned process per promise (the fast tier's CLI cases; each other CLI test covers its
 * behaviour in depth): exit 0 with a summary on stdout; --json on stdout for scripts; bad input is one line on stderr,
 * no stack, exit 2, nothing written; a run that stops part-way exits 3 and the same command then finishes it; --help;
 * a signal stops a run with 130 and leaves no lock nor scratch folder. Everything else the fast tier checks in process.
 * The cases run at once (each in its own folder): most of a spawn's time is start-up, which they overlap.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, exists, synthgen, synthgenWithFileSizeLimit, withTempDir } from './helpers/cli.js';
import { running, until } from './helpers/processes.js';
import { scratchFolders, startSlowRun } from './helpers/slowRun.js';

const RUN = ['--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];

test.concurrent('a run exits 0 with its summary on stdout and nothing on stderr', async () => {
  await withTempDir(async (dir) => {
    const { code, stdout, stderr } = await synthgen(['--table-names', 'users', '--num-rows', '500', ...RUN], dir);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/users +500 rows +ids 1-500/);
    expect(stdout).toContain('synthgen --table-names users --num-rows users=500 --seed 1 --as-of 2026-01-01T00:00:00Z');
    expect(await exists(join(dir, 'm.json'))).toBe(true);
  });
});

test.concurrent('--json prints the summary as JSON on stdout, every file with its SHA-256', async () => {
  await withTempDir(async (dir) => {
    const { code, stdout, stderr } = await synthgen(['--table-names', 'products', '--num-rows', '300', ...RUN, '--json'], dir);
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout) as { tables: Record<string, { rows: number; files: { sha256: string }[] }> };
    expect(summary.tables.products?.rows).toBe(300);
    expect(summary.tables.products?.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

test.concurrent('bad input is one line on stderr, no stack, exit 2, and nothing written', async () => {
  await withTempDir(async (dir) => {
    const { code, stdout, stderr } = await synthgen(['--table-names', 'orders', '--num-rows', '10', ...RUN], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    expect(stderr).toMatch(/^synthgen: No existing users found/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).toEqual([]);
  });
});

test.concurrent('a run that stops part-way exits 3 in one line, keeping its record; the same command then finishes it', async () => {
  await withTempDir(async (dir) => {
    // Its one part (~7 MB) goes past a 5,000 KB limit; what comes before it does not: the pools file its worker
    // reads (~2.5 MB), and the sizing sample, one row group of 10,000 rows (~0.7 MB).
    const args = ['--table-names', 'users', '--num-rows', '100000', '--row-group-size', '10000', '--file-size-limit', '20', '--workers', '1', ...RUN];
    const stopped = await synthgenWithFileSizeLimit(args, dir, 5000);
    expect(stopped.code, stopped.stderr).toBe(3);
    expect(stopped.stderr.trim().split('\n')).toHaveLength(1);
    expect(stopped.stderr).toMatch(/Nothing was committed and the metadata is unchanged.*Run the same command again/);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(true);
    const finished = await synthgen(args, dir);
    expect(finished.code, finished.stderr).toBe(0);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
    expect(await exists(join(dir, 'm.json'))).toBe(true);
  });
});

test.concurrent('--help lists the commands and exits 0', async () => {
  await withTempDir(async (dir) => {
    const { code, stdout, stderr } = await synthgen(['--help'], dir);
    expect(code, stderr).toBe(0);
    for (const command of ['generate', 'resume', 'verify', 'report']) expect(stdout, command).toMatch(new RegExp(`synthgen \\[?${command}\\b`));
  });
});

test.concurrent('Ctrl-C (SIGINT) stops a run with exit 130, saying so, and leaves no lock, no scratch folder, no metadata', async () => {
  await withTempDir(async (dir) => {
    // Stopped while its first calibration sample is being written (a deterministic point), ~1.4 s a vector of rows.
    const run = await startSlowRun(dir, 3);
    try {
      run.parent.kill('SIGINT');
      await until('the run to stop', async () => !(await running(run.child)), 60);
      expect(await run.exited, run.stderr()).toBe(130);
      expect(run.stderr()).toMatch(/stopped: interrupted by SIGINT/);
      expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
      expect(await exists(join(dir, 'm.json'))).toBe(false);
      expect(await scratchFolders(dir)).toEqual([]);
    } finally {
      await run.kill();
    }
  });
});
