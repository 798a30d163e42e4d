/**
 * Tallies: a row's aggregates over the rows of a later table, made in the same run, that reference it (a customer's
 * orders, a product's order lines). Unlike a children table's aggregates (children/aggregates.ts), which are
 * recomputed from draws, a tally cannot be: which orders pick a customer is decided by the orders' own draws among
 * every customer. So the run makes the referencing table first; each of its parts writes a small file of partial
 * aggregates per referenced id (written once, from the part's own file), and the referenced table's parts, made
 * after all of them, load the tallies of their own IDs and join them like a column of their own. The values are
 * exact sums, minimums, maximums and counts, the same whatever the parts and the workers.
 */
import { quotedIdentifier, quotedString } from './sql.js';

/**
 * `rank` is the row's place (1 = first) among every row of its table up to the part's table's last id, by the sum of
 * the column over the rows referencing it, most first; rows with equal sums, and those no row references, in ID order
 * (a best-seller rank from the units sold). Each rank once: a permutation of 1..the last id.
 */
export type TallyFn = 'count' | 'sum' | 'min' | 'max' | 'rank';
export const TALLY_FNS: readonly TallyFn[] = ['count', 'sum', 'min', 'max', 'rank'];

/**
 * One aggregate of the rows of `table` whose column `key` references the reading row; or, `byParent`, one value a
 * children table's row reads from its group parent's row as the parent's file holds it (parentWritten.ts).
 */
export interface TallyRead {
  /** The name it is joined in as. */
  readonly column: string;
  readonly table: string;
  /** The column of `table` that holds the reading row's id. */
  readonly key: string;
  /** `value`: the column's value itself (`byParent` reads only). */
  readonly fn: TallyFn | 'value';
  /** The column of `table` aggregated (none for count). */
  readonly field: string | undefined;
  /** The DuckDB type of the aggregate. */
  readonly type: string;
  /**
   * Read by a children table from its group parent: `key` is the parent's primary key, unique, so the file holds each
   * row's values, not aggregates; the reader joins it on its parent's id (`__pid`), not its own.
   */
  readonly byParent?: true;
}

/** The tallies one table writes per part, for the tables that read them, or that one table's part loads. */
export interface TallyLayout {
  readonly table: string;
  readonly key: string;
  readonly columns: readonly TallyRead[];
  /** Values of `table`'s rows by their primary key, read by its children (TallyRead.byParent). */
  readonly byParent?: true;
}

/** The column of a reading row a layout is joined by: its own id, or for `byParent` its group parent's (PARENT_ID in compilation.ts). */
export function tallyJoinColumn(layout: Pick<TallyLayout, 'byParent'>): string {
  return layout.byParent ? '__pid' : '__id';
}

/** What a part of the referencing table writes: its tally of `key`, at `path`. */
export interface TallyOutput extends TallyLayout {
  readonly path: string;
}

/** What a part of the referenced table loads: every tally file the referencing table's parts wrote in this run. */
export interface TallyInput extends TallyLayout {
  readonly files: readonly string[];
  /**
   * With no files: give this share of the rows (0 to 1) a stand-in value of each tally's type, the rest none. A
   * sizing sample reads no real tallies, and its rows must weigh what real ones will (a count, two dates, a sum).
   */
  readonly standIn?: number;
}

export function tallyColumn(table: string, fn: TallyFn, field: string | undefined): string {
  return `__tally_${table}_${fn}${field === undefined ? '' : `_${field}`}`;
}

/** The table a part loads a layout's tallies into, joined by the row's id. */
export function tallyTable(layout: Pick<TallyLayout, 'table' | 'key' | 'byParent'>): string {
  return `__${layout.byParent ? 'written' : 'tally'}_${layout.table}__${layout.key}`;
}

/**
 * The type an aggregate of a column of `type` is kept as: exact for money (a sum of DECIMAL(p, s) as DECIMAL(38, s)),
 * BIGINT for counts and sums of integers.
 */
