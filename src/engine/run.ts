/**
 * One run, start to commit: load the metadata, reserve each table's ID range, size and plan the parts, run them on
 * the worker pool (uploading each finished part to S3 while later ones are generated, when a bucket is given), and
 * commit the metadata only when every part is in place.
 *
 * Every run records itself first (pendingRun.ts). A run that stops before its commit keeps the files it finished
 * (for S3, the staging files not yet uploaded) and that record, and leaves the metadata as it was; the same command
 * (or --resume) finishes it with exactly the files a clean run would make, and --discard-interrupted removes it.
 * Each committed run leaves a manifest of its files (runManifest.ts), which the metadata's run record names.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { access, mkdir, readdir, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { Piscina } from 'piscina';
import { ROW_GROUP_ROWS } from '../workers/parquet.js';
import { stopChannelName, stopWorkers } from '../workers/stopChannel.js';
import type { PartTask, PartTimings, SampleTask, WorkerResult } from '../workers/task.js';
import { cachedValue } from './cache.js';
import { UserError } from './errors.js';
import { type LoadedMetadata, type RunRecord, commitMetadata, loadMetadata } from './metadata.js';
import { rowsPerPart } from './partSize.js';
import { type PendingPart, type PendingRun, loadPendingRun, pendingPath, removePartialFiles, removePendingRun, savePendingRun } from './pendingRun.js';
import { fileStamp, planParts } from './plan.js';
import { writePoolFile } from './poolFile.js';
import { type Reservation, inDependencyOrder, reserveRanges } from './reserve.js';
import { partialPath } from './partialFile.js';
import { acquireRunLock, lockPath } from './runLock.js';
import { MANIFEST_FORMAT, RUNS_FOLDER, type RunManifest, toolVersions, writeManifest } from './runManifest.js';
import { type S3Target, describeTarget, objectKey } from './s3Target.js';
import { tableNamed } from './tables/index.js';
import type { S3Settings } from './upload.js';
import { sha256File } from './fileChecksum.js';

export const DEFAULT_FILE_SIZE_MB = 128;
export const DEFAULT_UPLOAD_CONCURRENCY = 4;
const MB = 1_000_000;
/** Exit code of a run that stopped part-way and can be finished by running it again. */
export const EXIT_RESUMABLE = 3;

export interface S3RunOptions extends S3Settings {
  readonly uploadConcurrency: number;
}

