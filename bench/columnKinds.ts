/**
 * Per-column-kind generation cost: which kinds of column a table's time goes to. Each kind's columns are computed
 * alone (DuckDB prunes every expression the selected columns do not need, helpers included) into a temporary table,
 * and the time of computing the IDs alone is subtracted; what is left, per row and column, is that kind's cost.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { benchCompile } from './engineMethod.js';
import { quotedIdentifier } from '../src/model/sql.js';
import type { TableDefinition } from '../src/model/tableDefinition.js';

export const KINDS = ['primary key', 'foreign key', 'text', 'integer', 'decimal', 'timestamp', 'date', 'boolean'] as const;
export type ColumnKind = (typeof KINDS)[number];


export function kindOf(definition: TableDefinition, column: { name: string; type: string }): ColumnKind {
  if (column.name === definition.primaryKey) return 'primary key';
  if (definition.parents.some((parent) => parent.column === column.name)) return 'foreign key';
  const type = column.type.toUpperCase();
  if (type.startsWith('VARCHAR')) return 'text';
  if (type.startsWith('DECIMAL') || type === 'DOUBLE' || type === 'FLOAT') return 'decimal';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  if (type === 'DATE') return 'date';
  if (type === 'BOOLEAN') return 'boolean';
  if (/INT/.test(type)) return 'integer';
  throw new Error(`${definition.name}.${column.name}: no kind for type ${column.type}`);
}

/** The table's columns by kind, in KINDS order; kinds it has none of are left out. */
export function columnsByKind(definition: TableDefinition): [ColumnKind, string[]][] {
  const groups = new Map<ColumnKind, string[]>();
  for (const column of definition.columns) {
    const kind = kindOf(definition, column);
    groups.set(kind, [...(groups.get(kind) ?? []), column.name]);
  }
  return KINDS.filter((kind) => groups.has(kind)).map((kind) => [kind, groups.get(kind) ?? []]);
}

/** Computes `columns` of the table's first `rows` rows into a temporary table (pools must be loaded). */
export async function computeColumns(connection: DuckDBConnection, definition: TableDefinition, columns: readonly string[], rows: number): Promise<void> {
  const query = benchCompile(definition).select(1, rows);
  await connection.run(`CREATE OR REPLACE TEMP TABLE column_kind_bench AS SELECT ${columns.map(quotedIdentifier).join(', ')} FROM (${query})`);
}
