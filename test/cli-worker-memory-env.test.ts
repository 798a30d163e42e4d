/**
 * SYNTHGEN_WORKER_MEMORY_MB is read at the door (src/cli/workerMemory.ts) and handed down as a setting: a bad value is
 * one line and exit code 2 from every command that opens DuckDB, before anything is written; a good one is the
 * memory limit of each DuckDB thread of the pool it is given to, whatever the environment of the process says.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { WorkerPool } from '../dist/src/index.js';
import { AS_OF, generate, synthgen, withTempDir } from './helpers/cli.js';

test('a bad SYNTHGEN_WORKER_MEMORY_MB is one line from generate, verify and report, and changes nothing', async () => {
  await withTempDir(async (dir) => {
    await generate(['--table-names', 'users', '--num-rows', '200', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dir);
    const metadata = await readFile(join(dir, 'm.json'), 'utf8');
    const before = (await readdir(dir, { recursive: true })).sort();
    const commands = [
      ['--table-names', 'users', '--num-rows', '200', '--as-of', '2026-02-01T00:00:00Z', '--out', 'data', '--metadata', 'm.json'],
      ['verify', '--out', 'data', '--metadata', 'm.json'],
      ['report', '--out', 'data', '--file', 'report.html'],
    ];
    for (const args of commands) {
      const result = await synthgen(args, dir, { SYNTHGEN_WORKER_MEMORY_MB: 'lots' });
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(2);
      expect(result.stderr.trim().split('\n'), args[0]).toEqual([
        'synthgen: SYNTHGEN_WORKER_MEMORY_MB="lots" is not a whole number of megabytes of at least 16: set it to one, or unset it',
      ]);
    }
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(metadata);
    expect((await readdir(dir, { recursive: true })).sort()).toEqual(before);
  });
});

test("a pool's memory per thread is the setting it is given, not the environment's", async () => {
  const previous = process.env.SYNTHGEN_WORKER_MEMORY_MB;
  process.env.SYNTHGEN_WORKER_MEMORY_MB = '64';
  const given = new WorkerPool(2, { memoryPerThreadMB: 48 });
  const shared = new WorkerPool(2);
  try {
    expect(given.memoryMB(1)).toBe(48);
    expect(given.memoryMB(2)).toBe(96);
    // Without a setting, a thread's share of half the machine (at least 256 MB), whatever the variable says.
    expect(shared.memoryMB(1)).toBeGreaterThanOrEqual(256);
  } finally {
    if (previous === undefined) delete process.env.SYNTHGEN_WORKER_MEMORY_MB;
    else process.env.SYNTHGEN_WORKER_MEMORY_MB = previous;
    await Promise.all([given.destroy(), shared.destroy()]);
  }
});
