/**
 * The cheapest generator: the table's columns and types, each value one hash of (id, column) turned into the
 * column's type by the cheapest means: a lookup in one of the table's pools for text, a modulo for numbers, dates and
 * times, a bit for booleans. No value depends on another and none has any logic. Its time against the write floor of
 * its own rows is what generating random values costs in DuckDB before they are made realistic: the part of the
 * "within 1.3x of the floor" budget that no realistic generator can avoid spending.
 */
import { poolColumn, poolTable } from '../src/model/columns/poolAt.js';
import { quotedIdentifier } from '../src/model/sql.js';
import type { TableDefinition } from '../src/model/tableDefinition.js';

const ID = '__id';

/** Short texts for a table with no text pool of its own (order_items' currency codes): a list literal, as cheap. */
export const CHEAPEST_CODES: readonly string[] = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
const CODES = `[${CHEAPEST_CODES.map((code) => `'${code}'`).join(', ')}]`;

function cheapestValue(type: string, draw: string, textPool: () => string | undefined): string {
  const upper = type.toUpperCase();
  if (upper.startsWith('VARCHAR')) {
    const pick = (salt: number) => {
      const pool = textPool();
      const bits = salt === 0 ? draw : `(${draw} >> ${salt})`;
      if (pool === undefined) return `${CODES}[(${bits} % ${CHEAPEST_CODES.length})::BIGINT + 1]`;
      const column = quotedIdentifier(poolColumn(pool));
      return `${column}[(${bits} % len(${column})::UBIGINT)::BIGINT + 1]`;
    };
    // A list column (products.tags holds three tags) gets as many entries.
    return upper.endsWith('[]') ? `[${pick(0)}, ${pick(21)}, ${pick(42)}]` : pick(0);
  }
  if (upper.startsWith('DECIMAL')) {
    const [precision = 18, scale = 0] = (upper.match(/\d+/g) ?? []).map(Number);
    const range = Math.min(1_000_000, 10 ** precision);
    return `(${draw} % ${range})::BIGINT::DECIMAL(18, ${scale}) / ${10 ** scale}`;
  }
  if (upper.startsWith('TIMESTAMP')) return `to_timestamp(1767225600 - (${draw} % 252460800)::BIGINT)`;
  if (upper === 'DATE') return `(DATE '1950-01-01' + (${draw} % 27000)::INTEGER)`;
  if (upper === 'BOOLEAN') return `((${draw} >> 63) = 1)`;
  if (/INT/.test(upper)) return `(${draw} % 10000)::BIGINT`;
  throw new Error(`no cheapest value for type ${type}`);
}

/** The cheapest generator's SELECT for IDs 1..rows (the table's pools must be loaded). */
export function cheapestQuery(definition: TableDefinition, rows: number): string {
  const textPools = definition.pools.filter((pool) => pool.type === 'text').map((pool) => pool.name);
  let next = 0;
  const textPool = () => {
    const name = textPools[next % textPools.length];
    next += 1;
    return name;
  };
  const columns = definition.columns.map((column, index) => {
    const draw = `hash(xor(${ID}::UBIGINT, ${1_000_003 * (index + 1)}::UBIGINT))`;
    const value = column.name === definition.primaryKey ? ID : cheapestValue(column.type, draw, textPool);
    return `CAST(${value} AS ${column.type}) AS ${quotedIdentifier(column.name)}`;
  });
  // The same shape as a part's query: the pools' one-row table cross-joined below the projection.
  return `SELECT ${columns.join(', ')} FROM (SELECT * FROM range(1, ${rows + 1}) AS t(${ID}) CROSS JOIN ${quotedIdentifier(poolTable(definition.name))})`;
}
