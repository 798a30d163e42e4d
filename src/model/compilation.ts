/**
 * One table's compilation in progress: its fields as nodes, what each reads (other fields, parents' values, pools,
 * engine inputs), and the stage each is computed in. compileTable.ts drives it; parents/referenceFields.ts adds the
 * fields that pick parents.
 */
import { messageOf } from '../errors/thrownValue.js';
import { UserError } from '../errors/userError.js';
import { definitionProblem } from './defineTable.js';
import { poolColumn } from './columns/poolAt.js';
import { poolValues, renamedFrom } from './poolValues.js';
import type { HelperSql } from './parents/parentRows.js';
import { type Standing, type StandingInputs, standingOf } from './parents/standing.js';
import { parentStanding } from './parents/popularity.js';
import type { RandomSource } from './random.js';
import { quotedIdentifier } from './sql.js';
import { TALLY_FNS, type TallyFn, type TallyRead, tallyColumn, tallyType } from './tallies.js';
import { type EngineInput, recordedSource } from './recordedSource.js';
import type { ChildAggregate, Field, ParentRow, PoolDefinition, RowContext, TableDefinition } from './tableDefinition.js';
import { type LegacyValues, type LookupJoin, legacyValue } from './legacy/legacyValues.js';

/** One field of a compiled query and what its SQL read. */
export interface FieldReads {
  /** Whose field it is: the table compiled, or a parent whose value the query recomputes. */
  readonly table: string;
  /** Its name in that table; for a field the engine adds, the input it stands for (`own creation time`). */
  readonly field: string;
  readonly engine: boolean;
  /** The query's other fields it read, by their names in the query. */
  readonly fields: readonly string[];
  /** Draws, times and pools it read itself. */
  readonly inputs: readonly EngineInput[];
  /** Its SQL in this query. */
  readonly sql: string;
}

/** Tables by name: a parent's definition, for recomputing its values. */
export type TableLookup = (name: string) => TableDefinition | undefined;

export const ID = '__id';
export const CREATED = '__created';
/** In a children table's query: the parent's id and the line number, columns of the rows' source like ID. */
export const PARENT_ID = '__pid';
export const LINE = '__line';

export interface Node {
  readonly name: string;
  /** Whose field this is: the table compiled, or a parent whose value it recomputes. */
  readonly owner: TableDefinition;
  /** For a parent's field: which parent row it is computed for (the reference, or one candidate of it). */
  readonly key: string;
  readonly label: string;
  readonly build: (context: RowContext) => string;
  sql?: string;
  readonly dependencies: Set<string>;
  readonly inputs: Set<EngineInput>;
  /** For a field the engine adds: the input it stands for. */
  readonly engine?: EngineInput;
  /** For a column of a lookup table: the join that brings it in (compileTable.ts joins it, computing nothing). */
  readonly joined?: LookupJoin;
  stage?: number;
}

/** Adds a pool the engine builds to a compilation's pools; returns the SQL naming its column. */
export function enginePool(pools: Map<string, PoolDefinition>, name: string, values: readonly number[]): string {
  if (!pools.has(name)) pools.set(name, { name, type: 'number', build: () => values });
  return quotedIdentifier(poolColumn(name));
}

const renamed = new WeakMap<PoolDefinition, Map<string, PoolDefinition>>();

/** A pool under another name, one object per name: its values are built once per object (poolValues.ts). */
function renamedPool(pool: PoolDefinition, name: string): PoolDefinition {
  const names = renamed.get(pool) ?? new Map<string, PoolDefinition>();
  renamed.set(pool, names);
  const known = names.get(name);
  if (known) return known;
  const copy: PoolDefinition = { name, type: pool.type, build: () => poolValues(pool, undefined) };
  renamedFrom(copy, pool);
  names.set(name, copy);
  return copy;
}

/** An aggregate of a children table's field that a parent's query reads, joined in by the parent's id. */
export interface AggregateRead {
  readonly column: string;
  readonly table: string;
  readonly fn: ChildAggregate;
  readonly field: string | undefined;
}

