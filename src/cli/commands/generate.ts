/**
 * `synthgen [generate]`: the default command. Reads flags, runs the engine, prints the summary. The engine is
 * imported only once the flags are read and checked: help, --version and a refused command line do without it.
 */
import { Command, Option } from 'clipanion';
import {
  DEFAULT_FILE_SIZE_MB,
  type GivenSettings,
  type NewRunSettings,
  type ProgressEvent,
  type RunSummary,
  defaultUploadConcurrency,
} from '../../run/runTypes.js';
import { RunSignals } from '../signals.js';
import { s3Environment } from '../s3Environment.js';
import type { WorkerPool } from '../../workers/workerPool.js';
import { howToFinish } from '../render/runAdvice.js';
import { CODECS, DEFAULT_ROW_GROUP_SIZE, DEFAULT_ZSTD_LEVEL } from '../../records/parquetFormat.js';
import { formatFlags } from '../render/formatFlags.js';
import type { S3Target } from '../../records/s3Target.js';
import { testHoldFromEnv } from '../testHold.js';
import { workerMemory } from '../workerMemory.js';
import { Profile } from '../profile.js';
import { printable, printableLine } from '../render/printable.js';
import { BUILTIN_NAMES, registryFor, schemaOption, tablesOption } from '../tableModules.js';
import { rowsFor } from '../options.js';
import { formatBytes, formatCount, progressReporter } from '../progress.js';
import {
  isAsOf,
  isSince,
  isCompression,
  isCompressionLevel,
  isEndpoint,
  isFileSizeLimit,
  isMetadataFile,
  isOutFolder,
  isLegacyFiles,
  isRowCounts,
  isRowGroupSize,
  isS3Target,
  isSeed,
  isTableNames,
  isUploadConcurrency,
  isWorkers,
  requires,
  rule,
  t,
  type FieldOf,
} from '../validators.js';

type Field = FieldOf<GenerateCommand>;

