/**
 * defineTable() and definePool(): the doors through which a definition enters, built-in or a user's. They check
 * what can be checked from the definition alone, so a mistake is named next to its declaration ("table reviews,
 * column rating: ...") instead of surfacing as a DuckDB binder error in a worker. What needs the other tables (a
 * parent that exists, fields that read known fields, no cycles) is checked by the registry (registry.ts).
 */
import { UserError, type Wording, inWords } from '../errors/userError.js';
import type { Column, Field, PoolDefinition, TableDefinition } from './tableDefinition.js';

/** Marks what these functions made, across copies of the package (a user's module may import another copy). */
const TABLE_BRAND = Symbol.for('synthgen.table');
const POOL_BRAND = Symbol.for('synthgen.pool');

/** Names that are safe as a folder, a file name part, a DuckDB column and a JSON key, without quoting surprises. */
const SAFE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const SAFE_HELPER = /^_[a-z0-9][a-z0-9_]{0,61}$/;

/** The types a column may be written as: DuckDB's scalar types, DECIMAL(p,s), and lists of them. */
const COLUMN_TYPE =
  /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|VARCHAR|DATE|TIME|TIMESTAMP|TIMESTAMPTZ|UUID|DECIMAL\((\d{1,2}),\s*(\d{1,2})\))(\[\])*$/;

/** The column types verify compares with a run's as-of, and those it compares with numeric bounds. */
export const TIME_TYPE = /^(DATE|TIMESTAMP|TIMESTAMPTZ)$/;
export const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(\d{1,2},\s*\d{1,2}\))$/;

export class DefinitionError extends UserError {}

