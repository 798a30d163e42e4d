/** Keys, references and what they bring: a row's id or line, a parent's id, a parent's column, its children's aggregate. */
import { UserError } from '../../../errors/userError.js';
import type { ChildAggregate } from '../../../model/tableDefinition.js';
import type { CompiledColumn, GeneratorInput } from '../compiledColumn.js';

export function keyColumn(options: true | Record<string, never> | 'line'): CompiledColumn {
  if (options === 'line') return { type: 'INTEGER', sql: (context) => context.lineNumber, distribution: 'The line number within its parent row: 1, 2, ... up to its count.', description: 'Line number within the parent row (key, with the parent id).' };
  return { type: 'BIGINT', sql: (_context, row) => row.id, distribution: 'Sequential from 1, continuing across runs; creation time rises with it.', description: 'Primary key.' };
}

/** The table a `ref` names. */
export function refTable(options: string | { readonly table: string }): string {
  return typeof options === 'string' ? options : options.table;
}

export function refColumn(options: string | { readonly table: string; readonly skew?: number | undefined; readonly idle?: number | undefined }, children: boolean): CompiledColumn {
  const table = refTable(options);
  const skew = typeof options === 'string' ? 2 : (options.skew ?? 2);
  const idle = typeof options === 'string' ? 0 : (options.idle ?? 0);
  const distribution = children
    ? `The ${table} row this row is a line of.`
    : `A ${table} row existing when this row was created, by popularity: skew ${skew}${skew === 1 ? ' (uniform)' : ''}${idle > 0 ? `, ${idle * 100}% of them never referenced` : ''}.`;
  return { type: 'BIGINT', sql: (context) => context.parent(table).id, distribution, description: `References ${table}.` };
}

export function parentColumn(path: string, input: GeneratorInput): CompiledColumn {
  const [alias = '', column = ''] = path.split('.');
  const reference = input.aliases.get(alias);
  if (!reference) throw new UserError(`table ${input.table.name}, column ${input.column.name}: ${alias} is not the alias of one of its refs`);
  return {
    type: input.typeOf(reference.table, column),
    sql: (context) => context.parent(reference.table).value(column),
    distribution: `The referenced ${reference.table} row's ${column}, recomputed from that row (equal to its file).`,
  };
}

export function aggregateColumn(options: Partial<Record<ChildAggregate, string>>, input: GeneratorInput): CompiledColumn {
  const [fn, target = ''] = (Object.entries(options).find(([, value]) => value !== undefined) ?? ['count', '']) as [ChildAggregate, string];
  const [table = '', field] = target.split('.');
  if (fn !== 'count' && field === undefined) throw new UserError(`table ${input.table.name}, column ${input.column.name}: ${fn} takes children_table.column`);
  const fieldType = field === undefined ? 'BIGINT' : input.typeOf(table, field);
  const decimal = /^DECIMAL\(\s*\d+\s*,\s*(\d+)\s*\)$/i.exec(fieldType);
  const type = fn === 'count' ? 'BIGINT' : fn === 'avg' ? 'DOUBLE' : fn === 'sum' ? (decimal ? `DECIMAL(18,${decimal[1]})` : /INT/i.test(fieldType) ? 'BIGINT' : 'DOUBLE') : fieldType;
  const what = fn === 'count' ? `How many ${table} rows it has` : `The ${fn} of its ${table} rows' ${field}`;
  return { type, sql: (context) => context.aggregate(table, fn, field), distribution: `${what}, computed from them (equal to what their files add up to).` };
}
