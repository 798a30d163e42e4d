/** The first row a query returns, as JSON values (BIGINTs as strings), or an empty row when it returns none. */
import type { DuckDBConnection } from '@duckdb/node-api';

export async function queryRow(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  return (reader.getRowObjectsJson()[0] ?? {}) as Record<string, unknown>;
}
