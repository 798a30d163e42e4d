/**
 * The benchmark suite: `npm run bench` (or `node dist/bench/run.js [--quick]`).
 *
 * 1. Per table, on one DuckDB thread set up as a worker's: the naive method, synthgen, the write floor (COPY of
 *    the same rows already in memory) and the cheapest generator against its own floor (see cheapestMethod.ts),
 *    with tinybench; medians of repeated runs, so ratios come from the same run. Then, per table, the cost of each
 *    kind of column (see columnKinds.ts).
 * 2. End to end through the CLI: rows/s for 1, 2, 4, ... workers up to the available cores, and the scaling ratio.
 * 3. Peak RSS of the CLI for 1M and 10M orders.
 * 4. File sizes against --file-size-limit.
 * 5. Generating with upload to a local S3 server against generating locally.
 * Writes bench/results/<date>.json and .md and bench/results/scaling.svg; `--only=<section>` measures one section
 * and replaces just that section of the day's results.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Bench } from 'tinybench';
import { JEMALLOC_CONF } from '../src/cli/relaunch.js';
import { memoryLimitPerWorker } from '../src/run/runGeneration.js';
import { BUILTIN_TABLES as TABLES } from '../src/tables/index.js';
import { openWorkerDuckDB } from '../src/workers/duckdb.js';
import { cheapestQuery } from './cheapestMethod.js';
import { KINDS, columnsByKind, computeColumns } from './columnKinds.js';
import { engineRows, floorCopy, materialize, materializeQuery, preparePools, queryRows } from './engineMethod.js';
import { naiveRows } from './naiveMethod.js';
import { writeScalingChart } from './scalingChart.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const REPEATS = quick ? 2 : 7;
const NAIVE_ROWS = quick ? 5_000 : 20_000;
const ENGINE_ROWS = quick ? 100_000 : 500_000;
const KIND_ROWS = quick ? 50_000 : 200_000;
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

/**
 * CPU time of this process, not wall time: on a shared machine another tenant's load stretches wall time but not the
 * CPU the work needs. Only one DuckDB thread works in-process, so it is the work's own time.
 */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
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
  // The DuckDB every worker opens, with one worker's memory limit: its allocator settings change the COPY's cost.
  const { instance, connection } = await openWorkerDuckDB(memoryLimitPerWorker(1));
  const results = [];
  const kinds = [];
  for (const definition of TABLES) {
    await preparePools(connection, definition, scratch);
    const floorTable = await materialize(connection, definition, ENGINE_ROWS);
    const cheapest = cheapestQuery(definition, ENGINE_ROWS);
    const cheapestFloorTable = await materializeQuery(connection, `cheapest_${definition.name}`, cheapest);
    const path = join(scratch, `${definition.name}.parquet`);
    // Interleaved: each round runs every method once, so slow spells of a shared machine hit all of them.
    const samples: Record<string, number[]> = { naive: [], synthgen: [], floor: [], cheapest: [], 'cheapest floor': [] };
    for (let round = 0; round <= REPEATS; round += 1) {
      const bench = new Bench({ iterations: 1, time: 0, warmup: false, throws: true, now: cpuMs });
      // The naive method runs last and its garbage is collected before the next round: V8's collector runs on
      // other threads and would otherwise charge its CPU time (and take a core) from the next method measured.
      // Every other round runs the DuckDB methods in reverse order: memory one method frees is given back by
      // jemalloc's background thread while the next one runs, and is charged to it; alternating spreads that.
      const methods: [string, () => Promise<void>][] = [
        ['synthgen', async () => engineRows(connection, definition, ENGINE_ROWS, path)],
        ['floor', async () => floorCopy(connection, floorTable, path)],
        ['cheapest', async () => queryRows(connection, cheapest, path)],
        ['cheapest floor', async () => floorCopy(connection, cheapestFloorTable, path)],
      ];
      for (const [name, method] of round % 2 === 1 ? methods.reverse() : methods) bench.add(name, method);
      bench.add('naive', async () => naiveRows(connection, definition, NAIVE_ROWS, path));
      await bench.run();
      collectGarbage();
      if (round === 0) continue; // warm-up round
      for (const task of bench.tasks) samples[task.name]?.push(task.result?.latency.p50 ?? Number.NaN);
    }
    const ms = (name: string) => median(samples[name] ?? []);
    // Ratios are taken within each round (the methods ran back to back), then the median over rounds: a slow
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
      cheapest_vs_its_floor: Number(perRound('cheapest floor', 'cheapest').toFixed(2)),
    });
    console.error(`per-table ${definition.name}: ${JSON.stringify(results[results.length - 1])}`);
    await connection.run(`DROP TABLE ${floorTable}`);
    await connection.run(`DROP TABLE ${cheapestFloorTable}`);
    kinds.push(...(await columnKindCosts(connection, definition.name)));
  }
  connection.closeSync();
  instance.closeSync();
  return { results, kinds };
}

