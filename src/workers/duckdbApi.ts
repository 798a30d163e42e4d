/**
 * DuckDB's Node API, loaded with require() when first asked for. Imported from an ES module instead, Node first runs
 * its CommonJS export scanner over the package, which re-exports ~180 files (`__exportStar`), each read and scanned
 * before any of them runs: on a 2-core box that made the import take ~0.25 s against ~0.12 s for require(), paid by
 * every worker thread as it starts. Only what opens a DuckDB asks for it (a worker thread, verify), so the
 * coordinator of a run, which never opens one, does not load the native binding at all.
 */
import { createRequire } from 'node:module';

export type DuckDBApi = typeof import('@duckdb/node-api');

let api: DuckDBApi | undefined;

export function duckdbApi(): DuckDBApi {
  api ??= createRequire(import.meta.url)('@duckdb/node-api') as DuckDBApi;
  return api;
}
