/**
 * The pools one table's query reads, as one JSON object (column name -> list) that workers load with DuckDB's JSON
 * reader, and the spec a worker needs to load it without knowing any table. It is written to the run's scratch
 * folder from the pools' values (the built-in ones from the cache handed in, the verified disk cache of state/cache.ts), never read by
 * DuckDB from the cache itself: a file read by path after it was checked could be changed in between, and no table
 * reads only built-in pools anyway (every one has its per-run timeline pools).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFailure } from '../errors/writeFailure.js';
import { poolColumn, poolTable, poolType } from './columns/poolAt.js';
import type { CompiledTable, Lookup } from './compiledTable.js';
import { poolValues } from './poolValues.js';
import type { PoolDefinition } from './tableDefinition.js';
import type { ValueCache } from './valueCache.js';

/** What a worker loads before running a table's query: a one-row table of list columns. */
export interface PoolTableSpec {
  readonly file: string;
  /** The table the query cross-joins. */
  readonly table: string;
  readonly columns: readonly { readonly name: string; readonly type: 'DOUBLE[]' | 'VARCHAR[]' }[];
  /** Tables the query joins, each loaded from a Parquet file (the original tool's rows of a parent). */
  readonly lookups?: readonly Lookup[];
}

async function content(pools: readonly PoolDefinition[], cacheOf: (pool: PoolDefinition) => ValueCache | undefined): Promise<string> {
  const entries = await Promise.all(pools.map(async (pool) => [poolColumn(pool.name), await poolValues(pool, cacheOf(pool))] as const));
  return JSON.stringify(Object.fromEntries(entries));
}

/** The pool table spec of a compiled table, or undefined when its query reads no pool. */
export async function writePoolFile(scratch: string, compiled: Pick<CompiledTable, 'table' | 'pools'> & Partial<Pick<CompiledTable, 'lookups'>>, cacheOf: (pool: PoolDefinition) => ValueCache | undefined): Promise<PoolTableSpec | undefined> {
  const { pools } = compiled;
  if (pools.length === 0) return undefined;
  const lookups = compiled.lookups ?? [];
  const spec = (file: string): PoolTableSpec => ({
    file,
    table: poolTable(compiled.table),
    columns: pools.map((pool) => ({ name: poolColumn(pool.name), type: poolType(pool) })),
    ...(lookups.length > 0 ? { lookups } : {}),
  });
  const path = join(scratch, `pools-${compiled.table}.json`);
  const text = await content(pools, cacheOf);
  await writeFile(path, text).catch((error: unknown) => {
    // The scratch folder is under the system's temporary folder (TMPDIR).
    throw writeFailure(path, error, 'point TMPDIR at a folder with room');
  });
  return spec(path);
}
