/** The results file's shape, and its Markdown: one block per section measured, then the issue's targets. */
import { BUILTIN_TABLES as TABLES } from '../src/tables/index.js';
import { KINDS } from './columnKinds.js';
import { BASELINE, type CodecRow, type CodecsResult } from './sections/codecs.js';
import type { ManyWorkersCase } from './sections/manyWorkers.js';
import type { MemoryResult } from './sections/memory.js';
import type { ColumnKindCost, PerTableRow } from './sections/perTable.js';
import type { S3Result } from './sections/s3.js';
import type { FileSizes, ScalingRow } from './sections/scaling.js';
import type { DefaultLimitCase } from './sections/scalingDefault.js';
import { E2E_LIMIT_MB, KIND_ROWS } from './settings.js';

/** bench/updateReadme.ts and bench/scalingChart.ts read date, e2e_orders, machine and scaling. */
export interface Report {
  date: string;
  command: string;
  machine: { cpu: string; cores: number; memory_gb: number; node: string; os: string };
  repeats: number;
  e2e_orders: number;
  /** --cli-args given to every generating run, when any were. */
  cli_args?: string[];
  per_table: PerTableRow[];
  column_kinds: ColumnKindCost[];
  codecs?: CodecsResult;
  scaling: ScalingRow[];
  file_sizes: FileSizes;
  scaling_default_limit?: DefaultLimitCase[];
  memory: MemoryResult;
  many_workers?: ManyWorkersCase[];
  s3?: S3Result;
}

const n = (value: number) => value.toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
const times = (value: number | null) => (value === null ? '-' : `${value}x`);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function perTableBlock(report: Report): string[] {
  if (!report.per_table.length) return [];
  return [
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
  ];
}

function codecsBlock(codecs: CodecsResult | undefined): string[] {
  if (!codecs) return [];
  const row = (r: CodecRow, first: boolean) =>
    `| ${first ? (r.table === 'all' ? '**all three**' : r.table) : ''} | ${r.codec === BASELINE ? `**${r.codec}**` : r.codec} | ${n(r.rows_per_s)} | ${mb(r.bytes)} | ${r.bytes_per_row.toFixed(1)} | ${r.bytes_vs_zstd3.toFixed(2)}x | ${r.time_vs_zstd3.toFixed(2)}x |`;
  const group = (rows: CodecRow[]) => rows.map((r, i) => row(r, i === 0));
  const tables = [...new Set(codecs.results.map((r) => r.table))];
  const today = [...new Set(Object.values(codecs.engine_writes))];
  return [
    `Parquet codecs, per table: one worker (one DuckDB thread) computing synthgen's query for ${n(codecs.rows)} rows and writing it with each codec, the parts' other settings unchanged (\`${codecs.parquet_options}\` with its COMPRESSION replaced); rows per CPU-second, and bytes and CPU time against ${BASELINE} (DuckDB's default level). synthgen writes today: ${today.map((c) => c ?? 'none of these').join(', ')}.`,
    '',
    `| table | codec | rows/s | MB | bytes/row | bytes vs ${BASELINE} | time vs ${BASELINE} |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...tables.flatMap((table) => group(codecs.results.filter((r) => r.table === table))),
    ...group(codecs.all_tables),
    '',
    `A time below 1x is less CPU than ${BASELINE}, generation included; "all three" sums the tables' bytes and median times (the same rows of each).`,
    '',
  ];
}

function scalingBlock(report: Report): string[] {
  if (!report.scaling.length) return [];
  const f = report.file_sizes;
  return [
    `End to end (${n(report.e2e_orders)} orders through the CLI, --file-size-limit ${f.limit_mb}):`,
    '',
    '| workers | rows/s | rows/s per worker | cells/s | MB/s | vs 1 worker | efficiency | N independent 1-worker processes |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.scaling.map(
      (s) =>
        `| ${s.workers} | ${n(s.rows_per_s)} | ${n(s.rows_per_s_per_worker)} | ${n(s.cells_per_s)} | ${s.mb_per_s} | ${s.vs_one_worker}x | ${s.efficiency} | ${times(s.independent_processes)} |`,
    ),
    '',
    "The last column is the machine's own ceiling: N separate synthgen processes with one worker each, each generating the same rows as the one-worker run, at once (N x one run's time / the longest of theirs, each run's time its own summary's).",
    '',
    `File sizes (${f.files} files, limit ${f.limit_mb} MB): all but the last between ${f.smallest_share} and ${f.largest_share} of the limit (median ${f.median_share}); the last ${f.last_share}.`,
    '',
  ];
}

const caseName = (c: { orders: number; files: number; file_size_limit_mb: number }) =>
  `${n(c.orders)} orders (${c.files} file${c.files === 1 ? '' : 's'} at ${c.file_size_limit_mb} MB)`;

