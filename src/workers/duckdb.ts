/**
 * This worker thread's DuckDB: in-memory, single-threaded, in UTC, opened on the thread's first task and kept for
 * the thread's life. A fresh instance per part cost ~300 ms of CPU per part (a new instance and a cold allocator
 * faulting in every page again): 2M orders in 10 parts took 13-15 s on one worker, 11 s with one instance kept.
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

interface ThreadDuckDB {
  readonly memoryLimit: string;
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

let opened: Promise<ThreadDuckDB> | undefined;

async function open(memoryLimit: string): Promise<ThreadDuckDB> {
  const instance = await DuckDBInstance.create(':memory:', {
    // Parallelism comes from the worker pool, and a single thread keeps row order fixed.
    threads: '1',
    memory_limit: memoryLimit,
    preserve_insertion_order: 'true',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // A kept instance rarely gives freed memory back to the OS, and glibc's arenas then fragment over parts: peak
    // RSS grew from ~450 MB for 1M orders to ~630 MB for 10M. Past a bulk deallocation of this size (a part's
    // buffers), DuckDB trims the heap: ~400 MB and ~420 MB.
    allocator_bulk_deallocation_flush_threshold: '64MB',
  });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  return { memoryLimit, instance, connection };
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
