/**
 * DuckDB's Node API, loaded with require() when first asked for. Imported from an ES module instead, Node first runs
 * its CommonJS export scanner over the package, which re-exports ~180 files (`__exportStar`), each read and scanned
 * before any of them runs: on a 2-core box that made the import take ~0.25 s against ~0.12 s for require(), paid by
 * every worker thread as it starts. Only what opens a DuckDB asks for it (a worker thread, verify), so the
 * coordinator of a run, which never opens one, does not load the native binding at all.
 */
import { createRequire } from 'node:module';

import type { DuckDBConnection } from '@duckdb/node-api';

export type DuckDBApi = typeof import('@duckdb/node-api');

let api: DuckDBApi | undefined;

export function duckdbApi(): DuckDBApi {
  api ??= createRequire(import.meta.url)('@duckdb/node-api') as DuckDBApi;
  return api;
}

/**
 * Runs `use` on a DuckDB of the coordinator's own (a schema file's checks, reading the original tool's files): in
 * memory, on one thread, in UTC like the workers', with extensions neither installed nor loaded, so what it runs
 * reaches nothing a run's workers could not. Closed whatever `use` does.
 */
export async function withDuckDB<T>(use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await duckdbApi().DuckDBInstance.create(':memory:', { threads: '1', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`SET TimeZone = 'UTC'`);
      return await use(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
