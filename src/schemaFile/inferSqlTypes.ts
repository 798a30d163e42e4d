/**
 * A `sql` column without `type` is written as the type DuckDB gives its expression: DuckDB binds it over the types
 * of the columns it reads (its row's, its parents' by alias), as the row will have them. A sql column may read
 * another that has no type either, so they are inferred in rounds, each taking those whose inputs are known; what is
 * left reads itself in a circle. Each expression's problems are DuckDB's own words at the column's place.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors/userError.js';
import type { TableDefinition } from '../model/tableDefinition.js';
import { type CompileOptions, generatorInputs } from './compile/compileSchema.js';
import { UntypedSql } from './compile/generators/sqlColumn.js';
import { namesIn } from './compile/generators/sqlExpression.js';
import type { ColumnSpec, SchemaSpec, TableSpec } from './format/schemaFormat.js';
import { bindProblem, rowOf } from './rowRelation.js';
import { withDuckDB } from '../workers/duckdbApi.js';

const untyped = (column: ColumnSpec) => column.generator === 'sql' && column.type === undefined;

/** The spec with the types inferred so far filled in. */
function withTypes(spec: SchemaSpec, types: ReadonlyMap<ColumnSpec, string>): SchemaSpec {
  const typed = (column: ColumnSpec): ColumnSpec => {
    const type = types.get(column);
    return type === undefined ? column : { ...column, type };
  };
  return { ...spec, tables: spec.tables.map((table) => ({ ...table, columns: table.columns.map(typed) })) };
}

/** The column's type, or undefined while a column it reads has none yet. */
async function inferOne(connection: DuckDBConnection, spec: SchemaSpec, table: TableSpec, column: ColumnSpec, options: CompileOptions): Promise<string | undefined> {
  const { inputOf, typeOf } = generatorInputs(spec, options);
  const aliases = inputOf(table)(column).aliases;
  const expression = String(column.options);
  const fields: { qualifier?: string; name: string; type: string }[] = [];
  try {
    for (const token of namesIn(expression)) {
      const own = token.qualifier === undefined || token.qualifier === table.name;
      const source = own ? table.name : aliases.get(token.qualifier ?? '')?.table;
      // A name that is neither (a lambda's parameter, a keyword) is DuckDB's to resolve.
      if (source === undefined || (own && !table.columns.some((c) => c.name === token.name))) continue;
      fields.push({ ...(own ? {} : { qualifier: token.qualifier }), name: token.name, type: typeOf(source, token.name) });
    }
  } catch (error: unknown) {
    if (error instanceof UntypedSql) return undefined;
    throw error;
  }
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT (${expression}) AS value FROM ${rowOf(table.name, fields)}`).catch((error: unknown) => {
    throw new UserError(`${spec.file}:${column.valueAt.line}:${column.valueAt.column}: table ${table.name}, column ${column.name}, sql: the sql does not bind: ${bindProblem(error)}`);
  });
  return String(reader.getRowObjects()[0]?.['column_type']);
}

async function inferFile(connection: DuckDBConnection, spec: SchemaSpec, lookup: (table: string) => TableDefinition | undefined): Promise<SchemaSpec> {
  const options: CompileOptions = { version: () => 1, lookup };
  const types = new Map<ColumnSpec, string>();
  let pending = spec.tables.flatMap((table) => table.columns.filter(untyped).map((column) => ({ table, column })));
  while (pending.length > 0) {
    const left: typeof pending = [];
    for (const entry of pending) {
      const current = withTypes(spec, types);
      const table = current.tables.find((t) => t.name === entry.table.name) ?? entry.table;
      const type = await inferOne(connection, current, table, entry.column, options);
      if (type === undefined) left.push(entry);
      else types.set(entry.column, type);
    }
    const first = left[0];
    if (first && left.length === pending.length) {
      const { table, column } = first;
      throw new UserError(`${spec.file}:${column.valueAt.line}:${column.valueAt.column}: table ${table.name}, column ${column.name}, sql: its type cannot be told: it reads sql columns that read it back (${left.map((l) => l.column.name).join(', ')}): give one of them a type`);
    }
    pending = left;
  }
  return withTypes(spec, types);
}

/** The files with every sql column typed, as DuckDB binds its expression where the file gives no type. */
export async function inferSqlTypes(specs: readonly SchemaSpec[], lookup: (table: string) => TableDefinition | undefined): Promise<SchemaSpec[]> {
  if (!specs.some((spec) => spec.tables.some((table) => table.columns.some(untyped)))) return [...specs];
  return withDuckDB(async (connection) => {
    const typed: SchemaSpec[] = [];
    for (const spec of specs) typed.push(await inferFile(connection, spec, lookup));
    return typed;
  });
}
