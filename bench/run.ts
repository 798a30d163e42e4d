/**
 * The benchmark suite: `npm run bench` (or `node dist/bench/run.js [--quick]`).
 *
 * 1. Per table, on one DuckDB thread (one worker's work): the naive method, synthgen, and the write floor (COPY of
 *    the same rows already in memory), with tinybench; medians of repeated runs, so ratios come from the same run.
 * 2. End to end through the CLI: rows/s for 1..N workers (N = available cores) and the scaling ratio.
 * 3. Peak RSS of the CLI for 1M and 10M orders.
 * 4. File sizes against --file-size-limit.
 * Writes bench/results/<date>.json and .md.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Bench } from 'tinybench';
import { TABLES } from '../src/engine/tables/index.js';
import { engineRows, floorCopy, materialize, preparePools } from './engineMethod.js';
import { naiveRows } from './naiveMethod.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const REPEATS = quick ? 2 : 7;
const NAIVE_ROWS = quick ? 5_000 : 20_000;
const ENGINE_ROWS = quick ? 100_000 : 500_000;
const E2E_ORDERS = quick ? 400_000 : 2_000_000;
const E2E_LIMIT_MB = quick ? 4 : 16;
const MEMORY_ROWS = quick ? [200_000, 2_000_000] : [1_000_000, 10_000_000];
const CLI = resolve(import.meta.dirname, '../src/cli/main.js');
const AS_OF = '2026-01-01T00:00:00Z';

/** Needs node --expose-gc (npm run bench passes it); without it, a no-op. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, '--json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => (code === 0 ? resolvePromise(JSON.parse(stdout)) : reject(new Error(`synthgen ${args.join(' ')}: ${stderr}`))));
  });
}

async function perTable(scratch: string) {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  const results = [];
  for (const definition of TABLES) {
    await preparePools(connection, definition, scratch);
    const floorTable = await materialize(connection, definition, ENGINE_ROWS);
    // CPU time of this process, not wall time: on a shared machine another tenant's load stretches wall time but not
    // the CPU the work needs. Only one DuckDB thread works here, so it is the work's own time.
    const cpuMs = () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
    const path = join(scratch, `${definition.name}.parquet`);
    // Interleaved: each round runs the three methods once, so slow spells of a shared machine hit all of them.
    const samples: Record<string, number[]> = { naive: [], synthgen: [], floor: [] };
    for (let round = 0; round <= REPEATS; round += 1) {
      const bench = new Bench({ iterations: 1, time: 0, warmup: false, throws: true, now: cpuMs });
      // The naive method runs last and its garbage is collected before the next round: V8's collector runs on
      // other threads and would otherwise charge its CPU time (and take a core) from the next method measured.
      bench
        .add('synthgen', async () => engineRows(connection, definition, ENGINE_ROWS, path))
        .add('floor', async () => floorCopy(connection, floorTable, path))
        .add('naive', async () => naiveRows(connection, definition, NAIVE_ROWS, path));
      await bench.run();
      collectGarbage();
      if (round === 0) continue; // warm-up round
      for (const task of bench.tasks) samples[task.name]?.push(task.result?.latency.p50 ?? Number.NaN);
    }
    const ms = (name: string) => median(samples[name] ?? []);
    // Ratios are taken within each round (the three methods ran back to back), then the median over rounds: a slow
    // spell of the shared machine then moves both sides of a ratio together.
    const perRound = (a: string, b: string) =>
      median((samples[a] ?? []).map((value, index) => (samples[b]?.[index] ?? Number.NaN) / value));
    const naive = NAIVE_ROWS / (ms('naive') / 1000);
    const engine = ENGINE_ROWS / (ms('synthgen') / 1000);
    const floor = ENGINE_ROWS / (ms('floor') / 1000);
    await engineRows(connection, definition, ENGINE_ROWS, path);
    const bytes = (await stat(path)).size;
    results.push({
      table: definition.name,
      columns: definition.columns.length,
      naive_rows_per_s: Math.round(naive),
      synthgen_rows_per_s: Math.round(engine),
      floor_rows_per_s: Math.round(floor),
      synthgen_cells_per_s: Math.round(engine * definition.columns.length),
      synthgen_mb_per_s: Number(((bytes / 1e6) * (engine / ENGINE_ROWS)).toFixed(1)),
      speedup_vs_naive: Number((perRound('synthgen', 'naive') * (ENGINE_ROWS / NAIVE_ROWS)).toFixed(1)),
      time_vs_floor: Number(perRound('floor', 'synthgen').toFixed(2)),
    });
    console.error(`per-table ${definition.name}: ${JSON.stringify(results[results.length - 1])}`);
    await connection.run(`DROP TABLE ${floorTable}`);
  }
  connection.closeSync();
  instance.closeSync();
  return results;
}

async function parentsFixture(scratch: string): Promise<string> {
  const dir = join(scratch, 'parents');
  await mkdir(dir, { recursive: true });
  await runCli(['--table-names', 'users,products', '--num-rows', 'users=200000,products=50000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'metadata.json'], dir);
  return join(dir, 'metadata.json');
}

async function ordersRun(
  scratch: string,
  metadata: string,
  workers: number,
  rows: number,
  label: string,
  extra: { args?: string[]; env?: Record<string, string> } = {},
) {
  const dir = await mkdtemp(join(scratch, `${label}-`));
  await copyFile(metadata, join(dir, 'metadata.json'));
  const summary = await runCli(
    [
      ...['--table-names', 'orders', '--num-rows', String(rows), '--seed', '2', '--as-of', AS_OF, '--workers', String(workers)],
      ...['--file-size-limit', String(E2E_LIMIT_MB), '--out', 'data', '--metadata', 'metadata.json', ...(extra.args ?? [])],
    ],
    dir,
    extra.env,
  );
  const files = await readdir(join(dir, 'data', 'orders')).catch(() => [] as string[]);
  const sizes = await Promise.all(files.map(async (f) => (await stat(join(dir, 'data', 'orders', f))).size));
  await rm(dir, { recursive: true, force: true });
  const upload = summary.upload as { mb_per_second?: number } | undefined;
  return { seconds: Number(summary.seconds), peak: Number(summary.peak_rss_bytes), sizes, uploadMBps: upload?.mb_per_second ?? 0 };
}

async function scaling(scratch: string, metadata: string) {
  const cores = availableParallelism();
  const counts = [...new Set([1, 2, 4, 8, 16, 32, 64, cores].filter((n) => n <= cores))].sort((a, b) => a - b);
  const rows: { workers: number; rows_per_s: number; vs_one_worker: number; ideal: number }[] = [];
  let sizes: number[] = [];
  // Rounds, each running every worker count once (interleaved); the ratio to one worker is taken within a round,
  // then the median over rounds.
  const seconds = new Map<number, number[]>(counts.map((n) => [n, []]));
  for (let round = 0; round < REPEATS; round += 1) {
    for (const workers of counts) {
      const run = await ordersRun(scratch, metadata, workers, E2E_ORDERS, `w${workers}`);
      seconds.get(workers)?.push(run.seconds);
      sizes = run.sizes;
    }
  }
  const ones = seconds.get(1) ?? [];
  for (const workers of counts) {
    const own = seconds.get(workers) ?? [];
    const rate = E2E_ORDERS / median(own);
    const ratio = median(own.map((value, index) => (ones[index] ?? Number.NaN) / value));
    rows.push({ workers, rows_per_s: Math.round(rate), vs_one_worker: Number(ratio.toFixed(2)), ideal: workers });
    console.error(`scaling ${workers}: ${JSON.stringify(rows[rows.length - 1])}`);
  }
  const sorted = [...sizes].sort((a, b) => a - b);
  const limit = E2E_LIMIT_MB * 1e6;
  const allButLast = sorted.slice(0); // file order differs from size order; report the spread over all files
  return {
    scaling: rows,
    file_sizes: {
      limit_mb: E2E_LIMIT_MB,
      files: sizes.length,
      smallest_share: Number(((allButLast[0] ?? 0) / limit).toFixed(3)),
      median_share: Number((median(sorted) / limit).toFixed(3)),
      largest_share: Number(((sorted[sorted.length - 1] ?? 0) / limit).toFixed(3)),
    },
  };
}

async function memory(scratch: string, metadata: string) {
  const result: { orders: number; peak_rss_mb: number }[] = [];
  for (const rows of MEMORY_ROWS) {
    const peaks: number[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i += 1) peaks.push((await ordersRun(scratch, metadata, availableParallelism(), rows, `m${rows}`)).peak);
    result.push({ orders: rows, peak_rss_mb: Math.round(median(peaks) / 1e6) });
    console.error(`memory ${rows}: ${JSON.stringify(result[result.length - 1])}`);
  }
  const [small, large] = result;
  return { runs: result, ratio: Number(((large?.peak_rss_mb ?? 0) / (small?.peak_rss_mb ?? 1)).toFixed(2)) };
}

/**
 * Generating with upload to a local S3 server (s3rver, in this process, writing to this disk) against generating
 * locally only, interleaved; the ratio is taken within each round. The local server's own CPU and disk work
 * competes with generation on the same cores, which a real, remote S3 would not.
 */
