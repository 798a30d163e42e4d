/** What a run takes and gives back: its options, the events it reports while it goes, and its summary. */
import type { TableRegistry } from '../schema/registry.js';
import type { PartTimings } from '../workers/task.js';
import type { S3Settings } from '../output/s3/upload.js';

export const DEFAULT_FILE_SIZE_MB = 128;
export const DEFAULT_UPLOAD_CONCURRENCY = 4;
/** Exit code of a run that stopped part-way and can be finished by running it again. */
export const EXIT_RESUMABLE = 3;
/** The largest --file-size-limit, in MB: 1 TB. */
export const MAX_FILE_SIZE_MB = 1_000_000;

export interface S3RunOptions extends S3Settings {
  readonly uploadConcurrency: number;
}

export interface RunOptions {
  /** The tables it can make: the built-in ones, and a user's modules' (default: the built-in ones). */
  readonly registry?: TableRegistry;
  readonly tables: readonly string[];
  /** Rows to generate per table. */
  readonly rows: Readonly<Record<string, number>>;
  readonly out: string;
  readonly metadataPath: string;
  readonly seed: number;
  readonly asOf: string;
  /** Whether seed and as-of were given (rather than defaulted): a rerun matches an interrupted run only on what was given. */
  readonly seedGiven?: boolean;
  readonly asOfGiven?: boolean;
  readonly workers: number;
  /** In MB (10^6 bytes); no file is larger. */
  readonly fileSizeLimitMB: number;
  readonly command: string;
  readonly s3?: S3RunOptions;
  /**
   * Finish the interrupted run recorded next to the metadata (its own tables, rows, seed and as-of). Tables, rows,
   * seed, as-of and file-size limit given with it (the `...Given` flags) must match that run's.
   */
  readonly resume?: boolean;
  readonly tablesGiven?: boolean;
  readonly fileSizeLimitGiven?: boolean;
  /** When another run holds the metadata's lock: wait for it instead of failing. */
  readonly wait?: boolean;
  /** Time each part's generation and writing apart (`--profile`; DuckDB's profiler, a little slower). */
  readonly profile?: boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
}

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
  readonly bytes: number;
  readonly files: readonly FileSummary[];
}

export interface UploadSummary {
  readonly target: string;
  readonly objects: number;
  readonly bytes: number;
  /** Time with at least one upload under way. */
  readonly seconds: number;
  readonly mb_per_second: number;
}

export interface RunSummary {
  readonly run_id: string;
  readonly resumed: boolean;
  readonly seed: number;
  readonly as_of: string;
  readonly out: string;
  readonly metadata: string;
  /** Worker threads the run used: --workers, or fewer when the run has fewer parts. */
  readonly workers: number;
  readonly file_size_limit_mb: number;
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

