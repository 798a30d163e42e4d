/**
 * Ctrl-C while parts are being sized (calibration samples run on the worker pool, in DuckDB) is acted on at once, as
 * during generation: the sample's query is interrupted, nothing is recorded (the run had not written anything), the
 * lock and the run's scratch folder are gone, and the exit code is 130. A second Ctrl-C while the first is still
 * stopping a query that DuckDB cannot interrupt sooner exits at once, never by a native abort (134).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exists, withTempDir } from './helpers/cli.js';
import { running, until } from './helpers/processes.js';
import { scratchFolders, startSlowRun } from './helpers/slowRun.js';

async function nothingLeft(dir: string): Promise<void> {
  expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
  expect(await exists(join(dir, 'm.json'))).toBe(false);
  expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
  expect(await scratchFolders(dir)).toEqual([]);
  expect(await readdir(join(dir, 'data', 'slow')).catch(() => [])).toEqual([]);
}

test('Ctrl-C during sizing stops the run: exit 130, nothing recorded, lock and scratch folder gone', async () => {
  await withTempDir(async (dir) => {
    // ~4.5 s a vector: the sample's query ends at the next one; the whole sample would take minutes.
    const run = await startSlowRun(dir, 10);
    try {
      run.parent.kill('SIGINT');
      await until('the run to stop', async () => !(await running(run.child)), 60);
      const code = await run.exited;
      expect(code, run.stderr()).toBe(130);
      expect(run.stderr()).toMatch(/stopped: interrupted by SIGINT/);
      expect(run.stderr()).toMatch(/metadata is unchanged/);
      expect(run.stderr()).not.toMatch(/internal error|terminate called/);
      await nothingLeft(dir);
    } finally {
      await run.kill();
    }
  });
});

test('a second Ctrl-C while the first is stopping exits at once, with 130, never a native abort', async () => {
  await withTempDir(async (dir) => {
    // ~45 s a vector: the first Ctrl-C's stop waits for DuckDB to get to its next check.
    const run = await startSlowRun(dir, 60);
    try {
      run.parent.kill('SIGINT');
      await until('the first Ctrl-C to be acknowledged', async () => /SIGINT: stopping/.test(run.stderr()), 30);
      run.parent.kill('SIGINT');
      await until('the run to end', async () => !(await running(run.child)), 20);
      const code = await run.exited;
      expect(code, run.stderr()).toBe(130);
      expect(run.stderr()).not.toMatch(/terminate called|Napi::Error|internal error/);
      expect(run.stderr()).toMatch(/stopped by SIGINT; metadata unchanged/);
      await nothingLeft(dir);
    } finally {
      await run.kill();
    }
  });
});
