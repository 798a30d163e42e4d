/**
 * Reading pool entries from SQL. A worker loads the pools a table declares into a one-row table (one list column per
 * pool) that the part query cross-joins: a list held in a column is indexed in place (~40 ns a row for 4096 entries),
 * while the same list as a constant or a variable is copied for every vector (~130 ns a row).
 */
import { pool } from '../pools.js';
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

/** The number of entries of a pool (a constant in the SQL). */
export function poolSize(name: string): number {
  return pool(name).length;
}
