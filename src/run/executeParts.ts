/**
 * Execute: run every part of the plan on the worker pool, in table order, sharing the run's DuckDB threads. Each
 * part's file is written beside its name by a worker, recorded in the journal (with its inode, size and modification
 * time, so it can be proved ours later), and only then linked into place; the output target then places it (with
 * S3, queues it for upload) as soon as it is. Parts are computed from the plan's rule one at a time, so memory grows with the files written, never with the
 * parts planned.
 */
import { link, lstat, readdir, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerPool } from '../workers/workerPool.js';
import { PART_IDS_TABLE, type WorkerResult } from '../workers/task.js';
import type { ParquetFormat } from '../records/parquetFormat.js';
import { type RunningPart, ThreadRate, roomFor, threadsFor } from '../workers/threadShares.js';
import { isErrno } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import { ResumableRunError, type StoppedRun } from '../errors/resumableRunError.js';
import { sha256File } from '../files/fileChecksum.js';
import { partialPath } from '../files/partialFile.js';
import { sameFile } from '../files/ownFile.js';
import { type PendingRun, type WrittenFile, removePartialFiles } from '../state/pendingRun.js';
import { RUNS_FOLDER } from '../state/runManifest.js';
import type { OutputTarget } from '../output/outputTarget.js';
import { type PlannedPart, type TablePlan, partAt } from '../records/plan.js';
import type { CompiledTable } from '../model/compiledTable.js';
import type { PoolTableSpec } from '../model/poolFile.js';
import type { RunJournal } from './runJournal.js';
import { type RunTallies, runTallies } from './runTallies.js';
import type { RunSpec } from './spec/runSpec.js';
import { EXIT_RESUMABLE } from '../records/exitCodes.js';
import type { FileSummary, InterruptEvent, ProgressEvent, TestHold } from './runTypes.js';
import type { Interrupt } from './interrupt.js';
import { TableQueryFailure, queryFailure } from '../errors/writeFailure.js';

/** What executing the parts needs: the planned parts (their plans, queries, pools and origins) and the run's settings. */
export interface ExecuteContext extends Pick<PlannedParts, 'plans' | 'compiled' | 'pools' | 'originOf' | 'workerThreads' | 'oneThread'> {
  readonly pool: WorkerPool;
  readonly journal: RunJournal;
  readonly target: OutputTarget;
  readonly tables: readonly string[];
  readonly out: string;
  readonly stamp: string;
  readonly format: ParquetFormat;
  /** The run's stop flag (workers/stopFlag.ts), shared with the tasks. */
  readonly stop: SharedArrayBuffer;
  readonly profile: boolean;
  /** DuckDB threads in all, shared between the parts under way (threadShares.ts). */
  readonly threads: number;
  readonly stopped: () => boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Parts starting and ending: the CLI's second Ctrl-C removes the partial files of those under way. */
  readonly onInterruptEvent?: (event: InterruptEvent) => void;
  readonly testHold?: TestHold;
  /** The tallies parts write and read, and the order tables run in (runTallies.ts). */
  readonly tallies: RunTallies;
}

export interface Executed {
  /** `table:index` -> the file. */
  readonly results: Map<string, FileSummary>;
  readonly failure?: Error;
}

export const partKey = (table: string, index: number): string => `${table}:${index}`;

/** What is at `path`: undefined when nothing, else whether it is `recorded` (same inode, size and mtime). */
async function identity(path: string, recorded: WrittenFile | undefined): Promise<{ ours: boolean } | undefined> {
  return lstat(path, { bigint: true }).then(
    (s) => ({ ours: recorded !== undefined && sameFile(s, recorded) }),
    (error: unknown) => {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw error;
    },
  );
}

function notOurs(path: string): UserError {
  return new UserError((w) => `${path} already exists and was not written by this run: synthgen never overwrites or removes files it did not write; move it away, or pass another ${w.out}`);
}