export function tallyType(fn: TallyFn, type: string | undefined): string {
  if (fn === 'count' || fn === 'rank') return 'BIGINT';
  const column = (type ?? 'DOUBLE').toUpperCase();
  if (fn !== 'sum') return column;
  const decimal = /^DECIMAL\(\s*\d+\s*,\s*(\d+)\s*\)$/.exec(column);
  if (decimal) return `DECIMAL(38,${decimal[1]})`;
  return /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(column) ? 'BIGINT' : 'DOUBLE';
}

const q = quotedIdentifier;

/** SQL: one part's partial aggregates per referenced id, from the part's Parquet file, in id order. */
export function tallyWriteSql(output: TallyLayout, file: string): string {
  if (output.byParent) {
    // One row per key already, in key order: the part's own rows, no aggregate.
    const values = output.columns.map((read) => `CAST(${q(read.field ?? '')} AS ${read.type}) AS ${q(read.column)}`);
    return `SELECT ${q(output.key)} AS ${q('__id')}, ${values.join(', ')} FROM read_parquet(${quotedString(file)})`;
  }
  const values = output.columns.map((read) => {
    // A rank's file holds the part's partial sums (as DOUBLE: the order of sums is all a rank needs); the load ranks
    // them.
    if (read.fn === 'rank') return `CAST(sum(${q(read.field ?? '')}) AS DOUBLE) AS ${q(read.column)}`;
    const value = read.fn === 'count' ? 'count(*)' : `${read.fn}(${q(read.field ?? '')})`;
    return `CAST(${value} AS ${read.type}) AS ${q(read.column)}`;
  });
  return `SELECT ${q(output.key)} AS ${q('__id')}, ${values.join(', ')} FROM read_parquet(${quotedString(file)}) WHERE ${q(output.key)} IS NOT NULL GROUP BY 1 ORDER BY 1`;
}

/** How a tally's partial aggregates combine across parts: counts and sums add up. */
const combine: Record<TallyRead['fn'], string> = { count: 'sum', sum: 'sum', min: 'min', max: 'max', rank: 'sum', value: 'any_value' };

/** SQL: the table a part of the referenced table joins: the tallies of its IDs firstId..lastId, combined. */
export function tallyLoadSql(input: TallyInput, firstId: number, lastId: number): string {
  const table = q(tallyTable(input));
  // A children table's part's IDs are its parents' (reserve.ts): the range is the parent rows' either way.
  const key = q(tallyJoinColumn(input));
  if (input.files.length === 0 && input.standIn !== undefined) {
    const referenced = `hash(range, 0) % 1000 < ${Math.round(input.standIn * 1000)}`;
    // A rank is every row's; the other tallies only the referenced rows'.
    const columns = input.columns.map((read) => (read.fn === 'rank' ? `(hash(range, 1) % ${lastId + 1} + 1)::BIGINT AS ${q(read.column)}` : `CASE WHEN ${referenced} THEN ${standInValue(read.type)} END AS ${q(read.column)}`));
    return `CREATE OR REPLACE TABLE ${table} AS SELECT range AS ${key}, ${columns.join(', ')} FROM range(${firstId}, ${lastId + 1})`;
  }
  // No row references any (the run does not make the table): ranks in ID order.
  if (input.files.length === 0 && input.columns.some((read) => read.fn === 'rank')) {
    const columns = input.columns.map((read) => (read.fn === 'rank' ? `range::BIGINT` : `NULL::${read.type}`) + ` AS ${q(read.column)}`);
    return `CREATE OR REPLACE TABLE ${table} AS SELECT range AS ${key}, ${columns.join(', ')} FROM range(${firstId}, ${lastId + 1})`;
  }
  if (input.files.length === 0) {
    const columns = input.columns.map((read) => `NULL::${read.type} AS ${q(read.column)}`);
    return `CREATE OR REPLACE TABLE ${table} AS SELECT NULL::BIGINT AS ${key}, ${columns.join(', ')} WHERE FALSE`;
  }
  const files = `[${input.files.map(quotedString).join(', ')}]`;
  if (input.byParent) {
    const columns = input.columns.map((read) => q(read.column));
    return `CREATE OR REPLACE TABLE ${table} AS SELECT ${q('__id')} AS ${key}, ${columns.join(', ')} FROM read_parquet(${files}) WHERE ${q('__id')} BETWEEN ${firstId} AND ${lastId}`;
  }
  const values = input.columns.map((read) => `CAST(${combine[read.fn]}(${q(read.column)}) AS ${read.fn === 'rank' ? 'DOUBLE' : read.type}) AS ${q(read.column)}`);
  if (input.columns.some((read) => read.fn === 'rank')) return rankedLoadSql(input, `SELECT ${q('__id')}, ${values.join(', ')} FROM read_parquet(${files}) GROUP BY 1`, firstId, lastId);
  return `CREATE OR REPLACE TABLE ${table} AS SELECT ${q('__id')}, ${values.join(', ')} FROM read_parquet(${files}) WHERE ${q('__id')} BETWEEN ${firstId} AND ${lastId} GROUP BY 1`;
}

