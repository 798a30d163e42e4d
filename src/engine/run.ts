/**
 * One run, start to commit: load the metadata, reserve each table's ID range, size and plan the parts, run them on
 * the worker pool, and commit the metadata only when every part is written. A run that fails removes what it wrote
 * and leaves the metadata as it was, so the IDs it had reserved are simply reused by the next run.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { access, mkdir, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Piscina } from 'piscina';
import { ROW_GROUP_ROWS } from '../workers/parquet.js';
import type { PartTask, PartTimings, SampleTask, WorkerResult } from '../workers/task.js';
import { UserError } from './errors.js';
import { type LoadedMetadata, type Metadata, type RunRecord, type TableState, commitMetadata, loadMetadata } from './metadata.js';
import { type PlannedPart, fileStamp, planParts } from './plan.js';
import { cachedValue } from './cache.js';
import { rowsPerPart } from './partSize.js';
import { writePoolFile } from './poolFile.js';
import { type ParentRange, type Segment, isLegacy } from './segment.js';
import { TABLES, tableNamed } from './tables/index.js';

export const DEFAULT_FILE_SIZE_MB = 128;
const MB = 1_000_000;

export interface RunOptions {
  readonly tables: readonly string[];
  /** Rows to generate per table. */
  readonly rows: Readonly<Record<string, number>>;
  readonly out: string;
  readonly metadataPath: string;
  readonly seed: number;
  readonly asOf: string;
  readonly workers: number;
  /** In MB (10^6 bytes); no file is larger. */
  readonly fileSizeLimitMB: number;
  readonly command: string;
  readonly onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { readonly type: 'phase'; readonly phase: string; readonly seconds: number }
  | { readonly type: 'planned'; readonly parts: number; readonly rows: number }
  | {
      readonly type: 'part';
      readonly table: string;
      readonly path: string;
      readonly rows: number;
      readonly bytes: number;
      readonly timings: PartTimings;
    };

