/**
 * How many workers a run starts and how much memory each gets. A run never starts more workers than it has parts,
 * and refuses, before writing anything, a worker count whose memory cannot fit the machine.
 */
import { totalmem } from 'node:os';
import { UserError } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';

const MB = 1024 * 1024;
/** DuckDB's memory limit per worker is never below this: a part's COPY peaked at ~200 MB resident per worker. */
export const MIN_WORKER_MEMORY_MB = 256;
const MAX_WORKER_MEMORY_MB = 4096;
/** Workers may use this share of the machine's memory in all; the rest is the coordinator's, the OS's and others'. */
const MEMORY_SHARE = 0.75;

/** The most workers whose minimum memory fits in this machine. */
export function maxWorkersForMemory(machineBytes = totalmem()): number {
  return Math.max(1, Math.floor((machineBytes * MEMORY_SHARE) / (MIN_WORKER_MEMORY_MB * MB)));
}

/** The workers a run of `parts` parts starts: at most one per part; refused when they cannot fit in memory. */
export function workersFor(requested: number, parts: number, machineBytes = totalmem()): number {
  const workers = Math.max(1, Math.min(requested, parts));
  const most = maxWorkersForMemory(machineBytes);
  if (workers > most) {
    throw new UserError(
      (w) => `${w.threads} ${requested} needs ${workers} x ${MIN_WORKER_MEMORY_MB} MB of memory for this run's ${parts} parts, and this machine has ${Math.round(machineBytes / MB / 1024)} GiB: pass ${w.threads} ${most} or fewer`,
    );
  }
  return workers;
}

/** The DuckDB memory limit of each of `workers` workers: half the machine, shared, 256 MB to 4 GB each. */
export function memoryLimitPerWorker(workers: number, machineBytes = totalmem()): string {
  return memoryLimitForThreads(1, workers, undefined, machineBytes);
}

/** Below this, DuckDB cannot hold even the buffers it never spills (a row group's column writers). */
const MIN_SET_MEMORY_MB = 16;

/**
 * A memory limit per DuckDB thread, in MB, as the door reads it (the CLI: SYNTHGEN_WORKER_MEMORY_MB), in place of a
 * thread's share of the machine: for a container whose limit the machine's memory does not show, or to make a run
 * spill on purpose. Unset or empty: undefined.
 */
export function parseMemoryPerThreadMB(text: string | undefined, name = 'SYNTHGEN_WORKER_MEMORY_MB'): number | undefined {
  if (text === undefined || text === '') return undefined;
  const mb = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(mb) || mb < MIN_SET_MEMORY_MB) {
    throw new UserError(`${name}=${JSON.stringify(text)} is not a whole number of megabytes of at least ${MIN_SET_MEMORY_MB}: set it to one, or unset it`);
  }
  return mb;
}

/**
 * The DuckDB memory limit of a task with `threads` of the run's `budget` threads, in MB (2^20 bytes): its threads'
 * share of half the machine, 256 MB to 4 GB a thread (each thread buffers the row group it encodes), never below
 * 256 MB in all; or `setMB` a thread, when the caller sets one (parseMemoryPerThreadMB).
 */
export function memoryMBForThreads(threads: number, budget: number, setMB?: number, machineBytes = totalmem()): number {
  if (setMB !== undefined) return setMB * threads;
  const perThread = Math.min(Math.floor((machineBytes * 0.5) / budget / MB), MAX_WORKER_MEMORY_MB);
  return Math.max(MIN_WORKER_MEMORY_MB, perThread * threads);
}

/** memoryMBForThreads as DuckDB's memory_limit setting. */
export function memoryLimitForThreads(threads: number, budget: number, setMB?: number, machineBytes = totalmem()): string {
  return `${memoryMBForThreads(threads, budget, setMB, machineBytes)}MB`;
}

/**
 * A row group (of `rows` rows of `table`) that cannot fit in the memory of one worker thread, `limitMB`: each thread
 * writing a part holds the row group it encodes. `neededMB`: the least it would take, when known before trying.
 */
export function rowGroupTooLarge(table: string, rows: number, limitMB: number, neededMB?: number): UserError {
  const needs = neededMB === undefined ? 'does not fit in' : `needs at least ${Math.ceil(neededMB).toLocaleString('en-US')} MB, more than`;
  // Fewer workers share half the machine among fewer threads, up to the most a thread may have.
  const fewer = (w: Vocabulary) => (limitMB < MAX_WORKER_MEMORY_MB ? `, or fewer ${w.threads}` : '');
  return new UserError(
    (w) => `a row group of ${rows.toLocaleString('en-US')} rows of ${table} ${needs} the ${limitMB.toLocaleString('en-US')} MB of memory a worker thread has: pass a smaller ${w.rowGroupSize} (or ${w.fileSizeLimit}: a file of fewer rows than a row group is one row group)${fewer(w)}`,
  );
}