/** Whether --s3-endpoint and --s3-region, if given, have a store to reach: the bucket, or legacy files in S3. */
function reachesS3(fields: { [key: string]: unknown }): boolean {
  if (fields.s3Endpoint === undefined && fields.s3Region === undefined) return true;
  if (fields.s3Bucket !== undefined) return true;
  const legacy = fields.legacyFiles;
  return typeof legacy === 'object' && legacy !== null && Object.values(legacy).some((location) => typeof location === 'string' && location.startsWith('s3://'));
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

export class GenerateCommand extends Command {
  static override paths = [Command.Default, ['generate']];

  static override usage = Command.Usage({
    description: `Generate tables (${BUILTIN_NAMES}, or your own with --tables or --schema) as Parquet files`,
    details: `
      Writes \`<out>/<table>/<YYYYMMDDHHMMSS>-<run>.parquet\` (the run's start time in UTC and the random part of its
      run id; \`..._part_001.parquet\` and on when a table needs several files) and records the run in the metadata
      file: --out and --metadata name a dataset, and a new dataset needs new ones. A table's first run covers its
      history, from --since (default 3 years before --as-of) to --as-of; each later run covers the time since the
      table's last as-of. IDs continue and creation times rise with them, and an order references only users and
      products that existed when it was placed. The same --seed and --as-of give byte-identical files whatever --workers is.

      Files are never overwritten, and the metadata is only changed once every file of the run is written.
    `,
    examples: [
      ['Generate 100,000 rows of each table', '$0 --table-names users,products,orders --num-rows 100000'],
      ['Different counts per table', '$0 --table-names users,products,orders --num-rows users=10000,products=2000,orders=50000'],
      ['Five years of history up to the start of 2026', '$0 --table-names users,products,orders --num-rows 1000000 --since 2021-01-01 --as-of 2026-01-01'],
      ['Add the orders placed since the last run (IDs and time continue)', '$0 --table-names orders --num-rows 1000000'],
      ['Reproduce a run exactly', '$0 --table-names users --num-rows 1000 --seed 42 --as-of 2026-01-01T00:00:00Z'],
      ['Files of at most 64 MB, summary as JSON', '$0 --table-names orders --num-rows 10000000 --file-size-limit 64 --json'],
      ['Snappy instead of ZSTD, for readers that want it', '$0 --table-names orders --num-rows 1000000 --compression snappy'],
      ['Smaller files at a higher ZSTD level, in row groups of a million rows', '$0 --table-names orders --num-rows 10000000 --compression-level 9 --row-group-size 1000000'],
      ['Straight into S3 (the local folder is only staging)', '$0 --table-names users,products,orders --num-rows 10000000 --s3-bucket s3://my-bucket/synthetic'],
      ['An S3-compatible store (MinIO)', '$0 --table-names users --num-rows 1000 --s3-bucket demo --s3-endpoint http://localhost:9000 --no-s3-checksums'],
      ['Finish an interrupted run (Ctrl-C, kill, full disk, failed uploads); also `synthgen resume`', '$0 --resume'],
      ['Or remove what an interrupted run wrote', '$0 --discard-interrupted'],
      ['Queue behind a run already using the same metadata', '$0 --table-names orders --num-rows 1000000 --wait'],
      ['Tables of your own, next to the built-in ones', '$0 --tables ./my-tables.mjs --table-names users,products,reviews --num-rows 100000'],
      ['Orders for the original tool\'s users and products: read their files once (kept beside the metadata)', '$0 --table-names orders --num-rows 100000 --legacy-files users=./old/users,products=s3://my-bucket/old/products'],
      ['Tables from a schema file (write a starter with `synthgen init --schema saas.yaml`)', '$0 --schema saas.yaml --table-names users,accounts,subscriptions,invoices --num-rows users=10000,accounts=10000,subscriptions=30000,invoices=200000'],
    ],
  });

  tables = tablesOption();
  schema = schemaOption();
  tableNames = Option.String('--table-names', { description: `Comma-separated tables: ${BUILTIN_NAMES}, and those of --tables and --schema`, validator: isTableNames });
  numRows = Option.String('--num-rows', { description: 'Rows per table (100000, 100k, 1.5M, 2e6) or per-table counts (users=1000,orders=5k)', validator: isRowCounts });
  fileSizeLimit = Option.String('--file-size-limit', { description: `Largest file in MB (10^6 bytes); default ${DEFAULT_FILE_SIZE_MB}`, validator: isFileSizeLimit });
  out = Option.String('--out', './data', { description: 'Output folder (default ./data)', validator: isOutFolder });
  metadata = Option.String('--metadata', './metadata.json', { description: 'Metadata file (default ./metadata.json)', validator: isMetadataFile });
  seed = Option.String('--seed', { description: 'Integer seed (default: random, printed and recorded)', validator: isSeed });
  asOf = Option.String('--as-of', { description: 'End of the run\'s window: rows are created after each table\'s last as-of and up to this, ISO 8601 (default: now)', validator: isAsOf });
  since = Option.String('--since', { description: 'Start of the history of a table\'s first run, ISO 8601 (default: 3 years before --as-of)', validator: isSince });
  workers = Option.String('--workers', { description: 'DuckDB threads in all, shared by the parts under way (default: available cores)', validator: isWorkers });
  compression = Option.String('--compression', { description: `Parquet codec: ${CODECS.join(', ')} (default zstd)`, validator: isCompression });
  compressionLevel = Option.String('--compression-level', { description: `ZSTD level, 1 (fastest) to 22, or negative for its fast levels (default ${DEFAULT_ZSTD_LEVEL})`, validator: isCompressionLevel });
  rowGroupSize = Option.String('--row-group-size', { description: `Rows per Parquet row group (default ${DEFAULT_ROW_GROUP_SIZE})`, validator: isRowGroupSize });
  s3Bucket = Option.String('--s3-bucket', {
    description: 'Upload to S3: a bucket name or s3://bucket/prefix (--out is then the staging folder)',
    validator: isS3Target,
  });
  s3Endpoint = Option.String('--s3-endpoint', {
    description: 'S3-compatible endpoint URL (MinIO, Ceph, R2...); also AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL',
    validator: isEndpoint,
  });
  s3Region = Option.String('--s3-region', { description: 'Bucket region (default: AWS_REGION, else us-east-1)' });
  legacyFiles = Option.String('--legacy-files', {
    description: "The original tool's Parquet files (a file, folder or s3:// prefix) of its users and products, for orders to reference: users=PATH,products=PATH",
    validator: isLegacyFiles,
  });
  s3Checksums = Option.Boolean('--s3-checksums', true, { description: "Do not send the SDK's default CRC request checksums, for stores that reject them (default: send them)" });
  uploadConcurrency = Option.String('--upload-concurrency', { description: 'Files uploaded at once (default: one per worker, at least 4)', validator: isUploadConcurrency });
  resume = Option.Boolean('--resume', false, { description: 'Finish the interrupted run recorded next to --metadata' });
  discardInterrupted = Option.Boolean('--discard-interrupted', false, {
    description: 'Remove the files of the interrupted run recorded next to --metadata (instead of finishing it)',
  });
  wait = Option.Boolean('--wait', false, { description: 'If another run is using --metadata, wait for it to finish instead of failing' });
  json = Option.Boolean('--json', false, { description: 'Print the summary as JSON on stdout' });
  profile = Option.Boolean('--profile', false, { description: 'Print where the time went on stderr: phases, then per table generating rows, writing Parquet, checksums, and waits for uploads' });

  // In order: the first rule broken is the one reported. Booleans are "given" when true, value flags when not undefined.
  static override schema = [
    rule(
      '--discard-interrupted takes no --table-names, --num-rows or --resume: synthgen --discard-interrupted [--metadata FILE]',
      t.hasKeyRelationship('discardInterrupted', t.KeyRelationship.Forbids, ['tableNames', 'numRows', 'resume'] satisfies Field[], { missingIf: 'falsy' }),
    ),
    rule(
      '--table-names is required: e.g. synthgen --table-names users,products,orders --num-rows 100000',
      // --resume alone takes the interrupted run's tables and rows; --num-rows always needs the tables it counts.
      t.hasAtLeastOneKey(['tableNames', 'resume', 'discardInterrupted'] satisfies Field[], { missingIf: 'falsy' }),
      requires('numRows' satisfies Field, ['tableNames'] satisfies Field[]),
    ),
    rule(
      '--num-rows is required: e.g. --num-rows 100000, or per table --num-rows users=1000,orders=5000',
      requires('tableNames' satisfies Field, ['numRows'] satisfies Field[]),
    ),
    rule('--upload-concurrency needs --s3-bucket', requires('uploadConcurrency' satisfies Field, ['s3Bucket'] satisfies Field[])),
    rule('--s3-endpoint and --s3-region need --s3-bucket, or --legacy-files with an s3:// location', reachesS3),
  ];

  override async execute(): Promise<number> {
    if (this.discardInterrupted) return this.#discard();
    // Only what was given: the engine chooses a new run's defaults, and a resumed run has its own settings.
    const format = {
      ...(this.compression === undefined ? {} : { compression: this.compression }),
      ...(this.compressionLevel === undefined ? {} : { level: this.compressionLevel }),
      ...(this.rowGroupSize === undefined ? {} : { rowGroupSize: this.rowGroupSize }),
    };
    const given = {
      format,
      ...(this.fileSizeLimit === undefined ? {} : { fileSizeLimitMB: this.fileSizeLimit }),
      ...(this.seed === undefined ? {} : { seed: this.seed }),
      ...(this.asOf === undefined ? {} : { asOf: this.asOf }),
      ...(this.since === undefined ? {} : { since: this.since }),
    };
    if (this.tableNames === undefined || this.numRows === undefined) {
      if (!this.resume) throw new Error('the schema lets no run without --table-names and --num-rows through but --resume');
      return this.#run({ kind: 'resume', ...given });
    }
    const tables = this.tableNames;
    return this.#run({ kind: this.resume ? 'resume' : 'new', tables, rows: rowsFor(this.numRows, tables), ...given });
  }

  async #discard(): Promise<number> {
    const { discardInterruptedRun } = await import('../../run/discardRun.js');
    const discarded = await discardInterruptedRun(this.metadata, `synthgen --discard-interrupted --metadata ${this.metadata}`);
    this.context.stdout.write(
      this.json
        ? `${JSON.stringify(discarded, null, 2)}\n`
        : `synthgen: discarded interrupted run ${discarded.run_id}: removed ${discarded.files_removed} file${discarded.files_removed === 1 ? '' : 's'}; the metadata is unchanged (${discarded.command})\n${discarded.files_left
            .map((path) => `synthgen: left ${path} in place: it is not the file that run wrote\n`)
            .join('')}`,
    );
    return 0;
  }

  /**
   * The pool starts its first thread before the engine is loaded, so that its start (~0.15 s with DuckDB) overlaps
   * with loading the engine (~0.1 s) too, not only with the run's first steps. The command ends it.
   */
  async #run(asked: GivenRun): Promise<number> {
    const { WorkerPool, defaultThreads } = await import('../../workers/workerPool.js');
    const pool = new WorkerPool(this.workers ?? defaultThreads(), workerMemory());
    try {
      return await this.#runOn(asked, pool);
    } finally {
      await pool.destroy();
    }
  }

  async #runOn(asked: GivenRun, pool: WorkerPool): Promise<number> {
    const { runGeneration } = await import('../../run/runGeneration.js');
    const threads = pool.threadBudget;
    const target = this.s3Bucket;
    const access = {
      checksums: this.s3Checksums,
      uploadConcurrency: this.uploadConcurrency ?? defaultUploadConcurrency(threads),
      ...(this.s3Endpoint ? { endpoint: this.s3Endpoint } : {}),
      ...(this.s3Region ? { region: this.s3Region } : {}),
      environment: s3Environment(),
    };
    const profile = this.profile || process.env.SYNTHGEN_PROFILE === '1' ? new Profile() : undefined;
    const signals = new RunSignals(howToFinish({ metadataPath: this.metadata, modules: this.tables ?? [], schemas: this.schema ?? [] }));
    // Said by the run once it is accepted: a refused run has changed nothing.
    const notices: string[] = [];
    const settings = {
      registry: await registryFor({ modules: this.tables, schemas: this.schema, metadataPath: this.metadata, onNotice: (message) => notices.push(message) }),
      notices,
      metadataPath: this.metadata,
      pool,
      wait: this.wait,
      profile: profile !== undefined,
      signal: signals.signal,
      onProgress: this.#onProgress(profile),
      onInterruptEvent: signals.onEvent,
      ...(this.legacyFiles ? { legacyFiles: this.legacyFiles, legacyS3: access } : {}),
      ...testHoldFromEnv(signals.signal),
    };
    let summary: RunSummary;
    try {
      summary = await runGeneration(
        asked.kind === 'resume'
          ? // A resumed run keeps its recorded target; with --s3-bucket, how to reach the store may be given anew.
            { ...asked, ...settings, s3: target ? access : { environment: access.environment }, command: ['synthgen', '--resume', '--metadata', this.metadata].map(shellQuote).join(' ') }
          : { ...asked, ...settings, out: this.out, ...(target ? { s3: { target, ...access } } : {}), command: (run) => this.#reproducingCommand(asked, run, target) },
      );
    } finally {
      signals.dispose();
    }
    if (profile) process.stderr.write(profile.report());
    this.context.stdout.write(this.json ? `${JSON.stringify(summary, null, 2)}\n` : printable(plainSummary(summary)));
    return 0;
  }

  /** Progress on stderr (a line that updates on a terminal), --profile's record, or only notices with --json. */
  #onProgress(profile: Profile | undefined): (event: ProgressEvent) => void {
    const progress = this.json ? undefined : progressReporter(process.stderr);
    return (event) => {
      // The progress line says notices itself; without it (--json, stderr not a terminal) they are lines of their own.
      if (event.type === 'notice' && !progress) process.stderr.write(`synthgen: ${printableLine(event.message)}\n`);
      progress?.(event);
      profile?.record(event);
    };
  }

  /** The command that makes the same files again from the same starting metadata, every default spelt out. */
  #reproducingCommand({ tables, rows }: NewRun, { seed, asOf, since, fileSizeLimitMB, format }: NewRunSettings, target: S3Target | undefined): string {
    return [
      'synthgen',
      ...(this.tables ?? []).flatMap((module) => ['--tables', module]),
      ...(this.schema ?? []).flatMap((file) => ['--schema', file]),
      '--table-names',
      tables.join(','),
      '--num-rows',
      tables.map((table) => `${table}=${rows[table]}`).join(','),
      '--seed',
      String(seed),
      '--as-of',
      asOf,
      ...(since === undefined ? [] : ['--since', since]),
      '--file-size-limit',
      String(fileSizeLimitMB),
      ...formatFlags(format),
      '--out',
      this.out,
      '--metadata',
      this.metadata,
      ...(target ? ['--s3-bucket', `s3://${target.bucket}/${target.prefix}`] : []),
      ...(this.legacyFiles ? ['--legacy-files', Object.entries(this.legacyFiles).map(([table, location]) => `${table}=${location}`).join(',')] : []),
      ...(this.s3Endpoint ? ['--s3-endpoint', this.s3Endpoint] : []),
      ...(this.s3Region ? ['--s3-region', this.s3Region] : []),
      ...(!this.s3Checksums && (target || this.legacyFiles) ? ['--no-s3-checksums'] : []),
    ]
      .map(shellQuote)
      .join(' ');
  }
}

