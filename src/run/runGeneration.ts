/**
 * One run, start to commit: the request (a new run or the interrupted one, runRequest.ts) -> reserve each table's
 * ID range (reserve.ts) -> calibrate and plan (sizeParts.ts) -> record the run (runJournal.ts) -> execute the parts
 * on the worker pool, uploading each to S3 as it is written (executeParts.ts) -> check the files cover the reserved
 * IDs exactly and write the manifest (runOutcome.ts) -> commit the metadata -> the summary.
 *
 * A run that stops before its commit keeps the files it finished (for S3, the staging files not yet uploaded) and its
 * record, and leaves the metadata as it was; the same command (or --resume) finishes it with exactly the files a
 * clean run would make, and --discard-interrupted removes what it can prove it wrote.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { Piscina } from 'piscina';
import { stopChannelName, stopWorkers } from '../workers/stopChannel.js';
import type { PartTask, SampleTask, WorkerResult } from '../workers/task.js';
import { UserError } from '../errors/userError.js';
import { type Executed, executeParts } from './executeParts.js';
import { type LoadedMetadata, commitMetadata, loadMetadata, realMetadataPath } from '../state/metadata.js';
import { checkWritable } from '../output/outputFolder.js';
import { partialPath } from '../files/partialFile.js';
import { PENDING_FORMAT, PENDING_VERSION, type PendingRun, loadPendingRun, pendingPath, removePartialFiles, removePendingRun } from '../state/pendingRun.js';
import { writePoolFile } from '../schema/poolFile.js';
import { type Reservation, reserveRanges } from './reserve.js';
import { acquireRunLock, lockPath } from '../state/runLock.js';
import { RunJournal } from './runJournal.js';
import { RUNS_FOLDER, writeManifest } from '../state/runManifest.js';
import { runManifest, runRecord, tableSummaries } from './runOutcome.js';
import { type RunRequest, resolveRequest } from './runRequest.js';
import { EXIT_RESUMABLE, type RunOptions, type RunSummary, type TableSummary } from './runTypes.js';
import { describeTarget, objectKey } from '../output/s3/s3Target.js';
import { planRun } from './sizeParts.js';
import type { PoolTableSpec } from '../schema/poolFile.js';
import type { TableRegistry } from '../schema/registry.js';
import { tableRegistry } from '../tables/index.js';
import { checkOriginsUnchanged, checkTablesKnown, tableOrigins } from './tableOrigins.js';
import { sha256File } from '../files/fileChecksum.js';
import { memoryLimitPerWorker, workersFor } from '../workers/workerBudget.js';

export * from './runTypes.js';
export { memoryLimitPerWorker } from '../workers/workerBudget.js';

/** Runs under the metadata's lock (runLock.ts), so no other run reserves IDs from it meanwhile. */
export async function runGeneration(options: RunOptions): Promise<RunSummary> {
  // The lock and the pending record belong to the real file: a symlink to it is the same metadata.
  const metadataPath = await realMetadataPath(options.metadataPath);
  const lock = await acquireRunLock({
    metadataPath,
    command: options.command,
    ...(options.wait ? { wait: true } : {}),
    onWait: (holder) =>
      options.onProgress?.({ type: 'notice', message: `waiting for the run holding ${lockPath(metadataPath)} (pid ${holder.pid} on ${holder.host}, started ${holder.started_at}) to finish` }),
    onStale: (holder) =>
      options.onProgress?.({ type: 'notice', message: `took over a lock left by pid ${holder.pid} (started ${holder.started_at}), which is no longer running` }),
  });
  try {
    return await generate(options, metadataPath);
  } finally {
    await lock.release();
  }
}

/** The request, checked against the metadata: a resumed run must find the IDs it reserved still free. */
async function startRequest(options: RunOptions, metadataPath: string, loaded: LoadedMetadata, registry: TableRegistry): Promise<RunRequest> {
  let pending = await loadPendingRun(metadataPath);
  if (pending && loaded.metadata.runs.some((run) => run.run_id === pending?.run_id)) {
    // Killed between committing the metadata and removing the record: the run is complete.
    await removePendingRun(metadataPath);
    pending = undefined;
  }
  checkTablesKnown(pending && options.resume ? pending.tables : options.tables, registry, loaded.metadata.tables, pending?.definitions);
  return resolveRequest(options, metadataPath, pending, howToFinish(options.metadataPath), registry);
}

