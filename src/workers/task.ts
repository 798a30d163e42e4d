/** What crosses the thread boundary: plain cloneable objects, results told apart by `state`. */
import type { ParquetFormat } from '../records/parquetFormat.js';
import type { PoolTableSpec } from '../model/poolFile.js';
import type { TallyInput, TallyOutput } from '../model/tallies.js';
import type { CopySplit } from './profiledCopy.js';
import type { SpillFolder } from './spillFolder.js';

/** The table of a task's IDs that its query reads (CompiledTable.selectFrom): the worker fills it from the range. */
export const PART_IDS_TABLE = '__part_ids';

/**
 * Rows to compute, as the coordinator compiled them: workers never look a table up (a user's module is never
 * imported by them, and SQL builders are closures, which cannot cross threads).
 */
interface RowsSpec {
  /** The SELECT of the rows over PART_IDS_TABLE (schema/compileTable.ts). */
  readonly query: string;
  readonly firstId: number;
  readonly lastId: number;
  readonly rows: number;
  /** The pools the query cross-joins (schema/poolFile.ts). */
  readonly pools: PoolTableSpec | undefined;
  readonly format: ParquetFormat;
  /** Tallies of later tables the query joins (model/tallies.ts), loaded for the part's IDs. */
  readonly tallies?: readonly TallyInput[];
}

/** What a task may use of its thread's DuckDB (WorkerPool.limits). */
export interface TaskLimits {
  /** DuckDB threads this task may use (run/threadShares.ts), and its memory limit for all of them. */
  readonly threads: number;
  readonly memoryLimit: string;
  /** Where the thread's DuckDB spills, and how much (spillFolder.ts). */
  readonly spill: SpillFolder;
}

/** Write the rows of one part beside `path` (its partial file), for the coordinator to link into place. */
export interface PartTask extends RowsSpec, TaskLimits {
  readonly kind: 'part';
  readonly path: string;
  /** The run's stop flag (stopFlag.ts). */
  readonly stop: SharedArrayBuffer;
  /** Time generation and writing apart with DuckDB's profiler (`--profile`). */
  readonly profile: boolean;
  /** The tallies of this part's rows that tables made after it read, each written from the part's file. */
  readonly tallyOutputs?: readonly TallyOutput[];
}

/** Measure how many bytes these rows take as Parquet (for sizing parts); nothing is kept. */
export interface SampleTask extends RowsSpec, TaskLimits {
  readonly kind: 'sample';
  readonly scratchPath: string;
  /** The run's stop flag (stopFlag.ts). */
  readonly stop: SharedArrayBuffer;
}

export type WorkerTask = PartTask | SampleTask;

export interface PartTimings {
  readonly setupMs: number;
  readonly copyMs: number;
  readonly checksumMs: number;
  /** With `profile`: copyMs split into computing the rows and writing them (see profiledCopy.ts). */
  readonly split?: CopySplit;
}

export type WorkerResult =
  | {
      readonly state: 'done';
      readonly kind: 'part';
      readonly path: string;
      /** Where the rows are, complete, until the coordinator links them to `path`. */
      readonly partialPath: string;
      readonly rows: number;
      readonly bytes: number;
      readonly inode: number;
      /** Modification time in nanoseconds (a decimal string): with the inode and size, the file's identity. */
      readonly mtimeNs: string;
      readonly sha256: string;
      readonly timings: PartTimings;
    }
  | { readonly state: 'done'; readonly kind: 'sample'; readonly rows: number; readonly bytes: number }
  | { readonly state: 'failed'; readonly code: string; readonly message: string };
