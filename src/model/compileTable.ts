/**
 * The query compiler: a table definition and the parent ranges of a run become one SELECT that computes any ID range
 * of rows inside DuckDB. The IDs come from range(), every field is an expression over them, and fields that read
 * other fields are computed in a later projection. Dependencies, pools and parent values are found by running each
 * field's SQL builder with a context that records what it reads, so definitions never list them twice.
 *
 * A parent value (`parent('users').value('created_at')`) is the parent's own field, built with the parent row's
 * draws and added to this query as a hidden field: the child recomputes exactly what the parent's file holds.
 */
import { definitionProblem } from './defineTable.js';
import { poolColumn, poolTable } from './columns/poolAt.js';
import { createdSql } from './parents/parentRows.js';
import { standingOf } from './parents/standing.js';
import { ownStanding } from './parents/popularity.js';
import { addParents } from './parents/referenceFields.js';
import { type AggregateRead, CREATED, Compilation, type FieldReads, ID, LINE, type Node, type TableLookup, enginePool, timelinePool } from './compilation.js';
import { addGroupParent } from './children/groupParent.js';
import { aggregateJoins, aggregateSelect } from './children/aggregates.js';
import { tallyJoinColumn, tallyLayouts, tallyTable } from './tallies.js';
import { writtenValue } from './parentWritten.js';
import { OwnRows, type RandomSource, uniform } from './random.js';
import { type KnotMemo, knotsFor } from './time/segmentKnots.js';
import type { ParentRange } from '../records/segment.js';
import type { CompiledTable, Lookup, PartRows, TableRows } from './compiledTable.js';
import { epochSeconds, quotedIdentifier } from './sql.js';
import type { PoolDefinition, TableDefinition } from './tableDefinition.js';

export type { FieldReads, TableLookup } from './compilation.js';

/** The field holding this row's creation time: its quantile in the run's window, by the table's timeline. */
function addCreated(compilation: Compilation, rows: TableRows, memo: KnotMemo, rowAt: (id: string) => RandomSource): void {
  const { definition } = compilation;
  const knots = knotsFor(definition, { since: rows.own.since, as_of: rows.asOf, first_id: rows.own.first_id }, rows.parents, compilation.tables, memo, rows.legacy);
  const pool = compilation.enginePool(timelinePool(definition.name), knots);
  compilation.ownCreated = (id) =>
    createdSql({
      pool,
      offset: '0',
      cells: String(knots.length - 1),
      index: `(${id} - ${rows.own.first_id})`,
      rows: String(Math.max(1, rows.own.last_id - rows.own.first_id + 1)),
      draw: uniform(rowAt(id), 'created'),
    });
  compilation.addHelpers([{ name: CREATED, reads: [], sql: compilation.ownCreated(quotedIdentifier(ID)) }], 'creation time', 'own creation time');
}

/** Where a compilation lies: a table's own query, or a children table's inside its parent's (for aggregates). */
interface Scope {
  /** Prefixes the names of its pools, so that they never meet the enclosing query's own. */
  readonly poolPrefix: string;
  /** The one-row table of pools its query cross-joins. */
  readonly poolTable: string;
  /** The table whose query it is compiled inside (a children table, for its parent's aggregates). */
  readonly enclosing?: string;
}

/** The checks of a definition that need its compiled fields: keys are what the engine gives, nothing drawn. */
function checkKeys(compilation: Compilation, own: RandomSource): void {
  const { definition } = compilation;
  const children = definition.children;
  // IDs are reserved per run and must never collide: the key is the row id itself, nothing drawn.
  if (!children && compilation.nodes.get(definition.primaryKey)?.sql !== own.id) {
    throw definitionProblem(definition.name, `primary key ${definition.primaryKey}`, 'its sql must be the row id: sql: ({ row }) => row.id');
  }
  if (children && compilation.nodes.get(children.line)?.sql !== quotedIdentifier(LINE)) {
    throw definitionProblem(definition.name, `column ${children.line}`, 'it is the line number of the key, so its sql must be ({ lineNumber }) => lineNumber');
  }
  // A foreign key is the chosen parent's id, nothing else, or it would not resolve.
  for (const reference of definition.parents) {
    if (compilation.nodes.get(reference.column)?.sql !== compilation.parents.get(reference.table)?.source.id) {
      throw definitionProblem(definition.name, `column ${reference.column}`, `it holds the ${reference.table} reference, so its sql must be the parent's id: sql: ({ parent }) => parent('${reference.table}').id`);
    }
  }
}

/** The stages of a compiled query: each projection adds the fields whose inputs the previous ones computed. */
function stagesOf(compilation: Compilation): Node[][] {
  const byStage = new Map<number, Node[]>();
  for (const node of compilation.nodes.values()) {
    const stage = node.stage ?? 0;
    byStage.set(stage, [...(byStage.get(stage) ?? []), node]);
  }
  return [...byStage.keys()].sort((a, b) => a - b).map((stage) => byStage.get(stage) ?? []);
}