/** A part this run may already have finished: its summary if the file (or object) is in place, else undefined. */
async function alreadyDone(context: ExecuteContext, part: PlannedPart, summary: (bytes: number, sha256: string, rows?: number) => FileSummary): Promise<FileSummary | undefined> {
  const { journal } = context;
  const written = journal.written(part.table, part.index);
  const placed = context.target.placedBefore(part.table, part.index);
  const found = await identity(part.path, written);
  if (placed) {
    // Confirmed in the bucket before the interruption: any staging copy left behind is expendable, if it is ours.
    if (found?.ours) await rm(part.path, { force: true });
    return summary(written?.bytes ?? 0, placed, written?.rows);
  }
  if (found && !found.ours) throw notOurs(part.path);
  if (found && written && (await sha256File(part.path)) === written.sha256) return summary(written.bytes, written.sha256, written.rows);
  if (found) await rm(part.path, { force: true }); // ours, but its bytes changed in place: made again, the same bytes
  if (written) await journal.forgetWritten(part.table, part.index);
  return undefined;
}

/** Runs part `part` on the pool, written beside `path` (its own, or a scratch file when only its tallies are wanted). */
function runTask(context: ExecuteContext, part: PlannedPart, threads: number, path: string): Promise<WorkerResult> {
  const compiled = context.compiled.get(part.table);
  if (!compiled) throw new Error(`no query for ${part.table}`);
  const inputs = context.tallies.inputs(part.table);
  const outputs = context.tallies.outputs(part.table, part.index);
  return context.pool.run({
    kind: 'part',
    query: compiled.selectFrom(PART_IDS_TABLE),
    firstId: part.firstId,
    lastId: part.lastId,
    rows: part.lastId - part.firstId + 1,
    pools: context.pools.get(part.table),
    format: context.format,
    ...context.pool.limits(threads),
    path,
    stop: context.stop,
    profile: context.profile,
    ...(inputs.length > 0 ? { tallies: inputs } : {}),
    ...(outputs.length > 0 ? { tallyOutputs: outputs } : {}),
  });
}

/** A part an earlier attempt of the run finished, computed again into scratch for the tallies it writes. */
async function writeTallies(context: ExecuteContext, part: PlannedPart, threads: number): Promise<WorkerResult> {
  const result = await runTask(context, part, threads, context.tallies.scratchPart(part.table, part.index));
  if (result.state === 'done' && result.kind === 'part') await unlink(result.partialPath).catch(() => undefined);
  return result;
}

/** Writes one part: the worker writes it beside its name, the journal records it, then it is linked into place. */
async function writeOne(context: ExecuteContext, part: PlannedPart, threads: number): Promise<WorkerResult> {
  const partial = { path: part.path, partialPath: partialPath(part.path) };
  context.onInterruptEvent?.({ type: 'part-started', ...partial });
  try {
    const result = await runTask(context, part, threads, part.path);
    if (result.state === 'failed' || result.kind !== 'part') return result;
    try {
      const ids = part.lastId - part.firstId + 1;
      await context.journal.markWritten(part.table, part.index, { sha256: result.sha256, bytes: result.bytes, inode: result.inode, mtime_ns: result.mtimeNs, ...(result.rows === ids ? {} : { rows: result.rows }) });
      await link(result.partialPath, part.path);
    } catch (error: unknown) {
      if (isErrno(error, 'EEXIST')) await context.journal.forgetWritten(part.table, part.index);
      throw error;
    } finally {
      await unlink(result.partialPath).catch(() => undefined);
    }
    return result;
  } finally {
    context.onInterruptEvent?.({ type: 'part-ended', ...partial });
  }
}

function* partsOf(context: ExecuteContext): Generator<PlannedPart> {
  for (const table of context.tallies.order) {
    const plan = context.plans[table];
    if (!plan) throw new Error(`no plan for ${table}`);
    for (let index = 0; index < plan.parts; index += 1) yield partAt(plan, index, context.out, context.stamp);
  }
}

/** The rows the plans of `tables` hold: counted, not listed, since a run's parts are a rule. */
export function plannedRows(tables: readonly string[], plans: Readonly<Record<string, TablePlan>>): number {
  return tables.reduce((n, t) => n + ((plans[t]?.last_id ?? 0) - (plans[t]?.first_id ?? 1) + 1), 0);
}

/**
 * Runs the parts sharing `threads` DuckDB threads (workers/threadShares.ts): a part starts once there is room, with
 * its share of the threads by the rows left.
 */