/**
 * Per kind of column, the CPU time of computing the table's columns of that kind alone, less that of computing the
 * primary key alone (the row source every kind shares), per row and per cell; interleaved rounds, medians.
 */
async function columnKindCosts(connection: DuckDBConnection, table: string) {
  const definition = TABLES.find((t) => t.name === table);
  if (!definition) throw new Error(`unknown table ${table}`);
  const groups = columnsByKind(definition);
  const samples = new Map<string, number[]>(groups.map(([kind]) => [kind, []]));
  for (let round = 0; round <= REPEATS; round += 1) {
    const bench = new Bench({ iterations: 1, time: 0, warmup: false, throws: true, now: cpuMs });
    for (const [kind, columns] of groups) bench.add(kind, async () => computeColumns(connection, definition, columns, KIND_ROWS));
    await bench.run();
    if (round === 0) continue; // warm-up round
    for (const task of bench.tasks) samples.get(task.name)?.push(task.result?.latency.p50 ?? Number.NaN);
  }
  const base = samples.get('primary key') ?? [];
  const costs = groups.map(([kind, columns]) => {
    const own = samples.get(kind) ?? [];
    const net = kind === 'primary key' ? median(own) : median(own.map((value, index) => value - (base[index] ?? Number.NaN)));
    const nsPerRow = Math.max(0, (net * 1e6) / KIND_ROWS);
    return { table, kind, columns: columns.length, ns_per_row: Math.round(nsPerRow), ns_per_cell: Math.round(nsPerRow / columns.length) };
  });
  console.error(`column kinds ${table}: ${JSON.stringify(costs)}`);
  return costs;
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
  const files = (await readdir(join(dir, 'data', 'orders')).catch(() => [] as string[])).sort();
  const sizes = await Promise.all(files.map(async (f) => (await stat(join(dir, 'data', 'orders', f))).size));
  await rm(dir, { recursive: true, force: true });
  const upload = summary.upload as { mb_per_second?: number } | undefined;
  return { seconds: Number(summary.seconds), peak: Number(summary.peak_rss_bytes), sizes, uploadMBps: upload?.mb_per_second ?? 0 };
}

const ORDERS_COLUMNS = TABLES.find((t) => t.name === 'orders')?.columns.length ?? 0;

