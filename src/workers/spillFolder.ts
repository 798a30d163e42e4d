/**
 * Where each worker thread's DuckDB spills what does not fit in its memory limit, and how much it may spill. Left to
 * itself, every in-memory DuckDB spills into `./.tmp` of the working folder under the same file names: two workers
 * spilling at once corrupted each other's temporary files (and the errors were blamed on the user's table), and a
 * killed run left gigabytes in the user's folder. So each thread gets a folder of its own, `thread-<id>` under the
 * run's `spill` folder inside the run's scratch folder, which the run removes at its end (and the next run, if this
 * one was killed: workers/scratchFolder.ts).
 *
 * A DuckDB's temporary folder can be set only until it is first used, so it is given when the thread's DuckDB opens,
 * from the thread's first task (duckdb.ts): the threads start before the run has its scratch folder
 * (workerPool.ts), so they cannot be told earlier.
 */
import { mkdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';

export interface SpillFolder {
  /** The run's spill folder: each thread spills into its own folder inside it (threadSpillFolder). */
  readonly folder: string;
  /** The most each DuckDB may spill (its `max_temp_directory_size`). */
  readonly maxBytes: number;
}

/** The share of the free space, when the run starts, that its DuckDBs may spill into in all. */
const FREE_SHARE = 0.5;
const MIB = 1024 * 1024;
/** Never 0, which DuckDB would take as no room at all before a single block. */
const MIN_SPILL_BYTES = 64 * MIB;

/**
 * The run's spill folder, created under `scratch`, bounded so that `duckdbs` DuckDBs spilling at once take at most
 * half the space free on its disk now: DuckDB's own default lets each take 90% of what is free, which several
 * together would overrun, and the output files often share that disk.
 */
export async function spillFolder(scratch: string, duckdbs: number): Promise<SpillFolder> {
  const folder = join(scratch, 'spill');
  await mkdir(folder, { recursive: true });
  const disk = await statfs(folder);
  const free = disk.bavail * disk.bsize;
  const each = Math.floor((free * FREE_SHARE) / Math.max(1, duckdbs) / MIB) * MIB;
  return { folder, maxBytes: Math.max(MIN_SPILL_BYTES, each) };
}

/** The folder the DuckDB of worker thread `threadId` spills into: DuckDB creates it (not its parents) when it must. */
export function threadSpillFolder(spill: SpillFolder, threadId: number): string {
  return join(spill.folder, `thread-${threadId}`);
}

/** DuckDB's settings for spilling as `spill` says, for the thread `threadId`. */
export function spillSettings(spill: SpillFolder, threadId: number): Record<string, string> {
  return { temp_directory: threadSpillFolder(spill, threadId), max_temp_directory_size: `${Math.floor(spill.maxBytes / MIB)}MiB` };
}
