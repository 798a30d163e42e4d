/**
 * Each worker thread's DuckDB spills into a folder of its own inside the run's scratch folder: never into `./.tmp`
 * of the working folder, where every worker used the same file names (two spilling at once corrupted each other's
 * temporary files) and a killed run left them. A killed run's scratch folder, spill and all, is removed by the next
 * run; folders whose owner runs, or cannot be told, are left alone.
 *
 * SYNTHGEN_WORKER_MEMORY_MB lowers each worker's memory so that two tables of wide rows (~185 MB each as DuckDB
 * holds them, ~1.6 MB as Parquet: one part each, so both workers write at once) spill, without a run of minutes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, CLI, count, exists, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { relaunchedChild, running, until } from './helpers/processes.js';

const ROWS = 300_000;
const TABLES = ['wide_a', 'wide_b'];

/** Two tables of three 200-character columns: cheap to compute, large in memory, small once compressed. */
function wideSchema(): string {
  const columns = ['x', 'y', 'z'].map((letter, i) => `      c${i}: { sql: "repeat('${letter}', 200) || id", type: VARCHAR }\n`).join('');
  return `tables:\n${TABLES.map((name) => `  ${name}:\n    key: id\n    columns:\n      id: { key: true }\n${columns}`).join('')}`;
}

const args = (out: string, metadata: string) => ['--schema', 'wide.yaml', '--table-names', TABLES.join(','), '--num-rows', String(ROWS), '--workers', '2', '--seed', '1', '--as-of', AS_OF, '--out', out, '--metadata', metadata];

/** Scratch folder name -> the thread folders inside its spill folder that hold DuckDB temporary files. */
async function spilled(tmp: string): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  for (const scratch of (await readdir(tmp)).filter((name) => name.startsWith('synthgen-run-'))) {
    const spill = join(tmp, scratch, 'spill');
    for (const thread of await readdir(spill).catch(() => [] as string[])) {
      const files = await readdir(join(spill, thread)).catch(() => [] as string[]);
      if (files.some((file) => file.startsWith('duckdb_temp'))) found.set(scratch, (found.get(scratch) ?? new Set()).add(thread));
    }
  }
  return found;
}

/** Keeps, per scratch folder, every thread folder seen spilling while `child` runs. */
function watchSpills(tmp: string, child: ChildProcess) {
  const seen = new Map<string, Set<string>>();
  let ended = false;
  child.on('close', () => (ended = true));
  const look = async () => {
    for (const [scratch, threads] of await spilled(tmp)) for (const thread of threads) seen.set(scratch, (seen.get(scratch) ?? new Set()).add(thread));
  };
  return { seen, look, ended: () => ended };
}

test('two workers spilling at once each spill into their own folder in the run scratch; a killed run is swept by the next', { timeout: 600_000 }, async () => {
  await withTempDir(async (dir) => {
    const tmp = join(dir, 'tmp');
    const cwd = join(dir, 'cwd');
    await mkdir(tmp);
    await mkdir(cwd);
    await writeFile(join(cwd, 'wide.yaml'), wideSchema());
    const env = { ...process.env, TMPDIR: tmp, SYNTHGEN_WORKER_MEMORY_MB: '160', SYNTHGEN_CACHE: 'off' };

    // A first run, killed with kill -9 once both its workers have spilled.
    const killed = spawn(process.execPath, [CLI, ...args('data', 'm.json')], { cwd, env, stdio: 'ignore' });
    const closed = new Promise((resolve) => killed.on('close', resolve));
    const worker = await relaunchedChild(killed.pid ?? 0);
    const first = watchSpills(tmp, killed);
    const bothSpilled = () => [...first.seen.values()].some((threads) => threads.size >= 2);
    await until('both workers of the first run to spill', async () => {
      await first.look();
      return bothSpilled() || first.ended();
    }, 300);
    expect(bothSpilled(), 'the first run ended before both its workers spilled into its scratch folder').toBe(true);
    process.kill(worker, 'SIGKILL');
    killed.kill('SIGKILL');
    await closed;
    await until('the killed worker process to be gone', async () => !(await running(worker)), 60);
    const [leftover] = [...(await spilled(tmp)).keys()];
    expect(leftover, 'the killed run left its scratch folder with its spill').toBeDefined();
    expect(await exists(join(cwd, '.tmp'))).toBe(false);

    // Folders the next run must not touch: one whose owner runs (this process), one of another host, one of an
    // older synthgen (no owner in its name).
    const hostTag = /-h([0-9a-f]{8})$/.exec(leftover ?? '')?.[1] ?? '';
    const keep = [`synthgen-run-20260101000000-aaaaaaaa-bbbbbbbb-p${process.pid}-h${hostTag}`, `synthgen-run-20260101000000-aaaaaaaa-cccccccc-p${worker}-h00000000`, 'synthgen-run-20260101000000-aaaaaaaa-dddddddd'];
    for (const name of keep) await mkdir(join(tmp, name, 'spill'), { recursive: true });

    // The next run, on another dataset: both workers spill again, it succeeds, and the dead run's folder is gone.
    const next = spawn(process.execPath, [CLI, ...args('data2', 'm2.json')], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    next.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => next.on('close', resolve));
    const second = watchSpills(tmp, next);
    await until('the second run to end', async () => {
      await second.look();
      return second.ended();
    }, 300);
    expect(await exited, stderr).toBe(0);
    const ownSpills = [...second.seen].filter(([scratch]) => scratch !== leftover);
    expect(ownSpills.map(([, threads]) => threads.size)).toEqual([2]);
    for (const table of TABLES) expect(count(await query(`SELECT count(DISTINCT id) AS n FROM ${await tableSql(join(cwd, 'data2'), table)}`))).toBe(ROWS);

    expect((await readdir(tmp)).sort()).toEqual([...keep].sort());
    expect(await exists(join(cwd, '.tmp'))).toBe(false);
  });
});

test("rows that cannot fit in a worker thread's memory are the machine's limit, not the table's fault: one line, exit 2", async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'wide.yaml'), wideSchema());
    const result = await synthgen(args('data', 'm.json'), dir, { TMPDIR: dir, SYNTHGEN_WORKER_MEMORY_MB: '16', SYNTHGEN_CACHE: 'off' });
    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    // Found while sizing the parts: the row group a thread must hold does not fit in its memory.
    expect(lines[0]).toMatch(/^synthgen: a row group of [\d,]+ rows of wide_[ab] does not fit in the 16 MB of memory a worker thread has: pass a smaller --row-group-size/);
    expect(lines[0]).not.toMatch(/wide\.yaml|fix the/);
    expect(await exists(join(dir, 'm.json'))).toBe(false);
    expect(await exists(join(dir, '.tmp'))).toBe(false);
  });
});
