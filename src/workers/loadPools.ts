/**
 * Loads a table's pools into this thread's DuckDB: the one-row table its part queries cross-join. The coordinator
 * builds the pools once per run and writes them as JSON (see schema/poolFile.ts); DuckDB's JSON reader loads them in
 * ~60 ms, where SQL literals took ~750 ms and the appender ~400 ms per worker. They are loaded again for every part
 * although the thread keeps its DuckDB: with the table kept across parts, peak RSS for 1M orders on 2 workers rose
 * from ~380 MB to ~460 MB (medians of three), which costs more than the reload saves.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { poolColumn, poolTable, poolType } from '../schema/columns/poolAt.js';
import { quotedIdentifier, quotedString } from '../schema/sql.js';
import type { TableDefinition } from '../schema/tableDefinition.js';

export async function loadPools(connection: DuckDBConnection, definition: TableDefinition, poolFile: string): Promise<void> {
  if (definition.pools.length === 0) return;
  const columns = definition.pools.map((name) => `${quotedString(poolColumn(name))}: ${quotedString(poolType(name))}`);
  await connection.run(
    `CREATE OR REPLACE TABLE ${quotedIdentifier(poolTable(definition.name))} AS SELECT * FROM read_json(${quotedString(poolFile)}, columns = {${columns.join(', ')}}, maximum_object_size = 67108864)`,
  );
}
