/**
 * One run, start to commit, as a pipeline of steps, each taking what the one before produced: the request (a new run
 * or the interrupted one, runRequest.ts) -> reserve each table's ID range (reserve.ts) -> preflight the output target
 * (targetFor.ts) -> calibrate and plan (sizeParts.ts) -> record the run (runJournal.ts) -> execute the parts on
 * the worker pool, each placed by the target as it is written (executeParts.ts) -> check the files cover the reserved
 * IDs exactly and commit (runOutcome.ts) -> the summary.
 *
 * A run that stops before its commit keeps the files it finished (for S3, the staging files not yet uploaded) and its
 * record, and leaves the metadata as it was; the same command (or --resume) finishes it with exactly the files a
 * clean run would make, and --discard-interrupted removes what it can prove it wrote.
 *
 * The engine does not own the process: it is stopped through `signal`, and reports through `onProgress` and
 * `onInterruptEvent`; signal handlers, stderr and exit codes are the CLI's.
 */
import { UserError } from '../errors/userError.js';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { executeRun, plannedRows, removeLeftovers } from './executeParts.js';
import { Interrupt, RunStopped } from './interrupt.js';
import { type LoadedMetadata, loadMetadata, realMetadataPath } from '../state/metadata.js';
import type { OutputTarget } from '../output/outputTarget.js';
import { targetFor } from '../output/targetFor.js';
import { writePoolFile } from '../model/poolFile.js';
import type { TablePlan } from '../records/plan.js';
import { type Reservation, reserveRanges } from './reserve.js';
import { acquireRunLock, lockPath } from '../state/runLock.js';
import { RunJournal } from './runJournal.js';
import { commitRun, migrationNotice, runSummary, tableSummaries } from './runOutcome.js';
import { type Ask, ask, asOfOnceLocked, checkStillFree, checkThreads, requestRun } from './runRequest.js';
import type { RunSpec } from './spec/runSpec.js';
import { pendingRecordOf } from './spec/runSpecRecords.js';
import type { ProgressEvent, RunOptions, RunSummary } from './runTypes.js';
import { planRun } from './parts/sizeParts.js';
import type { CompiledTable } from '../model/compiledTable.js';
import type { PoolTableSpec } from '../model/poolFile.js';
import type { TableRegistry } from '../model/registry.js';
import type { TableOriginRecord } from '../state/metadata.js';
import { checkOriginsUnchanged, tableOrigins } from './tableOrigins.js';
import { runVersions } from './runVersions.js';
import { originSource, sourcesOf } from '../records/tableOrigin.js';
import { stoppedRun } from './stoppedRun.js';
import { ResumableRunError, type StoppedRun } from '../errors/resumableRunError.js';
import { WorkerPool, defaultThreads } from '../workers/workerPool.js';
import { spillFolder } from '../workers/spillFolder.js';
import { createScratch } from '../workers/scratchFolder.js';
import { partsAtOnce } from '../workers/threadShares.js';
import { readLegacyImport } from './legacy/importLegacyRows.js';
import { loadLegacyParents } from './legacy/loadLegacyParents.js';

export * from './runTypes.js';
export { memoryLimitPerWorker } from '../workers/workerBudget.js';
export { WorkerPool, defaultThreads } from '../workers/workerPool.js';

/**
 * Runs on `options.pool`, or on a pool of its own that it ends as it ends. A pool of its own starts its first thread
 * now: ~0.15 s to start and load DuckDB, on another core while this one takes the lock, reads the metadata and
 * compiles, which it would otherwise follow (the CLI creates its pool earlier still).
 */
export async function runGeneration(options: RunOptions): Promise<RunSummary> {
  const { pool: given, threads } = options;
  checkThreads(threads);
  if (given && threads !== undefined && threads !== given.threadBudget) throw new Error(`the run asks for ${threads} threads, its pool has ${given.threadBudget}`);
  const pool = given ?? new WorkerPool(threads ?? defaultThreads());
  try {
    return await runLocked(ask(options, pool.threadBudget), pool);
  } finally {
    if (!given) await pool.destroy();
  }
}

/** Runs under the metadata's lock (runLock.ts), so no other run reserves IDs from it meanwhile. */
async function runLocked(asked: Ask, pool: WorkerPool): Promise<RunSummary> {
  const { options } = asked;
  // The lock and the pending record belong to the real file: a symlink to it is the same metadata.
  const metadataPath = await realMetadataPath(options.metadataPath);
  const lock = await acquireRunLock({
    metadataPath,
    command: asked.command,
    ...(options.wait ? { wait: true } : {}),
    onWait: (holder) =>
      options.onProgress?.({ type: 'notice', message: `waiting for the run holding ${lockPath(metadataPath)} (pid ${holder.pid} on ${holder.host}, started ${holder.started_at}) to finish` }),
    onStale: (holder) =>
      options.onProgress?.({ type: 'notice', message: `took over a lock left by pid ${holder.pid} (started ${holder.started_at}), which is no longer running` }),
  });
  try {
    return await generate(asked, metadataPath, pool);
  } finally {
    await lock.release();
  }
}