/** The SQL name of the column an aggregate is joined in as. */
export function aggregateColumn(table: string, fn: ChildAggregate, field: string | undefined): string {
  return `__agg_${table}_${fn}${field === undefined ? '' : `_${field}`}`;
}

export interface ParentSource {
  readonly definition: TableDefinition | undefined;
  readonly source: RandomSource;
  readonly idField: string;
  /** SQL that is true when this row is the parent's first child by construction (firstChildren.ts). */
  readonly firstChild: string;
  readonly legacy?: LegacyValues;
  /** A children table's group parent (groupParent.ts), not a pick: its written values can be read (parentWritten.ts). */
  readonly group?: true;
}

export class Compilation {
  readonly nodes = new Map<string, Node>();
  readonly parents = new Map<string, ParentSource>();
  /** By a parent's key, the BOOLEAN field of the rows that need its values (firstDraws.when): NULL on the others. */
  readonly gates = new Map<string, string>();

  readonly #visiting = new Set<string>();
  /** Columns of the rows' source, available from the first stage: the ID, and a children table's parent id and line. */
  readonly base = new Set<string>([ID]);
  /** The aggregates of children the fields read, by their column. */
  readonly aggregates = new Map<string, AggregateRead>();
  /** The tallies of later tables the fields read (tallies.ts), by their column. */
  readonly tallies = new Map<string, TallyRead>();
  /** The lookup tables the query joins (schema/legacy/). */
  readonly joins: LookupJoin[] = [];
  /** The table whose query this one is compiled inside, for its aggregates (children/aggregates.ts). */
  enclosing: string | undefined = undefined;
  /** SQL for a value the group parent `key` wrote (set by compileTable.ts: parentWritten.ts). */
  writtenValue: (node: Node, key: string, name: string) => string = () => {
    throw new Error('written values are not laid out yet');
  };
  /** SQL for the creation time of this run's row whose ID is the SQL given (set by addCreated()). */
  ownCreated: (id: string) => string = () => {
    throw new Error('creation times are not laid out yet');
  };

  constructor(
    readonly definition: TableDefinition,
    readonly own: RandomSource,
    readonly tables: TableLookup,
    readonly pools: Map<string, PoolDefinition>,
    /** The name a pool of this compilation has in the query: prefixed where it is compiled inside another's. */
    readonly poolName: (name: string) => string = (name) => name,
  ) {}

  add(owner: TableDefinition, name: string, label: string, build: (context: RowContext) => string, key = owner.name, engine?: EngineInput): void {
    if (this.nodes.has(name) || name === ID) throw definitionProblem(this.definition.name, label, 'defined twice');
    this.nodes.set(name, { name, owner, key, label, build, dependencies: new Set(), inputs: new Set(), ...(engine === undefined ? {} : { engine }) });
  }

  /** Engine-made fields (timelines, parent picks), standing for input `engine`: SQL that reads the fields it names. */
  addHelpers(fields: readonly HelperSql[], label: string, engine: EngineInput): void {
    for (const { name, reads, sql } of fields) {
      const build = (context: RowContext): string => {
        for (const read of reads) context.field(read);
        return sql;
      };
      this.add(this.definition, name, label, build, this.definition.name, engine);
    }
  }

  /** The columns of a lookup table as fields, computed in the stage after its key's. */
  addJoin(join: LookupJoin, label: string, engine: EngineInput): void {
    this.joins.push(join);
    for (const [, name] of join.columns) {
      if (this.nodes.has(name)) throw definitionProblem(this.definition.name, label, `${name} defined twice`);
      const build = (context: RowContext): string => {
        for (const field of join.keyFields) context.field(field);
        return quotedIdentifier(name);
      };
      this.nodes.set(name, { name, owner: this.definition, key: this.definition.name, label, build, dependencies: new Set(), inputs: new Set(), engine, joined: join });
    }
  }

