/**
 * Reading pool entries from SQL. A worker loads the pools a table declares into a one-row table (one list column per
 * pool) that the part query cross-joins: a list held in a column is indexed in place (~40 ns a row for 4096 entries),
 * while the same list as a constant or a variable is copied for every vector (~130 ns a row). Nothing here builds
 * pools (see pools.ts), so worker threads never load faker.
 */
import { quotedIdentifier } from '../sql.js';

export function poolColumn(name: string): string {
  return `pool_${name}`;
}

/** The one-row table holding a table's pools. */
export function poolTable(table: string): string {
  return `__pools_${table}`;
}

/** The entry at a 0-based index expression. */
export function poolAt(name: string, index: string): string {
  return `${quotedIdentifier(poolColumn(name))}[(${index}) + 1]`;
}

/** SQL for the number of entries of a pool, as UBIGINT (to take a hash modulo it). */
export function poolLength(name: string): string {
  return `len(${quotedIdentifier(poolColumn(name))})::UBIGINT`;
}

/** Pools of numbers (all others hold strings): declared, so a worker can load a pool file without building pools. */
export const NUMERIC_POOLS: ReadonlySet<string> = new Set([
  'subcategory_lottery',
  'subcategory_min_price',
  'subcategory_max_price',
  'subcategory_min_weight',
  'subcategory_max_weight',
  'subcategory_physical',
]);

export function poolType(name: string): 'DOUBLE[]' | 'VARCHAR[]' {
  return NUMERIC_POOLS.has(name) ? 'DOUBLE[]' : 'VARCHAR[]';
}
