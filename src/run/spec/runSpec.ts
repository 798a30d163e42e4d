/**
 * One run, resolved: a new run's settings with its defaults chosen (a random seed, the current second, the default
 * file-size limit and format), or the interrupted run's own, as it recorded them. Every step after the request reads
 * the run from here; each file a run is stored in converts to and from it in one place (runSpecRecords.ts).
 */
import type { ParquetFormat } from '../../records/parquetFormat.js';
import type { PendingRun } from '../../state/pendingRun.js';
import type { S3RunOptions } from '../../records/s3Settings.js';

export interface RunSpec {
  readonly runId: string;
  /** The start of the run (of its first attempt, when resumed). */
  readonly startedAt: string;
  /** What every file name of the run starts with. */
  readonly stamp: string;
  readonly seed: number;
  readonly asOf: string;
  /** Where the history of a table without rows starts (ISO), when given. */
  readonly since?: string;
  /** In the registry's order. */
  readonly tables: readonly string[];
  readonly rows: Readonly<Record<string, number>>;
  readonly fileSizeLimitMB: number;
  readonly format: ParquetFormat;
  /** Absolute. */
  readonly out: string;
  readonly s3?: S3RunOptions;
  /** The command line that reproduces the run, as its caller rendered it: recorded, never read. */
  readonly command: string;
  /**
   * The record of the interrupted run this one finishes: the IDs it reserved, its plans and definitions, and the
   * files it wrote. Absent for a new run.
   */
  readonly resuming?: PendingRun;
}