/** Reports each phase's wall-clock time (for --profile) as it ends. */
function phaseClock(onProgress: ((event: ProgressEvent) => void) | undefined): (name: string) => void {
  let phaseStart = performance.now();
  return (name) => {
    const now = performance.now();
    onProgress?.({ type: 'phase', phase: name, seconds: (now - phaseStart) / 1000 });
    phaseStart = now;
  };
}

/** The request, and each table's ID range reserved from the metadata as it is now. */
async function requestAndReserve(asked: Ask, metadataPath: string, loaded: LoadedMetadata) {
  const metadataFolder = dirname(metadataPath);
  const spec = await requestRun(asked, metadataPath, loaded);
  const { runId, seed, asOf, tables } = spec;
  const origins = await tableOrigins(tables, asked.registry, loaded.metadata.tables);
  checkOriginsUnchanged(origins, loaded.metadata.tables, spec.resuming?.definitions);
  const { registry, records, notices } = await runVersions(tables, asked.registry, loaded.metadata.tables);
  const { reserved, after } = reserveRanges({ tables, rows: spec.rows, seed, asOf, ...(spec.since === undefined ? {} : { since: spec.since }), runId, before: loaded.metadata, registry, origins, versions: records, metadataFolder });
  checkStillFree(spec, reserved, metadataPath);
  if (spec.resuming) asked.options.onProgress?.({ type: 'notice', message: `resuming interrupted run ${runId} (${spec.command})` });
  return { spec, reserved, after, origins, registry, notices };
}

/**
 * With --legacy-files: the original tool's files read and checked first, the IDs reserved against the metadata as it
 * will be with them, and only then their snapshots kept and the metadata committed (importLegacyRows.ts).
 */
async function importAndReserve(asked: Ask, metadataPath: string, loaded: LoadedMetadata) {
  const { options } = asked;
  const files = options.legacyFiles ?? {};
  const legacy = Object.keys(files).length > 0 ? await readLegacyImport(files, { metadataPath, loaded, access: options.legacyS3 ?? { checksums: true }, registry: asked.registry }) : undefined;
  if (!legacy) return { ...(await requestAndReserve(asked, metadataPath, loaded)), loaded };
  try {
    const reservation = await requestAndReserve(asked, metadataPath, { ...loaded, metadata: { ...loaded.metadata, tables: legacy.tables } });
    const committed = await legacy.commit();
    const migrated = migrationNotice(options.metadataPath, loaded, committed.backup);
    for (const message of [...(migrated ? [migrated] : []), ...committed.notices]) options.onProgress?.({ type: 'notice', message });
    return { ...reservation, loaded: committed.loaded };
  } finally {
    await legacy.dispose();
  }
}

interface Planned {
  readonly plans: Readonly<Record<string, TablePlan>>;
  readonly partCount: number;
  /** Worker threads the parts run on. */
  readonly workerThreads: number;
}

/** Calibrate and plan: a resumed run keeps the plan it recorded, so its files are the ones it started. */
async function plan(spec: RunSpec, reserved: ReadonlyMap<string, Reservation>, pool: WorkerPool, scratch: string, queries: CompiledQueries, interrupt: Interrupt): Promise<Planned> {
  const { tables, fileSizeLimitMB, format } = spec;
  const plans =
    spec.resuming?.plans ??
    (await planRun({ pool, scratch, registry: queries.registry, format, fileSizeLimitMB, tables: tables.length, interrupt }, tables, reserved));
  const partCount = tables.reduce((n, t) => n + (plans[t]?.parts ?? 0), 0);
  const atOnce = partsAtOnce(tables.map((t) => plans[t]?.parts ?? 0), plannedRows(tables, plans), pool.threadBudget);
  return { plans, partCount, workerThreads: Math.min(pool.threadsFor(partCount), atOnce) };
}

/** The run records itself before it writes anything, and again as each file is written and each object lands. */
async function record(
  spec: RunSpec,
  metadataPath: string,
  reserved: ReadonlyMap<string, Reservation>,
  planned: Planned,
  scratch: string,
  origins: Readonly<Record<string, TableOriginRecord>>,
): Promise<RunJournal> {
  const journal = await RunJournal.open(metadataPath, pendingRecordOf(spec, reserved, planned.plans, origins));
  if (spec.resuming) await removeLeftovers(spec.resuming, scratch);
  return journal;
}

interface CompiledQueries {
  readonly registry: TableRegistry;
  /** Each table's query, compiled once for the run: workers receive it and never look a table up. */
  readonly compiled: ReadonlyMap<string, CompiledTable>;
  /** The pools each query reads, written for the workers to load. */
  readonly pools: ReadonlyMap<string, PoolTableSpec | undefined>;
}

