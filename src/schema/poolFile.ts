/**
 * The pools of a table as one JSON object (column name -> list), which workers load with DuckDB's JSON reader.
 * Built once and kept in the cache (see cache.ts); without a cache, written to the run's scratch folder.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCached, storeCached } from '../state/cache.js';
import { poolColumn } from './columns/poolAt.js';
import type { TableDefinition } from './tableDefinition.js';

export async function writePoolFile(scratch: string, definition: TableDefinition): Promise<string> {
  const name = `pools-${definition.name}.json`;
  const cached = await findCached(name);
  if (cached) return cached;
  // Loaded only on a cache miss: importing faker's locale data alone takes ~0.3 s.
  const { pool } = await import('../tables/pools.js');
  const content = JSON.stringify(Object.fromEntries(definition.pools.map((name) => [poolColumn(name), pool(name)])));
  const stored = await storeCached(name, content);
  if (stored) return stored;
  const path = join(scratch, name);
  await writeFile(path, content);
  return path;
}