async function scaling(scratch: string, metadata: string) {
  const cores = availableParallelism();
  const counts = [...new Set([1, 2, 4, 8, 16, 32, 64, 128, cores].filter((n) => n <= cores))].sort((a, b) => a - b);
  const rows = [];
  let sizes: number[] = [];
  // Rounds, each running every worker count once (interleaved); the ratio to one worker is taken within a round,
  // then the median over rounds.
  const seconds = new Map<number, number[]>(counts.map((n) => [n, []]));
  let bytes = 0;
  // The machine's own ceiling: N independent single-worker processes, each generating the same rows as the
  // one-worker run, at once. Whatever one process with N workers loses beyond this is synthgen's; what this loses is
  // the machine's (shared caches, memory bandwidth, clock boost, other tenants).
  const ceilingCounts = counts.filter((n) => n > 1 && n <= 16);
  const independent = new Map<number, number[]>(ceilingCounts.map((n) => [n, []]));
  for (let round = 0; round < REPEATS; round += 1) {
    for (const workers of counts) {
      const run = await ordersRun(scratch, metadata, workers, E2E_ORDERS, `w${workers}`);
      seconds.get(workers)?.push(run.seconds);
      sizes = run.sizes;
      bytes = run.sizes.reduce((a, b) => a + b, 0);
    }
    for (const copies of ceilingCounts) {
      const started = performance.now();
      await Promise.all(Array.from({ length: copies }, (_, i) => ordersRun(scratch, metadata, 1, E2E_ORDERS, `p${copies}-${i}`)));
      independent.get(copies)?.push((performance.now() - started) / 1000);
    }
  }
  const ones = seconds.get(1) ?? [];
  for (const workers of counts) {
    const own = seconds.get(workers) ?? [];
    const rate = E2E_ORDERS / median(own);
    const ratio = median(own.map((value, index) => (ones[index] ?? Number.NaN) / value));
    rows.push({
      workers,
      rows_per_s: Math.round(rate),
      rows_per_s_per_worker: Math.round(rate / workers),
      cells_per_s: Math.round(rate * ORDERS_COLUMNS),
      mb_per_s: Number(((bytes / 1e6) * (rate / E2E_ORDERS)).toFixed(1)),
      vs_one_worker: Number(ratio.toFixed(2)),
      efficiency: Number((ratio / workers).toFixed(2)),
      // N processes did N times the one-worker run's rows: N x T1 / T_N, per round, then the median.
      independent_processes:
        workers === 1 ? 1 : Number(median((independent.get(workers) ?? []).map((value, index) => (workers * (ones[index] ?? Number.NaN)) / value)).toFixed(2)) || null,
    });
    console.error(`scaling ${workers}: ${JSON.stringify(rows[rows.length - 1])}`);
  }
  // Files in name order: the last is the table's last part, the one file allowed below 80% of the limit.
  const limit = E2E_LIMIT_MB * 1e6;
  const allButLast = sizes.slice(0, -1).sort((a, b) => a - b);
  return {
    scaling: rows,
    file_sizes: {
      limit_mb: E2E_LIMIT_MB,
      files: sizes.length,
      smallest_share: Number(((allButLast[0] ?? 0) / limit).toFixed(3)),
      median_share: Number((median(allButLast) / limit).toFixed(3)),
      largest_share: Number(((allButLast[allButLast.length - 1] ?? 0) / limit).toFixed(3)),
      last_share: Number(((sizes[sizes.length - 1] ?? 0) / limit).toFixed(3)),
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
  // s3rver runs in this process, which does nothing else meanwhile: its CPU time is the local server's cost, CPU a
  // remote S3 would not take from generation.
  const serverCpu: number[] = [];
  try {
    for (let round = 0; round < REPEATS; round += 1) {
      local.push((await ordersRun(scratch, metadata, availableParallelism(), E2E_ORDERS, `l${round}`)).seconds);
      const before = cpuMs();
      const run = await ordersRun(scratch, metadata, availableParallelism(), E2E_ORDERS, `s${round}`, {
        args: ['--s3-bucket', `s3://bench/round${round}`, '--s3-endpoint', `http://127.0.0.1:${port}`],
        env,
      });
      serverCpu.push((cpuMs() - before) / 1000);
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
    server_cpu_seconds: Number(median(serverCpu).toFixed(2)),
    // Had the server's CPU time come out of generation's cores and nothing else been added: local time plus it.
    ratio_from_server_cpu: Number(
      median(local.map((value, index) => (value + (serverCpu[index] ?? Number.NaN) / availableParallelism()) / value)).toFixed(2),
    ),
  };
}

type Report = Awaited<ReturnType<typeof collect>>;

const n = (value: number) => value.toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

/** The issue's targets against this report's medians; a section not measured says so. */
function targets(report: Report): string[] {
  const lines = ['| target | measured | |', '| --- | --- | --- |'];
  for (const t of report.per_table) {
    lines.push(`| ${t.table}: one worker at least 15x the naive method | ${t.speedup_vs_naive}x | ${verdict(t.speedup_vs_naive >= 15)} |`);
    const cheapest = t.cheapest_vs_its_floor ? ` (the cheapest generator: ${t.cheapest_vs_its_floor}x)` : '';
    lines.push(`| ${t.table}: within 1.3x of the write floor's time | ${t.time_vs_floor}x${cheapest} | ${verdict(t.time_vs_floor <= 1.3)} |`);
  }
  for (const s of report.scaling.filter((row) => row.workers > 1)) {
    const ceiling = s.independent_processes ? ` (the machine's ceiling: ${s.independent_processes}x)` : '';
    lines.push(`| ${s.workers} workers at least ${0.9 * s.workers}x one worker | ${s.vs_one_worker}x${ceiling} | ${verdict(s.vs_one_worker >= 0.9 * s.workers)} |`);
  }
  if (report.memory.runs.length > 1) {
    lines.push(`| peak RSS, 10M orders within 1.25x of 1M | ${report.memory.ratio}x | ${verdict(report.memory.ratio <= 1.25)} |`);
  }
  const f = report.file_sizes;
  if (f.files > 1) {
    const ok = f.smallest_share >= 0.8 && f.largest_share <= 1 && f.last_share <= 1;
    lines.push(`| every file but a table's last within 80-100% of the limit | ${f.smallest_share}-${f.largest_share} | ${verdict(ok)} |`);
  }
  if (report.s3) lines.push(`| with upload to S3 at most 1.3x generating locally | ${report.s3.ratio}x | ${verdict(report.s3.ratio <= 1.3)} |`);
  return lines;
}

function markdown(report: Report): string {
  const lines = [
    `Measured ${report.date} on ${report.machine.cpu} (${report.machine.cores} cores, ${report.machine.memory_gb} GB, ${report.machine.os}), Node ${report.machine.node}, \`${report.command}\`. Medians of ${report.repeats} rounds; ratios are taken within each round, then the median.`,
    '',
    ...(report.per_table.length
      ? [
          'Per table, one worker (one DuckDB thread), rows per CPU-second:',
          '',
          '| table | columns | naive rows/s | synthgen rows/s | write floor rows/s | vs naive | time vs floor | cheapest generator vs its floor | cells/s | MB/s |',
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...report.per_table.map(
            (t) =>
              `| ${t.table} | ${t.columns} | ${n(t.naive_rows_per_s)} | ${n(t.synthgen_rows_per_s)} | ${n(t.floor_rows_per_s)} | ${t.speedup_vs_naive}x | ${t.time_vs_floor}x | ${t.cheapest_vs_its_floor ? `${t.cheapest_vs_its_floor}x` : '-'} | ${n(t.synthgen_cells_per_s)} | ${t.synthgen_mb_per_s} |`,
          ),
          '',
          "The cheapest generator has the table's columns and types, each value one hash of (id, column) turned into the type by the cheapest means (a pool lookup for text, a modulo for numbers and times), with no logic; its column is its time against the write floor of its own rows: the share of the floor budget that generating random values in DuckDB costs before any of them is made realistic.",
          '',
          `Where a table's generation time goes, by kind of column (CPU ns per row for all the table's columns of that kind, computed alone, less the row source that the primary key line shows; ${n(KIND_ROWS)} rows):`,
          '',
          `| kind | ${TABLES.map((t) => t.name).join(' | ')} |`,
          `| --- | ${TABLES.map(() => '---:').join(' | ')} |`,
          ...KINDS.filter((kind) => report.column_kinds.some((k) => k.kind === kind)).map((kind) => {
            const cells = TABLES.map((t) => {
              const k = report.column_kinds.find((c) => c.table === t.name && c.kind === kind);
              return k ? `${n(k.ns_per_row)} (${k.columns} col${k.columns === 1 ? '' : 's'})` : '';
            });
            return `| ${kind} | ${cells.join(' | ')} |`;
          }),
          '',
        ]
      : []),
    ...(report.scaling.length
      ? [
          `End to end (${n(report.e2e_orders)} orders through the CLI, --file-size-limit ${report.file_sizes.limit_mb}):`,
          '',
          '| workers | rows/s | rows/s per worker | cells/s | MB/s | vs 1 worker | efficiency | N independent 1-worker processes |',
          '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...report.scaling.map(
            (s) =>
              `| ${s.workers} | ${n(s.rows_per_s)} | ${n(s.rows_per_s_per_worker)} | ${n(s.cells_per_s)} | ${s.mb_per_s} | ${s.vs_one_worker}x | ${s.efficiency} | ${s.independent_processes ? `${s.independent_processes}x` : '-'} |`,
          ),
          '',
          'The last column is the machine\'s own ceiling: N separate synthgen processes with one worker each, each generating the same rows as the one-worker run, at once (N x one run\'s time / their time).',
          '',
          `File sizes (${report.file_sizes.files} files, limit ${report.file_sizes.limit_mb} MB): all but the last between ${report.file_sizes.smallest_share} and ${report.file_sizes.largest_share} of the limit (median ${report.file_sizes.median_share}); the last ${report.file_sizes.last_share}.`,
          '',
        ]
      : []),
    ...(report.memory.runs.length
      ? [`Peak RSS (all cores, --file-size-limit ${E2E_LIMIT_MB}): ${report.memory.runs.map((m) => `${n(m.orders)} orders ${m.peak_rss_mb} MB`).join(', ')} (ratio ${report.memory.ratio}).`, '']
      : []),
    ...(report.s3
      ? [
          `S3 (${n(report.s3.orders)} orders, all cores, to a local s3rver on this machine): ${report.s3.local_seconds} s locally, ${report.s3.with_upload_seconds} s with upload: ${report.s3.ratio}x (uploads at ${report.s3.upload_mb_per_s} MB/s while under way). The local server itself used ${report.s3.server_cpu_seconds} CPU-seconds per run, taken from the same ${report.machine.cores} cores: that alone accounts for ${report.s3.ratio_from_server_cpu}x.`,
          '',
        ]
      : []),
    'Targets:',
    '',
    ...targets(report),
  ];
  return `${lines.join('\n')}\n`;
}

const EMPTY_SIZES = { limit_mb: 0, files: 0, smallest_share: 0, median_share: 0, largest_share: 0, last_share: 0 };

async function collect() {
  const scratch = await mkdtemp(join(tmpdir(), 'synthgen-bench-'));
  try {
    const wants = (section: string) => !only || only === section;
    const perTableResults = wants('per-table') ? await perTable(scratch) : { results: [], kinds: [] };
    const metadata = !only || only !== 'per-table' ? await parentsFixture(scratch) : '';
    const { scaling: scalingRows, file_sizes } = wants('scaling') ? await scaling(scratch, metadata) : { scaling: [], file_sizes: EMPTY_SIZES };
    const mem = wants('memory') ? await memory(scratch, metadata) : { runs: [], ratio: 0 };
    const s3 = wants('s3') ? await s3Overhead(scratch, metadata) : undefined;
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
      per_table: perTableResults.results,
      column_kinds: perTableResults.kinds,
      scaling: scalingRows,
      memory: mem,
      file_sizes,
      ...(s3 ? { s3 } : {}),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** With --only, the day's earlier results keep the sections not measured now. */
async function merged(report: Report, path: string): Promise<Report> {
  if (!only) return report;
  const earlier = JSON.parse(await readFile(path, 'utf8').catch(() => 'null')) as Partial<Report> | null;
  if (!earlier) return report;
  const sections: Record<string, (keyof Report)[]> = {
    'per-table': ['per_table', 'column_kinds'],
    scaling: ['scaling', 'file_sizes'],
    memory: ['memory'],
    s3: ['s3'],
  };
  const replaced = new Set<string>(sections[only] ?? []);
  const result: Record<string, unknown> = { ...earlier, date: report.date, command: 'npm run bench (sections measured separately)', machine: report.machine };
  for (const [key, value] of Object.entries(report)) if (replaced.has(key)) result[key] = value;
  return result as Report;
}

async function benchmark(): Promise<void> {
  const directory = resolve(import.meta.dirname, '../../bench/results');
  await mkdir(directory, { recursive: true });
  const measured = await collect();
  const stamp = measured.date.slice(0, 10) + (quick ? '-quick' : '');
  const report = await merged(measured, join(directory, `${stamp}.json`));
  await writeFile(join(directory, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(directory, `${stamp}.md`), markdown(report));
  if (report.scaling.length && !quick) {
    const caption = `${report.machine.cpu}, ${report.machine.cores} cores, ${report.date.slice(0, 10)}; ${n(report.e2e_orders)} orders; npm run bench`;
    await writeScalingChart(join(directory, 'scaling.svg'), report.scaling, caption);
  }
  process.stdout.write(markdown(report));
}

// The per-table section runs DuckDB in this process, and DuckDB's allocator reads its settings once, when it loads:
// start again with the setting the CLI gives its workers (see relaunch.ts) unless one is given.
if (process.env.DUCKDB_JE_MALLOC_CONF === undefined) {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, DUCKDB_JE_MALLOC_CONF: JEMALLOC_CONF },
  });
  process.exitCode = child.status ?? 1;
} else {
  await benchmark();
}
