/**
 * Resources stay bounded whatever the flags ask for: the pending record and memory do not grow with the number of
 * parts planned, a run starts no more workers than it has parts, refuses a worker count whose memory cannot fit,
 * and never commits a table whose files do not cover its reserved IDs.
 */
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { reserveRanges } from '../dist/src/run/reserve.js';
import { tableRegistry } from '../dist/src/tables/index.js';
import { tableSummaries } from '../dist/src/run/runOutcome.js';
import { checkOptions } from '../dist/src/run/runRequest.js';
import { maxWorkersForMemory, workersFor } from '../dist/src/workers/workerBudget.js';
import { AS_OF, CLI, exists, generate, synthgen, withTempDir } from './helpers/cli.js';

/** The built-in tables' generator version (they share one). */
const VERSION = tableRegistry().get('users')?.version ?? 0;

const GiB = 1024 ** 3;

test('10^15 rows plan in a few bytes and stop at once on Ctrl-C, with a record that does not grow with the parts', async () => {
  await withTempDir(async (dir) => {
    const child = spawn(process.execPath, [CLI, '--table-names', 'users', '--num-rows', '1000000000000000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json', '--workers', '1'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const record = join(dir, 'm.json.pending.json');
    for (let i = 0; i < 600 && !(await exists(record)); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await exists(record)).toBe(true);
    const planned = JSON.parse(await readFile(record, 'utf8')) as { plans: { users: { parts: number } } };
    expect(planned.plans.users.parts).toBeGreaterThan(1_000_000);
    expect((await stat(record)).size).toBeLessThan(4096);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).not.toMatch(/heap|internal error/i);
    expect((await stat(record)).size).toBeLessThan(8192);
    expect(await exists(join(dir, 'm.json'))).toBe(false);
  });
});

test('a table with 200,000 segments continues without overflowing the stack', async () => {
  await withTempDir(async (dir) => {
    const segments = Array.from({ length: 200_000 }, (_, i) => ({ first_id: i + 1, last_id: i + 1, seed: i, since: '2024-01-01T00:00:00Z', as_of: '2025-01-01T00:00:00Z', version: VERSION, run_id: `r${i}` }));
    const metadata = { format: 'synthgen-metadata', format_version: 1, tables: { users: { last_id: 200_000, segments } }, runs: [] };
    await writeFile(join(dir, 'm.json'), JSON.stringify(metadata));
    const result = await synthgen(['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', AS_OF, '--metadata', 'm.json', '--json'], dir);
    expect(result.stderr).not.toMatch(/call stack|internal error/i);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { tables: { users: { first_id: number } } }).tables.users.first_id).toBe(200_001);
  });
});

test('reserving orders whose parents have 200,000 segments each does not overflow the stack', () => {
  const segments = Array.from({ length: 200_000 }, (_, i) => ({ first_id: i + 1, last_id: i + 1, seed: i, since: '2024-01-01T00:00:00Z', as_of: '2025-01-01T00:00:00Z', version: VERSION, run_id: `r${i}` }));
  const state = { last_id: 200_000, segments };
  const before = { format: 'synthgen-metadata' as const, format_version: 1, tables: { users: state, products: state }, runs: [] };
  const { reserved } = reserveRanges({ tables: ['orders'], rows: { orders: 10 }, seed: 1, asOf: AS_OF, runId: 'r', before, registry: tableRegistry() });
  expect(reserved.get('orders')?.parents.users).toHaveLength(200_000);
});

