/**
 * The query compiler: a table definition and the parent ranges of a run become one SELECT that computes any ID range
 * of rows inside DuckDB. The IDs come from range(), every field is an expression over them, and fields that read
 * other fields are computed in a later projection. Dependencies, pools and parent values are found by running each
 * field's SQL builder with a context that records what it reads, so definitions never list them twice.
 *
 * A parent value (`parent('users').value('created_at')`) is the parent's own field, built with the parent row's
 * draws and added to this query as a hidden field: the child recomputes exactly what the parent's file holds.
 */
import { UserError } from '../errors/userError.js';
import { definitionProblem } from './defineTable.js';
import { poolColumn, poolTable } from './columns/poolAt.js';
import { type HelperSql, TimelineLayout, createdSql, existingFields, parentCreatedInline, parentSource, pickFields } from './parents/parentRows.js';
import { CLASSES, classTable, popularityTables } from './parents/popularity.js';
import { type Standing, type StandingInputs, standingOf } from './parents/standing.js';
import { type FirstChildInputs, firstChildField, lookupTimeFields } from './parents/firstChildren.js';
import { OwnRows, type RandomSource, uniform } from './random.js';
import { type KnotMemo, knotsFor, timedRanges } from './time/segmentKnots.js';
import type { ParentRange } from '../state/segment.js';
import { epochSeconds, quotedIdentifier } from './sql.js';
import { type EngineInput, recordedSource } from './recordedSource.js';
import type { Field, ParentReference, ParentRow, PoolDefinition, RowContext, TableDefinition } from './tableDefinition.js';

export interface TableRows {
  readonly seed: number;
  readonly asOf: string;
  /** This run's rows of the table: their IDs, and the window (since, as-of] they are created in. */
  readonly own: { readonly first_id: number; readonly last_id: number; readonly since: string };
  /** For each parent table, the ranges this table's rows may reference. */
  readonly parents: Readonly<Record<string, readonly ParentRange[]>>;
}

export interface PartRows extends TableRows {
  readonly firstId: number;
  readonly lastId: number;
}

export interface CompiledTable {
  readonly table: string;
  /** Every pool the query reads, its own and those of recomputed parent values, in first-read order. */
  readonly pools: readonly PoolDefinition[];
  /** The SELECT of rows firstId..lastId, columns in output order and types. */
  select(firstId: number, lastId: number): string;
  /**
   * The same SELECT over the rows' IDs in `relation` (one BIGINT column, in ID order). Workers give it a table of
   * IDs: DuckDB scans a table with several threads, range() with one (see workers/generatePart.ts).
   */
  selectFrom(relation: string): string;
  /** What each field of the query read, by its name in the query: what the data dictionary's depends-on is made of. */
  readonly reads: ReadonlyMap<string, FieldReads>;
}

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
}

/** Tables by name: a parent's definition, for recomputing its values. */
export type TableLookup = (name: string) => TableDefinition | undefined;

const ID = '__id';
const CREATED = '__created';

interface Node {
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
  stage?: number;
}

/** Adds a pool the engine builds to a compilation's pools; returns the SQL naming its column. */
function enginePool(pools: Map<string, PoolDefinition>, name: string, values: readonly number[]): string {
  if (!pools.has(name)) pools.set(name, { name, type: 'number', build: () => values });
  return quotedIdentifier(poolColumn(name));
}

interface ParentSource {
  readonly definition: TableDefinition | undefined;
  readonly source: RandomSource;
  readonly idField: string;
  /** SQL that is true when this row is the parent's first child by construction (firstChildren.ts). */
  readonly firstChild: string;
}

class Compilation {
  readonly nodes = new Map<string, Node>();
  readonly parents = new Map<string, ParentSource>();
  readonly #visiting = new Set<string>();
  /** SQL for the creation time of this run's row whose ID is the SQL given (set by addCreated()). */
  ownCreated: (id: string) => string = () => {
    throw new Error('creation times are not laid out yet');
  };