export function definitionProblem(table: string, where: string | undefined, problem: Wording): DefinitionError {
  return new DefinitionError((w) => `table ${table}${where ? `, ${where}` : ''}: ${inWords(problem, w)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function branded(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as { readonly [key: symbol]: unknown })[brand] === true;
}

export function isTable(value: unknown): value is TableDefinition {
  return branded(value, TABLE_BRAND);
}

export function isPool(value: unknown): value is PoolDefinition {
  return branded(value, POOL_BRAND);
}

export function definePool(pool: PoolDefinition): PoolDefinition {
  const name = isRecord(pool) && typeof pool.name === 'string' ? pool.name : undefined;
  const problem = (what: string) => new DefinitionError(`pool ${name ?? JSON.stringify(pool?.name ?? null)}: ${what}`);
  if (name === undefined || !SAFE_NAME.test(name)) throw problem('a pool name is lower-case letters, digits and _, starting with a letter (at most 63)');
  if (pool.type !== 'text' && pool.type !== 'number') throw problem(`type must be 'text' or 'number', got ${JSON.stringify(pool.type)}`);
  if (typeof pool.build !== 'function') throw problem('build must be a function returning the list of values');
  return Object.freeze({ name, type: pool.type, build: pool.build, [POOL_BRAND]: true });
}

function checkField(table: string, field: Field, kind: 'helper' | 'column'): void {
  const name: unknown = isRecord(field) ? field.name : undefined;
  if (typeof name !== 'string') throw definitionProblem(table, undefined, `a ${kind} has no name`);
  if (kind === 'helper' && !SAFE_HELPER.test(name)) {
    throw definitionProblem(table, `helper ${name}`, 'a helper name starts with _ and then lower-case letters, digits and _ (it is never written)');
  }
  if (kind === 'column' && !SAFE_NAME.test(name)) {
    throw definitionProblem(table, `column ${name}`, 'a column name is lower-case letters, digits and _, starting with a letter (at most 63): it becomes a Parquet column');
  }
  // The pools a query reads are columns named pool_<name> beside the fields (columns/poolAt.ts).
  if (kind === 'column' && name.startsWith('pool_')) throw definitionProblem(table, `column ${name}`, 'names starting with pool_ are reserved for pools: choose another');
  if (typeof field.sql !== 'function') throw definitionProblem(table, `${kind} ${name}`, 'sql must be a function of the row context returning SQL');
}

function checkColumn(table: string, column: Column): void {
  checkField(table, column, 'column');
  const where = `column ${column.name}`;
  const type = typeof column.type === 'string' ? column.type.trim().toUpperCase() : '';
  const decimal = COLUMN_TYPE.exec(type);
  if (!decimal) throw definitionProblem(table, where, `type ${JSON.stringify(column.type)} is not one synthgen writes: use BIGINT, INTEGER, DOUBLE, VARCHAR, BOOLEAN, DATE, TIMESTAMP, TIMESTAMPTZ, DECIMAL(p,s), ... or a list of one (VARCHAR[])`);
  if (decimal[2] !== undefined && (Number(decimal[2]) < 1 || Number(decimal[2]) > 38 || Number(decimal[3]) > Number(decimal[2]))) {
    throw definitionProblem(table, where, `${type} is not a DECIMAL DuckDB has: precision 1-38, scale at most the precision`);
  }
  for (const text of ['description', 'distribution'] as const) {
    if (typeof column[text] !== 'string') throw definitionProblem(table, where, `${text} must be text (it goes in the data dictionary)`);
  }
  checkColumnFlags(table, column, type);
}

/** The flags verify checks values against: bounds on numbers, and leave to lie after as-of on dates and times. */
function checkColumnFlags(table: string, column: Column, type: string): void {
  const where = `column ${column.name}`;
  for (const bound of ['minimum', 'maximum'] as const) {
    const value: unknown = column[bound];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw definitionProblem(table, where, `${bound} must be a finite number, got ${JSON.stringify(value)}`);
    if (!NUMERIC_TYPE.test(type)) throw definitionProblem(table, where, `${bound} bounds numbers, and the column is ${type}: remove it or make the column numeric`);
  }
  if (column.minimum !== undefined && column.maximum !== undefined && column.minimum > column.maximum) {
    throw definitionProblem(table, where, `minimum ${column.minimum} is above maximum ${column.maximum}`);
  }
  const follows: unknown = column.mayFollowAsOf;
  if (follows === undefined) return;
  if (follows !== true) throw definitionProblem(table, where, `mayFollowAsOf is true or absent, got ${JSON.stringify(follows)}`);
  if (!TIME_TYPE.test(type)) throw definitionProblem(table, where, `mayFollowAsOf is for DATE, TIMESTAMP and TIMESTAMPTZ columns, and the column is ${type}`);
}

function checkNames(definition: TableDefinition): void {
  const { name, helpers, columns } = definition;
  const seen = new Set<string>();
  for (const field of [...helpers, ...columns]) {
    if (seen.has(field.name)) throw definitionProblem(name, `field ${field.name}`, 'defined twice: give each helper and column its own name');
    seen.add(field.name);
  }
  if (columns[0]?.name !== definition.primaryKey) {
    throw definitionProblem(name, `primary key ${definition.primaryKey}`, `the primary key must be the first column (the first is ${columns[0]?.name ?? 'missing'})`);
  }
  for (const column of definition.unique ?? []) {
    if (!columns.some((c) => c.name === column)) throw definitionProblem(name, `unique ${column}`, 'names no column of the table');
  }
}

function checkParents(definition: TableDefinition): void {
  const tables = new Set<string>();
  for (const parent of definition.parents) {
    const where = `parent ${isRecord(parent) ? String(parent.table) : '?'}`;
    if (!isRecord(parent) || typeof parent.table !== 'string' || !SAFE_NAME.test(parent.table)) throw definitionProblem(definition.name, where, 'a parent is { table, column, skew } with a table name');
    if (tables.has(parent.table)) throw definitionProblem(definition.name, where, 'referenced twice: a table references each parent through one column');
    tables.add(parent.table);
    if (parent.table === definition.name) throw definitionProblem(definition.name, where, 'a table cannot be its own parent');
    const column = definition.columns.find((c) => c.name === parent.column);
    if (!column) throw definitionProblem(definition.name, where, `column ${JSON.stringify(parent.column)} is not a column of ${definition.name}: name the column that holds the ${parent.table} id`);
    if (column.type.trim().toUpperCase() !== 'BIGINT') throw definitionProblem(definition.name, `column ${column.name}`, `it holds the ${parent.table} id, so its type must be BIGINT`);
    if (typeof parent.skew !== 'number' || !Number.isFinite(parent.skew) || parent.skew < 1 || parent.skew > 20) {
      throw definitionProblem(definition.name, where, `skew must be a number from 1 (uniform) to 20, got ${JSON.stringify(parent.skew)}`);
    }
    if (parent.idle !== undefined && (typeof parent.idle !== 'number' || !(parent.idle >= 0 && parent.idle <= 0.9))) {
      throw definitionProblem(definition.name, where, `idle is the share of parents never picked, a number from 0 to 0.9, got ${JSON.stringify(parent.idle)}`);
    }
    const accept: unknown = parent.accept;
    if (accept !== undefined && (!isRecord(accept) || !Number.isSafeInteger(accept.attempts) || Number(accept.attempts) < 1 || Number(accept.attempts) > 16 || typeof accept.sql !== 'function')) {
      throw definitionProblem(definition.name, where, 'accept is { attempts: 1 to 16, sql: (context, candidate, attempt) => SQL that is true for a parent to keep }');
    }
    const keyed: unknown = parent.keyed;
    if (keyed !== undefined && (!isRecord(keyed) || typeof keyed.key !== 'string' || typeof keyed.at !== 'string' || (keyed.attempts !== undefined && !(Number.isSafeInteger(keyed.attempts) && Number(keyed.attempts) >= 1)))) {
      throw definitionProblem(definition.name, where, 'keyed is { key, at, attempts? }: the names of two helpers, the key (BIGINT, or NULL for a pick by the row) and the time the parents are counted at, and how many attempts draw by the key (1 or more; all if absent)');
    }
    const firsts: unknown = parent.firsts;
    const whole = (value: unknown, min: number) => Number.isSafeInteger(value) && Number(value) >= min;
    if (firsts !== undefined && (!isRecord(firsts) || !whole(firsts.every, 2) || !whole(firsts.within, 60))) {
      throw definitionProblem(definition.name, where, 'firsts is { every: a whole number of rows, 2 or more, within: whole seconds, 60 or more }');
    }
  }
}

/** Lines a parent row may have: a child's draw id is parent id x 4096 + line (children/groupParent.ts). */
const MOST_LINES = 4095;

function checkChildren(definition: TableDefinition): void {
  const children: unknown = definition.children;
  if (children === undefined) return;
  const where = 'children';
  if (!isRecord(children) || typeof children.parent !== 'string' || typeof children.column !== 'string' || typeof children.line !== 'string' || typeof children.count !== 'function') {
    throw definitionProblem(definition.name, where, 'children is { parent, column, line, count: (parentRow) => SQL, most, mean }');
  }
  if (!Number.isSafeInteger(children.most) || Number(children.most) < 1 || Number(children.most) > MOST_LINES) {
    throw definitionProblem(definition.name, where, `most is the most lines a parent row has, a whole number from 1 to ${MOST_LINES}, got ${JSON.stringify(children.most)}`);
  }
  if (typeof children.mean !== 'number' || !(children.mean >= 0 && children.mean <= Number(children.most))) {
    throw definitionProblem(definition.name, where, `mean is the mean lines per parent row, from 0 to most, got ${JSON.stringify(children.mean)}`);
  }
  const draws: unknown = children.firstDraws;
  const counts: unknown = isRecord(draws) ? draws.draws : undefined;
  const when: unknown = isRecord(draws) ? draws.when : undefined;
  const countsValid = isRecord(counts) && Object.entries(counts).every(([table, n]) => SAFE_NAME.test(table) && Number.isSafeInteger(n) && Number(n) >= 1 && Number(n) <= 16);
  if (draws !== undefined && (!countsValid || (when !== undefined && (typeof when !== 'string' || !definition.helpers.some((h) => h.name === when))))) {
    throw definitionProblem(definition.name, where, `firstDraws is { draws: { <table>: how many first draws, 1 to 16 }, when?: a helper's name }, for tables ${children.parent} references`);
  }
  const reference = definition.parents.find((p) => p.table === children.parent);
  if (!reference || reference.column !== children.column) {
    throw definitionProblem(definition.name, where, `its parent ${children.parent} must be listed in parents with column ${children.column}`);
  }
  if (definition.primaryKey !== children.column || definition.columns[0]?.name !== children.column || definition.columns[1]?.name !== children.line) {
    throw definitionProblem(definition.name, where, `the key is (${children.column}, ${children.line}): primaryKey ${children.column}, and those two the first columns`);
  }
  if (definition.timeline !== undefined) throw definitionProblem(definition.name, 'timeline', 'a children table\'s rows are created with their parent row: remove the timeline');
  const line = definition.columns[1];
  if (line && !/^(BIGINT|INTEGER|SMALLINT)$/.test(line.type.trim().toUpperCase())) throw definitionProblem(definition.name, `column ${line.name}`, 'the line number is BIGINT, INTEGER or SMALLINT');
}

/** The most years a first run's rows may begin before its window (Timeline.pastYears): what a run computes grows with them. */
const MAX_PAST_YEARS = 10;

function checkTimeline(definition: TableDefinition): void {
  const timeline: unknown = definition.timeline;
  if (timeline === undefined) return;
  if (!isRecord(timeline) || typeof timeline.rate !== 'function') throw definitionProblem(definition.name, 'timeline', 'a timeline is { rate: (hourStart) => relative rate of that UTC hour, scaleWith?: a parent table, pastYears?: years before the first window }');
  if (timeline.scaleWith !== undefined && !definition.parents.some((p) => p.table === timeline.scaleWith)) {
    throw definitionProblem(definition.name, 'timeline', `scaleWith ${JSON.stringify(timeline.scaleWith)} is not one of its parents`);
  }
  const past = timeline.pastYears;
  if (past !== undefined && !(typeof past === 'number' && past >= 0 && past <= MAX_PAST_YEARS)) {
    throw definitionProblem(definition.name, 'timeline', `pastYears is a number of years from 0 to ${MAX_PAST_YEARS}, got ${JSON.stringify(past)}`);
  }
  const after: unknown = timeline.after;
  if (after !== undefined && !(Array.isArray(after) && after.every((table) => typeof table === 'string'))) {
    throw definitionProblem(definition.name, 'timeline', 'after is a list of table names (the other parents of its children tables)');
  }
}

function checkPools(definition: TableDefinition): void {
  const names = new Set<string>();
  for (const pool of definition.pools) {
    if (!isPool(pool)) throw definitionProblem(definition.name, 'pools', 'each pool must be made with definePool()');
    if (names.has(pool.name)) throw definitionProblem(definition.name, `pool ${pool.name}`, 'listed twice');
    names.add(pool.name);
  }
}

/** Checks a table's definition and marks it as one; the registry takes only what this returned. */
export function defineTable(definition: TableDefinition): TableDefinition {
  if (!isRecord(definition)) throw new DefinitionError('defineTable() takes a table definition object');
  const name: unknown = definition.name;
  if (typeof name !== 'string' || !SAFE_NAME.test(name)) {
    throw new DefinitionError(`table ${JSON.stringify(name)}: a table name is lower-case letters, digits and _, starting with a letter (at most 63): it becomes a folder and a SQL name`);
  }
  // The metadata and the run's record are JSON objects keyed by table: such a key would name a prototype's member.
  if (name in Object.prototype) throw new DefinitionError(`table ${name}: the name is reserved (it names a member of every JSON object): choose another`);
  if (typeof definition.description !== 'string') throw definitionProblem(name, undefined, 'description must be text');
  if (!Number.isSafeInteger(definition.version) || definition.version < 1) throw definitionProblem(name, 'version', 'must be a whole number from 1, raised whenever generated values change');
  for (const list of ['parents', 'pools', 'helpers', 'columns'] as const) {
    if (!Array.isArray(definition[list])) throw definitionProblem(name, list, 'must be a list (empty if none)');
  }
  if (definition.columns.length === 0) throw definitionProblem(name, 'columns', 'a table needs at least its primary key column');
  for (const helper of definition.helpers) checkField(name, helper, 'helper');
  for (const column of definition.columns) checkColumn(name, column);
  checkNames(definition);
  checkChildren(definition);
  const key = definition.columns[0];
  if (key?.type.trim().toUpperCase() !== 'BIGINT') throw definitionProblem(name, `primary key ${definition.primaryKey}`, 'must be BIGINT, its sql the row id: ({ row }) => row.id');
  checkParents(definition);
  checkTimeline(definition);
  checkPools(definition);
  for (const rule of definition.rules ?? []) {
    if (!isRecord(rule) || typeof rule.description !== 'string' || typeof rule.violations !== 'function') {
      throw definitionProblem(name, 'rules', 'a rule is { description, violations: (t) => SQL, key?: SQL naming the row key }');
    }
    if (rule.key !== undefined && (typeof rule.key !== 'string' || rule.key.trim() === '')) {
      throw definitionProblem(name, `rule ${rule.description}`, 'key, when given, is SQL naming the broken row\'s key in the rule\'s rows (o.order_id)');
    }
  }
  return Object.freeze({ ...definition, [TABLE_BRAND]: true });
}