export interface FileSummary {
  readonly path: string;
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

export interface RunSummary {
  readonly run_id: string;
  readonly seed: number;
  readonly as_of: string;
  readonly out: string;
  readonly metadata: string;
  readonly workers: number;
  readonly file_size_limit_mb: number;
  readonly tables: Readonly<Record<string, TableSummary>>;
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

/** Tables in an order where parents come before children (the registry's order). */
function inDependencyOrder(names: readonly string[]): string[] {
  return TABLES.map((table) => table.name).filter((name) => names.includes(name));
}

function recomputable(state: TableState | undefined): Segment[] {
  return (state?.segments ?? []).filter((segment): segment is Segment => !isLegacy(segment));
}

function parentRanges(segments: readonly Segment[]): ParentRange[] {
  return segments.map(({ first_id, last_id, seed, as_of, version }) => ({ first_id, last_id, seed, as_of, version }));
}

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

/** A stamp no existing file of these tables starts with, so a run never collides with an earlier one's files. */
async function freshStamp(directories: readonly string[], start: Date): Promise<string> {
  const existing = new Set<string>();
  for (const directory of directories) {
    for (const name of await readdir(directory).catch(() => [])) existing.add(name.slice(0, 14));
  }
  let time = start.getTime();
  while (existing.has(fileStamp(new Date(time)))) time += 1000;
  return fileStamp(new Date(time));
}

function memoryLimitPerWorker(workers: number): string {
  const share = Math.floor((totalmem() * 0.5) / workers / 1024 / 1024);
  return `${Math.max(256, Math.min(share, 4096))}MB`;
}

export async function runGeneration(options: RunOptions): Promise<RunSummary> {
  const started = new Date();
  const startedAt = performance.now();
  const runId = `${fileStamp(started)}-${randomUUID().slice(0, 8)}`;
  const tables = inDependencyOrder(options.tables);
  const metadataPath = resolve(options.metadataPath);
  const out = resolve(options.out);
  const loaded: LoadedMetadata = await loadMetadata(metadataPath);
  const before: Metadata = loaded.metadata;

  // Reserve ranges and check references before anything is written.
  const reserved = new Map<string, { first: number; last: number; parents: Record<string, ParentRange[]> }>();
  const after: Record<string, TableState> = { ...before.tables };
  for (const name of tables) {
    const definition = tableNamed(name);
    if (!definition) throw new UserError(`unknown table ${name}`);
    const state = before.tables[name];
    for (const segment of recomputable(state)) {
      if (segment.version !== definition.version) {
        throw new UserError(
          `existing ${name} rows were made by generator version ${segment.version}, this synthgen makes version ${definition.version}: use the synthgen release that made them, or a new --metadata and --out`,
        );
      }
    }
    const parents: Record<string, ParentRange[]> = {};
    for (const reference of definition.parents) {
      const parentSegments = recomputable(after[reference.table]);
      if (parentSegments.length === 0) {
        const legacyOnly = (after[reference.table]?.segments.length ?? 0) > 0;
        throw new UserError(
          legacyOnly
            ? `existing ${reference.table} were made by the legacy tool and cannot be recomputed, so ${name} cannot reference them: generate ${reference.table} with synthgen first, e.g. synthgen --table-names ${reference.table} --num-rows 1000`
            : `No existing ${reference.table} found: generate ${reference.table} first, e.g. synthgen --table-names ${reference.table} --num-rows 1000`,
        );
      }
      const latest = parentSegments.reduce((max, s) => (Date.parse(s.as_of) > max ? Date.parse(s.as_of) : max), 0);
      if (Date.parse(options.asOf) < latest) {
        throw new UserError(
          `--as-of ${options.asOf} is earlier than the as-of of existing ${reference.table} (${new Date(latest).toISOString()}): ${name} cannot be placed before their parents exist; pass a later --as-of`,
        );
      }
      parents[reference.table] = parentRanges(parentSegments);
    }
    const rows = options.rows[name] ?? 0;
    const first = (state?.last_id ?? 0) + 1;
    const last = first + rows - 1;
    if (!Number.isSafeInteger(last)) throw new UserError(`--num-rows for ${name} would take IDs past 2^53: use fewer rows`);
    reserved.set(name, { first, last, parents });
    const segment: Segment = {
      first_id: first,
      last_id: last,
      seed: options.seed,
      as_of: options.asOf,
      version: definition.version,
      run_id: runId,
      ...(definition.parents.length > 0
        ? { parents: Object.fromEntries(definition.parents.map((p) => [p.table, after[p.table]?.last_id ?? 0])) }
        : {}),
    };
    after[name] = { last_id: last, segments: [...(state?.segments ?? []), segment] };
  }

  const directories = tables.map((name) => join(out, name));
  for (const directory of directories) await checkWritable(directory);
  const stamp = await freshStamp(directories, started);
  const runStamps = new Set([stamp]);
  const limitBytes = options.fileSizeLimitMB * MB;
  const memoryLimit = memoryLimitPerWorker(options.workers);

  const pool = new Piscina<PartTask | SampleTask, WorkerResult>({
    filename: new URL('../workers/generatePart.js', import.meta.url).href,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: 60_000,
  });
  // Ctrl-C or a termination request: stop dispatching, let the parts under way finish (ending a worker in the middle
  // of a DuckDB query aborts the process), then the finally below removes what this run wrote: it committed nothing,
  // so its IDs are free again. A second signal exits at once, removing the finished files first.
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      for (const path of written) rmSync(path, { force: true });
      process.stderr.write(`\nsynthgen: stopped by ${signal}; removed ${written.length} finished files, metadata unchanged\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    interrupted = signal;
    process.stderr.write(`\nsynthgen: ${signal}: finishing the parts under way, then removing this run's files (again to stop now)\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.onProgress?.({ type: 'phase', phase: name, seconds: (now - phaseStart) / 1000 });
    phaseStart = now;
  };
  phase('load metadata and reserve IDs');
  const written: string[] = [];
  const scratch = join(tmpdir(), `synthgen-run-${runId}`);
  try {
    await mkdir(scratch, { recursive: true });
    const poolFiles = new Map<string, string>();
    for (const name of tables) {
      const definition = tableNamed(name);
      if (definition) poolFiles.set(name, await writePoolFile(scratch, definition));
    }
    phase('build value pools');
    // Size every table's parts (samples of all tables run in parallel), then plan.
    const sizes = await Promise.all(
      tables.map(async (name) => {
        const range = reserved.get(name);
        if (!range) throw new Error('unreachable');
        const definition = tableNamed(name);
        // The sample references as many parents as the run will: how many distinct IDs a part holds changes how
        // its foreign keys compress (dictionary or plain), and so its size.
        const parentTotals = (definition?.parents ?? []).map((p) => [
          p.table,
          (range.parents[p.table] ?? []).reduce((n, r) => n + r.last_id - r.first_id + 1, 0),
        ] as const);
        const sampleParents = Object.fromEntries(
          parentTotals.map(([table, total]) => [table, [{ first_id: 1, last_id: total, seed: SAMPLE_SEED, as_of: SAMPLE_AS_OF, version: 1 }]]),
        );
        const parentKey = parentTotals.map(([table, total]) => `-${table}${total}`).join('');
        let samples = 0;
        // Samples use a fixed seed, so their sizes depend only on the code: cached across runs (see cache.ts).
        const sampler = (rows: number) =>
          cachedValue(`sample-${name}-v${definition?.version ?? 0}-${rows}${parentKey}.json`, async () => {
            samples += 1;
            const result = await pool.run({
              kind: 'sample',
              table: name,
              seed: SAMPLE_SEED,
              asOf: SAMPLE_AS_OF,
              firstId: 1,
              lastId: rows,
              parents: sampleParents,
              scratchPath: join(scratch, `${name}-${samples}.parquet`),
              poolFile: poolFiles.get(name) ?? '',
              memoryLimit,
            });
            if (result.state === 'failed') throw new Error(`sizing ${name} failed: ${result.message}`);
            return result.bytes;
          });
        return rowsPerPart(sampler, limitBytes, range.last - range.first + 1, ROW_GROUP_ROWS);
      }),
    );

    const parts: PlannedPart[] = tables.flatMap((name, index) => {
      const range = reserved.get(name);
      if (!range) throw new Error('unreachable');
      return planParts({
        table: name,
        firstId: range.first,
        lastId: range.last,
        rowsPerPart: sizes[index] ?? 1,
        directory: join(out, name),
        stamp,
      });
    });
    phase('size parts (calibration samples)');
    options.onProgress?.({ type: 'planned', parts: parts.length, rows: parts.reduce((n, p) => n + p.lastId - p.firstId + 1, 0) });

    const results = new Map<PlannedPart, FileSummary>();
    let failure: Error | undefined;
    let next = 0;
    const runOne = async (): Promise<void> => {
      while (failure === undefined && interrupted === undefined && next < parts.length) {
        const part = parts[next];
        next += 1;
        if (!part) break;
        const range = reserved.get(part.table);
        if (!range) throw new Error('unreachable');
        const result = await pool.run({
          kind: 'part',
          table: part.table,
          seed: options.seed,
          asOf: options.asOf,
          firstId: part.firstId,
          lastId: part.lastId,
          parents: range.parents,
          path: part.path,
          poolFile: poolFiles.get(part.table) ?? '',
          memoryLimit,
        });
        if (result.state === 'failed') {
          failure ??=
            result.code === 'EEXIST'
              ? new UserError(`${part.path} already exists: synthgen never overwrites files; move it away or pass another --out`)
              : result.code === 'ENOSPC'
                ? new UserError(`no space left on the device while writing ${part.path}: free some space or pass another --out`)
                : new Error(`writing ${part.path} failed: ${result.message}`);
          return;
        }
        if (result.kind !== 'part') throw new Error('unreachable');
        written.push(result.path);
        results.set(part, {
          path: result.path,
          rows: result.rows,
          bytes: result.bytes,
          first_id: part.firstId,
          last_id: part.lastId,
          sha256: result.sha256,
        });
        options.onProgress?.({
          type: 'part',
          table: part.table,
          path: result.path,
          rows: result.rows,
          bytes: result.bytes,
          timings: result.timings,
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.workers, parts.length) }, runOne));
    if (interrupted) throw interruptedError(interrupted, written.length);
    if (failure) throw failure;
    phase('generate and write parts');

    const summaryTables: Record<string, TableSummary> = {};
    for (const name of tables) {
      const range = reserved.get(name);
      if (!range) throw new Error('unreachable');
      const files = parts.filter((p) => p.table === name).map((p) => results.get(p)).filter((f): f is FileSummary => !!f);
      summaryTables[name] = {
        rows: range.last - range.first + 1,
        first_id: range.first,
        last_id: range.last,
        bytes: files.reduce((n, f) => n + f.bytes, 0),
        files,
      };
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const run: RunRecord = {
      run_id: runId,
      started_at: started.toISOString(),
      finished_at: new Date().toISOString(),
      seed: options.seed,
      as_of: options.asOf,
      command: options.command,
      tables: Object.fromEntries(
        Object.entries(summaryTables).map(([name, t]) => [name, { first_id: t.first_id, last_id: t.last_id, files: t.files.length, bytes: t.bytes }]),
      ),
    };
    await commitMetadata(metadataPath, { ...before, tables: after, runs: [...before.runs, run] }, loaded);
    written.length = 0;
    phase('commit metadata');
    const rows = Object.values(summaryTables).reduce((n, t) => n + t.rows, 0);
    return {
      run_id: runId,
      seed: options.seed,
      as_of: options.asOf,
      out,
      metadata: metadataPath,
      workers: options.workers,
      file_size_limit_mb: options.fileSizeLimitMB,
      tables: summaryTables,
      rows,
      bytes: Object.values(summaryTables).reduce((n, t) => n + t.bytes, 0),
      seconds,
      rows_per_second: rows / Math.max(seconds, 1e-9),
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
      command: options.command,
    };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pool.destroy();
    await rm(scratch, { recursive: true, force: true });
    // Files of a run that did not commit would reuse IDs with the next run: remove them, and the temporary files
    // of parts a terminated worker was writing.
    await Promise.all(written.map((path) => rm(path, { force: true })));
    for (const directory of directories) {
      const names = await readdir(directory).catch(() => [] as string[]);
      await Promise.all(
        names.filter((name) => name.startsWith(`.${stampOf(name)}`) && name.endsWith('.partial') && runStamps.has(stampOf(name))).map((name) => rm(join(directory, name), { force: true })),
      );
    }
  }
}

/** The 14-digit stamp a (temporary) part file name starts with, after any leading dot. */
function stampOf(name: string): string {
  return name.replace(/^\./, '').slice(0, 14);
}

function interruptedError(signal: NodeJS.Signals, removed: number): UserError {
  return new UserError(
    `interrupted by ${signal}: nothing was committed and the ${removed} file${removed === 1 ? '' : 's'} this run had finished were removed; the metadata is unchanged, so run the command again to generate them`,
    signal === 'SIGINT' ? 130 : 143,
  );
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export async function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
