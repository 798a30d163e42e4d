/**
 * Sizing parts never takes more memory than the parts themselves. A worker holds one row group of the part it
 * writes, and a part never more rows than its file; a calibration sample of a whole row group, when a file holds far
 * fewer rows than that, would hold rows no part ever holds (`--row-group-size 10000000` reached 7.9 GB on two
 * workers). So a --row-group-size larger than a file's rows costs no more memory than the default, and its files
 * still meet the size rule. A row group that cannot fit in a worker's memory is refused with one line, before any
 * sample or part takes that memory.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, CLI, exists, parquetFiles, synthgen, withTempDir } from './helpers/cli.js';
import { relaunchedChild, running, sleep } from './helpers/processes.js';

const MB = 1_000_000;

/**
 * An empty cache folder at `to`, for each run of this file: each sizes its parts afresh (what these tests are about);
 * the pools come from the cache the package ships.
 */
async function emptyCache(to: string): Promise<string> {
  await mkdir(to, { recursive: true });
  return to;
}

interface Summary {
  readonly peak_rss_bytes: number;
  readonly tables: { readonly users: { readonly files: readonly { readonly bytes: number }[] } };
}

/** 600k users in files of at most 4 MB (~55,000 rows each), one worker, parts sized afresh (no size cached). */
async function usersRun(dir: string, rowGroupSize: string): Promise<Summary> {
  const folder = join(dir, rowGroupSize);
  const args = ['--table-names', 'users', '--num-rows', '600000', '--file-size-limit', '4', '--row-group-size', rowGroupSize, '--workers', '1', '--seed', '1', '--as-of', AS_OF];
  const run = await synthgen([...args, '--out', join(folder, 'data'), '--metadata', join(folder, 'm.json'), '--json'], dir, { SYNTHGEN_CACHE_DIR: await emptyCache(join(folder, 'cache')) });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Summary;
}

// The two tests run at once, and so do the two runs of the first (one worker each, 2 cores): each peak is its own
// process's, and the cases' processes are separate (their folders and caches too).
describe.concurrent('memory of sizing parts', () => {
  test('a row group far larger than a file costs no more memory than the default, and files still meet the size rule', async () => {
    await withTempDir(async (dir) => {
      const [usual, large] = await Promise.all([usersRun(dir, '122880'), usersRun(dir, '10000000')]);
      expect(large.peak_rss_bytes, `peak ${large.peak_rss_bytes / MB} MB against ${usual.peak_rss_bytes / MB} MB`).toBeLessThanOrEqual(usual.peak_rss_bytes * 1.25);
      const sizes = large.tables.users.files.map((file) => file.bytes);
      expect(sizes.length).toBeGreaterThan(2);
      for (const [index, size] of sizes.entries()) {
        expect(size).toBeLessThanOrEqual(4 * MB);
        if (index < sizes.length - 1) expect(size).toBeGreaterThanOrEqual(0.8 * 4 * MB);
      }
    });
  });

  /** Resident memory of a process (VmRSS), in bytes; 0 once it is gone. */
  async function residentBytes(pid: number): Promise<number> {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) * 1024;
  }

  test('a row group that cannot fit in a worker is refused with one line, before anything takes that memory', async () => {
    await withTempDir(async (dir) => {
      // One file of up to 1 TB, in row groups of 100M rows: a part would hold all 100M users (GBs) in one row group.
      const args = ['--table-names', 'users', '--num-rows', '100000000', '--file-size-limit', '1000000', '--row-group-size', '100000000', '--workers', '2', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
      const env = { ...process.env, SYNTHGEN_CACHE_DIR: await emptyCache(join(dir, 'cache')) };
      const parent = spawn(process.execPath, [CLI, ...args], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => parent.on('close', resolve));
      const child = await relaunchedChild(parent.pid ?? 0);
      // What the default run of the first test peaks at is ~450 MB on one worker: a refusal must not come near a GB.
      let peak = 0;
      let over = false;
      try {
        while (await running(child)) {
          peak = Math.max(peak, await residentBytes(child));
          if (peak > 1024 * MB) {
            over = true;
            break;
          }
          await sleep(100);
        }
      } finally {
        // A run over the bound (or a failed check) is stopped here. One that ended is left to its parent, which passes
        // its exit code on a moment later: killing the parent then would race that and leave no exit code to check.
        if (over || (await running(child))) {
          parent.kill('SIGKILL');
          if (await running(child)) process.kill(child, 'SIGKILL');
        }
      }
      expect(peak, `peak ${peak / MB} MB`).toBeLessThanOrEqual(1024 * MB);
      expect(await exited).toBe(2);
      expect(stderr).toMatch(/^synthgen: [^\n]*row group[^\n]*--row-group-size[^\n]*\n$/);
      expect(await exists(join(dir, 'm.json'))).toBe(false);
      expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
      expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
      expect(await parquetFiles(join(dir, 'data'), 'users')).toEqual([]);
    });
  });
});