/**
 * SQL: the tallies of a layout with ranks, for IDs firstId..lastId: every row of the range (a rank is never NULL),
 * each rank computed over the combined sums of every id (`combined`, one row per referenced id). A referenced row's
 * rank is its place among the referenced by sum (most first, then ID); a row no one references comes after all of
 * them, in ID order among the rest: referenced count + its id - the referenced ids below it (IDs start at 1).
 */
function rankedLoadSql(input: TallyInput, combined: string, firstId: number, lastId: number): string {
  const id = q('__id');
  const ranks = input.columns.filter((read) => read.fn === 'rank');
  const places = ranks.map((read) => `row_number() OVER (ORDER BY ${q(read.column)} DESC, ${id}) AS ${q(`${read.column}__place`)}`);
  const columns = input.columns.map((read) => {
    if (read.fn !== 'rank') return `c.${q(read.column)}`;
    return `CAST(coalesce(c.${q(`${read.column}__place`)}, n.referenced + range - n.below - count(c.${id}) OVER (ORDER BY range ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS BIGINT) AS ${q(read.column)}`;
  });
  return `CREATE OR REPLACE TABLE ${q(tallyTable(input))} AS WITH combined AS (SELECT *, ${places.join(', ')} FROM (${combined})),
    n AS (SELECT count(*) AS referenced, count(*) FILTER (WHERE ${id} < ${firstId}) AS below FROM combined)
    SELECT range AS ${id}, ${columns.join(', ')} FROM range(${firstId}, ${lastId + 1}) LEFT JOIN combined AS c ON c.${id} = range CROSS JOIN n ORDER BY range`;
}

/**
 * SQL: a value of `type` varying with the row as real tallies do (a small count, an instant of recent years, an
 * amount), or as a parent's written text does (a short code of a few hundred values).
 */
function standInValue(type: string): string {
  const mix = `hash(range)`;
  if (/^(VARCHAR|TEXT|STRING)/.test(type)) return `CAST(${mix} % 300 AS VARCHAR)`;
  if (/^TIMESTAMP/.test(type)) return `CAST(to_timestamp(1600000000 + (${mix} % 200000000)::BIGINT) AS ${type})`;
  if (/^DATE/.test(type)) return `CAST(DATE '2020-01-01' + (${mix} % 2000)::INTEGER AS ${type})`;
  if (/^DECIMAL/.test(type)) return `CAST((${mix} % 500000)::BIGINT / 100 AS ${type})`;
  if (type === 'BIGINT') return `(${mix} % 12)::BIGINT`;
  return `CAST((${mix} % 100000)::BIGINT / 7 AS ${type})`;
}

/** The layouts of every tally `reads` names, one per (table, key). */
export function tallyLayouts(reads: Iterable<TallyRead>): TallyLayout[] {
  const byKey = new Map<string, { table: string; key: string; byParent: boolean; columns: Map<string, TallyRead> }>();
  for (const read of reads) {
    const byParent = read.byParent === true;
    const id = `${read.table}\u0000${read.key}\u0000${String(byParent)}`;
    const layout = byKey.get(id) ?? { table: read.table, key: read.key, byParent, columns: new Map<string, TallyRead>() };
    layout.columns.set(read.column, read);
    byKey.set(id, layout);
  }
  return [...byKey.values()].map(({ table, key, byParent, columns }) => ({ table, key, columns: [...columns.values()], ...(byParent ? { byParent: true as const } : {}) }));
}
