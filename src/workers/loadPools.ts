/** Loads a table's pools into this thread's DuckDB once: the one-row table its part queries cross-join. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { poolColumn, poolTable } from '../engine/columns/poolAt.js';
import { pool } from '../engine/pools.js';
import { quotedIdentifier, quotedString } from '../engine/sql.js';
import type { TableDefinition } from '../engine/tableDefinition.js';

function listLiteral(values: readonly (string | number)[]): string {
  const numeric = values.every((value) => typeof value === 'number');
  if (numeric) return `[${values.join(', ')}]::DOUBLE[]`;
  return `[${values.map((value) => quotedString(String(value))).join(', ')}]`;
}

export async function loadPools(connection: DuckDBConnection, definition: TableDefinition): Promise<void> {
  if (definition.pools.length === 0) return;
  const columns = definition.pools.map((name) => `${listLiteral(pool(name))} AS ${quotedIdentifier(poolColumn(name))}`);
  await connection.run(`CREATE OR REPLACE TABLE ${quotedIdentifier(poolTable(definition.name))} AS SELECT ${columns.join(', ')}`);
}
