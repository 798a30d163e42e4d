/**
 * `--legacy-files users=./old/users,products=s3://bucket/old/products`: where the original tool's Parquet files of
 * each table are. A location may hold commas: an entry starts only where a comma is followed by `name=`.
 */
import { UserError } from '../errors/userError.js';

const HOW = 'write TABLE=LOCATION, e.g. --legacy-files users=./old/users,products=s3://bucket/old/products';

export function parseLegacyFiles(value: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of value.split(/,(?=\s*[a-z][a-z0-9_]*=)/)) {
    const match = /^\s*([a-z][a-z0-9_]*)=(.+)$/.exec(entry);
    const table = match?.[1];
    const location = match?.[2]?.trim();
    if (!table || !location) throw new UserError(`--legacy-files entry "${entry.trim()}" is not TABLE=LOCATION: ${HOW}`);
    if (Object.hasOwn(files, table)) throw new UserError(`--legacy-files gives ${table} twice: give each table one location`);
    files[table] = location;
  }
  return files;
}
