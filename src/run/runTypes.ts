/** What a run takes and gives back: its options, the events it reports while it goes, and its summary. */
import type { TableRegistry } from '../model/registry.js';
import type { PartTimings } from '../workers/task.js';
import type { S3RunOptions } from '../records/s3Settings.js';
import type { UploadSummary } from '../records/uploadSummary.js';
import type { FormatAsked, ParquetFormat, ParquetRecord } from '../records/parquetFormat.js';
import type { S3Environment } from '../records/s3Settings.js';
import type { WorkerPool } from '../workers/workerPool.js';
import type { LegacyS3Access } from './legacy/legacyFiles.js';

export const DEFAULT_FILE_SIZE_MB = 128;
/**
 * Files uploaded at once unless --upload-concurrency says: one per worker thread, at least 4. A worker writes ~15 MB
 * of Parquet a second, 64 of them ~1 GB/s, and one file's upload (16 MiB parts, 4 at a time) moves a few tens of
 * MB/s to S3 (55 MB/s to a local server here), so uploads keep up only with as many files under way as workers.
 * Each slot holds at most 4 parts of 16 MiB in memory.
 */
export function defaultUploadConcurrency(threads: number): number {
  return Math.max(4, Math.min(threads, 1024));
}
/** The largest --file-size-limit, in MB: 1 TB. */
export const MAX_FILE_SIZE_MB = 1_000_000;

/** How to reach the store on resume: each one given replaces the one the interrupted run recorded. */
export interface S3Access {
  readonly endpoint?: string;
  readonly region?: string;
  readonly checksums?: boolean;
  readonly uploadConcurrency?: number;
  /** Where neither the flags nor the record say: never recorded. */
  readonly environment?: S3Environment;
}

/** The signals a run stops cleanly on. As `signal.reason`, the one that stopped it, which sets the exit code. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** As a shell reports a process the signal ended: 128 + its number. */
export const STOP_EXIT_CODES: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

export function isStopSignal(value: unknown): value is StopSignal {
  return value === 'SIGINT' || value === 'SIGTERM';
}

