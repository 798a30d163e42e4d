/** Planting defects in a generated dataset as a buggy generator would make them: the data and its manifest agree. */
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { query } from './cli.js';

/** The first Parquet file of a table in `<dir>/data`, by name. */
export async function firstFile(dir: string, table: string): Promise<string> {
  const names = (await readdir(join(dir, 'data', table))).filter((n) => n.endsWith('.parquet')).sort();
  return join(dir, 'data', table, names[0] ?? '');
}

/** Rewrites a table's first file with `select` ($FILE is the file) and updates its manifest entry to match. */
export async function rewrite(dir: string, table: string, select: string): Promise<void> {
  const path = await firstFile(dir, table);
  const replacement = `${path}.new.parquet`;
  await query(`COPY (${select.replaceAll('$FILE', `read_parquet('${path}')`)}) TO '${replacement}' (FORMAT parquet)`);
  await rm(path);
  await cp(replacement, path);
  await rm(replacement);
  const bytes = await readFile(path);
  for (const name of await readdir(join(dir, 'data', '_runs'))) {
    const manifestPath = join(dir, 'data', '_runs', name);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: { path: string; bytes: number; sha256: string }[] };
    for (const file of manifest.files) {
      if (join(dir, 'data', file.path) === path) {
        file.bytes = (await stat(path)).size;
        file.sha256 = createHash('sha256').update(bytes).digest('hex');
      }
    }
    await writeFile(manifestPath, JSON.stringify(manifest));
  }
}