export async function executeParts(context: ExecuteContext): Promise<Executed> {
  const results = new Map<string, FileSummary>();
  const { target } = context;
  let failure: Error | undefined;
  const queue = partsOf(context);
  let notStarted = plannedRows(context.tables, context.plans);
  const rate = new ThreadRate();
  const running = new Set<RunningPart>();
  const underWay = new Set<Promise<void>>();
  let threadsInUse = 0;
  // TEST-ONLY (runTypes.ts TestHold): parts started, and whether the run has held.
  let started = 0;
  let held = false;
  const fail = (error: Error) => {
    failure ??= error;
  };
  while (failure === undefined && !context.stopped() && target.failure === undefined) {
    if (!roomFor(running.size, threadsInUse, context.threads, context.workerThreads)) {
      await Promise.race(underWay);
      continue;
    }
    if (!held && started === context.testHold?.afterParts) {
      held = true;
      await Promise.all(underWay);
      await context.testHold.hold();
      continue;
    }
    const next = queue.next();
    if (next.done) break;
    const part = next.value;
    // The first part of a table that reads tallies waits for the parts that write them (every part before it).
    if (part.index === 0 && context.tallies.waits(part.table) && underWay.size > 0) {
      await Promise.all(underWay);
      if (failure !== undefined || context.stopped() || target.failure !== undefined) break;
    }
    started += 1;
    const rows = part.lastId - part.firstId + 1;
    notStarted -= rows;
    const now = performance.now();
    const left = rows + notStarted + [...running].reduce((n, r) => n + rate.remaining(r, now), 0);
    // A children table's part on one DuckDB thread: its rows come from a join, whose row groups follow the threads.
    const threads = context.oneThread.has(part.table) ? 1 : threadsFor(rows, left, context.threads);
    const entry: RunningPart = { rows, threads, startedMs: now };
    threadsInUse += entry.threads;
    running.add(entry);
    const done = runPart(context, part, entry.threads, results, fail).then((wrote) => {
      threadsInUse -= entry.threads;
      running.delete(entry);
      if (wrote) rate.finished(entry, performance.now());
      underWay.delete(done);
    });
    underWay.add(done);
  }
  await Promise.all(underWay);
  return { results, ...(failure ? { failure } : {}) };
}

/** One part, written unless already done, then placed; whether it was written here. Failures go to `fail`. */
async function runPart(context: ExecuteContext, part: PlannedPart, threads: number, results: Map<string, FileSummary>, fail: (error: Error) => void): Promise<boolean> {
  const ids = part.lastId - part.firstId + 1;
  const object = context.target.objectOf(part.table, part.path);
  const summary = (bytes: number, sha256: string, rows = ids): FileSummary => ({ path: part.path, ...(object ? { object } : {}), rows, bytes, first_id: part.firstId, last_id: part.lastId, sha256 });
  try {
    let file = await alreadyDone(context, part, summary);
    const wrote = file === undefined;
    if (file && (await context.tallies.lacks(part.table, part.index))) {
      const result = await writeTallies(context, part, threads);
      if (result.state === 'failed') {
        fail(queryFailure(part.path, result, { name: part.table, source: context.originOf(part.table), cannot: (reason) => `compute IDs ${part.firstId}-${part.lastId} (${reason})` }));
        return false;
      }
    }
    if (!file) {
      const result = await writeOne(context, part, threads);
      if (result.state === 'failed') {
        fail(queryFailure(part.path, result, { name: part.table, source: context.originOf(part.table), cannot: (reason) => `compute IDs ${part.firstId}-${part.lastId} (${reason})` }));
        return false;
      }
      if (result.kind !== 'part') throw new Error('a part task returned a sample');
      file = summary(result.bytes, result.sha256, result.rows);
      context.onProgress?.({ type: 'part', table: part.table, path: part.path, rows: result.rows, bytes: result.bytes, timings: result.timings });
    }
    results.set(partKey(part.table, part.index), file);
    await context.target.place({ table: part.table, index: part.index, path: part.path, sha256: file.sha256, bytes: file.bytes });
    return wrote;
  } catch (error: unknown) {
    fail(isErrno(error, 'EEXIST') ? notOurs(part.path) : error instanceof Error ? error : new Error(String(error)));
    return false;
  }
}

/**
 * What a killed attempt of this run left behind: partial files, a half-written manifest, the sizing scratch folder.
 * Only names that carry this run's stamp or id, which no other run's do.
 */
