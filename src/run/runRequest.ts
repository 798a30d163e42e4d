/**
 * The first step of a run: what it is asked to do. Either a new run, from the options, or the interrupted run recorded
 * next to the metadata, finished with its own settings (only how to reach the store may come from the options).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { UserError } from '../errors/userError.js';
import { ResumableRunError } from '../errors/resumableRunError.js';
import { recordedOrigin, sourcesOf } from '../records/tableOrigin.js';
import { stoppedRun } from './stoppedRun.js';
import type { LoadedMetadata, Metadata, TableOriginRecord } from '../state/metadata.js';
import { isLegacy } from '../records/segment.js';
import { PENDING_FORMAT, PENDING_VERSION, type PendingRun, loadPendingRun, pendingPath, removePendingRun } from '../state/pendingRun.js';
import { fileStamp } from '../records/plan.js';
import type { RunSpec } from './spec/runSpec.js';
import { specOfPending } from './spec/runSpecRecords.js';
import type { Reservation } from './reserve.js';
import type { TableRegistry } from '../model/registry.js';
import { withChildren } from './childTables.js';
import { checkTablesKnown } from '../state/checkTablesKnown.js';
import {
  DEFAULT_FILE_SIZE_MB,
  MAX_FILE_SIZE_MB,
  type NewRunOptions,
  type GivenSettings,
  type NewRunSettings,
  type ResumeRunOptions,
  defaultUploadConcurrency,
  type RunOptions,
  type S3Access,
} from './runTypes.js';
import type { S3Target } from '../records/s3Target.js';
import { type FormatAsked, type ParquetFormat, askedProblem, formatOfRecord, resolveFormat } from '../records/parquetFormat.js';
import { type RecordedSetting, ResumeDiffers } from './spec/resumeDiffers.js';

/** What the caller asked for, a new run's left-out settings chosen once: the lock and the run's record then agree. */
export type Ask =
  | { readonly kind: 'new'; readonly options: NewRunOptions; readonly settings: NewRunSettings; readonly command: string; readonly registry: TableRegistry; readonly threads: number }
  | { readonly kind: 'resume'; readonly options: ResumeRunOptions; readonly command: string; readonly registry: TableRegistry; readonly threads: number };

/** The values an interrupted run is checked against: those given, whether to start a run or to resume one. */
type Given = GivenSettings & { readonly tables?: readonly string[]; readonly rows?: Readonly<Record<string, number>> };

/** The current second, as --as-of gives it. */
function currentSecond(): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `threads`: the DuckDB threads of the run's pool. */
export function ask(given: RunOptions, threads: number): Ask {
  const { registry } = given;
  const options = expandChildren(given, registry);
  if (options.kind === 'resume') return { kind: 'resume', options, command: options.command, registry, threads };
  const settings: NewRunSettings = {
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    asOf: options.asOf ?? currentSecond(),
    ...(options.since === undefined ? {} : { since: options.since }),
    fileSizeLimitMB: options.fileSizeLimitMB ?? DEFAULT_FILE_SIZE_MB,
    format: resolveFormat(options.format ?? {}),
  };
  return { kind: 'new', options, settings, command: typeof options.command === 'string' ? options.command : options.command(settings), registry, threads };
}

/** The latest as-of among the segments of `tables`, in ms; -Infinity when none has any. */
function latestAsOf(metadata: Metadata, tables: readonly string[]): number {
  let latest = -Infinity;
  for (const table of tables) {
    const segments = metadata.tables[table]?.segments ?? [];
    const last = segments[segments.length - 1];
    if (last && !isLegacy(last)) latest = Math.max(latest, Date.parse(last.as_of));
  }
  return latest;
}

/**
 * A new run's default as-of, taken again once the lock is held: "now" is when the run reads the metadata, not when it
 * started to wait (--wait) for a run that may have committed a later as-of meanwhile. When one of its tables' last
 * as-of is this very second (a run that just ended), the run takes the next second: each run's as-of must be later.
 */
export async function asOfOnceLocked(asked: Ask, metadata: Metadata): Promise<Ask> {
  if (asked.kind !== 'new' || asked.options.asOf !== undefined) return asked;
  let asOf = currentSecond();
  if (latestAsOf(metadata, asked.options.tables) === Date.parse(asOf)) {
    await new Promise((resolveSleep) => setTimeout(resolveSleep, 1000 - (Date.now() % 1000) + 5));
    asOf = currentSecond();
  }
  const settings = { ...asked.settings, asOf };
  return { ...asked, settings, command: typeof asked.options.command === 'string' ? asked.options.command : asked.options.command(settings) };
}

/** The options with each named table's children tables (childTables.ts). */
function expandChildren<T extends RunOptions>(options: T, registry: TableRegistry): T {
  if (!options.tables) return options;
  const { tables, rows } = withChildren(registry, options.tables, options.rows);
  return { ...options, tables, ...(rows ? { rows } : {}) };
}

function sameTarget(a: S3Target | undefined, b: S3Target | undefined): boolean {
  return a?.bucket === b?.bucket && a?.prefix === b?.prefix;
}

/** The first given value that asks for something other than what the interrupted run was doing, if any. */
function mismatch(pending: PendingRun, given: Given): RecordedSetting | undefined {
  // As sets: the order tables run in is the registry's, which another order of --tables modules may change.
  if (given.tables && [...given.tables].sort().join(',') !== [...pending.tables].sort().join(',')) return 'tables';
  const rows = given.rows;
  if (rows && !pending.tables.every((t) => rows[t] === pending.rows[t])) return 'rows';
  if (given.fileSizeLimitMB !== undefined && given.fileSizeLimitMB !== pending.file_size_limit_mb) return 'fileSizeLimit';
  if (formatDiffers(formatOfRecord(pending.parquet), given.format)) return 'format';
  if (given.seed !== undefined && given.seed !== pending.seed) return 'seed';
  if (given.asOf !== undefined && given.asOf !== pending.as_of) return 'asOf';
  if (given.since !== undefined && given.since !== pending.since) return 'since';
  return undefined;
}

