/** What the sections share: the CLI as a child process, the parent tables' fixture, and the statistics. */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { AS_OF, CLI, E2E_LIMIT_MB, EXTRA_CLI_ARGS } from './settings.js';

/** Needs node --expose-gc (npm run bench passes it); without it, a no-op. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}

/**
 * CPU time of this process, not wall time: on a shared machine another tenant's load stretches wall time but not the
 * CPU the work needs. Only one DuckDB thread works in-process, so it is the work's own time.
 */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The median over rounds of a per-round value computed from two series measured in the same rounds. */
export const perRoundMedian = (a: number[], b: number[], f: (a: number, b: number) => number): number =>
  median(a.map((value, index) => f(value, b[index] ?? Number.NaN)));

export const fixed = (value: number, digits: number): number => Number(value.toFixed(digits));

/** Worker counts measured: 1, 2, 4, ... up to the available cores, and the cores. */
export function workerCounts(): number[] {
  const cores = availableParallelism();
  return [...new Set([1, 2, 4, 8, 16, 32, 64, 128, cores].filter((n) => n <= cores))].sort((a, b) => a - b);
}

/** Runs an interleaved round's tasks, in reverse order every other round, so that a drift hits all of them alike. */
export async function interleaved(round: number, tasks: readonly (() => Promise<void>)[]): Promise<void> {
  for (const task of round % 2 === 1 ? [...tasks].reverse() : tasks) await task();
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, '--json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => (code === 0 ? resolvePromise(JSON.parse(stdout)) : reject(new Error(`synthgen ${args.join(' ')}: ${stderr}`))));
  });
}

/** users and products for orders to refer to: the metadata every orders run starts from (a copy of it). */
export async function parentsFixture(scratch: string): Promise<string> {
  const dir = join(scratch, 'parents');
  await mkdir(dir, { recursive: true });
  await runCli(['--table-names', 'users,products', '--num-rows', 'users=200000,products=50000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'metadata.json'], dir);
  return join(dir, 'metadata.json');
}

export interface OrdersRunOptions {
  /** MB, or 'default' to give no --file-size-limit (the CLI's default); E2E_LIMIT_MB unless given. */
  readonly fileSizeLimit?: number | 'default';
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
}

export interface OrdersRun {
  readonly seconds: number;
  /** Peak RSS of the CLI's process, bytes. */
  readonly peak: number;
  /** Worker threads the run used (fewer than asked when it has fewer parts). */
  readonly workersUsed: number;
  readonly fileSizeLimitMb: number;
  /** The orders files in name order: the last is the table's last part. */
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
  readonly uploadMBps: number;
}

interface Summary {
  seconds: number;
  peak_rss_bytes: number;
  workers: number;
  file_size_limit_mb: number;
  tables: { orders?: { files: { path: string; bytes: number; sha256: string }[] } };
  upload?: { mb_per_second?: number };
}

/** One run of the CLI generating orders (seed 2) in a directory of its own, removed afterwards. */
export async function ordersRun(scratch: string, metadata: string, workers: number, rows: number, label: string, options: OrdersRunOptions = {}): Promise<OrdersRun> {
  const dir = await mkdtemp(join(scratch, `${label}-`));
  await copyFile(metadata, join(dir, 'metadata.json'));
  const limit = options.fileSizeLimit ?? E2E_LIMIT_MB;
  try {
    const summary = (await runCli(
      [
        ...['--table-names', 'orders', '--num-rows', String(rows), '--seed', '2', '--as-of', AS_OF, '--workers', String(workers)],
        ...(limit === 'default' ? [] : ['--file-size-limit', String(limit)]),
        ...['--out', 'data', '--metadata', 'metadata.json', ...(options.args ?? []), ...EXTRA_CLI_ARGS],
      ],
      dir,
      options.env,
    )) as unknown as Summary;
    const files = (summary.tables.orders?.files ?? [])
      .map((file) => ({ name: basename(file.path), bytes: file.bytes, sha256: file.sha256 }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      seconds: Number(summary.seconds),
      peak: Number(summary.peak_rss_bytes),
      workersUsed: Number(summary.workers),
      fileSizeLimitMb: Number(summary.file_size_limit_mb),
      files,
      uploadMBps: summary.upload?.mb_per_second ?? 0,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The machine's own ceiling: `copies` independent one-worker processes at once, each generating the rows of the
 * one-worker run. Whatever one process with N workers loses beyond this is synthgen's; what this loses is the
 * machine's (shared caches, memory bandwidth, clock boost, other tenants). Its time is the longest of the runs' own
 * seconds (from their summaries, as every other run's time is), not the wall time around them: that would add a
 * process's start-up, which the runs it is compared with do not count, and make the ceiling look lower.
 */
export async function independentRuns(scratch: string, metadata: string, copies: number, rows: number, label: string, options: OrdersRunOptions = {}): Promise<number> {
  const runs = await Promise.all(Array.from({ length: copies }, (_, i) => ordersRun(scratch, metadata, 1, rows, `${label}-${i}`, options)));
  return Math.max(...runs.map((run) => run.seconds));
}