/** What execute read from the flags: a new run's tables and rows, and whatever else was given. */
interface NewRun extends GivenSettings {
  readonly kind: 'new';
  readonly tables: string[];
  readonly rows: Record<string, number>;
}
type GivenRun = NewRun | (GivenSettings & { readonly kind: 'resume'; readonly tables?: string[]; readonly rows?: Record<string, number> });

/** A window as a person reads it: dates, or times when it is shorter than two days. */
function windowText(since: string, asOf: string): string {
  const short = Date.parse(asOf) - Date.parse(since) < 2 * 86_400_000;
  const show = (iso: string) => (short ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : iso.slice(0, 10));
  return `created ${show(since)} to ${show(asOf)}`;
}

/** A hint for a short window holding many rows: a later run's rows arrive in the time since the last run. */
function crowdedHint(summary: RunSummary): string | undefined {
  const crowded = Object.entries(summary.tables).filter(([, t]) => t.rows >= 1000 && Date.parse(summary.as_of) - Date.parse(t.since) < 3_600_000);
  if (crowded.length === 0) return undefined;
  return `  note: ${crowded.map(([name]) => name).join(', ')} had under an hour since ${crowded.length === 1 ? 'its' : 'their'} last run, so these rows were all created in it; pass --as-of to end a run later`;
}