/** Whether a part of the format asked for is not the run's: a run's files are all written alike. */
function formatDiffers(format: ParquetFormat, given: FormatAsked | undefined): boolean {
  if (!given) return false;
  if (given.compression !== undefined && given.compression !== format.compression) return true;
  if (given.level !== undefined && given.level !== format.level) return true;
  return given.rowGroupSize !== undefined && given.rowGroupSize !== format.rowGroupSize;
}

export function checkThreads(threads: number | undefined): void {
  if (threads !== undefined && (!Number.isSafeInteger(threads) || threads < 1)) throw new UserError(`threads must be a positive whole number, got ${threads}`);
}

/** Options are checked at the door, for callers of the API as much as the CLI: nothing odd reaches the plan. */
export function checkOptions(options: Pick<ResumeRunOptions, 'threads' | 'rows' | 'seed' | 'fileSizeLimitMB' | 'format'>): void {
  checkThreads(options.threads);
  const limit = options.fileSizeLimitMB;
  if (limit !== undefined && !(limit >= 1 && limit <= MAX_FILE_SIZE_MB)) {
    throw new UserError((w) => `${w.fileSizeLimit} must be from 1 to ${MAX_FILE_SIZE_MB} (MB, i.e. up to 1 TB), got ${limit}`);
  }
  const formatProblem = askedProblem(options.format ?? {});
  if (formatProblem) throw new UserError(formatProblem);
  const seed = options.seed;
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) throw new UserError((w) => `${w.seed} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
  for (const [table, rows] of Object.entries(options.rows ?? {})) {
    if (!Number.isSafeInteger(rows) || rows < 1) throw new UserError((w) => `${w.rows} for ${table} must be a positive whole number, got ${rows}`);
  }
}

function fresh(options: NewRunOptions, settings: NewRunSettings, command: string, registry: TableRegistry): RunSpec {
  const started = new Date();
  // The random part makes every run's file names its own, even two runs on different metadata files that start in
  // the same second and write to the same folder.
  const stamp = `${fileStamp(started)}-${randomUUID().slice(0, 8)}`;
  return {
    runId: stamp,
    startedAt: started.toISOString(),
    stamp,
    ...settings,
    tables: registry.ordered(options.tables),
    rows: options.rows,
    out: resolve(options.out),
    ...(options.s3 ? { s3: options.s3 } : {}),
    command,
  };
}

export function resolveRequest(asked: Ask, metadataPath: string, pending: PendingRun | undefined): RunSpec {
  checkOptions(asked.options);
  if (asked.kind === 'resume') {
    if (!pending) throw new UserError(`nothing to resume: no interrupted run is recorded for ${metadataPath}`);
    const spec = specOfPending(pending, asked.options.s3, asked.threads);
    const differs = mismatch(pending, asked.options);
    if (differs) throw new ResumeDiffers(spec, differs);
    return spec;
  }
  const { options } = asked;
  if (!pending) return fresh(options, asked.settings, asked.command, asked.registry);
  const same = mismatch(pending, options) === undefined && resolve(options.out) === pending.out && sameTarget(options.s3?.target, pending.s3);
  if (!same) {
    throw new ResumableRunError(
      `an interrupted run ${pending.run_id} is not finished (${pendingPath(metadataPath)}), and its files hold the IDs it reserved: ${pending.command}.`,
      stoppedRun(pending.run_id, options.metadataPath, sourcesOf(Object.values(pending.definitions ?? {}).map(recordedOrigin))),
      { kind: 'finish-or-discard' },
    );
  }
  return specOfPending(pending, options.s3, asked.threads);
}

/** The request, checked against the metadata: a run the metadata already holds is complete, its record a leftover. */
export async function requestRun(asked: Ask, metadataPath: string, loaded: LoadedMetadata): Promise<RunSpec> {
  let pending = await loadPendingRun(metadataPath);
  if (pending && loaded.metadata.runs.some((run) => run.run_id === pending?.run_id)) {
    // Killed between committing the metadata and removing the record: the run is complete.
    await removePendingRun(metadataPath);
    pending = undefined;
  }
  // Before any list of tables is put in order: a table the registry lacks is named, with the module to pass.
  const named = asked.kind === 'resume' ? [...(pending?.tables ?? []), ...(asked.options.tables ?? [])] : asked.options.tables;
  checkTablesKnown(named, asked.registry, loaded.metadata.tables, pending?.definitions);
  return resolveRequest(asked, metadataPath, pending);
}

/** A resumed run must find the IDs it reserved still free. */
export function checkStillFree(spec: RunSpec, reserved: ReadonlyMap<string, Reservation>, metadataPath: string): void {
  if (!spec.resuming) return;
  for (const [name, range] of reserved) {
    const recorded = spec.resuming.reserved[name];
    if (!recorded || recorded.first !== range.first || recorded.last !== range.last) {
      throw new UserError(
        `the metadata changed since run ${spec.runId} was interrupted (${name} IDs no longer start at ${recorded?.first ?? '?'}), so it cannot be finished: restore the metadata it started from, or delete ${pendingPath(metadataPath)} and that run's files`,
      );
    }
  }
}
