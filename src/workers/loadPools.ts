/**
 * Loads a query's pools into this thread's DuckDB: the one-row table its part queries cross-join. The coordinator
 * builds the pools once per run and writes them as JSON (see schema/poolFile.ts); DuckDB's JSON reader loads them in
 * ~60 ms, where SQL literals took ~750 ms and the appender ~400 ms per worker. They are loaded again for every part
 * although the thread keeps its DuckDB: with the table kept across parts, peak RSS for 1M orders on 2 workers rose
 * from ~380 MB to ~460 MB (medians of three), which costs more than the reload saves.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PoolTableSpec } from '../model/poolFile.js';
import { quotedIdentifier, quotedString } from '../model/sql.js';

export async function loadPools(connection: DuckDBConnection, spec: PoolTableSpec | undefined): Promise<void> {
  if (!spec) return;
  const columns = spec.columns.map((column) => `${quotedString(column.name)}: ${quotedString(column.type)}`);
  await connection.run(
    `CREATE OR REPLACE TABLE ${quotedIdentifier(spec.table)} AS SELECT * FROM read_json(${quotedString(spec.file)}, columns = {${columns.join(', ')}}, maximum_object_size = 67108864)`,
  );
  // A table, not read_parquet() in the query: joined to 1M rows, a million-row lookup cost 1.2 s loaded, 4.9 s read
  // from its file (measured in one DuckDB thread).
  for (const lookup of spec.lookups ?? []) {
    await connection.run(`CREATE OR REPLACE TABLE ${quotedIdentifier(lookup.table)} AS SELECT * FROM read_parquet(${quotedString(lookup.file)})`);
  }
}
