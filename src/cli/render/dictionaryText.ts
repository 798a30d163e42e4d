/**
 * The data dictionary for a terminal: the Markdown one (dataDictionary.ts, which the README's is generated from) puts
 * each column on a table row of 300-600 characters. Here each column is a short line (name and type) and its
 * meaning, distribution, dependencies and checks are wrapped under it to the terminal's width.
 */
import { columnDependencies, describeDependencies } from '../../model/dictionary/columnDependencies.js';
import { describeChecks, lookupIn } from '../../model/dictionary/dataDictionary.js';
import type { TableDefinition } from '../../model/tableDefinition.js';
import { wrap } from './wrap.js';

/** Markdown's code spans read as plain text. */
const plain = (text: string) => text.replaceAll('`', '');

function tableText(table: TableDefinition, lookup: (name: string) => TableDefinition | undefined, width: number): string[] {
  const parents = table.parents.map((p) => `${p.column} → ${p.table}`).join(', ');
  const children = table.children
    ? ` Rows come in groups per ${table.children.parent} row, keyed by (${table.children.column}, ${table.children.line}), up to ${table.children.most} each (mean ${table.children.mean}); made in the same run as ${table.children.parent}.`
    : '';
  const dependencies = columnDependencies(table, lookup);
  const lines = [`${table.name} (${table.columns.length} columns, generator version ${table.version})`, ...wrap(plain(`${table.description}${parents ? ` References: ${parents}.` : ''}${children}`), width, 2)];
  for (const column of table.columns) {
    const depends = dependencies.get(column.name);
    const checks = describeChecks(column);
    lines.push(
      '',
      ...wrap(plain(column.description), width, 6, `  ${column.name}  ${column.type}  `),
      ...wrap(plain(column.distribution), width, 6, '      distribution: '),
      ...(depends ? wrap(plain(describeDependencies(depends)), width, 6, '      depends on: ') : []),
      ...(checks ? wrap(checks, width, 6, '      verify checks: ') : []),
    );
  }
  const tableChecks = [...(table.unique ?? []).map((c) => `${c} never repeats`), ...(table.rules ?? []).map((r) => r.description)];
  if (tableChecks.length > 0) lines.push('', ...wrap(plain(`Verify also checks: ${tableChecks.join('; ')}.`), width, 2));
  return lines;
}

/** The tables' entries wrapped to `width`; `known` are the tables their references may reach. */
export function dictionaryText(tables: readonly TableDefinition[], known: readonly TableDefinition[], width: number): string {
  const lookup = lookupIn(known);
  return `${tables.map((table) => tableText(table, lookup, width).join('\n')).join('\n\n')}\n`;
}
