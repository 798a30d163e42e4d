/**
 * The pools one table's query reads, as one JSON object (column name -> list) that workers load with DuckDB's JSON
 * reader, and the spec a worker needs to load it without knowing any table. When every pool is a built-in one the
 * file is kept in the disk cache (see state/cache.ts), so a cached run writes nothing; otherwise it is written to the
 * run's scratch folder.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCached, storeCached } from '../state/cache.js';
import { writeFailure } from '../errors/writeFailure.js';
import { poolColumn, poolTable, poolType } from './columns/poolAt.js';
import type { CompiledTable, Lookup } from './compileTable.js';
import { poolValues } from './poolValues.js';
import type { PoolDefinition } from './tableDefinition.js';

/** What a worker loads before running a table's query: a one-row table of list columns. */
export interface PoolTableSpec {
  readonly file: string;
  /** The table the query cross-joins. */
  readonly table: string;
  readonly columns: readonly { readonly name: string; readonly type: 'DOUBLE[]' | 'VARCHAR[]' }[];
  /** Tables the query joins, each loaded from a Parquet file (the original tool's rows of a parent). */
  readonly lookups?: readonly Lookup[];
}

async function content(pools: readonly PoolDefinition[], cacheable: (pool: PoolDefinition) => boolean): Promise<string> {
  const entries = await Promise.all(pools.map(async (pool) => [poolColumn(pool.name), await poolValues(pool, cacheable(pool))] as const));
  return JSON.stringify(Object.fromEntries(entries));
}

/** The pool table spec of a compiled table, or undefined when its query reads no pool. */
export async function writePoolFile(scratch: string, compiled: Pick<CompiledTable, 'table' | 'pools'> & Partial<Pick<CompiledTable, 'lookups'>>, cacheable: (pool: PoolDefinition) => boolean): Promise<PoolTableSpec | undefined> {
  const { pools } = compiled;
  if (pools.length === 0) return undefined;
  const lookups = compiled.lookups ?? [];
  const spec = (file: string): PoolTableSpec => ({
    file,
    table: poolTable(compiled.table),
    columns: pools.map((pool) => ({ name: poolColumn(pool.name), type: poolType(pool) })),
    ...(lookups.length > 0 ? { lookups } : {}),
  });
  if (pools.every(cacheable)) {
    const name = `pools-${createHash('sha256').update(pools.map((p) => p.name).join('\n')).digest('hex').slice(0, 16)}.json`;
    const cached = await findCached(name);
    if (cached) return spec(cached);
    const stored = await storeCached(name, await content(pools, cacheable));
    if (stored) return spec(stored);
  }
  const path = join(scratch, `pools-${compiled.table}.json`);
  const text = await content(pools, cacheable);
  await writeFile(path, text).catch((error: unknown) => {
    // The scratch folder is under the system's temporary folder (TMPDIR).
    throw writeFailure(path, error, 'point TMPDIR at a folder with room');
  });
  return spec(path);
}