describe('workers', () => {
  test('--workers 1024 for 5 rows runs one worker and commits', async () => {
    await withTempDir(async (dir) => {
      const result = await generate(['--table-names', 'users', '--num-rows', '5', '--workers', '1024', '--seed', '1', '--as-of', AS_OF, '--json'], dir);
      const summary = JSON.parse(result.stdout) as { workers: number; rows: number; peak_rss_bytes: number };
      expect(summary.workers).toBe(1);
      expect(summary.rows).toBe(5);
      // 1024 threads each with a DuckDB took 13.6 GB; one takes a few hundred MB.
      expect(summary.peak_rss_bytes).toBeLessThan(2 * GiB);
    });
  });

  test('a worker count whose memory cannot fit is refused before anything is written, naming the most it can take', async () => {
    await withTempDir(async (dir) => {
      const most = maxWorkersForMemory();
      const result = await synthgen(['--table-names', 'users', '--num-rows', '20000000', '--file-size-limit', '1', '--workers', '1000', '--seed', '1', '--as-of', AS_OF], dir);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(new RegExp(`^synthgen: --workers 1000 needs 1000 x 256 MB of memory [^\n]*: pass --workers ${most} or fewer$`));
      expect(await exists(join(dir, 'metadata.json'))).toBe(false);
      expect(await exists(join(dir, 'metadata.json.pending.json'))).toBe(false);
    });
  });

  test('the budget: one worker per part at most, and no more than the memory holds', () => {
    expect(workersFor(64, 3, 24 * GiB)).toBe(3);
    expect(workersFor(64, 1000, 24 * GiB)).toBe(64);
    expect(maxWorkersForMemory(24 * GiB)).toBe(72);
    expect(() => workersFor(100, 1000, 24 * GiB)).toThrow(/pass threads 72 or fewer/);
  });
});

test('the engine refuses a file-size limit that is not finite or above 1 TB, whoever calls it', () => {
  const options = { tables: ['users'], rows: { users: 10 }, out: 'd', metadataPath: 'm.json', seed: 1, asOf: AS_OF, threads: 1, command: 'x' };
  for (const bad of [1e308, Number.POSITIVE_INFINITY, Number.NaN, 0.5, 1_000_001]) {
    expect(() => checkOptions({ ...options, fileSizeLimitMB: bad })).toThrow(/fileSizeLimitMB must be from 1 to 1000000/);
  }
  expect(() => checkOptions({ ...options, fileSizeLimitMB: 1_000_000 })).not.toThrow();
});

describe('a table commits only when its files cover its reserved IDs exactly', () => {
  const plan = { table: 't', first_id: 11, last_id: 30, rows_per_part: 10, parts: 2 };
  const file = (first: number, last: number) => ({ path: `/o/t/${first}.parquet`, rows: last - first + 1, bytes: 1, first_id: first, last_id: last, sha256: 'a'.repeat(64) });
  const reserved = new Map([['t', { first: 11, last: 30, since: '2025-01-01T00:00:00Z', parents: {} }]]);

  test('exact cover passes', () => {
    const results = new Map([
      ['t:0', file(11, 20)],
      ['t:1', file(21, 30)],
    ]);
    expect(tableSummaries(['t'], { t: plan }, reserved, results, () => undefined).t?.rows).toBe(20);
  });

  test('a missing part, a gap, or a plan of zero parts is refused', () => {
    expect(() => tableSummaries(['t'], { t: plan }, reserved, new Map([['t:0', file(11, 20)]]), () => undefined)).toThrow(/do not cover/);
    expect(() => tableSummaries(['t'], { t: plan }, reserved, new Map([['t:0', file(11, 19)], ['t:1', file(21, 30)]]), () => undefined)).toThrow(/do not cover/);
    expect(() => tableSummaries(['t'], { t: { ...plan, parts: 0 } }, reserved, new Map(), () => undefined)).toThrow(/does not cover/);
    expect(() => tableSummaries(['t'], { t: { ...plan, last_id: 29 } }, reserved, new Map(), () => undefined)).toThrow(/does not cover/);
  });

  test("a children table's files hold any number of lines per parent ID, and its rows are their sum", () => {
    const lines = (first: number, last: number, rows: number) => ({ ...file(first, last), rows });
    const results = new Map([
      ['t:0', lines(11, 20, 37)],
      ['t:1', lines(21, 30, 5)],
    ]);
    const summary = tableSummaries(['t'], { t: plan }, reserved, results, () => 'p').t;
    expect(summary?.rows).toBe(42);
    expect(summary?.per_parent).toBe('p');
    expect(() => tableSummaries(['t'], { t: plan }, reserved, results, () => undefined)).toThrow(/do not cover/);
  });
});