/** What every run takes, new or resumed. */
interface RunSettings {
  /** The tables it can make: the built-in ones, and a user's modules', as the caller's door builds them. */
  readonly registry: TableRegistry;
  readonly metadataPath: string;
  /**
   * DuckDB threads in all, shared by the parts under way (the CLI's --workers); each part runs on a worker thread of
   * `pool`. Default: the pool's, else one per core.
   */
  readonly threads?: number;
  /**
   * The worker threads to generate on, for a caller running several runs in a row, or starting the threads before the
   * run (the CLI): its creator ends it (WorkerPool.destroy). Without one, the run starts a pool and ends it.
   */
  readonly pool?: WorkerPool;
  /** When another run holds the metadata's lock: wait for it instead of failing. */
  readonly wait?: boolean;
  /** Time each part's generation and writing apart (`--profile`; DuckDB's profiler, a little slower). */
  readonly profile?: boolean;
  /**
   * Stops the run before its commit: no part is started once it is aborted, the parts under way are interrupted,
   * and the run fails keeping its finished files and its record, to be finished or discarded later (an abort once
   * every file is in place changes nothing). A `StopSignal` as the reason is named in the message and sets the exit
   * code; any other reason stops the run as SIGINT would.
   */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * What the tables do differently this time (a schema table's new version), said through onProgress only once the
   * run is accepted (its IDs reserved, its target checked): a refused run changes nothing, so has nothing to say.
   */
  readonly notices?: readonly string[];
  /** For a caller that may end the process before the run stops (the CLI's second Ctrl-C): see InterruptEvent. */
  readonly onInterruptEvent?: (event: InterruptEvent) => void;
  /**
   * The original tool's files of tables whose rows it made (`--legacy-files`): table -> a Parquet file, a folder of
   * them, or an s3:// prefix. Read once (run/legacy/), and kept beside the metadata for children to reference.
   */
  readonly legacyFiles?: Readonly<Record<string, string>>;
  /** How to reach the store of an s3:// location of legacyFiles. */
  readonly legacyS3?: LegacyS3Access;
  /** TEST-ONLY: see TestHold. */
  readonly testHold?: TestHold;
}

/**
 * TEST-ONLY (set by the CLI from SYNTHGEN_TEST_HOLD_AFTER_PARTS, src/cli/testHold.ts): once `afterParts` parts are
 * written and recorded and none is under way, the run awaits `hold()` before it starts another, so that a test can
 * signal a run at a known state instead of racing one long enough. Never set in normal use.
 */
export interface TestHold {
  readonly afterParts: number;
  readonly hold: () => Promise<void>;
}

/** A new run's settings that may be left out, as the run resolved them. */
export interface NewRunSettings {
  readonly seed: number;
  readonly asOf: string;
  /** Where the history of a table without rows starts (ISO); absent: DEFAULT_HISTORY_YEARS before as-of. */
  readonly since?: string;
  /** In MB (10^6 bytes); no file is larger. */
  readonly fileSizeLimitMB: number;
  /** The codec, its level and the row group size (defaults: output/parquetFormat.ts). */
  readonly format: ParquetFormat;
}

/**
 * The settings a caller may give, new run or resumed; the format as asked, part by part (each part left out is the
 * default, or on resume the run's own).
 */
export type GivenSettings = Partial<Omit<NewRunSettings, 'format'>> & { readonly format?: FormatAsked };

/**
 * A new run. If an interrupted run is recorded next to the metadata, this one finishes it instead when it asks for
 * the same tables, rows, output folder and S3 target, and the same seed, as-of and file-size limit where given (a
 * fresh random seed must not keep the same command from finishing what it started); any other request is refused.
 */
export interface NewRunOptions extends RunSettings, GivenSettings {
  readonly kind: 'new';
  readonly tables: readonly string[];
  /** Rows to generate per table. */
  readonly rows: Readonly<Record<string, number>>;
  readonly out: string;
  readonly s3?: S3RunOptions;
  /**
   * How the caller records the run (the CLI: the command line that reproduces it), kept in its record, manifest and
   * summary as given: the engine never reads it. A function is given the settings the run resolved (a random seed,
   * the current second, the default file-size limit, where left out), so the caller can name them in its own terms.
   */
  readonly command: string | ((settings: NewRunSettings) => string);
}

/**
 * Finish the interrupted run recorded next to the metadata, with its own tables, rows, seed, as-of, file-size limit,
 * output folder and target. Only how to reach the store may differ; any of the others given must match the run's.
 */
export interface ResumeRunOptions extends RunSettings, GivenSettings {
  readonly kind: 'resume';
  readonly tables?: readonly string[];
  readonly rows?: Readonly<Record<string, number>>;
  readonly s3?: S3Access;
  /** How the resume was asked for: what another run is told holds the metadata meanwhile. */
  readonly command: string;
}

export type RunOptions = NewRunOptions | ResumeRunOptions;

/**
 * What a caller needs to end the process at once while the run goes, as cleanly as can be: the engine interrupts
 * its own parts only when it gets to, and a process that exits first leaves their partial files behind.
 */
export type InterruptEvent =
  /**
   * From here until the run settles, aborting `signal` stops it as described there (an earlier abort, from here).
   * `scratch` is the run's scratch folder (calibration samples, pools, DuckDB's spill), which the run removes as it
   * ends, and a caller ending the process first must remove itself.
   */
  | { readonly type: 'interruptible'; readonly scratch: string }
  /** A worker is writing `partialPath`, to be linked to `path` once complete. */
  | { readonly type: 'part-started'; readonly path: string; readonly partialPath: string }
  /** The part is no longer being written: its partial file was linked into place, or removed by the worker. */
  | { readonly type: 'part-ended'; readonly path: string; readonly partialPath: string };

export type ProgressEvent =
  | { readonly type: 'notice'; readonly message: string }
  | { readonly type: 'phase'; readonly phase: string; readonly seconds: number }
  | { readonly type: 'planned'; readonly parts: number; readonly rows: number }
  /**
   * With S3, once every part is written: how long generation was held back because uploads lagged (summed over
   * the workers' slots), and how long the run then waited for the last uploads.
   */
  | { readonly type: 'upload-wait'; readonly heldBackSeconds: number; readonly afterLastPartSeconds: number }
  | {
      readonly type: 'part';
      readonly table: string;
      readonly path: string;
      readonly rows: number;
      readonly bytes: number;
      readonly timings: PartTimings;
    };

export interface FileSummary {
  /** The local file, or (with S3) the staging file it was uploaded from. */
  readonly path: string;
  /** With S3: the object's URL. */
  readonly object?: string;
  readonly rows: number;
  readonly bytes: number;
  readonly first_id: number;
  readonly last_id: number;
  readonly sha256: string;
}

export interface TableSummary {
  readonly rows: number;
  readonly first_id: number;
  readonly last_id: number;
  /** The window's start: the rows were created after it and not after the run's as-of. */
  readonly since: string;
  readonly bytes: number;
  readonly files: readonly FileSummary[];
  /** A children table's parent: its rows are lines of the parent IDs first_id..last_id. */
  readonly per_parent?: string;
}

export interface RunSummary {
  readonly run_id: string;
  readonly resumed: boolean;
  readonly seed: number;
  readonly as_of: string;
  readonly out: string;
  readonly metadata: string;
  /** Where the original tool's metadata was kept when this run migrated it (metadata.json.legacy.bak). */
  readonly legacy_backup?: string;
  /**
   * Worker threads the run's parts ran on: one per DuckDB thread (--workers), or fewer when the run has fewer parts.
   * (The JSON key predates the name `threads` for --workers: kept for --json readers.)
   */
  readonly workers: number;
  /** DuckDB threads its parts shared (--workers, RunOptions.threads): a run of fewer parts than threads gives each part several. */
  readonly threads: number;
  readonly file_size_limit_mb: number;
  readonly parquet: ParquetRecord;
  readonly tables: Readonly<Record<string, TableSummary>>;
  readonly upload?: UploadSummary;
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly rows_per_second: number;
  /** Peak resident memory of the whole process (coordinator and worker threads). */
  readonly peak_rss_bytes: number;
  readonly command: string;
}