async function s3Overhead(scratch: string, metadata: string) {
  const { default: S3rver } = await import('s3rver');
  const directory = await mkdtemp(join(scratch, 's3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'bench', configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
  const local: number[] = [];
  const uploaded: number[] = [];
  let throughput: number[] = [];
  try {
    for (let round = 0; round < REPEATS; round += 1) {
      local.push((await ordersRun(scratch, metadata, availableParallelism(), E2E_ORDERS, `l${round}`)).seconds);
      const run = await ordersRun(scratch, metadata, availableParallelism(), E2E_ORDERS, `s${round}`, {
        args: ['--s3-bucket', `s3://bench/round${round}`, '--s3-endpoint', `http://127.0.0.1:${port}`],
        env,
      });
      uploaded.push(run.seconds);
      throughput = throughput.concat(run.uploadMBps);
      console.error(`s3 round ${round}: local ${local[round]?.toFixed(2)} s, with upload ${run.seconds.toFixed(2)} s`);
    }
  } finally {
    await server.close();
  }
  return {
    orders: E2E_ORDERS,
    local_seconds: Number(median(local).toFixed(2)),
    with_upload_seconds: Number(median(uploaded).toFixed(2)),
    ratio: Number(median(uploaded.map((value, index) => value / (local[index] ?? Number.NaN))).toFixed(2)),
    upload_mb_per_s: Number(median(throughput).toFixed(1)),
  };
}

function markdown(report: Awaited<ReturnType<typeof collect>>): string {
  const lines = [
    `Measured ${report.date} on ${report.machine.cpu} (${report.machine.cores} cores, ${report.machine.memory_gb} GB), Node ${report.machine.node}, \`${report.command}\`. Medians of ${REPEATS} rounds; ratios are taken within each round, then the median.`,
    '',
    'Per table, one worker (one DuckDB thread), rows per CPU-second:',
    '',
    '| table | columns | naive rows/s | synthgen rows/s | write floor rows/s | vs naive | time vs floor | cells/s | MB/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.per_table.map(
      (t) =>
        `| ${t.table} | ${t.columns} | ${t.naive_rows_per_s.toLocaleString('en-US')} | ${t.synthgen_rows_per_s.toLocaleString('en-US')} | ${t.floor_rows_per_s.toLocaleString('en-US')} | ${t.speedup_vs_naive}x | ${t.time_vs_floor}x | ${t.synthgen_cells_per_s.toLocaleString('en-US')} | ${t.synthgen_mb_per_s} |`,
    ),
    '',
    `End to end (${report.e2e_orders.toLocaleString('en-US')} orders through the CLI, --file-size-limit ${report.file_sizes.limit_mb}):`,
    '',
    '| workers | rows/s | vs 1 worker | ideal |',
    '| ---: | ---: | ---: | ---: |',
    ...report.scaling.map((s) => `| ${s.workers} | ${s.rows_per_s.toLocaleString('en-US')} | ${s.vs_one_worker}x | ${s.ideal}x |`),
    '',
    `Peak RSS: ${report.memory.runs.map((m) => `${m.orders.toLocaleString('en-US')} orders ${m.peak_rss_mb} MB`).join(', ')} (ratio ${report.memory.ratio}).`,
    '',
    ...(report.s3
      ? [
          `S3 (${report.s3.orders.toLocaleString('en-US')} orders, ${report.scaling.length ? '' : ''}all cores, to a local s3rver on this machine): ${report.s3.local_seconds} s locally, ${report.s3.with_upload_seconds} s with upload: ${report.s3.ratio}x (uploads at ${report.s3.upload_mb_per_s} MB/s while under way).`,
          '',
        ]
      : []),
    `File sizes (${report.file_sizes.files} files, limit ${report.file_sizes.limit_mb} MB): smallest ${report.file_sizes.smallest_share}, median ${report.file_sizes.median_share}, largest ${report.file_sizes.largest_share} of the limit (the smallest is the table's last file).`,
  ];
  return `${lines.join('\n')}\n`;
}

async function collect() {
  const scratch = await mkdtemp(join(tmpdir(), 'synthgen-bench-'));
  try {
    const per_table = !only || only === 'per-table' ? await perTable(scratch) : [];
    const metadata = !only || only !== 'per-table' ? await parentsFixture(scratch) : '';
    const { scaling: scalingRows, file_sizes } =
      !only || only === 'scaling' ? await scaling(scratch, metadata) : { scaling: [], file_sizes: { limit_mb: 0, files: 0, smallest_share: 0, median_share: 0, largest_share: 0 } };
    const mem = !only || only === 'memory' ? await memory(scratch, metadata) : { runs: [], ratio: 0 };
    const s3 = !only || only === 's3' ? await s3Overhead(scratch, metadata) : undefined;
    return {
      date: new Date().toISOString(),
      command: `npm run bench${quick ? ' -- --quick' : ''}`,
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: availableParallelism(),
        memory_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        os: `${platform()} ${release()}`,
      },
      repeats: REPEATS,
      e2e_orders: E2E_ORDERS,
      per_table,
      scaling: scalingRows,
      memory: mem,
      file_sizes,
      ...(s3 ? { s3 } : {}),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const report = await collect();
const directory = resolve(import.meta.dirname, '../../bench/results');
await mkdir(directory, { recursive: true });
const stamp = report.date.slice(0, 10) + (quick ? '-quick' : '') + (only ? `-${only}` : '');
await writeFile(join(directory, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(join(directory, `${stamp}.md`), markdown(report));
process.stdout.write(markdown(report));
