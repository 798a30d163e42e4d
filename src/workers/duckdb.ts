/**
 * This worker thread's DuckDB: in-memory, single-threaded, in UTC, opened on the thread's first task and kept for
 * the thread's life. A fresh instance per part cost ~300 ms of CPU per part (a new instance and a cold allocator
 * faulting in every page again): 2M orders in 10 parts took 13-15 s on one worker, 11 s with one instance kept.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdbApi } from './duckdbApi.js';

// Loaded as the worker thread starts, not on its first task: a thread starts before the run has planned its parts
// (runGeneration.ts), so this overlaps with the coordinator's work instead of delaying the first part.
const { DuckDBInstance: Instance } = duckdbApi();

interface ThreadDuckDB {
  readonly memoryLimit: string;
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

let opened: Promise<ThreadDuckDB> | undefined;

/** A DuckDB set up as every worker thread's: the benchmark opens the same to measure what one worker does. */
export async function openWorkerDuckDB(memoryLimit: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await Instance.create(':memory:', {
    // Parallelism comes from the worker pool, and a single thread keeps row order fixed.
    threads: '1',
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

async function open(memoryLimit: string): Promise<ThreadDuckDB> {
  return { memoryLimit, ...(await openWorkerDuckDB(memoryLimit)) };
}

/** The thread's connection; a task asking for another memory limit (never within one run) gets a new instance. */
export async function threadConnection(memoryLimit: string): Promise<DuckDBConnection> {
  const current = opened ? await opened.catch(() => undefined) : undefined;
  if (current?.memoryLimit === memoryLimit) return current.connection;
  if (current) {
    current.connection.closeSync();
    current.instance.closeSync();
  }
  opened = open(memoryLimit);
  return (await opened).connection;
}
