/**
 * Turns a table definition and an ID range into one SELECT that computes the rows inside DuckDB: the IDs come from
 * range(), every field is an expression over them, and fields that read other fields are computed in a later
 * projection. Dependencies are found by running each field's SQL builder, so definitions never list them.
 */
import { poolTable } from './columns/poolAt.js';
import { parentFields } from './parentRows.js';
import { OwnRows, type RandomSource } from './random.js';
import type { ParentRange } from '../state/segment.js';
import { epochSeconds, quotedIdentifier } from './sql.js';
import type { RowContext, TableDefinition } from './tableDefinition.js';

export interface PartRows {
  readonly seed: number;
  readonly asOf: string;
  readonly firstId: number;
  readonly lastId: number;
  /** For each parent table, the ranges this table's rows may reference. */
  readonly parents: Readonly<Record<string, readonly ParentRange[]>>;
}

const ID = '__id';

interface Node {
  readonly name: string;
  readonly build: (context: RowContext) => string;
  sql?: string;
  readonly dependencies: Set<string>;
  stage?: number;
}

export function partQuery(definition: TableDefinition, rows: PartRows): string {
  const own = new OwnRows({
    seed: rows.seed,
    table: definition.name,
    id: quotedIdentifier(ID),
    asOf: String(epochSeconds(rows.asOf)),
  });
  const nodes = new Map<string, Node>();
  const add = (name: string, build: (context: RowContext) => string) => {
    if (nodes.has(name) || name === ID) throw new Error(`${definition.name}: field ${name} is defined twice`);
    nodes.set(name, { name, build, dependencies: new Set() });
  };

  const parentSources = new Map<string, { source: RandomSource; idField: string }>();
  for (const reference of definition.parents) {
    const ranges = rows.parents[reference.table];
    if (!ranges || ranges.length === 0) throw new Error(`${definition.name}: no ${reference.table} ranges given`);
    const prefix = `__${reference.column}`;
    const { fields, source } = parentFields({
      table: reference.table,
      ranges,
      skew: reference.skew,
      pickDraw: own,
      pickKey: reference.column,
      prefix,
    });
    // Each helper reads the one before it (position -> segment -> id); declare that through field().
    let previous: string | undefined;
    for (const [name, sql] of fields) {
      const before = previous;
      add(name, (context) => {
        if (before) context.field(before);
        return sql;
      });
      previous = name;
    }
    if (!previous) throw new Error('unreachable');
    parentSources.set(reference.table, { source, idField: previous });
  }
  for (const field of definition.helpers) add(field.name, field.sql);
  for (const column of definition.columns) add(column.name, column.sql);

  const visiting = new Set<string>();
  const stageOf = (name: string): number => {
    if (name === ID) return 0;
    const node = nodes.get(name);
    if (!node) throw new Error(`${definition.name}: unknown field ${name}`);
    if (node.stage !== undefined) return node.stage;
    if (visiting.has(name)) throw new Error(`${definition.name}: field ${name} depends on itself`);
    visiting.add(name);
    const context: RowContext = {
      row: own,
      field: (other) => {
        node.dependencies.add(other);
        return quotedIdentifier(other);
      },
      parent: (table) => {
        const parent = parentSources.get(table);
        if (!parent) throw new Error(`${definition.name}: ${table} is not a declared parent`);
        node.dependencies.add(parent.idField);
        return parent.source;
      },
    };
    node.sql = node.build(context);
    let stage = 1;
    for (const dependency of node.dependencies) stage = Math.max(stage, stageOf(dependency) + 1);
    visiting.delete(name);
    node.stage = stage;
    return stage;
  };
  for (const name of nodes.keys()) stageOf(name);

  const byStage = new Map<number, Node[]>();
  for (const node of nodes.values()) {
    const stage = node.stage ?? 0;
    byStage.set(stage, [...(byStage.get(stage) ?? []), node]);
  }
  const pools = definition.pools.length > 0 ? ` CROSS JOIN ${quotedIdentifier(poolTable(definition.name))}` : '';
  let query = `SELECT * FROM range(${rows.firstId}, ${rows.lastId + 1}) AS t(${quotedIdentifier(ID)})${pools}`;
  const stages = [...byStage.keys()].sort((a, b) => a - b);
  for (const stage of stages) {
    const expressions = (byStage.get(stage) ?? []).map((node) => `${node.sql} AS ${quotedIdentifier(node.name)}`);
    query = `SELECT *, ${expressions.join(', ')} FROM (${query})`;
  }
  const outputs = definition.columns.map(
    (column) => `CAST(${quotedIdentifier(column.name)} AS ${column.type}) AS ${quotedIdentifier(column.name)}`,
  );
  return `SELECT ${outputs.join(', ')} FROM (${query})`;
}
