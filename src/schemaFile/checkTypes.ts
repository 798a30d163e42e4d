/**
 * A schema file's SQL bound by DuckDB at the types its columns are written with, before anything runs: a `sql`
 * column's expression must give a value of its `type`, a rule must be a condition, and a `type` must be a DuckDB
 * type. The row is an empty relation named after the table with a column per field, its parents structs by alias,
 * so the names resolve as they will when the row is generated.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { UserError } from '../errors/userError.js';
import type { TableRegistry } from '../schema/registry.js';
import { quotedIdentifier as q } from '../schema/sql.js';
import { aliasOf } from './compile/compileSchema.js';
import { refTable } from './compile/generators/references.js';
import type { ColumnSpec, SchemaSpec, TableSpec } from './format/schemaFormat.js';

function typed(columns: readonly { readonly name: string; readonly type: string }[]): string {
  return columns.map((c) => `${q(c.name)} ${c.type}`).join(', ');
}

/** `SELECT ... FROM (the row) AS table`, for an expression over the table's row and its parents. */
function rowRelation(table: TableSpec, registry: TableRegistry): string {
  const own = registry.get(table.name)?.columns ?? [];
  const parents = table.columns.flatMap((c): string[] => {
    if (c.generator !== 'ref') return [];
    const columns = registry.get(refTable(c.options))?.columns ?? [];
    return columns.length ? [`NULL::STRUCT(${typed(columns)}) AS ${q(aliasOf(c as ColumnSpec & { generator: 'ref' }))}`] : [];
  });
  const fields = [...own.map((c) => `NULL::${c.type} AS ${q(c.name)}`), ...parents];
  return `(SELECT ${fields.join(', ')}) AS ${q(table.name)}`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).replace(/^(Binder|Parser|Conversion|Catalog) Error: /, '');
}

export async function checkTypes(specs: readonly SchemaSpec[], registry: TableRegistry): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const spec of specs) {
      for (const table of spec.tables) {
        const where = (at: { line: number; column: number }, what: string) => `${spec.file}:${at.line}:${at.column}: table ${table.name}, ${what}`;
        for (const column of table.columns) {
          if (column.type !== undefined) {
            await connection.run(`SELECT NULL::${column.type}`).catch((error: unknown) => {
              throw new UserError(`${where(column.at, `column ${column.name}`)}: type ${column.type} is not a DuckDB type (${firstLine(error)}): use INTEGER, BIGINT, DOUBLE, DECIMAL(12,2), VARCHAR, DATE, TIMESTAMPTZ, ...`);
            });
          }
        }
        const row = rowRelation(table, registry);
        for (const column of table.columns) {
          if (column.generator !== 'sql') continue;
          await connection.run(`SELECT CAST((${column.options}) AS ${column.type ?? 'VARCHAR'}) FROM ${row}`).catch((error: unknown) => {
            throw new UserError(`${where(column.at, `column ${column.name}`)}: the sql does not run at these columns' types: ${firstLine(error)}`);
          });
        }
        for (const rule of table.rules ?? []) {
          const reader = await connection.runAndReadAll(`SELECT typeof((${rule.check})) AS type FROM ${row}`).catch((error: unknown) => {
            throw new UserError(`${where(table.at, `rule "${rule.name}"`)}: the check does not run: ${firstLine(error)}`);
          });
          const type = String(reader.getRowObjects()[0]?.['type']);
          if (type !== 'BOOLEAN') throw new UserError(`${where(table.at, `rule "${rule.name}"`)}: the check is a ${type}, not a condition: write one that is true or false (amount > 0)`);
        }
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
