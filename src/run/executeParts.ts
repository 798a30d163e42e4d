/**
 * Execute: run every part of the plan on the worker pool, `workers` at a time, in table order. Each part's file is
 * written beside its name by a worker, recorded in the journal (with its inode, size and modification time, so it can be proved ours later), and
 * only then linked into place; with S3 it is queued for upload as soon as it is. Parts are computed from the plan's
 * rule one at a time, so memory grows with the files written, never with the parts planned.
 */
import { link, lstat, rm, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Piscina } from 'piscina';
import type { PartTask, SampleTask, WorkerResult } from '../workers/task.js';
import { isErrno } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import { sha256File } from '../files/fileChecksum.js';
import { sameFile } from '../files/ownFile.js';
import type { WrittenFile } from '../state/pendingRun.js';
import { type PlannedPart, type TablePlan, partAt } from './plan.js';
import type { Reservation } from './reserve.js';
import type { CompiledTable } from '../schema/compileTable.js';
import type { PoolTableSpec } from '../schema/poolFile.js';
import type { RunJournal } from './runJournal.js';
import type { FileSummary, ProgressEvent, S3RunOptions } from './runTypes.js';
import { objectKey } from '../output/s3/s3Target.js';
import type { UploadQueue } from '../output/s3/uploadQueue.js';
import { writeFailure } from '../errors/writeFailure.js';

export interface ExecuteContext {
  readonly pool: Piscina<PartTask | SampleTask, WorkerResult>;
  readonly journal: RunJournal;
  readonly tables: readonly string[];
  readonly plans: Readonly<Record<string, TablePlan>>;
  readonly reserved: ReadonlyMap<string, Reservation>;
  readonly out: string;
  readonly stamp: string;
  /** Each table's query, compiled once for the run, and its pools. */
  readonly compiled: ReadonlyMap<string, CompiledTable>;
  readonly pools: ReadonlyMap<string, PoolTableSpec | undefined>;
  readonly memoryLimit: string;
  readonly stopChannel: string;
  readonly profile: boolean;
  readonly workers: number;
  readonly s3?: S3RunOptions;
  readonly uploads?: UploadQueue;
  /** Paths of the parts under way: the CLI's second Ctrl-C removes their partial files. */
  readonly inFlight: Set<string>;
  readonly stopped: () => boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface Executed {
  /** `table:index` -> the file. */
  readonly results: Map<string, FileSummary>;
  readonly failure?: Error;
  readonly heldBackMs: number;
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
  return new UserError(`${path} already exists and was not written by this run: synthgen never overwrites or removes files it did not write; move it away, or pass another --out`);
}

/** A part this run may already have finished: its summary if the file (or object) is in place, else undefined. */
async function alreadyDone(context: ExecuteContext, part: PlannedPart, summary: (bytes: number, sha256: string) => FileSummary): Promise<FileSummary | undefined> {
  const { journal } = context;
  const written = journal.written(part.table, part.index);
  const uploaded = journal.uploaded(part.table, part.index);
  const found = await identity(part.path, written);
  if (uploaded) {
    // Confirmed in the bucket before the interruption: any staging copy left behind is expendable, if it is ours.
    if (found?.ours) await rm(part.path, { force: true });
    return summary(written?.bytes ?? 0, uploaded);
  }
  if (found && !found.ours) throw notOurs(part.path);
  if (found && written && (await sha256File(part.path)) === written.sha256) return summary(written.bytes, written.sha256);
  if (found) await rm(part.path, { force: true }); // ours, but its bytes changed in place: made again, the same bytes
  if (written) await journal.forgetWritten(part.table, part.index);
  return undefined;
}

/** Writes one part: the worker writes it beside its name, the journal records it, then it is linked into place. */
async function writeOne(context: ExecuteContext, part: PlannedPart): Promise<WorkerResult> {
  const compiled = context.compiled.get(part.table);
  if (!compiled) throw new Error(`no query for ${part.table}`);
  context.inFlight.add(part.path);
  try {
    const result = await context.pool.run({
      kind: 'part',
      query: compiled.select(part.firstId, part.lastId),
      rows: part.lastId - part.firstId + 1,
      pools: context.pools.get(part.table),
      path: part.path,
      memoryLimit: context.memoryLimit,
      stopChannel: context.stopChannel,
      profile: context.profile,
    });
    if (result.state === 'failed' || result.kind !== 'part') return result;
    try {
      await context.journal.markWritten(part.table, part.index, { sha256: result.sha256, bytes: result.bytes, inode: result.inode, mtime_ns: result.mtimeNs });
      await link(result.partialPath, part.path);
    } catch (error: unknown) {
      if (isErrno(error, 'EEXIST')) await context.journal.forgetWritten(part.table, part.index);
      throw error;
    } finally {
      await unlink(result.partialPath).catch(() => undefined);
    }
    return result;
  } finally {
    context.inFlight.delete(part.path);
  }
}

function* partsOf(context: ExecuteContext): Generator<PlannedPart> {
  for (const table of context.tables) {
    const plan = context.plans[table];
    if (!plan) throw new Error(`no plan for ${table}`);
    for (let index = 0; index < plan.parts; index += 1) yield partAt(plan, index, context.out, context.stamp);
  }
}

export async function executeParts(context: ExecuteContext): Promise<Executed> {
  const results = new Map<string, FileSummary>();
  const { s3, uploads } = context;
  let failure: Error | undefined;
  let heldBackMs = 0;
  const queue = partsOf(context);
  const runOne = async (): Promise<void> => {
    while (failure === undefined && !context.stopped() && uploads?.failure === undefined) {
      const next = queue.next();
      if (next.done) return;
      const part = next.value;
      const rows = part.lastId - part.firstId + 1;
      const key = s3 ? objectKey(s3.target, part.table, basename(part.path)) : '';
      const object = s3 ? `s3://${s3.target.bucket}/${key}` : undefined;
      const summary = (bytes: number, sha256: string): FileSummary => ({ path: part.path, ...(object ? { object } : {}), rows, bytes, first_id: part.firstId, last_id: part.lastId, sha256 });
      try {
        let file = await alreadyDone(context, part, summary);
        if (!file) {
          const result = await writeOne(context, part);
          if (result.state === 'failed') {
            failure ??= writeFailure(part.path, result);
            return;
          }
          if (result.kind !== 'part') throw new Error('a part task returned a sample');
          file = summary(result.bytes, result.sha256);
          context.onProgress?.({ type: 'part', table: part.table, path: part.path, rows, bytes: result.bytes, timings: result.timings });
        }
        results.set(partKey(part.table, part.index), file);
        if (uploads && s3 && !context.journal.uploaded(part.table, part.index)) {
          // Generation may run ahead of uploads, but not without bound: staging space stays bounded.
          const held = performance.now();
          await uploads.below(s3.uploadConcurrency * 2 + context.workers);
          heldBackMs += performance.now() - held;
          uploads.add({ path: part.path, key, sha256: file.sha256, bytes: file.bytes, table: part.table, index: part.index });
        }
      } catch (error: unknown) {
        failure ??= isErrno(error, 'EEXIST') ? notOurs(part.path) : error instanceof Error ? error : new Error(String(error));
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: context.workers }, runOne));
  return { results, ...(failure ? { failure } : {}), heldBackMs };
}