export async function removeLeftovers(run: PendingRun, ownScratch: string): Promise<void> {
  await removePartialFiles(run);
  const manifests = join(run.out, RUNS_FOLDER);
  for (const name of await readdir(manifests).catch(() => [] as string[])) {
    if (name.startsWith(`${run.run_id}.json.`) && name.endsWith('.tmp')) await rm(join(manifests, name), { force: true });
  }
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (name.startsWith(`synthgen-run-${run.run_id}-`) && join(tmpdir(), name) !== ownScratch) await rm(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** The run's parts: planned, and each table's query compiled once for the run, with the pools it reads. */
export interface PlannedParts {
  readonly plans: Readonly<Record<string, TablePlan>>;
  readonly partCount: number;
  /** Worker threads the parts run on, the most parts under way at once: how far generation may run ahead of uploads. */
  readonly workerThreads: number;
  readonly compiled: ReadonlyMap<string, CompiledTable>;
  readonly pools: ReadonlyMap<string, PoolTableSpec | undefined>;
  /** The file a user's table comes from, in the reader's words (`schema file bank.yaml`): a query of theirs that fails is their definition's fault. */
  readonly originOf: (table: string) => ((words: Vocabulary) => string) | undefined;
  /**
   * Tables whose parts run on one DuckDB thread: children tables, whose rows a join makes. Written by several
   * threads, their row groups end where the threads' batches do (1M order lines: 122,880 rows a group on two
   * threads, ~123,500 on one), so the bytes would follow how many threads a part got.
   */
  readonly oneThread: ReadonlySet<string>;
}

/** What executing takes besides the run and its parts. */
export interface ExecuteDeps {
  readonly pool: WorkerPool;
  readonly journal: RunJournal;
  readonly target: OutputTarget;
  readonly interrupt: Interrupt;
  /** The run a stopped run's error names. */
  readonly stoppedRun: StoppedRun;
  /** Time each part's generation and writing apart (--profile). */
  readonly profile: boolean;
  /** The run's scratch folder: tallies are written there (runTallies.ts). */
  readonly scratch: string;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly onInterruptEvent?: (event: InterruptEvent) => void;
}

/** Why a stopped run stopped, what it keeps, and the run to finish or discard. */
function stoppedError(spec: RunSpec, parts: PlannedParts, deps: ExecuteDeps, executed: Executed): UserError | undefined {
  const { target, interrupt } = deps;
  const interrupted = interrupt.stop;
  const stopped = interrupted ? new Error(interrupted.what) : (executed.failure ?? target.failure);
  if (!stopped) return undefined;
  const what = (w: Vocabulary) => (stopped instanceof UserError ? stopped.render(w) : stopped.message).replace(/[.:]?$/, '');
  if (stopped instanceof TableQueryFailure) {
    // Running it again would fail the same way, and a fixed module is another definition than the run's.
    return new ResumableRunError((w) => `run ${spec.runId} stopped: ${what(w)}. Nothing was committed and the metadata is unchanged`, deps.stoppedRun, { kind: 'fix-and-discard' });
  }
  return new ResumableRunError((w) => `run ${spec.runId} stopped: ${what(w)}. ${target.keptFiles(parts.partCount)}`, deps.stoppedRun, { kind: 'finish-or-discard' }, interrupted ? interrupted.exitCode : EXIT_RESUMABLE);
}

/** Every part written and placed, or the run's one line on why it stopped. */
export async function executeRun(spec: RunSpec, parts: PlannedParts, deps: ExecuteDeps): Promise<ReadonlyMap<string, FileSummary>> {
  const { target, interrupt, journal } = deps;
  await target.begin(journal, parts.workerThreads);
  // Files not yet placed stay where they are, recorded, for --resume: a stopped run does not wait for them.
  interrupt.onStop(() => target.stop());
  const tallies = runTallies(spec.tables, parts.compiled, parts.plans, deps.scratch);
  await tallies.prepare();
  const executed = await executeParts({
    ...parts,
    ...deps,
    tallies,
    tables: spec.tables,
    out: spec.out,
    stamp: spec.stamp,
    format: spec.format,
    threads: deps.pool.threadBudget,
    stop: interrupt.flag.shared,
    stopped: () => interrupt.stopped,
  });
  const wait = await target.settle();
  if (wait) deps.onProgress?.({ type: 'upload-wait', ...wait });
  await journal.settled();
  // An interrupt fails the parts it stopped: what the user is told is the interrupt.
  const stopped = stoppedError(spec, parts, deps, executed);
  if (stopped) throw stopped;
  return executed.results;
}
