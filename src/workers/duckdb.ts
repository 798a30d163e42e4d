/** This thread's DuckDB: one in-memory instance, created on first use and kept, single-threaded, in UTC. */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

let connection: Promise<DuckDBConnection> | undefined;

async function open(memoryLimit: string): Promise<DuckDBConnection> {
  // threads=1: parallelism comes from the worker pool, and a single thread keeps row order fixed.
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    memory_limit: memoryLimit,
    preserve_insertion_order: 'true',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const created = await instance.connect();
  await created.run(`SET TimeZone = 'UTC'`);
  return created;
}

export function threadConnection(memoryLimit: string): Promise<DuckDBConnection> {
  connection ??= open(memoryLimit);
  return connection;
}