  /** What each field read, once every field is compiled. */
  reads(): Map<string, FieldReads> {
    const reads = new Map<string, FieldReads>();
    for (const node of this.nodes.values()) {
      const own = node.owner === this.definition;
      const field = node.engine ?? (own ? node.name : node.name.slice(`__${node.key}__`.length));
      reads.set(node.name, { table: node.owner.name, field, engine: node.engine !== undefined, fields: [...node.dependencies], inputs: [...node.inputs], sql: node.sql ?? '' });
    }
    return reads;
  }

  /** A pool the engine builds for this compilation, read by its own fields' SQL. */
  enginePool(name: string, values: readonly number[]): string {
    return enginePool(this.pools, this.poolName(name), values);
  }

  /** A parent row's standing among its table's (standing.ts), from the parent's popularity pool, read only if a field uses it. */
  readonly standing = (inputs: Omit<StandingInputs, 'pool' | 'layout'>): Standing =>
    standingOf({ ...inputs, layout: parentStanding(inputs.table), pool: (name, values) => this.enginePool(name, values) });

  /** The hidden field holding the parent's field `name`, added on first read. */
  parentValue(reader: Node, key: string, name: string): string {
    const parent = this.parents.get(key);
    const table = parent?.definition?.name ?? key;
    if (!parent?.definition) throw definitionProblem(this.definition.name, reader.label, `reads ${table}.${name}, but ${table} is not a parent it declares`);
    const field: Field | undefined = [...parent.definition.helpers, ...parent.definition.columns].find((f) => f.name === name);
    if (!field) throw definitionProblem(this.definition.name, reader.label, `reads ${table}.${name}, which ${table} does not define`);
    const node = `__${key}__${name}`;
    if (!this.nodes.has(node)) {
      // The field as the parent computes it, before any cast: the parent's other fields read it so. For a row of the
      // original tool's, what its rows give instead (legacyValue).
      this.add(parent.definition, node, `${table}.${name}`, legacyValue(parent.legacy, name, field.sql), key);
      // Its draws are the parent row's, which exists once the parent's id is.
      this.nodes.get(node)?.dependencies.add(parent.idField);
    }
    return node;
  }

  readPool(reader: Node, pool: PoolDefinition): string {
    const declared = reader.owner.pools.find((p) => p.name === pool.name);
    const where = reader.owner === this.definition ? reader.label : `${reader.label} (read by ${this.definition.name})`;
    if (declared !== pool) {
      throw definitionProblem(reader.owner.name, where, `reads pool ${pool.name}, which ${reader.owner.name} does not list in pools: add it there`);
    }
    const name = this.poolName(pool.name);
    if (!this.pools.has(name)) this.pools.set(name, name === pool.name ? pool : renamedPool(pool, name));
    reader.inputs.add(`pool ${pool.name}`);
    return quotedIdentifier(poolColumn(name));
  }

  /** The row a parent key names, as `node`'s SQL reads it. */
  parentRowOf(node: Node, key: string): ParentRow {
    const parent = this.parents.get(key);
    if (!parent) throw definitionProblem(this.definition.name, node.label, `reads ${key}, which is not a parent it declares: add it to parents`);
    node.dependencies.add(parent.idField);
    const source = recordedSource(parent.source, parent.definition?.name ?? key, node.inputs);
    return {
      get id() {
        return source.id;
      },
      get asOf() {
        return source.asOf;
      },
      get created() {
        return source.created;
      },
      // Getters, not copies: reading a standing adds its pool, which every vector then carries.
      get popularity() {
        return source.popularity;
      },
      get popularityRank() {
        return source.popularityRank;
      },
      bits: (bitsKey) => source.bits(bitsKey),
      firstChild: parent.firstChild,
      written: (name) => this.writtenValue(node, key, name),
      value: (name) => {
        // A candidate that is one of the original tool's rows gives only what its files hold: any other value is NULL
        // for it (accept's SQL says what NULL means), and synthgen's rows, when they may be picked too, give theirs.
        const unheld = parent.legacy?.candidate === true && parent.legacy.value(name) === undefined;
        if (unheld && !parent.legacy?.synthgen) return 'NULL';
        const hidden = this.parentValue(node, key, name);
        node.dependencies.add(hidden);
        // A column is read as written, so a child compares equal to the parent's file.
        const column = parent.definition?.columns.find((c) => c.name === name);
        const value = column ? `CAST(${quotedIdentifier(hidden)} AS ${column.type})` : quotedIdentifier(hidden);
        return unheld ? `CASE WHEN ${parent.legacy?.isLegacy ?? 'FALSE'} THEN NULL ELSE ${value} END` : value;
      },
    };
  }

