/**
 * A checked schema file as the engine's table definitions: each column's generator compiled to SQL over the row
 * (compileColumn.ts), refs as parents, a children table's groups, arrivals as a timeline, rules for verify. The
 * versions come from the caller (the dataset's records, schemaVersions.ts).
 */
import { createHash } from 'node:crypto';
import { UserError } from '../../errors/userError.js';
import { defineTable } from '../../model/defineTable.js';
import type { ChildrenOf, ParentReference, PoolDefinition, TableDefinition } from '../../model/tableDefinition.js';
import type { ColumnSpec, SchemaSpec, TableSpec } from '../format/schemaFormat.js';
import { describeArrivals, timelineOf } from './arrivals.js';
import type { GeneratorInput, Reference } from './compiledColumn.js';
import { compileColumn, generatorColumn } from './compileColumn.js';
import { localesOf } from './generators/faker.js';
import { meanOf, numberSql } from './generators/numbers.js';
import { refTable } from './generators/references.js';
import { compileRules, keyColumnOf } from './rules.js';

export interface CompileOptions {
  readonly version: (table: string) => number;
  /** The tables the file may reference besides its own (built-in ones, a module's). */
  readonly lookup: (table: string) => TableDefinition | undefined;
}

type RefOptions = string | { readonly table: string; readonly skew?: number | undefined; readonly idle?: number | undefined; readonly as?: string | undefined };

/** A ref's alias: `as`, or the column's name without `_id`. */
export function aliasOf(column: ColumnSpec & { generator: 'ref' }): string {
  const options = column.options as RefOptions;
  if (typeof options !== 'string' && options.as !== undefined) return options.as;
  return column.name.endsWith('_id') ? column.name.slice(0, -3) : column.name;
}

function referencesOf(table: TableSpec): Map<string, Reference> {
  const aliases = new Map<string, Reference>();
  for (const column of table.columns) {
    if (column.generator !== 'ref') continue;
    aliases.set(aliasOf(column), { column: column.name, table: refTable(column.options), alias: aliasOf(column) });
  }
  return aliases;
}

/** A pool name of the table's column, unique in the file and valid for definePool (at most 63 characters). */
function poolNameOf(table: string, suffix: string): string {
  const name = `${table}_${suffix}`.replace(/[^a-z0-9_]/g, '_');
  return name.length <= 63 ? name : `${name.slice(0, 50)}_${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/** What a file's generators are given, and the written type of any column they may read (this file's or a table it references). */
export function generatorInputs(spec: SchemaSpec, options: CompileOptions): { readonly inputOf: (table: TableSpec) => (column: ColumnSpec) => GeneratorInput; readonly typeOf: (table: string, column: string) => string } {
  const specs = new Map(spec.tables.map((t) => [t.name, t]));
  const fileLocales = localesOf(spec.locale) ?? [['en_US', 1] as const];
  const inputs = new Map<string, (column: ColumnSpec) => GeneratorInput>();
  const visiting = new Set<string>();
  const typeOf = (table: string, column: string): string => {
    const tableSpec = specs.get(table);
    if (!tableSpec) {
      const found = options.lookup(table)?.columns.find((c) => c.name === column);
      if (!found) throw new UserError(`${spec.file}: ${table} has no column ${column}`);
      return found.type;
    }
    const columnSpec = tableSpec.columns.find((c) => c.name === column);
    if (!columnSpec) throw new UserError(`${spec.file}:${tableSpec.at.line}:${tableSpec.at.column}: table ${table} has no column ${column}`);
    if (columnSpec.type !== undefined) return columnSpec.type;
    const at = `${table}.${column}`;
    if (visiting.has(at)) throw new UserError(`${spec.file}:${columnSpec.at.line}:${columnSpec.at.column}: ${at} reads itself through parent values`);
    visiting.add(at);
    try {
      return generatorColumn(columnSpec.generator, columnSpec.options, inputOf(tableSpec)(columnSpec), column).type;
    } finally {
      visiting.delete(at);
    }
  };
  const inputOf = (table: TableSpec) => {
    const known = inputs.get(table.name);
    if (known) return known;
    const aliases = referencesOf(table);
    const locales = localesOf(table.locale) ?? fileLocales;
    const make = (column: ColumnSpec): GeneratorInput => ({ table, column, aliases, locales, typeOf, poolName: (suffix) => poolNameOf(table.name, suffix) });
    inputs.set(table.name, make);
    return make;
  };
  return { inputOf, typeOf };
}

export function compileSchema(spec: SchemaSpec, options: CompileOptions): TableDefinition[] {
  const specs = new Map(spec.tables.map((t) => [t.name, t]));
  const { inputOf } = generatorInputs(spec, options);
  return spec.tables.map((table) => compileTable(spec, table, inputOf(table), options, specs));
}

function childrenOf(table: TableSpec): ChildrenOf | undefined {
  const children = table.children;
  if (!children || typeof table.key === 'string') return undefined;
  const [column, line] = table.key;
  return {
    parent: children.of,
    column,
    line,
    count: (parent) => numberSql(children.count, parent, `${table.name}#count`, true),
    most: Math.floor(children.count.max),
    mean: Number(meanOf(children.count, true).toFixed(3)),
  };
}

function compileTable(spec: SchemaSpec, table: TableSpec, input: (column: ColumnSpec) => GeneratorInput, options: CompileOptions, specs: ReadonlyMap<string, TableSpec>): TableDefinition {
  const compiled = table.columns.map((column) => compileColumn(column, input(column)));
  const pools: PoolDefinition[] = compiled.flatMap((c) => c.pools);
  const children = childrenOf(table);
  const parents: ParentReference[] = table.columns.flatMap((column): ParentReference[] => {
    if (column.generator !== 'ref') return [];
    const o = column.options as RefOptions;
    const group = children !== undefined && column.name === children.column;
    const skew = group || typeof o === 'string' ? (group ? 1 : 2) : (o.skew ?? 2);
    const idle = group || typeof o === 'string' ? 0 : (o.idle ?? 0);
    return [{ table: refTable(o), column: column.name, skew, ...(idle > 0 ? { idle } : {}) }];
  });
  const aliases = referencesOf(table);
  const key = typeof table.key === 'string' ? table.key : table.key[0];
  const timeline = children ? undefined : timelineOf(table.arrivals);
  return defineTable({
    name: table.name,
    description: `${table.description ?? `Table ${table.name} of ${spec.file}.`} ${children ? '' : describeArrivals(table.arrivals)}`.trim(),
    version: options.version(table.name),
    primaryKey: key,
    ...(timeline ? { timeline } : {}),
    parents,
    pools,
    helpers: [],
    columns: compiled.map((c) => c.column),
    unique: table.columns.filter((c) => c.unique && c.name !== key && c.generator !== 'key').map((c) => c.name),
    rules: compileRules(table, aliases, (name) => keyColumnOf(name, specs, options.lookup)),
    ...(children ? { children } : {}),
  });
}