/** Compile: each table's SQL for this run's seed, as-of and parent ranges, and the pools it reads. */
async function compile(spec: RunSpec, reserved: ReadonlyMap<string, Reservation>, registry: TableRegistry, scratch: string, interrupt: Interrupt): Promise<CompiledQueries> {
  const compiled = new Map<string, CompiledTable>();
  const pools = new Map<string, PoolTableSpec | undefined>();
  for (const name of spec.tables) {
    interrupt.check();
    const range = reserved.get(name);
    if (!range) throw new Error(`no reservation for ${name}`);
    const own = { first_id: range.first, last_id: range.last, since: range.since };
    const query = registry.compile(name, { seed: spec.seed, asOf: spec.asOf, own, parents: range.parents, ...(range.legacy ? { legacy: range.legacy } : {}) });
    compiled.set(name, query);
    pools.set(name, await writePoolFile(scratch, query, (pool) => registry.poolCache(pool)).catch((error: unknown) => {
      // A user's pool whose build() fails is named with its module and table.
      const source = originSource(registry.originOf(name));
      throw error instanceof UserError && source ? new UserError((w) => `${source(w)}: table ${name}: ${error.render(w)}`) : error;
    }));
  }
  return { registry, compiled, pools };
}

async function generate(askedBefore: Ask, metadataPath: string, pool: WorkerPool): Promise<RunSummary> {
  const { options } = askedBefore;
  const startedAt = performance.now();
  const phase = phaseClock(options.onProgress);
  const before = await loadMetadata(metadataPath);
  const asked = await asOfOnceLocked(askedBefore, before.metadata);
  const { spec, reserved, after, origins, loaded, registry, notices } = await importAndReserve(asked, metadataPath, before);
  await loadLegacyParents(reserved, metadataPath, loaded.metadata.tables, (table) => registry.legacyLayout(table));
  const { runId, tables } = spec;
  const target: OutputTarget = targetFor(spec);
  const scratch = await createScratch(runId);
  // From here on a signal stops the run at its next step, whichever it is.
  const interrupt = new Interrupt(options.signal, scratch, options.onInterruptEvent);
  const stopped = stoppedRun(runId, options.metadataPath, sourcesOf(spec.tables.map((name) => registry.originOf(name))));
  try {
    await interrupt.race(target.preflight(interrupt.abortSignal));
    for (const message of [...(options.notices ?? []), ...notices]) options.onProgress?.({ type: 'notice', message });
    phase('load metadata, reserve IDs, preflight');
    pool.spillInto(await spillFolder(scratch, pool.threadBudget));
    const queries = await compile(spec, reserved, registry, scratch, interrupt);
    phase('build value pools');

    const planned = await plan(spec, reserved, pool, scratch, queries, interrupt);
    const { plans, partCount, workerThreads } = planned;
    phase('size parts (calibration samples)');

    interrupt.check();
    const journal = await record(spec, metadataPath, reserved, planned, scratch, origins);
    // A children table's rows are drawn per parent: expected, by their mean per parent.
    const expected = (t: string) => Math.round((spec.rows[t] ?? 0) * (registry.get(t)?.children?.mean ?? 1));
    options.onProgress?.({ type: 'planned', parts: partCount, rows: tables.reduce((n, t) => n + expected(t), 0) });

    const oneThread = new Set(tables.filter((table) => registry.get(table)?.children !== undefined));
    const parts = { plans, partCount, workerThreads, compiled: queries.compiled, pools: queries.pools, originOf: (table: string) => originSource(registry.originOf(table)), oneThread };
    const results = await executeRun(spec, parts, {
      pool,
      journal,
      target,
      interrupt,
      stoppedRun: stopped,
      profile: options.profile ?? false,
      scratch,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onInterruptEvent ? { onInterruptEvent: options.onInterruptEvent } : {}),
      ...(options.testHold ? { testHold: options.testHold } : {}),
    });
    phase(target.executePhase);

    const summaryTables = tableSummaries(tables, plans, reserved, results, (name) => registry.get(name)?.children?.parent);
    const legacyBackup = await commitRun({ spec, metadataPath, loaded, after, target, tables: summaryTables, stoppedRun: stopped, registry });
    const migrated = migrationNotice(options.metadataPath, loaded, legacyBackup);
    if (migrated) options.onProgress?.({ type: 'notice', message: migrated });
    phase('commit metadata');
    return runSummary(spec, { metadataPath, workerThreads, threads: pool.threadBudget, target, startedAt, legacyBackup }, summaryTables);
  } catch (error: unknown) {
    throw error instanceof RunStopped ? stoppedBeforeWriting(spec, interrupt, stopped) : error;
  } finally {
    interrupt.dispose();
    // No query of the run outlives its lock.
    await pool.endRun();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The line of a run stopped before it recorded itself (a resumed run's record is as it was). */
function stoppedBeforeWriting(spec: RunSpec, interrupt: Interrupt, stopped: StoppedRun): UserError {
  const what = interrupt.stop?.what ?? 'interrupted';
  const exitCode = interrupt.stop?.exitCode;
  return spec.resuming
    ? new ResumableRunError(`run ${spec.runId} stopped: ${what}. Nothing was committed and the metadata is unchanged; the run is still recorded.`, stopped, { kind: 'finish-or-discard' }, exitCode)
    : new UserError(`run ${spec.runId} stopped: ${what} before it wrote any file. Nothing was written and the metadata is unchanged.`, exitCode);
}

