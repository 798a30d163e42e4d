/**
 * A parent's aggregates of its children (an order's subtotal, the sum of its lines): the children table is compiled
 * inside the parent's query, over the part's own IDs as parent IDs, and its lines are grouped by parent and joined
 * back. Nothing is read from files: the lines are computed as the children table's own parts compute them, from the
 * same draws, so the aggregate equals what the children's files add up to.
 */
import { type AggregateRead, type Compilation, ID, LINE, PARENT_ID } from '../compilation.js';
import type { CompiledTable, Lookup, TableRows } from '../compiledTable.js';
import { quotedIdentifier } from '../sql.js';
import { refuseWrittenAggregate } from '../parentWritten.js';
import type { ParentRange } from '../../records/segment.js';
import type { PoolDefinition, TableDefinition } from '../tableDefinition.js';

const q = quotedIdentifier;

export interface AggregateJoins {
  /** SQL joining the aggregates to the rows of `relation` (empty when the table reads none). */
  sql(relation: string): string;
  /** Whether rows must be put back in ID order after the joins. */
  readonly reorders: boolean;
  /** The pools the children's queries read, under their prefixed names. */
  readonly pools: readonly PoolDefinition[];
  /** The tables the children's queries join (the original tool's rows of their parents). */
  readonly lookups: readonly Lookup[];
}

/** The rows a parent's children are compiled with inside its query: its own run's rows are the group parents. */
function childRows(compilation: Compilation, rows: TableRows): TableRows {
  const { definition } = compilation;
  const own: ParentRange = {
    first_id: rows.own.first_id,
    last_id: rows.own.last_id,
    seed: rows.seed,
    since: rows.own.since,
    as_of: rows.asOf,
    version: definition.version,
    parents: rows.parents,
    ...(rows.legacy ? { legacy: rows.legacy } : {}),
  };
  return { ...rows, parents: { ...rows.parents, [definition.name]: [own] } };
}

/** Where a query's pools are named and read from, and whose query it lies in (compileTable.ts's Scope). */
interface PoolScope {
  readonly poolPrefix: string;
  readonly poolTable: string;
  readonly enclosing?: string;
}

/**
 * The joins of a parent's aggregates. `compile` is the query compiler (compileTable.ts), given in by it: a children
 * table is compiled inside its parent's query, so the compiler and this file call each other.
 */
export function aggregateJoins(compilation: Compilation, rows: TableRows, scope: PoolScope, compile: (child: TableDefinition, rows: TableRows, scope: PoolScope) => CompiledTable): AggregateJoins {
  const byTable = new Map<string, AggregateRead[]>();
  for (const read of compilation.aggregates.values()) byTable.set(read.table, [...(byTable.get(read.table) ?? []), read]);
  const pools: PoolDefinition[] = [];
  const lookups: Lookup[] = [];
  const queries: ((relation: string) => string)[] = [];
  for (const [table, reads] of byTable) {
    const child = compilation.tables(table);
    if (!child) throw new Error(`no definition of ${table}`);
    const compiled = compile(child, childRows(compilation, rows), { poolPrefix: `${scope.poolPrefix}${table}__`, poolTable: scope.poolTable, enclosing: compilation.definition.name });
    for (const read of reads) refuseWrittenAggregate(compilation.definition.name, table, read.field, compiled.reads);
    pools.push(...compiled.pools);
    lookups.push(...compiled.lookups);
    queries.push((relation) => compiled.aggregateFrom(relation, reads));
  }
  return {
    sql: (relation) => queries.map((query, i) => ` LEFT JOIN (${query(relation)}) AS ${q(`__aggregates${i}`)} USING (${q(ID)})`).join(''),
    reorders: queries.length > 0,
    pools,
    lookups,
  };
}

/** One row per parent id with lines: each aggregate of a field as the children's file holds it (cast to its type). */
export function aggregateSelect(definition: TableDefinition, stages: string, reads: readonly AggregateRead[]): string {
  const expressions = reads.map((read) => {
    if (read.fn === 'count') return `count(*) AS ${q(read.column)}`;
    const column = definition.columns.find((c) => c.name === read.field);
    const value = column ? `CAST(${q(column.name)} AS ${column.type})` : q(read.field ?? '');
    // In line order: a sum of floating-point values depends on the order it is added in, and the bytes must not.
    const ordered = read.fn === 'sum' || read.fn === 'avg' ? ` ORDER BY ${q(LINE)}` : '';
    return `${read.fn}(${value}${ordered}) AS ${q(read.column)}`;
  });
  return `SELECT ${q(PARENT_ID)} AS ${q(ID)}, ${expressions.join(', ')} FROM (${stages}) GROUP BY ${q(PARENT_ID)}`;
}