function reservationOf(reserved: ReturnType<typeof reserveRanges>['reserved'], name: string): Reservation {
  const range = reserved.get(name);
  if (!range) throw new Error(`no reservation for ${name}`);
  return range;
}

function checkStillFree(request: RunRequest, reserved: ReturnType<typeof reserveRanges>['reserved'], metadataPath: string): void {
  if (!request.resuming) return;
  for (const [name, range] of reserved) {
    const recorded = request.resuming.reserved[name];
    if (!recorded || recorded.first !== range.first || recorded.last !== range.last) {
      throw new UserError(
        `the metadata changed since run ${request.runId} was interrupted (${name} IDs no longer start at ${recorded?.first ?? '?'}), so it cannot be finished: restore the metadata it started from, or delete ${pendingPath(metadataPath)} and that run's files`,
      );
    }
  }
}

async function s3Client(request: RunRequest): Promise<S3Client | undefined> {
  if (!request.s3) return undefined;
  // Loaded only for S3 runs: the AWS SDK takes ~0.3 s to import.
  const { createS3Client, preflight } = await import('../output/s3/upload.js');
  const client = createS3Client(request.s3);
  await preflight(client, request.s3);
  return client;
}

function pendingRecord(
  request: RunRequest,
  reserved: ReturnType<typeof reserveRanges>['reserved'],
  plans: PendingRun['plans'],
  definitions: PendingRun['definitions'],
): PendingRun {
  const s3 = request.s3;
  return {
    format: PENDING_FORMAT,
    format_version: PENDING_VERSION,
    run_id: request.runId,
    started_at: request.startedAt,
    seed: request.seed,
    as_of: request.asOf,
    tables: request.tables,
    rows: Object.fromEntries(request.tables.map((t) => [t, request.rows[t] ?? 0])),
    file_size_limit_mb: request.fileSizeLimitMB,
    out: request.out,
    stamp: request.stamp,
    ...(s3 ? { s3: s3.target, s3_checksums: s3.checksums, ...(s3.endpoint ? { s3_endpoint: s3.endpoint } : {}), ...(s3.region ? { s3_region: s3.region } : {}) } : {}),
    command: request.command,
    ...(definitions && Object.keys(definitions).length > 0 ? { definitions } : {}),
    reserved: Object.fromEntries(reserved),
    plans,
    written: {},
    uploaded: {},
  };
}

/** The one line a stopped run ends with: what stopped it, what is kept, how to finish. */
function stoppedError(
  request: RunRequest,
  partCount: number,
  journal: RunJournal,
  executed: Executed,
  interrupted: NodeJS.Signals | undefined,
  uploadFailure: Error | undefined,
  howTo: string,
): UserError | undefined {
  const stopped = interrupted ? new Error(`interrupted by ${interrupted}`) : (executed.failure ?? uploadFailure);
  if (!stopped) return undefined;
  const code = interrupted ? (interrupted === 'SIGINT' ? 130 : 143) : EXIT_RESUMABLE;
  const what = stopped.message.replace(/[.:]?$/, '');
  if (request.s3) {
    return new UserError(
      `run ${request.runId} stopped: ${what}. Nothing was committed; ${journal.uploadedCount()} of ${partCount} files are in ${describeTarget(request.s3.target)} and the finished ones not yet uploaded are kept in ${request.out}. ${howTo}`,
      code,
    );
  }
  return new UserError(`run ${request.runId} stopped: ${what}. Nothing was committed and the metadata is unchanged; ${journal.writtenCount()} of ${partCount} files are written and kept in ${request.out}. ${howTo}`, code);
}