  constructor(
    readonly definition: TableDefinition,
    readonly own: RandomSource,
    readonly tables: TableLookup,
    readonly pools: Map<string, PoolDefinition>,
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

  /** What each field read, once every field is compiled. */
  reads(): Map<string, FieldReads> {
    const reads = new Map<string, FieldReads>();
    for (const node of this.nodes.values()) {
      const own = node.owner === this.definition;
      const field = node.engine ?? (own ? node.name : node.name.slice(`__${node.key}__`.length));
      reads.set(node.name, { table: node.owner.name, field, engine: node.engine !== undefined, fields: [...node.dependencies], inputs: [...node.inputs] });
    }
    return reads;
  }

  /** A pool the engine builds for this compilation, read by its own fields' SQL. */
  enginePool(name: string, values: readonly number[]): string {
    return enginePool(this.pools, name, values);
  }

  /** A row's standing among its table's (standing.ts), reading an engine pool only if a field uses it. */
  readonly standing = (inputs: Omit<StandingInputs, 'pool'>): Standing => standingOf({ ...inputs, pool: (name, values) => this.enginePool(name, values) });

  /** The hidden field holding the parent's field `name`, added on first read. */
  parentValue(reader: Node, key: string, name: string): string {
    const parent = this.parents.get(key);
    const table = parent?.definition?.name ?? key;
    if (!parent?.definition) throw definitionProblem(this.definition.name, reader.label, `reads ${table}.${name}, but ${table} is not a parent it declares`);
    const field: Field | undefined = [...parent.definition.helpers, ...parent.definition.columns].find((f) => f.name === name);
    if (!field) throw definitionProblem(this.definition.name, reader.label, `reads ${table}.${name}, which ${table} does not define`);
    const node = `__${key}__${name}`;
    if (!this.nodes.has(node)) {
      // The field as the parent computes it, before any cast: the parent's other fields read it so.
      this.add(parent.definition, node, `${table}.${name}`, field.sql, key);
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
    this.pools.set(pool.name, pool);
    reader.inputs.add(`pool ${pool.name}`);
    return quotedIdentifier(poolColumn(pool.name));
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
      value: (name) => {
        const hidden = this.parentValue(node, key, name);
        node.dependencies.add(hidden);
        // A column is read as written, so a child compares equal to the parent's file.
        const column = parent.definition?.columns.find((c) => c.name === name);
        return column ? `CAST(${quotedIdentifier(hidden)} AS ${column.type})` : quotedIdentifier(hidden);
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
    return {
      row: recordedSource(source, ownRow ? undefined : node.owner.name, node.inputs),
      parent: parentRow,
      field: (other) => {
        const name = ownRow ? other : this.parentValue(node, node.key, other);
        node.dependencies.add(name);
        return quotedIdentifier(name);
      },
      pool: (pool, index) => `${this.readPool(node, pool)}[(${index}) + 1]`,
      poolLength: (pool) => `len(${this.readPool(node, pool)})::UBIGINT`,
    };
  }

  parentSourceOf(table: string): RandomSource {
    const parent = this.parents.get(table);
    if (!parent) throw new Error(`no parent source for ${table}`);
    return parent.source;
  }

  stageOf(name: string, reader?: Node): number {
    if (name === ID) return 0;
    const node = this.nodes.get(name);
    if (!node) {
      throw definitionProblem(this.definition.name, reader?.label, `reads field ${JSON.stringify(name)}, which ${this.definition.name} does not define: define it as a column, or as a helper (a name starting with _)`);
    }
    if (node.stage !== undefined) return node.stage;
    if (this.#visiting.has(name)) throw definitionProblem(this.definition.name, node.label, 'depends on itself through the fields it reads');
    this.#visiting.add(name);
    node.sql = buildSql(this.definition, node, this.contextOf(node));
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
    throw definitionProblem(definition.name, node.label, `its sql builder threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof sql !== 'string' || sql.trim() === '') throw definitionProblem(definition.name, node.label, 'its sql builder must return a SQL expression (a non-empty string)');
  return sql;
}

/** Pool names of the engine's own pools for a table: never a name definePool() accepts (those start with a letter). */
const timelinePool = (table: string) => `_timeline_${table}`;
const popularityPool = (table: string) => `_popularity_${table}`;

/** What addParents() needs of one reference's parent segments, shared by its picks. */
interface ReferenceInputs {
  readonly reference: ParentReference;
  readonly ranges: readonly ParentRange[];
  readonly layout: TimelineLayout;
  readonly timeline: string;
  readonly prefix: string;
  readonly label: string;
  /** The engine input its fields stand for, in the data dictionary. */
  readonly engine: EngineInput;
}

/**
 * The fields that pick each parent among those created before this row (`<prefix>_last` the newest such), with the
 * parent's draws: one pick per attempt, and the first candidate the reference accepts (else the last) is the
 * parent. Returns the field holding the pick.
 */
function addPicks(compilation: Compilation, inputs: ReferenceInputs): string {
  const { definition, own } = compilation;
  const { reference, ranges, layout, timeline, prefix, label } = inputs;
  const popularity = compilation.enginePool(popularityPool(reference.table), popularityTables(reference.table));
  const classPool = compilation.enginePool(`_classes_${reference.column}`, classTable(reference.skew, reference.idle ?? 0));
  const attempts = reference.accept?.attempts ?? 1;
  const picks: string[] = [];
  const accepted: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const at = attempts === 1 ? prefix : `${prefix}${attempt}`;
    const key = attempt === 0 ? reference.column : `${reference.column}#${attempt}`;
    const pick = { pool: popularity, classPool, draws: own, key, first: ranges[0]?.first_id ?? 1, lastField: `${prefix}_last`, prefix: at };
    compilation.addHelpers(pickFields(pick), label, inputs.engine);
    picks.push(`${at}_id`);
    const accept = reference.accept;
    if (accept && attempt < attempts - 1) {
      const candidate = parentSource({ table: reference.table, layout, pool: timeline, idField: `${at}_id`, prefix: at, standing: compilation.standing });
      compilation.addHelpers(candidate.fields, label, inputs.engine);
      const candidateKey = `${reference.table}#${attempt}`;
      compilation.parents.set(candidateKey, { definition: compilation.tables(reference.table), source: candidate.source, idField: `${at}_created`, firstChild: 'FALSE' });
      const acceptSql = (context: RowContext): string => {
        const node = compilation.nodes.get(`${at}_ok`);
        if (!node) throw new Error('unreachable');
        return `(${accept.sql(context, compilation.parentRowOf(node, candidateKey), attempt)})`;
      };
      compilation.add(definition, `${at}_ok`, label, acceptSql, definition.name, inputs.engine);
      accepted.push(`${at}_ok`);
    }
  }
  if (attempts === 1) return `${prefix}_id`;
  const chosen = `${prefix}_pick`;
  const branches = accepted.map((ok, i) => `WHEN ${quotedIdentifier(ok)} THEN ${quotedIdentifier(picks[i] ?? '')}`);
  compilation.addHelpers([{ name: chosen, reads: [...accepted, ...picks], sql: `CASE ${branches.join(' ')} ELSE ${quotedIdentifier(picks[picks.length - 1] ?? '')} END` }], label, inputs.engine);
  return chosen;
}

/**
 * For a reference with first children (firstChildren.ts): the newest parent for a candidate row that may take it,
 * else the pick. Returns the field holding the parent and the one saying it is the parent's first child.
 */
function addFirstChild(compilation: Compilation, inputs: ReferenceInputs, first: FirstChildInputs, candidate: string, pick: string): { chosen: string; firstChild: string } {
  const { reference, ranges, layout, timeline, prefix, label } = inputs;
  const newest = `${prefix}_last`;
  const newestId = quotedIdentifier(newest);
  const idle = Math.round((reference.idle ?? 0) * CLASSES);
  const standing = compilation.standing({ table: reference.table, id: newestId, lastIds: ranges.map((r) => r.last_id) });
  const field = firstChildField({
    ...first,
    candidate,
    newestField: newest,
    newestCreated: parentCreatedInline(reference.table, layout, timeline, newestId),
    newestIdle: idle === 0 ? 'FALSE' : `(${standing.popularity} > ${(CLASSES - idle) / CLASSES})`,
    firstParentId: ranges[0]?.first_id ?? 1,
  });
  const chosen = `${prefix}_id_or_first`;
  compilation.addHelpers([field, { name: chosen, reads: [field.name, newest, pick], sql: `CASE WHEN ${quotedIdentifier(field.name)} THEN ${quotedIdentifier(newest)} ELSE ${quotedIdentifier(pick)} END` }], label, inputs.engine);
  return { chosen, firstChild: quotedIdentifier(field.name) };
}

/** Each parent reference's fields: the parents existing at the row's time, the pick, and the chosen parent's row. */
function addParents(compilation: Compilation, rows: TableRows, memo: KnotMemo): void {
  const { definition } = compilation;
  for (const reference of definition.parents) {
    const ranges = rows.parents[reference.table];
    if (!ranges || ranges.length === 0) throw new Error(`${definition.name}: no ${reference.table} ranges given`);
    const layout = new TimelineLayout(timedRanges(reference.table, ranges, compilation.tables, memo));
    const timeline = compilation.enginePool(timelinePool(reference.table), layout.values);
    const inputs: ReferenceInputs = { reference, ranges, layout, timeline, prefix: `__${reference.column}`, label: `parent ${reference.table}`, engine: `pick of ${reference.table}` };
    const firsts = reference.firsts;
    const first: FirstChildInputs | undefined = firsts && {
      firsts,
      prefix: inputs.prefix,
      idField: ID,
      createdField: CREATED,
      // Clamped: rows too early to have a row `every` before them are no candidates, but the SQL still runs on them.
      earlierCreated: compilation.ownCreated(`GREATEST(${quotedIdentifier(ID)} - ${firsts.every}, ${rows.own.first_id})`),
      firstOwnId: rows.own.first_id,
    };
    const lookup = first && lookupTimeFields(first);
    if (lookup) compilation.addHelpers(lookup.fields, inputs.label, inputs.engine);
    const time = lookup?.time ?? CREATED;
    compilation.addHelpers(existingFields({ layout, pool: timeline, time: quotedIdentifier(time), timeField: time, prefix: inputs.prefix }), inputs.label, inputs.engine);
    const pick = addPicks(compilation, inputs);
    const { chosen, firstChild } = first && lookup ? addFirstChild(compilation, inputs, first, lookup.candidate, pick) : { chosen: pick, firstChild: 'FALSE' };
    const final = parentSource({ table: reference.table, layout, pool: timeline, idField: chosen, prefix: `${inputs.prefix}_p`, standing: compilation.standing });
    compilation.addHelpers(final.fields, inputs.label, inputs.engine);
    compilation.parents.set(reference.table, { definition: compilation.tables(reference.table), source: final.source, idField: `${inputs.prefix}_p_created`, firstChild });
  }
}

/** The field holding this row's creation time: its quantile in the run's window, by the table's timeline. */
function addCreated(compilation: Compilation, rows: TableRows, memo: KnotMemo, rowAt: (id: string) => RandomSource): void {
  const { definition } = compilation;
  const knots = knotsFor(definition, { since: rows.own.since, as_of: rows.asOf }, rows.parents, compilation.tables, memo);
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

export function compileTable(definition: TableDefinition, rows: TableRows, tables: TableLookup): CompiledTable {
  const pools = new Map<string, PoolDefinition>();
  const standing = standingOf({ table: definition.name, id: quotedIdentifier(ID), lastIds: [rows.own.last_id], pool: (name, values) => enginePool(pools, name, values) });
  const rowAt = (id: string) => new OwnRows({ seed: rows.seed, table: definition.name, id, asOf: String(epochSeconds(rows.asOf)), created: quotedIdentifier(CREATED), standing });
  const own = rowAt(quotedIdentifier(ID));
  const compilation = new Compilation(definition, own, tables, pools);
  const memo: KnotMemo = new Map();
  addCreated(compilation, rows, memo, rowAt);
  addParents(compilation, rows, memo);
  for (const field of definition.helpers) compilation.add(definition, field.name, `helper ${field.name}`, field.sql);
  for (const column of definition.columns) compilation.add(definition, column.name, `column ${column.name}`, column.sql);
  for (const name of compilation.nodes.keys()) compilation.stageOf(name);
  // IDs are reserved per run and must never collide: the key is the row id itself, nothing drawn.
  if (compilation.nodes.get(definition.primaryKey)?.sql !== own.id) {
    throw definitionProblem(definition.name, `primary key ${definition.primaryKey}`, 'its sql must be the row id: sql: ({ row }) => row.id');
  }
  // A foreign key is the chosen parent's id, nothing else, or it would not resolve.
  for (const reference of definition.parents) {
    if (compilation.nodes.get(reference.column)?.sql !== compilation.parents.get(reference.table)?.source.id) {
      throw definitionProblem(definition.name, `column ${reference.column}`, `it holds the ${reference.table} reference, so its sql must be the parent's id: sql: ({ parent }) => parent('${reference.table}').id`);
    }
  }

  const byStage = new Map<number, Node[]>();
  for (const node of compilation.nodes.values()) {
    const stage = node.stage ?? 0;
    byStage.set(stage, [...(byStage.get(stage) ?? []), node]);
  }
  const stages = [...byStage.keys()].sort((a, b) => a - b);
  const used = [...compilation.pools.values()];
  const crossJoin = used.length > 0 ? ` CROSS JOIN ${quotedIdentifier(poolTable(definition.name))}` : '';
  const outputs = definition.columns.map((column) => `CAST(${quotedIdentifier(column.name)} AS ${column.type}) AS ${quotedIdentifier(column.name)}`);
  const selectFrom = (relation: string): string => {
    let query = `SELECT * FROM ${relation} AS t(${quotedIdentifier(ID)})${crossJoin}`;
    for (const stage of stages) {
      const expressions = (byStage.get(stage) ?? []).map((node) => `${node.sql} AS ${quotedIdentifier(node.name)}`);
      query = `SELECT *, ${expressions.join(', ')} FROM (${query})`;
    }
    return `SELECT ${outputs.join(', ')} FROM (${query})`;
  };
  return {
    table: definition.name,
    pools: used,
    reads: compilation.reads(),
    select: (firstId, lastId) => selectFrom(`range(${firstId}, ${lastId + 1})`),
    selectFrom,
  };
}

/** The SELECT of one part's rows. */
export function partQuery(definition: TableDefinition, rows: PartRows, tables: TableLookup): string {
  return compileTable(definition, rows, tables).select(rows.firstId, rows.lastId);
}