export interface RunOptions {
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
  /** Finish the interrupted run recorded next to the metadata (its own tables, rows, seed and as-of). */
  readonly resume?: boolean;
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

/** Calibration samples use these instead of the run's, so part sizes do not depend on the seed. */
const SAMPLE_SEED = 0;
const SAMPLE_AS_OF = '2025-01-01T00:00:00Z';

async function checkWritable(directory: string): Promise<void> {
  try {
    await mkdir(directory, { recursive: true });
    const probe = join(directory, `.synthgen-probe-${randomUUID()}`);
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
    throw new UserError(`cannot write to output folder ${directory} (${reason}): pass --out with a writable folder`);
  }
}

/** A stamp no existing file (or object) of these tables starts with, so a run never collides with an earlier one. */
async function freshStamp(directories: readonly string[], objectNames: readonly string[], start: Date): Promise<string> {
  const existing = new Set<string>(objectNames.map((name) => name.slice(0, 14)));
  for (const directory of directories) {
    for (const name of await readdir(directory).catch(() => [])) existing.add(name.slice(0, 14));
  }
  let time = start.getTime();
  while (existing.has(fileStamp(new Date(time)))) time += 1000;
  return fileStamp(new Date(time));
}

/** The DuckDB memory limit of each of `workers` workers: half the machine, shared, 256 MB to 4 GB each. */
export function memoryLimitPerWorker(workers: number): string {
  const share = Math.floor((totalmem() * 0.5) / workers / 1024 / 1024);
  return `${Math.max(256, Math.min(share, 4096))}MB`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function sameTarget(a: S3Target | undefined, b: S3Target | undefined): boolean {
  return a?.bucket === b?.bucket && a?.prefix === b?.prefix;
}

/** Whether this invocation asks for what the interrupted run was doing (so running it again finishes it). */
function sameRequest(pending: PendingRun, options: RunOptions): boolean {
  const tables = inDependencyOrder(options.tables);
  return (
    tables.join(',') === pending.tables.join(',') &&
    tables.every((t) => options.rows[t] === pending.rows[t]) &&
    options.fileSizeLimitMB === pending.file_size_limit_mb &&
    resolve(options.out) === pending.out &&
    sameTarget(options.s3?.target, pending.s3) &&
    (!options.seedGiven || options.seed === pending.seed) &&
    (!options.asOfGiven || options.asOf === pending.as_of)
  );
}

/** Runs under the metadata's lock (runLock.ts), so no other run reserves IDs from it meanwhile. */
export async function runGeneration(options: RunOptions): Promise<RunSummary> {
  const lock = await acquireRunLock({
    metadataPath: options.metadataPath,
    command: options.command,
    ...(options.wait ? { wait: true } : {}),
    onWait: (holder) =>
      options.onProgress?.({ type: 'notice', message: `waiting for the run holding ${lockPath(options.metadataPath)} (pid ${holder.pid} on ${holder.host}, started ${holder.started_at}) to finish` }),
    onStale: (holder) =>
      options.onProgress?.({ type: 'notice', message: `took over a lock left by pid ${holder.pid} (started ${holder.started_at}), which is no longer running` }),
  });
  try {
    return await generate(options);
  } finally {
    await lock.release();
  }
}

async function generate(options: RunOptions): Promise<RunSummary> {
  const started = new Date();
  const startedAt = performance.now();
  const metadataPath = resolve(options.metadataPath);
  const loaded: LoadedMetadata = await loadMetadata(metadataPath);
  const before = loaded.metadata;

  let pending = await loadPendingRun(metadataPath);
  if (pending && before.runs.some((run) => run.run_id === pending?.run_id)) {
    // Killed between committing the metadata and removing the record: the run is complete.
    await removePendingRun(metadataPath);
    pending = undefined;
  }
  if (pending && !options.resume && !sameRequest(pending, options)) {
    throw new UserError(
      `an interrupted run ${pending.run_id} is not finished (${pendingPath(metadataPath)}), and its files hold the IDs it reserved: ${pending.command}. ${howToFinish(options.metadataPath)}`,
    );
  }
  if (!pending && options.resume) {
    throw new UserError(`nothing to resume: no interrupted run is recorded for ${metadataPath}`);
  }
  const resuming = pending;
  const runId = resuming?.run_id ?? `${fileStamp(started)}-${randomUUID().slice(0, 8)}`;
  const seed = resuming?.seed ?? options.seed;
  const asOf = resuming?.as_of ?? options.asOf;
  const tables = resuming ? [...resuming.tables] : inDependencyOrder(options.tables);
  const rowsByTable = resuming?.rows ?? options.rows;
  const fileSizeLimitMB = resuming?.file_size_limit_mb ?? options.fileSizeLimitMB;
  const out = resuming?.out ?? resolve(options.out);
  const s3: S3RunOptions | undefined = resuming
    ? resuming.s3 && {
        target: resuming.s3,
        checksums: options.s3?.checksums ?? resuming.s3_checksums ?? true,
        uploadConcurrency: options.s3?.uploadConcurrency ?? DEFAULT_UPLOAD_CONCURRENCY,
        ...((options.s3?.endpoint ?? resuming.s3_endpoint) ? { endpoint: options.s3?.endpoint ?? resuming.s3_endpoint } : {}),
        ...((options.s3?.region ?? resuming.s3_region) ? { region: options.s3?.region ?? resuming.s3_region } : {}),
      }
    : options.s3;
  const command = resuming?.command ?? options.command;

  const { reserved, after } = reserveRanges({ tables, rows: rowsByTable, seed, asOf, runId, before });
  if (resuming) {
    for (const [name, range] of reserved) {
      const recorded = resuming.reserved[name];
      if (!recorded || recorded.first !== range.first || recorded.last !== range.last) {
        throw new UserError(
          `the metadata changed since run ${runId} was interrupted (${name} IDs no longer start at ${recorded?.first ?? '?'}), so it cannot be finished: restore the metadata it started from, or delete ${pendingPath(metadataPath)} and that run's objects`,
        );
      }
    }
    options.onProgress?.({ type: 'notice', message: `resuming interrupted run ${runId} (${command})` });
  }

  let client: S3Client | undefined;
  let objectNames: string[] = [];
  if (s3) {
    // Loaded only for S3 runs: the AWS SDK takes ~0.3 s to import.
    const { createS3Client, listKeys, preflight } = await import('./upload.js');
    client = createS3Client(s3);
    await preflight(client, s3);
    if (!resuming) {
      for (const name of tables) {
        objectNames = objectNames.concat((await listKeys(client, s3.target.bucket, objectKey(s3.target, name, ''))).map((key) => basename(key)));
      }
    }
  }
  const directories = tables.map((name) => join(out, name));
  for (const directory of directories) await checkWritable(directory);
  const limitBytes = fileSizeLimitMB * MB;
  const memoryLimit = memoryLimitPerWorker(options.workers);

  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.onProgress?.({ type: 'phase', phase: name, seconds: (now - phaseStart) / 1000 });
    phaseStart = now;
  };
  phase('load metadata, reserve IDs, preflight');

  const pool = new Piscina<PartTask | SampleTask, WorkerResult>({
    filename: new URL('../workers/generatePart.js', import.meta.url).href,
    minThreads: options.workers,
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
    const poolFiles = new Map<string, string>();
    for (const name of tables) {
      const definition = tableNamed(name);
      if (definition) poolFiles.set(name, await writePoolFile(scratch, definition));
    }
    phase('build value pools');

    let parts: PendingPart[];
    if (resuming) {
      parts = resuming.parts;
      await removePartialFiles(parts);
    } else {
      const stamp = await freshStamp(directories, objectNames, started);
      const sizes = await Promise.all(
        tables.map(async (name) => {
          const range = reserved.get(name) as Reservation;
          const definition = tableNamed(name);
          // The sample references as many parents as the run will: how many distinct IDs a part holds changes how
          // its foreign keys compress (dictionary or plain), and so its size.
          const parentTotals = (definition?.parents ?? []).map(
            (p) => [p.table, (range.parents[p.table] ?? []).reduce((n, r) => n + r.last_id - r.first_id + 1, 0)] as const,
          );
          const sampleParents = Object.fromEntries(
            parentTotals.map(([table, total]) => [table, [{ first_id: 1, last_id: total, seed: SAMPLE_SEED, as_of: SAMPLE_AS_OF, version: 1 }]]),
          );
          const parentKey = parentTotals.map(([table, total]) => `-${table}${total}`).join('');
          let samples = 0;
          // Samples use a fixed seed, so their sizes depend only on the code: cached across runs (see cache.ts).
          const sampler = (rows: number) =>
            cachedValue(`sample-${name}-v${definition?.version ?? 0}-${rows}${parentKey}.json`, async () => {
              samples += 1;
              const scratchPath = join(scratch, `${name}-${samples}.parquet`);
              const result = await pool.run({
                kind: 'sample',
                table: name,
                seed: SAMPLE_SEED,
                asOf: SAMPLE_AS_OF,
                firstId: 1,
                lastId: rows,
                parents: sampleParents,
                scratchPath,
                poolFile: poolFiles.get(name) ?? '',
                memoryLimit,
              });
              if (result.state === 'failed') throw writeFailure(scratchPath, result);
              return result.bytes;
            });
          return rowsPerPart(sampler, limitBytes, range.last - range.first + 1, ROW_GROUP_ROWS);
        }),
      );
      parts = tables.flatMap((name, index) => {
        const range = reserved.get(name) as Reservation;
        return planParts({ table: name, firstId: range.first, lastId: range.last, rowsPerPart: sizes[index] ?? 1, directory: join(out, name), stamp }).map(
          (part) => ({ table: part.table, firstId: part.firstId, lastId: part.lastId, path: part.path, key: s3 ? objectKey(s3.target, part.table, basename(part.path)) : '' }),
        );
      });
    }
    phase('size parts (calibration samples)');

    // The run records itself before it writes anything, and again as each file is written and each object lands.
    const record: PendingRun = resuming ?? {
      format: 'synthgen-pending-run',
      run_id: runId,
      started_at: started.toISOString(),
      seed,
      as_of: asOf,
      tables,
      rows: Object.fromEntries(tables.map((t) => [t, rowsByTable[t] ?? 0])),
      file_size_limit_mb: fileSizeLimitMB,
      out,
      ...(s3
        ? {
            s3: s3.target,
            s3_checksums: s3.checksums,
            ...(s3.endpoint ? { s3_endpoint: s3.endpoint } : {}),
            ...(s3.region ? { s3_region: s3.region } : {}),
          }
        : {}),
      command,
      reserved: Object.fromEntries(reserved),
      parts,
    };
    let saving = Promise.resolve();
    const persist = () => {
      saving = saving.then(() => savePendingRun(metadataPath, record));
      return saving;
    };
    await persist();
    options.onProgress?.({ type: 'planned', parts: parts.length, rows: parts.reduce((n, p) => n + p.lastId - p.firstId + 1, 0) });

    const results = new Map<PendingPart, FileSummary>();
    const uploads =
      s3 && client
        ? new (await import('./uploadQueue.js')).UploadQueue({
            client,
            settings: s3,
            concurrency: s3.uploadConcurrency,
            onUploaded: async (file) => {
              const part = parts.find((p) => p.key === file.key);
              if (part) part.uploadedSha256 = file.sha256;
              await persist();
            },
          })
        : undefined;
    let failure: Error | undefined;
    let heldBackMs = 0;
    let next = 0;
    const runOne = async (): Promise<void> => {
      while (failure === undefined && interrupted === undefined && uploads?.failure === undefined && next < parts.length) {
        const part = parts[next];
        next += 1;
        if (!part) break;
        const rows = part.lastId - part.firstId + 1;
        const object = s3 ? `s3://${s3.target.bucket}/${part.key}` : undefined;
        let summary: FileSummary;
        if (part.uploadedSha256) {
          // Confirmed in the bucket before the interruption (the record is written only after that): not checked
          // again, and any staging copy left behind is expendable.
          await rm(part.path, { force: true });
          summary = { path: part.path, ...(object ? { object } : {}), rows, bytes: part.bytes ?? 0, first_id: part.firstId, last_id: part.lastId, sha256: part.uploadedSha256 };
        } else if (resuming && part.writtenSha256 && (await exists(part.path)) && (await sha256File(part.path)) === part.writtenSha256) {
          // Written and recorded before the interruption, and its bytes still match: kept, not made again.
          const { size } = await stat(part.path);
          summary = { path: part.path, ...(object ? { object } : {}), rows, bytes: size, first_id: part.firstId, last_id: part.lastId, sha256: part.writtenSha256 };
        } else {
          // Not recorded as written (killed between the link and the record), or changed since: made again, which
          // gives the same bytes.
          if (resuming) await rm(part.path, { force: true });
          const range = reserved.get(part.table) as Reservation;
          inFlight.add(part.path);
          const result = await pool.run({
            kind: 'part',
            table: part.table,
            seed,
            asOf,
            firstId: part.firstId,
            lastId: part.lastId,
            parents: range.parents,
            path: part.path,
            poolFile: poolFiles.get(part.table) ?? '',
            memoryLimit,
            stopChannel,
            profile: options.profile ?? false,
          });
          inFlight.delete(part.path);
          if (result.state === 'failed') {
            failure ??=
              result.code === 'EEXIST'
                ? new UserError(`${part.path} already exists: synthgen never overwrites files; move it away or pass another --out`)
                : writeFailure(part.path, result);
            return;
          }
          if (result.kind !== 'part') throw new Error('unreachable');
          part.writtenSha256 = result.sha256;
          part.bytes = result.bytes;
          await persist();
          summary = { path: result.path, ...(object ? { object } : {}), rows, bytes: result.bytes, first_id: part.firstId, last_id: part.lastId, sha256: result.sha256 };
          options.onProgress?.({ type: 'part', table: part.table, path: result.path, rows, bytes: result.bytes, timings: result.timings });
        }
        results.set(part, summary);
        if (uploads && s3 && !part.uploadedSha256) {
          // Generation may run ahead of uploads, but not without bound: staging space stays bounded.
          const held = performance.now();
          await uploads.below(s3.uploadConcurrency * 2 + options.workers);
          heldBackMs += performance.now() - held;
          uploads.add({ path: summary.path, key: part.key, sha256: summary.sha256, bytes: summary.bytes });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.workers, parts.length) }, runOne));
    if (uploads) {
      const lastPartWritten = performance.now();
      await uploads.drained();
      options.onProgress?.({ type: 'upload-wait', heldBackSeconds: heldBackMs / 1000, afterLastPartSeconds: (performance.now() - lastPartWritten) / 1000 });
    }
    await saving;
    // An interrupt fails the parts it stopped: what the user is told is the interrupt.
    const stopped = interrupted ? new Error(`interrupted by ${interrupted}`) : (failure ?? uploads?.failure);
    if (stopped) {
      const code = interrupted ? (interrupted === 'SIGINT' ? 130 : 143) : EXIT_RESUMABLE;
      const what = stopped.message.replace(/[.:]?$/, '');
      if (s3) {
        const left = parts.filter((p) => !p.uploadedSha256).length;
        throw new UserError(
          `run ${runId} stopped: ${what}. Nothing was committed; ${left} of ${parts.length} files are not in ${describeTarget(s3.target)} yet and the finished ones are kept in ${out}. ${howToFinish(options.metadataPath)}`,
          code,
        );
      }
      const done = parts.filter((p) => p.writtenSha256).length;
      throw new UserError(
        `run ${runId} stopped: ${what}. Nothing was committed and the metadata is unchanged; ${done} of ${parts.length} files are written and kept in ${out}. ${howToFinish(options.metadataPath)}`,
        code,
      );
    }
    phase(uploads ? 'generate, write and upload parts' : 'generate and write parts');

    const summaryTables: Record<string, TableSummary> = {};
    for (const name of tables) {
      const range = reserved.get(name) as Reservation;
      const files = parts.filter((p) => p.table === name).map((p) => results.get(p)).filter((f): f is FileSummary => !!f);
      summaryTables[name] = { rows: range.last - range.first + 1, first_id: range.first, last_id: range.last, bytes: files.reduce((n, f) => n + f.bytes, 0), files };
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const run: RunRecord = {
      run_id: runId,
      started_at: resuming?.started_at ?? started.toISOString(),
      finished_at: new Date().toISOString(),
      seed,
      as_of: asOf,
      command,
      tables: Object.fromEntries(
        Object.entries(summaryTables).map(([name, t]) => [name, { first_id: t.first_id, last_id: t.last_id, files: t.files.length, bytes: t.bytes }]),
      ),
    };
    const manifest: RunManifest = {
      format: MANIFEST_FORMAT,
      format_version: 1,
      run_id: runId,
      versions: toolVersions(),
      table_versions: Object.fromEntries(tables.map((name) => [name, tableNamed(name)?.version ?? 0])),
      seed,
      as_of: asOf,
      started_at: run.started_at,
      command,
      arguments: {
        tables,
        rows: Object.fromEntries(tables.map((t) => [t, rowsByTable[t] ?? 0])),
        file_size_limit_mb: fileSizeLimitMB,
        ...(s3 ? { s3: describeTarget(s3.target) } : {}),
      },
      tables: Object.fromEntries(Object.entries(summaryTables).map(([name, t]) => [name, { first_id: t.first_id, last_id: t.last_id, rows: t.rows }])),
      files: parts.map((part) => {
        const file = results.get(part);
        if (!file) throw new Error(`no result for ${part.path}`);
        return { table: part.table, path: `${part.table}/${basename(part.path)}`, first_id: file.first_id, last_id: file.last_id, rows: file.rows, bytes: file.bytes, sha256: file.sha256 };
      }),
    };
    const manifestPath = await writeManifest(out, manifest);
    let manifestRef = manifestPath;
    if (s3 && client) {
      const { uploadFile } = await import('./upload.js');
      const key = objectKey(s3.target, RUNS_FOLDER, `${runId}.json`);
      try {
        await uploadFile(client, s3, { path: manifestPath, key, sha256: await sha256File(manifestPath), contentType: 'application/json' });
      } catch (error: unknown) {
        if (error instanceof UserError) throw error;
        throw new UserError(`run ${runId} stopped: ${error instanceof Error ? error.message : String(error)}. Every file is uploaded but nothing was committed. ${howToFinish(options.metadataPath)}`, EXIT_RESUMABLE);
      }
      manifestRef = `s3://${s3.target.bucket}/${key}`;
    }
    await commitMetadata(metadataPath, { ...before, tables: after, runs: [...before.runs, { ...run, manifest: manifestRef }] }, loaded);
    await removePendingRun(metadataPath);
    if (s3) {
      // The staging folders were only a way station; the manifest's home is beside the objects.
      await rm(manifestPath, { force: true });
      for (const directory of [...directories, dirname(manifestPath)]) await rmdir(directory).catch(() => undefined);
    }
    phase('commit metadata');
    const rows = Object.values(summaryTables).reduce((n, t) => n + t.rows, 0);
    return {
      run_id: runId,
      resumed: resuming !== undefined,
      seed,
      as_of: asOf,
      out,
      metadata: metadataPath,
      workers: options.workers,
      file_size_limit_mb: fileSizeLimitMB,
      tables: summaryTables,
      ...(uploads && s3
        ? {
            upload: {
              target: describeTarget(s3.target),
              objects: parts.length,
              bytes: uploads.bytes,
              seconds: uploads.busyMs / 1000,
              mb_per_second: uploads.busyMs > 0 ? uploads.bytes / 1e6 / (uploads.busyMs / 1000) : 0,
            },
          }
        : {}),
      rows,
      bytes: Object.values(summaryTables).reduce((n, t) => n + t.bytes, 0),
      seconds,
      rows_per_second: rows / Math.max(seconds, 1e-9),
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
      command,
    };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pool.destroy();
    await rm(scratch, { recursive: true, force: true });
    // Nothing to remove: a run that stopped after recording itself keeps its files for --resume or
    // --discard-interrupted, and one that stopped before wrote none.
  }
}

/** A worker's failure to write `path`: the causes a user can fix get one line saying how. */
function writeFailure(path: string, result: { readonly code: string; readonly message: string }): Error {
  if (result.code === 'ENOSPC' || /no space left on device/i.test(result.message)) {
    return new UserError(`no space left on the device while writing ${path}: free some space, or pass another --out (or TMPDIR for the sizing samples)`);
  }
  if (result.code === 'EFBIG' || /file too large/i.test(result.message)) {
    return new UserError(`${path} hit this process's file-size limit (ulimit -f): raise it or pass a smaller --file-size-limit`);
  }
  return new Error(`writing ${path} failed: ${result.message}`);
}

/** The sentence every stopped run ends with. */
export function howToFinish(metadataPath: string): string {
  const metadata = resolve(metadataPath) === resolve('./metadata.json') ? '' : ` --metadata ${metadataPath}`;
  return `Run the same command again (or synthgen --resume${metadata}) to finish it, or synthgen --discard-interrupted${metadata} to remove what it wrote.`;
}

export function defaultWorkers(): number {
  return availableParallelism();
}