async function generate(options: RunOptions, metadataPath: string): Promise<RunSummary> {
  const startedAt = performance.now();
  const loaded: LoadedMetadata = await loadMetadata(metadataPath);
  const before = loaded.metadata;
  const registry = options.registry ?? tableRegistry();
  const request = await startRequest(options, metadataPath, loaded, registry);
  const { runId, seed, asOf, tables, out } = request;
  const origins = await tableOrigins(tables, registry);
  checkOriginsUnchanged(origins, before.tables, request.resuming?.definitions);
  const { reserved, after } = reserveRanges({ tables, rows: request.rows, seed, asOf, runId, before, registry, origins });
  checkStillFree(request, reserved, metadataPath);
  if (request.resuming) options.onProgress?.({ type: 'notice', message: `resuming interrupted run ${runId} (${request.command})` });

  const client = await s3Client(request);
  const directories = tables.map((name) => join(out, name));
  for (const directory of directories) await checkWritable(directory);

  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.onProgress?.({ type: 'phase', phase: name, seconds: (now - phaseStart) / 1000 });
    phaseStart = now;
  };
  phase('load metadata, reserve IDs, preflight');

  // Threads start as tasks need them, so a run never has more than it has parts (and sizing runs on a few).
  const pool = new Piscina<PartTask | SampleTask, WorkerResult>({
    filename: new URL('../workers/generatePart.js', import.meta.url).href,
    minThreads: 1,
    maxThreads: options.workers,
    idleTimeout: 60_000,
  });
  // Ctrl-C or a termination request: stop dispatching, interrupt the parts under way (stopChannel.ts; their partial
  // files are removed), then keep the finished files and the run's record, to be finished or discarded later. A
  // second signal exits at once, removing the partial files itself: the record already holds what a resume needs.
  let interrupted: NodeJS.Signals | undefined;
  const inFlight = new Set<string>();
  const stopChannel = stopChannelName(runId);
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      for (const path of inFlight) rmSync(partialPath(path), { force: true });
      process.stderr.write(`\nsynthgen: stopped by ${signal}; metadata unchanged. ${howToFinish(options.metadataPath)}\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    interrupted = signal;
    stopWorkers(stopChannel);
    process.stderr.write(`\nsynthgen: ${signal}: stopping the parts under way\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const scratch = join(tmpdir(), `synthgen-run-${runId}-${randomUUID().slice(0, 8)}`);
  try {
    await mkdir(scratch, { recursive: true });
    // Each table compiled once for the run: workers receive the query and never look a table up.
    const compiled = new Map(tables.map((name) => [name, registry.compile(name, { seed, asOf, parents: reservationOf(reserved, name).parents })]));
    const pools = new Map<string, PoolTableSpec | undefined>();
    for (const [name, query] of compiled) pools.set(name, await writePoolFile(scratch, query, (pool) => registry.isBuiltinPool(pool)));
    phase('build value pools');

    const fileSizeLimitMB = request.fileSizeLimitMB;
    const plans =
      request.resuming?.plans ??
      (await planRun({ pool, scratch, registry, pools, memoryLimit: memoryLimitPerWorker(Math.min(options.workers, tables.length)), fileSizeLimitMB }, tables, reserved));
    const partCount = tables.reduce((n, t) => n + (plans[t]?.parts ?? 0), 0);
    const workers = workersFor(options.workers, partCount);
    phase('size parts (calibration samples)');

    // The run records itself before it writes anything, and again as each file is written and each object lands.
    const journal = await RunJournal.open(metadataPath, request.resuming ?? pendingRecord(request, reserved, plans, origins));
    if (request.resuming) await removeLeftovers(request.resuming, scratch);
    options.onProgress?.({ type: 'planned', parts: partCount, rows: tables.reduce((n, t) => n + (request.rows[t] ?? 0), 0) });

    const uploads =
      request.s3 && client
        ? new (await import('../output/s3/uploadQueue.js')).UploadQueue({
            client,
            settings: request.s3,
            concurrency: request.s3.uploadConcurrency,
            onUploaded: (file) => journal.markUploaded(file.table, file.index, file.sha256),
          })
        : undefined;
    const executed = await executeParts({
      pool,
      journal,
      tables,
      plans,
      reserved,
      out,
      stamp: request.stamp,
      compiled,
      pools,
      memoryLimit: memoryLimitPerWorker(workers),
      stopChannel,
      profile: options.profile ?? false,
      workers,
      ...(request.s3 ? { s3: request.s3 } : {}),
      ...(uploads ? { uploads } : {}),
      inFlight,
      stopped: () => interrupted !== undefined,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    if (uploads) {
      const lastPartWritten = performance.now();
      await uploads.drained();
      options.onProgress?.({ type: 'upload-wait', heldBackSeconds: executed.heldBackMs / 1000, afterLastPartSeconds: (performance.now() - lastPartWritten) / 1000 });
    }
    await journal.settled();
    // An interrupt fails the parts it stopped: what the user is told is the interrupt.
    const stopped = stoppedError(request, partCount, journal, executed, interrupted, uploads?.failure, howToFinish(options.metadataPath));
    if (stopped) throw stopped;
    phase(uploads ? 'generate, write and upload parts' : 'generate and write parts');

    const summaryTables = tableSummaries(tables, plans, reserved, executed.results);
    const manifestPath = await writeManifest(out, runManifest(request, summaryTables, registry));
    const manifestRef = client ? await uploadManifest(client, request, manifestPath, options.metadataPath) : manifestPath;
    await commitMetadata(metadataPath, { ...before, tables: after, runs: [...before.runs, { ...runRecord(request, summaryTables), manifest: manifestRef }] }, loaded);
    await removePendingRun(metadataPath);
    if (request.s3) {
      // The staging folders were only a way station; the manifest's home is beside the objects.
      await rm(manifestPath, { force: true });
      for (const directory of [...directories, dirname(manifestPath)]) await rmdir(directory).catch(() => undefined);
    }
    phase('commit metadata');
    return summaryOf(request, metadataPath, workers, summaryTables, uploads, startedAt);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pool.destroy();
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * What a killed attempt of this run left behind: partial files, a half-written manifest, the sizing scratch folder.
 * Only names that carry this run's stamp or id, which no other run's do.
 */
async function removeLeftovers(run: PendingRun, ownScratch: string): Promise<void> {
  await removePartialFiles(run);
  const manifests = join(run.out, RUNS_FOLDER);
  for (const name of await readdir(manifests).catch(() => [] as string[])) {
    if (name.startsWith(`${run.run_id}.json.`) && name.endsWith('.tmp')) await rm(join(manifests, name), { force: true });
  }
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (name.startsWith(`synthgen-run-${run.run_id}-`) && join(tmpdir(), name) !== ownScratch) await rm(join(tmpdir(), name), { recursive: true, force: true });
  }
}

async function uploadManifest(client: S3Client, request: RunRequest, manifestPath: string, metadataOption: string): Promise<string> {
  const s3 = request.s3;
  if (!s3) return manifestPath;
  const { uploadFile } = await import('../output/s3/upload.js');
  const key = objectKey(s3.target, RUNS_FOLDER, `${request.runId}.json`);
  try {
    await uploadFile(client, s3, { path: manifestPath, key, sha256: await sha256File(manifestPath), contentType: 'application/json' });
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    throw new UserError(`run ${request.runId} stopped: ${error instanceof Error ? error.message : String(error)}. Every file is uploaded but nothing was committed. ${howToFinish(metadataOption)}`, EXIT_RESUMABLE);
  }
  return `s3://${s3.target.bucket}/${key}`;
}

function summaryOf(
  request: RunRequest,
  metadataPath: string,
  workers: number,
  tables: Record<string, TableSummary>,
  uploads: { readonly bytes: number; readonly busyMs: number } | undefined,
  startedAt: number,
): RunSummary {
  const seconds = (performance.now() - startedAt) / 1000;
  const rows = Object.values(tables).reduce((n, t) => n + t.rows, 0);
  const objects = Object.values(tables).reduce((n, t) => n + t.files.length, 0);
  return {
    run_id: request.runId,
    resumed: request.resuming !== undefined,
    seed: request.seed,
    as_of: request.asOf,
    out: request.out,
    metadata: metadataPath,
    workers,
    file_size_limit_mb: request.fileSizeLimitMB,
    tables,
    ...(uploads && request.s3
      ? {
          upload: {
            target: describeTarget(request.s3.target),
            objects,
            bytes: uploads.bytes,
            seconds: uploads.busyMs / 1000,
            mb_per_second: uploads.busyMs > 0 ? uploads.bytes / 1e6 / (uploads.busyMs / 1000) : 0,
          },
        }
      : {}),
    rows,
    bytes: Object.values(tables).reduce((n, t) => n + t.bytes, 0),
    seconds,
    rows_per_second: rows / Math.max(seconds, 1e-9),
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    command: request.command,
  };
}

/** The sentence every stopped run ends with. */
export function howToFinish(metadataPath: string): string {
  const metadata = resolve(metadataPath) === resolve('./metadata.json') ? '' : ` --metadata ${metadataPath}`;
  return `Run the same command again (or synthgen --resume${metadata}) to finish it, or synthgen --discard-interrupted${metadata} to remove what it wrote.`;
}

export function defaultWorkers(): number {
  return availableParallelism();
}
