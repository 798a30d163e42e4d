/**
 * This worker thread's DuckDB: in-memory, in UTC, opened on the thread's first task and kept for the thread's life;
 * each task sets the threads and memory it may use (a part may get several threads when fewer parts are left than
 * cores, see workers/threadShares.ts), and the first says where it spills (spillFolder.ts). A fresh instance per part cost ~300 ms of CPU per part (a new instance and a cold allocator
 * faulting in every page again): 2M orders in 10 parts took 13-15 s on one worker, 11 s with one instance kept.
 */
import { threadId } from 'node:worker_threads';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdbApi } from './duckdbApi.js';
import { spillSettings } from './spillFolder.js';
import type { TaskLimits } from './task.js';

// Loaded as the worker thread starts, not on its first task: a thread starts before the run has planned its parts
// (runGeneration.ts), so this overlaps with the coordinator's work instead of delaying the first part.
const { DuckDBInstance: Instance } = duckdbApi();

/** The instance too, not only its connection: nothing may let it be collected while the thread lives. */
let opened: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;

/** A DuckDB set up as every worker thread's: the benchmark opens the same to measure what one worker does. */
export async function openWorkerDuckDB(memoryLimit: string, spill: Record<string, string> = {}): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await Instance.create(':memory:', {
    // Its own spill folder, bounded (spillFolder.ts); without one, it would spill into the working folder.
    ...spill,
    // Until a task says how many it may use: the run's thread budget is shared between the parts under way.
    threads: '1',
    // Rows keep their order whatever the threads: files are the same bytes at any split (see generatePart.ts).
    memory_limit: memoryLimit,
    preserve_insertion_order: 'true',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // Freed memory goes back to the OS from jemalloc's background thread over the half second after it is freed
    // (the decay the CLI sets, see relaunch.ts), not at once after every bulk deallocation (each row group's
    // buffers, ~100 MB). Given back at once (a 64 MB bulk-deallocation threshold, used before), the next row group
    // faulted every page in again, and on these VMs a page fault costs ~10 us: 10M orders on 2 workers took 32-38 s
    // with 1.5M faults, and take 25-32 s with 0.6-0.8M. Kept without the background thread, memory grew with the
    // rows (1M orders 435 MB, 10M 608 MB); with it peak RSS stays flat: 1M 395-415 MB, 10M 452-463 MB, 50M 442 MB
    // with the 0.5 s decay (the 64 MB threshold: ~370-420 MB).
    allocator_background_threads: 'true',
  });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  return { instance, connection };
}

/** The spill folder the thread's DuckDB was opened with: it cannot change once used (spillFolder.ts). */
let spilling: string | undefined;

/** The thread's connection, with the threads and memory limit this task may use, spilling where it says. */
export async function threadConnection({ threads, memoryLimit, spill }: TaskLimits): Promise<DuckDBConnection> {
  const settings = spillSettings(spill, threadId);
  if (spilling !== undefined && spilling !== settings.temp_directory) {
    throw new Error(`a worker thread spilling into ${spilling} was given a task spilling into ${settings.temp_directory}`);
  }
  opened ??= openWorkerDuckDB(memoryLimit, settings);
  spilling = settings.temp_directory;
  const { connection } = await opened.catch((error: unknown) => {
    opened = undefined;
    spilling = undefined;
    throw error;
  });
  await connection.run(`SET threads = ${threads}`);
  await connection.run(`SET memory_limit = '${memoryLimit}'`);
  return connection;
}
