/**
 * The run's process never outlives the process the user started, even while DuckDB computes rows that are slow to
 * compute and checks for an interrupt only every ~45 s: `kill -9` of the parent stops the run as SIGTERM does, and
 * if that cannot finish soon, ends it at once. Its lock and scratch folder go with it, and the metadata is unchanged.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exists, synthgen, withTempDir } from './helpers/cli.js';
import { running, until } from './helpers/processes.js';
import { scratchFolders, startSlowRun } from './helpers/slowRun.js';

test('kill -9 of the parent ends a run stuck in slow SQL: lock, scratch folder and process gone, metadata unchanged', async () => {
  await withTempDir(async (dir) => {
    const run = await startSlowRun(dir, 60);
    try {
      run.parent.kill('SIGKILL');
      await until(`the child ${run.child} to end after its parent was killed`, async () => !(await running(run.child)), 40);
      expect(run.stderr()).toMatch(/stopped by SIGTERM|stopped: interrupted by SIGTERM/);
      expect(run.stderr()).not.toMatch(/terminate called|Napi::Error|internal error/);
      expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
      expect(await exists(join(dir, 'm.json'))).toBe(false);
      expect(await scratchFolders(dir)).toEqual([]);
      // Nothing holds the metadata: the next run goes ahead.
      const next = await synthgen(['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', '2026-01-01T00:00:00Z', '--out', 'data', '--metadata', 'm.json'], dir);
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).not.toMatch(/took over a lock/);
    } finally {
      await run.kill();
    }
  });
});
