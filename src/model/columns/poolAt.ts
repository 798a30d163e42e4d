/**
 * Where pools live in a part's query. A worker loads the pools a table reads into a one-row table (one list column
 * per pool) that the part query cross-joins: a list held in a column is indexed in place (~40 ns a row for 4096
 * entries), while the same list as a constant or a variable is copied for every vector (~130 ns a row). Reads go
 * through the row context (compileTable.ts), which records them.
 */
import type { PoolDefinition } from '../tableDefinition.js';

export function poolColumn(name: string): string {
  return `pool_${name}`;
}

/** The one-row table holding a table's pools. */
export function poolTable(table: string): string {
  return `__pools_${table}`;
}

export function poolType(pool: PoolDefinition): 'DOUBLE[]' | 'VARCHAR[]' {
  return pool.type === 'number' ? 'DOUBLE[]' : 'VARCHAR[]';
}
