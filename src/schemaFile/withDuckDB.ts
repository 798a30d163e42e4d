/**
 * The DuckDB a schema file's checks ask (its types, casts, SQL): in memory, in UTC like the workers', and with
 * extensions neither installed nor loaded, so a file's SQL reaches nothing a run's workers could not.
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export async function withDuckDB<T>(use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
