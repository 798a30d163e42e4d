/**
 * A schema file's SQL bound by DuckDB at the types its columns are written with, before anything runs: a `sql`
 * column's expression must give a value its `type` takes, and a rule must be a condition. What DuckDB cannot bind is
 * one line in its own words at the expression's place. The row is an empty relation named after the table with a
 * column per field and its parents as structs by alias (rowRelation.ts), so names resolve as they will when the row
 * is generated. (Types themselves, and the values a column can take, are checked as the file loads: checkCasts.ts.)
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors/userError.js';
import type { TableRegistry } from '../model/registry.js';
import { aliasOf } from './compile/compileSchema.js';
import { refTable } from './compile/generators/references.js';
import type { ColumnSpec, SchemaSpec, TableSpec } from './format/schemaFormat.js';
import { type Field, bindProblem, rowOf } from './rowRelation.js';
import { withDuckDB } from '../workers/duckdbApi.js';

/** The table's row: its own columns and every column of each parent, as the registry compiled them. */
function rowRelation(table: TableSpec, registry: TableRegistry): string {
  const own: Field[] = (registry.get(table.name)?.columns ?? []).map((c) => ({ name: c.name, type: c.type }));
  const parents = table.columns.flatMap((c): Field[] => {
    if (c.generator !== 'ref') return [];
    const alias = aliasOf(c as ColumnSpec & { generator: 'ref' });
    return (registry.get(refTable(c.options))?.columns ?? []).map((p) => ({ qualifier: alias, name: p.name, type: p.type }));
  });
  return rowOf(table.name, [...own, ...parents]);
}

async function checkTable(connection: DuckDBConnection, spec: SchemaSpec, table: TableSpec, registry: TableRegistry): Promise<void> {
  const row = rowRelation(table, registry);
  for (const column of table.columns) {
    if (column.generator !== 'sql') continue;
    const where = `${spec.file}:${column.valueAt.line}:${column.valueAt.column}: table ${table.name}, column ${column.name}, sql`;
    await connection.run(`SELECT CAST((${column.options}) AS ${column.type ?? 'VARCHAR'}) FROM ${row}`).catch((error: unknown) => {
      throw new UserError(`${where}: the sql does not bind${column.type === undefined ? '' : ` as ${column.type}`}: ${bindProblem(error)}`);
    });
  }
  for (const [index, rule] of (table.rules ?? []).entries()) {
    const where = `${spec.file}:${rule.at.line}:${rule.at.column}: table ${table.name}, rule ${index + 1}, check`;
    const reader = await connection.runAndReadAll(`SELECT typeof((${rule.check})) AS type FROM ${row}`).catch((error: unknown) => {
      throw new UserError(`${where}: the rule "${rule.name}" does not bind: ${bindProblem(error)}`);
    });
    const type = String(reader.getRowObjects()[0]?.['type']);
    if (type !== 'BOOLEAN') throw new UserError(`${where}: the rule "${rule.name}" is a ${type}, not a condition: write one that is true or false (amount > 0)`);
  }
}

export async function checkTypes(specs: readonly SchemaSpec[], registry: TableRegistry): Promise<void> {
  await withDuckDB(async (connection) => {
    for (const spec of specs) for (const table of spec.tables) await checkTable(connection, spec, table, registry);
  });
}
