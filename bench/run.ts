/**
 * The benchmark suite: `npm run bench` (or `node --expose-gc dist/bench/run.js [--quick] [--only=<sections>]
 * [--cli-args='<flags>']`, see settings.ts). Sections, one file each under sections/:
 *
 * - per-table: per table, in-process on one DuckDB thread set up as a worker's, synthgen against the naive method,
 *   the write floor and the cheapest generator; the cost of each kind of column.
 * - codecs: per table, in-process likewise, rows/s and bytes of the engine's query written with ZSTD 1, ZSTD 3,
 *   Snappy and uncompressed.
 * - scaling: end to end through the CLI at --file-size-limit 16: 1, 2, 4, ... workers up to the cores, the
 *   machine's ceiling (N independent one-worker processes at once), file sizes against the limit.
 * - scaling-default: the same at the default file-size limit for a table of one file and one of two.
 * - memory: peak RSS of the CLI for 1M and 10M orders.
 * - many-workers: --workers 64 against --workers 1 at the default limit: peak RSS, and whether the files match.
 * - s3: generating with upload to a local S3 server against generating locally.
 *
 * Writes bench/results/<date>.json and .md and bench/results/scaling.svg; `--only=<section>[,<section>...]`
 * measures those sections and replaces just them in the day's results.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JEMALLOC_CONF } from '../src/cli/relaunch.js';
import { parentsFixture } from './cli.js';
import { type Report, markdown } from './report.js';
import { writeScalingChart } from './scalingChart.js';
import { codecs } from './sections/codecs.js';
import { manyWorkers } from './sections/manyWorkers.js';
import { memory } from './sections/memory.js';
import { perTable } from './sections/perTable.js';
import { s3Overhead } from './sections/s3.js';
import { EMPTY_SIZES, scaling } from './sections/scaling.js';
import { scalingDefaultLimit } from './sections/scalingDefault.js';
import { E2E_ORDERS, EXTRA_CLI_ARGS, REPEATS, type Section, only, quick, wants } from './settings.js';

/** The report's keys each section writes (and, with --only, replaces in the day's earlier results). */
const SECTION_KEYS: Record<Section, (keyof Report)[]> = {
  'per-table': ['per_table', 'column_kinds'],
  codecs: ['codecs'],
  scaling: ['scaling', 'file_sizes'],
  'scaling-default': ['scaling_default_limit'],
  memory: ['memory'],
  'many-workers': ['many_workers'],
  s3: ['s3'],
};

/** The sections that run the CLI on orders, and so need the parent tables' metadata. */
const END_TO_END: readonly Section[] = ['scaling', 'scaling-default', 'memory', 'many-workers', 's3'];

async function measure(scratch: string): Promise<Partial<Report>> {
  const { results: per_table, kinds: column_kinds } = wants('per-table') ? await perTable(scratch) : { results: [], kinds: [] };
  const codecResults = wants('codecs') ? await codecs(scratch) : undefined;
  const metadata = END_TO_END.some(wants) ? await parentsFixture(scratch) : '';
  const { scaling: scalingRows, file_sizes } = wants('scaling') ? await scaling(scratch, metadata) : { scaling: [], file_sizes: EMPTY_SIZES };
  const defaultLimit = wants('scaling-default') ? await scalingDefaultLimit(scratch, metadata) : undefined;
  const mem = wants('memory') ? await memory(scratch, metadata) : { runs: [], ratio: 0 };
  const many = wants('many-workers') ? await manyWorkers(scratch, metadata) : undefined;
  const s3 = wants('s3') ? await s3Overhead(scratch, metadata) : undefined;
  return {
    per_table,
    column_kinds,
    ...(codecResults ? { codecs: codecResults } : {}),
    scaling: scalingRows,
    file_sizes,
    ...(defaultLimit ? { scaling_default_limit: defaultLimit } : {}),
    memory: mem,
    ...(many ? { many_workers: many } : {}),
    ...(s3 ? { s3 } : {}),
  };
}

async function collect(): Promise<Report> {
  const scratch = await mkdtemp(join(tmpdir(), 'synthgen-bench-'));
  try {
    const sections = await measure(scratch);
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
      ...(EXTRA_CLI_ARGS.length ? { cli_args: [...EXTRA_CLI_ARGS] } : {}),
      per_table: [],
      column_kinds: [],
      scaling: [],
      file_sizes: EMPTY_SIZES,
      memory: { runs: [], ratio: 0 },
      ...sections,
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
  const replaced = new Set<string>(only.flatMap((section) => SECTION_KEYS[section]));
  const result: Record<string, unknown> = { ...earlier, date: report.date, command: 'npm run bench (sections measured separately)', machine: report.machine };
  for (const [key, value] of Object.entries(report)) if (replaced.has(key)) result[key] = value;
  return result as unknown as Report;
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
    const caption = `${report.machine.cpu}, ${report.machine.cores} cores, ${report.date.slice(0, 10)}; ${report.e2e_orders.toLocaleString('en-US')} orders; npm run bench`;
    await writeScalingChart(join(directory, 'scaling.svg'), report.scaling, caption);
  }
  process.stdout.write(markdown(report));
}

// The in-process sections run DuckDB in this process, and DuckDB's allocator reads its settings once, when it loads:
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