function scalingDefaultBlock(cases: DefaultLimitCase[] | undefined): string[] {
  if (!cases?.length) return [];
  return [
    `End to end at the default file-size limit, tables with fewer files than cores (${cases.map((c) => `${n(c.orders)} orders: ${c.file_mb.join(' + ')} MB`).join('; ')}):`,
    '',
    '| table | workers | workers used | rows/s | vs 1 worker | N independent 1-worker processes | share of that ceiling |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...cases.flatMap((c) =>
      c.by_workers.map(
        (w, i) =>
          `| ${i === 0 ? caseName(c) : ''} | ${w.workers} | ${w.workers_used} | ${n(w.rows_per_s)} | ${w.vs_one_worker}x | ${times(w.independent_processes)} | ${w.of_ceiling ?? '-'} |`,
      ),
    ),
    '',
    "The share of the ceiling is N workers' speed-up over one worker divided by the machine's ceiling (N one-worker processes generating the same rows each, at once), per round.",
    '',
  ];
}

function memoryBlock(report: Report): string[] {
  const lines = report.memory.runs.length
    ? [`Peak RSS (all cores, --file-size-limit ${E2E_LIMIT_MB}): ${report.memory.runs.map((m) => `${n(m.orders)} orders ${m.peak_rss_mb} MB`).join(', ')} (ratio ${report.memory.ratio}).`, '']
    : [];
  const many = report.many_workers;
  if (!many?.length) return lines;
  const workers = many[0]?.many.workers ?? 0;
  return [
    ...lines,
    `--workers ${workers} on ${report.machine.cores} cores, against --workers 1 (default file-size limit):`,
    '',
    `| table | peak RSS, 1 worker | peak RSS, ${workers} workers | ratio | workers used | seconds, 1 / ${workers} | same files (SHA-256) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...many.map(
      (c) =>
        `| ${caseName(c)} | ${c.one.peak_rss_mb} MB | ${c.many.peak_rss_mb} MB | ${c.rss_ratio}x | ${c.many.workers_used} | ${c.one.seconds} / ${c.many.seconds} | ${c.sha256_match ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
}

function s3Block(report: Report): string[] {
  const s3 = report.s3;
  if (!s3) return [];
  return [
    `S3 (${n(s3.orders)} orders, all cores, to a local s3rver on this machine): ${s3.local_seconds} s locally, ${s3.with_upload_seconds} s with upload: ${s3.ratio}x (uploads at ${s3.upload_mb_per_s} MB/s while under way). The local server itself used ${s3.server_cpu_seconds} CPU-seconds per run, taken from the same ${report.machine.cores} cores: that alone accounts for ${s3.ratio_from_server_cpu}x.`,
    '',
  ];
}

/** The issue's targets against this report's medians; a section not measured says nothing. */
export function targets(report: Report): string[] {
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
  for (const c of report.scaling_default_limit ?? []) {
    for (const w of c.by_workers.filter((row) => row.workers > 1 && row.of_ceiling !== null)) {
      const measured = `${w.of_ceiling} (${w.vs_one_worker}x one worker; ceiling ${times(w.independent_processes)})`;
      lines.push(`| ${caseName(c)}: ${w.workers} workers at least 0.9 of the machine's ceiling | ${measured} | ${verdict((w.of_ceiling ?? 0) >= 0.9)} |`);
    }
  }
  if (report.memory.runs.length > 1) {
    const [small, large] = report.memory.runs;
    lines.push(`| peak RSS, ${n(large?.orders ?? 0)} orders within 1.25x of ${n(small?.orders ?? 0)} | ${report.memory.ratio}x | ${verdict(report.memory.ratio <= 1.25)} |`);
  }
  const f = report.file_sizes;
  if (f.files > 1) {
    const ok = f.smallest_share >= 0.8 && f.largest_share <= 1 && f.last_share <= 1;
    lines.push(`| every file but a table's last within 80-100% of the limit | ${f.smallest_share}-${f.largest_share} | ${verdict(ok)} |`);
  }
  if (report.s3) lines.push(`| with upload to S3 at most 1.3x generating locally | ${report.s3.ratio}x | ${verdict(report.s3.ratio <= 1.3)} |`);
  return lines.length > 2 ? lines : ['None for the sections measured.'];
}

export function markdown(report: Report): string {
  const lines = [
    `Measured ${report.date} on ${report.machine.cpu} (${report.machine.cores} cores, ${report.machine.memory_gb} GB, ${report.machine.os}), Node ${report.machine.node}, \`${report.command}\`. Medians of ${report.repeats} rounds; ratios are taken within each round, then the median.${report.cli_args?.length ? ` Every generating run was given \`${report.cli_args.join(' ')}\`.` : ''}`,
    '',
    ...perTableBlock(report),
    ...codecsBlock(report.codecs),
    ...scalingBlock(report),
    ...scalingDefaultBlock(report.scaling_default_limit),
    ...memoryBlock(report),
    ...s3Block(report),
    'Targets:',
    '',
    ...targets(report),
  ];
  return `${lines.join('\n')}\n`;
}