  contextOf(node: Node): RowContext {
    const ownRow = node.owner === this.definition;
    const parentRow = (table: string): ParentRow => {
      if (!ownRow) {
        throw definitionProblem(this.definition.name, node.label, `reads ${node.owner.name}'s parent ${table}: a child can read only the values its parent computes from its own row`);
      }
      return this.parentRowOf(node, table);
    };
    const source = ownRow ? this.own : this.parentSourceOf(node.key);
    const row = recordedSource(source, ownRow ? undefined : node.owner.name, node.inputs);
    return {
      row: ownRow && this.definition.children && node.name !== CREATED ? this.createdAfter(row, node) : row,
      parent: parentRow,
      field: (other) => {
        const name = ownRow ? other : this.parentValue(node, node.key, other);
        node.dependencies.add(name);
        return quotedIdentifier(name);
      },
      pool: (pool, index) => `${this.readPool(node, pool)}[(${index}) + 1]`,
      poolLength: (pool) => `len(${this.readPool(node, pool)})::UBIGINT`,
      get lineNumber(): string {
        if (ownRow && node.owner.children) return quotedIdentifier(LINE);
        throw definitionProblem(node.owner.name, node.label, ownRow ? 'reads lineNumber, but the table is not a children table' : `reads its line number, which ${node.owner.name}'s children cannot recompute`);
      },
      aggregate: (table, fn, field) => this.aggregateOf(node, ownRow, table, fn, field),
      tally: (table, fn, field) => this.tallyOf(node, ownRow, table, fn, field),
    };
  }

  /**
   * A children table's creation time is its parent's, found in a later stage than the first: a field reading it
   * must come after it. (Elsewhere it is in the first stage, and DuckDB lets a field read it in the same projection.)
   */
  createdAfter(row: RandomSource, node: Node): RandomSource {
    return {
      get id() {
        return row.id;
      },
      get asOf() {
        return row.asOf;
      },
      get created() {
        node.dependencies.add(CREATED);
        return row.created;
      },
      get popularity() {
        return row.popularity;
      },
      get popularityRank() {
        return row.popularityRank;
      },
      bits: (key) => row.bits(key),
    };
  }

  /** The column an aggregate of this row's children is joined in as (compileTable.ts joins them). */
  aggregateOf(node: Node, ownRow: boolean, table: string, fn: ChildAggregate, field: string | undefined): string {
    const child = this.tables(table);
    if (child?.children?.parent !== node.owner.name) {
      throw definitionProblem(node.owner.name, node.label, `aggregates ${table}, which is not a children table of ${node.owner.name} (children: { parent: '${node.owner.name}' })`);
    }
    // A child recomputes its parent's values from the parent's row alone; an aggregate needs the parent's children.
    if (!ownRow) throw definitionProblem(this.definition.name, node.label, `reads ${node.owner.name}.${node.name.slice(`__${node.key}__`.length)}, an aggregate of its ${table}: a parent's aggregates cannot be recomputed by its children; read the columns it aggregates instead`);
    if (!['count', 'sum', 'min', 'max', 'avg'].includes(fn)) throw definitionProblem(node.owner.name, node.label, `aggregate ${String(fn)} is not one of count, sum, min, max, avg`);
    if (fn !== 'count' && (field === undefined || ![...child.helpers, ...child.columns].some((f) => f.name === field))) {
      throw definitionProblem(node.owner.name, node.label, `${fn} of ${table}.${String(field)}: ${table} has no such field`);
    }
    const counted = fn === 'count' ? undefined : field;
    const column = aggregateColumn(table, fn, counted);
    const read: AggregateRead = { column, table, fn, field: counted };
    this.aggregates.set(column, read);
    this.base.add(column);
    node.inputs.add(`${fn} of ${table}${counted === undefined ? '' : `.${counted}`}`);
    // A row without lines has no group to join: its count and sum are 0.
    return fn === 'count' || fn === 'sum' ? `coalesce(${quotedIdentifier(column)}, 0)` : quotedIdentifier(column);
  }