function plainSummary(summary: RunSummary): string {
  const lines = [`synthgen run ${summary.run_id}: seed ${summary.seed}, as-of ${summary.as_of}, ${summary.threads} thread${summary.threads === 1 ? '' : 's'} on ${summary.workers} worker${summary.workers === 1 ? '' : 's'}`];
  const width = Math.max(9, ...Object.keys(summary.tables).map((name) => name.length));
  for (const [name, table] of Object.entries(summary.tables)) {
    lines.push(
      `  ${name.padEnd(width)} ${formatCount(table.rows).padStart(8)} rows  ${table.per_parent === undefined ? 'ids' : `lines of ${table.per_parent}`} ${table.first_id}-${table.last_id}  ${windowText(table.since, summary.as_of)}  ${table.files.length} file${table.files.length === 1 ? '' : 's'}  ${formatBytes(table.bytes)}`,
    );
  }
  lines.push(
    `  ${'total'.padEnd(width)} ${formatCount(summary.rows).padStart(8)} rows in ${summary.seconds.toFixed(1)} s (${formatCount(summary.rows_per_second)} rows/s), ${formatBytes(summary.bytes)} ${summary.upload ? 'staged in' : 'under'} ${summary.out}`,
  );
  if (summary.upload) {
    lines.push(
      `  uploaded  ${summary.upload.objects} objects, ${formatBytes(summary.upload.bytes)} to ${summary.upload.target} (${summary.upload.mb_per_second.toFixed(1)} MB/s while uploading)`,
    );
  }
  if (summary.resumed) lines.push('  (finished an interrupted run)');
  const hint = crowdedHint(summary);
  if (hint) lines.push(hint);
  lines.push(`  metadata  ${summary.metadata}`);
  lines.push(`Reproduce these files exactly (from the same starting metadata):`);
  lines.push(`  ${summary.command}`);
  return `${lines.join('\n')}\n`;
}