export function compileTable(definition: TableDefinition, rows: TableRows, tables: TableLookup, scope: Scope = { poolPrefix: '', poolTable: poolTable(definition.name) }): CompiledTable {
  const pools = new Map<string, PoolDefinition>();
  const poolName = (name: string) => `${scope.poolPrefix}${name}`;
  const standing = standingOf({ table: definition.name, id: quotedIdentifier(ID), lastIds: [rows.own.last_id], layout: ownStanding(definition.name), pool: (name, values) => enginePool(pools, poolName(name), values) });
  const rowAt = (id: string) => new OwnRows({ seed: rows.seed, table: definition.name, id, asOf: String(epochSeconds(rows.asOf)), created: quotedIdentifier(CREATED), standing });
  const own = rowAt(quotedIdentifier(ID));
  const compilation = new Compilation(definition, own, tables, pools, poolName);
  compilation.enclosing = scope.enclosing;
  compilation.writtenValue = (node, key, name) => writtenValue(compilation, node, key, name);
  const memo: KnotMemo = new Map();
  const children = definition.children;
  const source = children ? addGroupParent(compilation, children, rows, memo) : (relation: string) => `SELECT * FROM ${relation} AS t(${quotedIdentifier(ID)})`;
  if (!children) addCreated(compilation, rows, memo, rowAt);
  addParents(compilation, rows, memo);
  for (const field of definition.helpers) compilation.add(definition, field.name, `helper ${field.name}`, field.sql);
  for (const column of definition.columns) compilation.add(definition, column.name, `column ${column.name}`, column.sql);
  for (const name of compilation.nodes.keys()) compilation.stageOf(name);
  checkKeys(compilation, own);

  const joins = aggregateJoins(compilation, rows, scope, (child, childRows, childScope) => compileTable(child, childRows, compilation.tables, childScope));
  const stages = stagesOf(compilation);
  const tallies = tallyLayouts(compilation.tallies.values());
  const tallyJoins = tallies.map((layout) => ` LEFT JOIN ${quotedIdentifier(tallyTable(layout))} USING (${quotedIdentifier(tallyJoinColumn(layout))})`).join('');
  const used = [...compilation.pools.values()];
  const crossJoin = used.length > 0 ? ` CROSS JOIN ${quotedIdentifier(scope.poolTable)}` : '';
  const stagesFrom = (relation: string): string => {
    let query = `SELECT * FROM (${source(relation)})${joins.sql(relation)}${tallyJoins}${crossJoin}`;
    for (const stage of stages) {
      const expressions = stage.filter((node) => !node.joined).map((node) => `, ${node.sql} AS ${quotedIdentifier(node.name)}`);
      const joined = lookupJoins(stage);
      // The pools' lists leave the rows while a lookup table is joined, and come back after: DuckDB builds its hash
      // table on the smaller side, which a part's rows can be, and each row would hold a copy of every list.
      const from = joined === '' ? `(${query})` : `(SELECT * FROM (SELECT COLUMNS(c -> NOT starts_with(c, '${poolColumn('')}')) FROM (${query}))${joined}${crossJoin})`;
      query = `SELECT *${expressions.join('')} FROM ${from}`;
    }
    return query;
  };
  const outputs = definition.columns.map((column) => `CAST(${quotedIdentifier(column.name)} AS ${column.type}) AS ${quotedIdentifier(column.name)}`);
  // A join may emit rows out of ID order; a file's rows are in ID order whatever the threads.
  const order = joins.reorders || tallies.length > 0 || compilation.joins.length > 0 ? ` ORDER BY ${quotedIdentifier(ID)}` : '';
  const selectFrom = (relation: string): string => `SELECT ${outputs.join(', ')} FROM (${stagesFrom(relation)})${order}`;
  return {
    table: definition.name,
    pools: [...used, ...joins.pools.filter((pool) => !compilation.pools.has(pool.name))],
    reads: compilation.reads(),
    select: (firstId, lastId) => selectFrom(`range(${firstId}, ${lastId + 1})`),
    selectFrom,
    aggregateFrom: (relation, reads) => aggregateSelect(definition, stagesFrom(relation), reads),
    lookups: uniqueLookups([...compilation.joins, ...joins.lookups]),
    tallies,
  };
}

/** The lookup tables whose columns a stage takes, each joined by its key (computed in an earlier stage). */
function lookupJoins(stage: readonly Node[]): string {
  const joins = [...new Set(stage.flatMap((node) => (node.joined ? [node.joined] : [])))];
  return joins
    .map((join) => {
      const key = quotedIdentifier(`${join.columns[0]?.[1] ?? join.table}_key`);
      const columns = join.columns.map(([column, name]) => `${quotedIdentifier(column)} AS ${quotedIdentifier(name)}`);
      return ` LEFT JOIN (SELECT ${quotedIdentifier(join.keyColumn)} AS ${key}, ${columns.join(', ')} FROM ${quotedIdentifier(join.table)}) ON ${key} = ${join.key}`;
    })
    .join('');
}

function uniqueLookups(joins: readonly Lookup[]): Lookup[] {
  const byTable = new Map(joins.map((join) => [join.table, { table: join.table, file: join.file }]));
  return [...byTable.values()];
}

/** The SELECT of one part's rows. */
export function partQuery(definition: TableDefinition, rows: PartRows, tables: TableLookup): string {
  return compileTable(definition, rows, tables).select(rows.firstId, rows.lastId);
}