  /** The column a tally of `table`'s rows referencing this row is joined in as (compileTable.ts joins them). */
  tallyOf(node: Node, ownRow: boolean, table: string, fn: TallyFn, field: string | undefined): string {
    const owner = node.owner.name;
    if (!ownRow) throw definitionProblem(this.definition.name, node.label, `reads ${owner}.${node.name.slice(`__${node.key}__`.length)}, a tally of ${table}: a tally is read from the run's ${table} files, which ${this.definition.name} cannot recompute; read the values it tallies instead`);
    const source = this.tables(table);
    const reference = source?.parents.find((p) => p.table === owner);
    if (!source || !reference) throw definitionProblem(owner, node.label, `tallies ${table}, which does not reference ${owner} (a parent of ${table} must be ${owner})`);
    if (!TALLY_FNS.includes(fn)) throw definitionProblem(owner, node.label, `tally ${String(fn)} is not one of ${TALLY_FNS.join(', ')}`);
    const column = fn === 'count' ? undefined : source.columns.find((c) => c.name === field);
    if (fn !== 'count' && !column) throw definitionProblem(owner, node.label, `${fn} of ${table}.${String(field)}: ${table} writes no such column (a tally reads ${table}'s files)`);
    const name = tallyColumn(table, fn, column?.name);
    this.tallies.set(name, { column: name, table, key: reference.column, fn, field: column?.name, type: tallyType(fn, column?.type) });
    this.base.add(name);
    node.inputs.add(`${fn} of ${table}${column ? `.${column.name}` : ''} referencing it (tally)`);
    return fn === 'count' || fn === 'sum' ? `coalesce(${quotedIdentifier(name)}, 0)` : quotedIdentifier(name);
  }

  parentSourceOf(table: string): RandomSource {
    const parent = this.parents.get(table);
    if (!parent) throw new Error(`no parent source for ${table}`);
    return parent.source;
  }

  stageOf(name: string, reader?: Node): number {
    if (this.base.has(name)) return 0;
    const node = this.nodes.get(name);
    if (!node) {
      throw definitionProblem(this.definition.name, reader?.label, `reads field ${JSON.stringify(name)}, which ${this.definition.name} does not define: define it as a column, or as a helper (a name starting with _)`);
    }
    if (node.stage !== undefined) return node.stage;
    if (this.#visiting.has(name)) throw definitionProblem(this.definition.name, node.label, 'depends on itself through the fields it reads');
    this.#visiting.add(name);
    node.sql = buildSql(this.definition, node, this.contextOf(node));
    const gate = this.gates.get(node.key);
    if (gate) node.sql = `CASE WHEN ${quotedIdentifier(gate)} THEN ${node.sql} END`;
    if (gate) node.dependencies.add(gate);
    let stage = 1;
    for (const dependency of node.dependencies) stage = Math.max(stage, this.stageOf(dependency, node) + 1);
    this.#visiting.delete(name);
    node.stage = stage;
    return stage;
  }
}

function buildSql(definition: TableDefinition, node: Node, context: RowContext): string {
  let sql: unknown;
  try {
    sql = node.build(context);
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    throw definitionProblem(definition.name, node.label, `its sql builder threw: ${messageOf(error)}`);
  }
  if (typeof sql !== 'string' || sql.trim() === '') throw definitionProblem(definition.name, node.label, 'its sql builder must return a SQL expression (a non-empty string)');
  return sql;
}

/** Pool names of the engine's own pools for a table: never a name definePool() accepts (those start with a letter). */
export const timelinePool = (table: string) => `_timeline_${table}`;
export const popularityPool = (table: string) => `_popularity_${table}`;

