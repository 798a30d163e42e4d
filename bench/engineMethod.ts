/** synthgen's per-part work and the write floor, in-process on one DuckDB thread: exactly what one worker does. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileTable } from '../src/model/compileTable.js';
import type { CompiledTable } from '../src/model/compiledTable.js';
import { standInOwn, standInParents } from '../src/model/time/standInRanges.js';
import { writePoolFile } from '../src/model/poolFile.js';
import { quotedString } from '../src/model/sql.js';
import type { TableDefinition } from '../src/model/tableDefinition.js';
import { loadPools } from '../src/workers/loadPools.js';
import { PARQUET_OPTIONS } from '../src/workers/generatePart.js';
import { tableRegistry } from '../src/index.js';
import { PART_IDS_TABLE } from '../src/workers/task.js';
import { tallyLoadSql } from '../src/model/tallies.js';

const AS_OF = '2026-01-01T00:00:00Z';

/** Rows a bench table's parents have. */
const PARENT_ROWS = 1_000_000;
/** Rows of the bench's run of a table: its parts' creation times spread over a 3-year window as a run's would. */
const RUN_ROWS = 1_000_000;

/** The table compiled as a first run of RUN_ROWS rows over parents of PARENT_ROWS. */
export function benchCompile(definition: TableDefinition): CompiledTable {
  // The built-in tables, and the table itself when it is not one of them (the bench's schema-defined table).
  const builtin = tableRegistry().lookup;
  const lookup = (name: string) => (name === definition.name ? definition : builtin(name));
  const parents = standInParents(definition.name, lookup, { rows: () => PARENT_ROWS, seed: 1, asOf: AS_OF });
  return compileTable(definition, { seed: 1, asOf: AS_OF, own: standInOwn(RUN_ROWS, AS_OF), parents }, lookup);
}

/** The part query over the IDs table, as workers run it (generatePart.ts); the table is filled by `fillIds`. */
function rowsQuery(definition: TableDefinition): string {
  return benchCompile(definition).selectFrom(PART_IDS_TABLE);
}

/**
 * The IDs 1..rows, in the table the part query reads, as a worker fills it before each part, and the tallies the
 * table reads (stand-in values for 70% of rows, as a sizing sample has: the bench makes no referencing table).
 */
async function fillIds(connection: DuckDBConnection, definition: TableDefinition, rows: number): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE ${PART_IDS_TABLE} AS SELECT range AS id FROM range(1, ${rows + 1})`);
  for (const layout of benchCompile(definition).tallies) await connection.run(tallyLoadSql({ ...layout, files: [], standIn: 0.7 }, 1, rows));
}

export async function preparePools(connection: DuckDBConnection, definition: TableDefinition, scratch: string): Promise<void> {
  // Every pool it declares (the cheapest generator reads any of them) and the engine's, loaded as a part's are.
  const registry = tableRegistry();
  const pools = [...definition.pools, ...benchCompile(definition).pools.filter((pool) => !definition.pools.includes(pool))];
  await loadPools(connection, await writePoolFile(scratch, { table: definition.name, pools }, (pool) => registry.poolCache(pool)));
}

/** Computes a query's rows and COPYs them to Parquet with the parts' settings (or `options` in their place). */
export async function queryRows(connection: DuckDBConnection, query: string, path: string, options: string = PARQUET_OPTIONS): Promise<void> {
  await connection.run(`COPY (${query}) TO ${quotedString(path)} (${options})`);
}

/** What a worker does for a part: compute the rows in SQL and COPY them to Parquet. */
export async function engineRows(connection: DuckDBConnection, definition: TableDefinition, rows: number, path: string, options: string = PARQUET_OPTIONS): Promise<void> {
  await fillIds(connection, definition, rows);
  await queryRows(connection, rowsQuery(definition), path, options);
}

/** Materializes a query's rows in memory (untimed) so that floorCopy() times the Parquet write alone. */
export async function materializeQuery(connection: DuckDBConnection, table: string, query: string): Promise<string> {
  await connection.run(`CREATE OR REPLACE TABLE ${table} AS ${query}`);
  return table;
}

/** The rows engineRows() writes, materialized. */
export async function materialize(connection: DuckDBConnection, definition: TableDefinition, rows: number): Promise<string> {
  await fillIds(connection, definition, rows);
  return materializeQuery(connection, `floor_${definition.name}`, rowsQuery(definition));
}

export async function floorCopy(connection: DuckDBConnection, table: string, path: string): Promise<void> {
  await connection.run(`COPY ${table} TO ${quotedString(path)} (${PARQUET_OPTIONS})`);
}
