/**
 * The first step of a run: what it is asked to do. Either a new run, from the flags, or the interrupted run recorded
 * next to the metadata, finished with its own settings (only how to reach the store may come from the flags).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { UserError } from '../errors/userError.js';
import { type PendingRun, pendingPath } from '../state/pendingRun.js';
import { fileStamp } from './plan.js';
import type { TableRegistry } from '../schema/registry.js';
import { DEFAULT_UPLOAD_CONCURRENCY, MAX_FILE_SIZE_MB, type RunOptions, type S3RunOptions } from './runTypes.js';
import type { S3Target } from '../output/s3/s3Target.js';

export interface RunRequest {
  readonly runId: string;
  /** The start of the run (of its first attempt, when resumed). */
  readonly startedAt: string;
  readonly stamp: string;
  readonly seed: number;
  readonly asOf: string;
  readonly tables: readonly string[];
  readonly rows: Readonly<Record<string, number>>;
  readonly fileSizeLimitMB: number;
  readonly out: string;
  readonly s3?: S3RunOptions;
  readonly command: string;
  /** The interrupted run this finishes, if it does. */
  readonly resuming?: PendingRun;
}

function sameTarget(a: S3Target | undefined, b: S3Target | undefined): boolean {
  return a?.bucket === b?.bucket && a?.prefix === b?.prefix;
}

/** The first flag that asks for something other than what the interrupted run was doing, if any. */
function mismatch(pending: PendingRun, options: RunOptions, checkTables: boolean, registry: TableRegistry): string | undefined {
  const tables = registry.ordered(options.tables);
  if (checkTables && tables.join(',') !== pending.tables.join(',')) return `--table-names ${pending.tables.join(',')}`;
  if (checkTables && !tables.every((t) => options.rows[t] === pending.rows[t])) {
    return `--num-rows ${pending.tables.map((t) => `${t}=${pending.rows[t]}`).join(',')}`;
  }
  if (options.fileSizeLimitGiven !== false && options.fileSizeLimitMB !== pending.file_size_limit_mb) return `--file-size-limit ${pending.file_size_limit_mb}`;
  if (options.seedGiven && options.seed !== pending.seed) return `--seed ${pending.seed}`;
  if (options.asOfGiven && options.asOf !== pending.as_of) return `--as-of ${pending.as_of}`;
  return undefined;
}

function resumedS3(pending: PendingRun, options: RunOptions): S3RunOptions | undefined {
  if (!pending.s3) return undefined;
  const endpoint = options.s3?.endpoint ?? pending.s3_endpoint;
  const region = options.s3?.region ?? pending.s3_region;
  return {
    target: pending.s3,
    checksums: options.s3?.checksums ?? pending.s3_checksums ?? true,
    uploadConcurrency: options.s3?.uploadConcurrency ?? DEFAULT_UPLOAD_CONCURRENCY,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
  };
}

/** Options are checked at the door, for callers of the API as much as the CLI: nothing odd reaches the plan. */
export function checkOptions(options: RunOptions): void {
  if (!Number.isSafeInteger(options.workers) || options.workers < 1) throw new UserError(`workers must be a positive whole number, got ${options.workers}`);
  if (!(options.fileSizeLimitMB >= 1 && options.fileSizeLimitMB <= MAX_FILE_SIZE_MB)) {
    throw new UserError(`--file-size-limit must be from 1 to ${MAX_FILE_SIZE_MB} (MB, i.e. up to 1 TB), got ${options.fileSizeLimitMB}`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new UserError(`--seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${options.seed}`);
  for (const [table, rows] of Object.entries(options.rows)) {
    if (!Number.isSafeInteger(rows) || rows < 1) throw new UserError(`--num-rows for ${table} must be a positive whole number, got ${rows}`);
  }
}

export function resolveRequest(options: RunOptions, metadataPath: string, pending: PendingRun | undefined, howToFinish: string, registry: TableRegistry): RunRequest {
  checkOptions(options);
  if (pending && options.resume) {
    const differs = mismatch(pending, options, options.tablesGiven === true, registry);
    if (differs) throw new UserError(`--resume finishes run ${pending.run_id} as it was started (${pending.command}), which differs in ${differs.split(' ')[0]}: drop the flag or pass ${differs}`);
  }
  if (pending && !options.resume) {
    const same = mismatch(pending, options, true, registry) === undefined && resolve(options.out) === pending.out && sameTarget(options.s3?.target, pending.s3);
    if (!same) {
      throw new UserError(
        `an interrupted run ${pending.run_id} is not finished (${pendingPath(metadataPath)}), and its files hold the IDs it reserved: ${pending.command}. ${howToFinish}`,
      );
    }
  }
  if (!pending && options.resume) throw new UserError(`nothing to resume: no interrupted run is recorded for ${metadataPath}`);
  if (pending) {
    const s3 = resumedS3(pending, options);
    return {
      runId: pending.run_id,
      startedAt: pending.started_at,
      stamp: pending.stamp,
      seed: pending.seed,
      asOf: pending.as_of,
      tables: pending.tables,
      rows: pending.rows,
      fileSizeLimitMB: pending.file_size_limit_mb,
      out: pending.out,
      ...(s3 ? { s3 } : {}),
      command: pending.command,
      resuming: pending,
    };
  }
  const started = new Date();
  // The random part makes every run's file names its own, even two runs on different metadata files that start in
  // the same second and write to the same folder.
  const stamp = `${fileStamp(started)}-${randomUUID().slice(0, 8)}`;
  return {
    runId: stamp,
    startedAt: started.toISOString(),
    stamp,
    seed: options.seed,
    asOf: options.asOf,
    tables: registry.ordered(options.tables),
    rows: options.rows,
    fileSizeLimitMB: options.fileSizeLimitMB,
    out: resolve(options.out),
    ...(options.s3 ? { s3: options.s3 } : {}),
    command: options.command,
  };
}
