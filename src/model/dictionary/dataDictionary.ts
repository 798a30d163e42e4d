/**
 * The data dictionary, rendered from the table definitions so it cannot drift from what is generated: each column's
 * type, meaning and distribution, what it depends on (from what its SQL reads, columnDependencies.ts), and what
 * `synthgen verify` checks its values against.
 */
import { columnDependencies, describeDependencies } from './columnDependencies.js';
import { TIME_TYPE } from '../defineTable.js';
import type { Column, TableDefinition } from '../tableDefinition.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** What verify checks a column's values against: its bounds, and for a date or time its run's as-of. */
export function describeChecks(column: Column): string {
  const checks: string[] = [];
  if (TIME_TYPE.test(column.type.trim().toUpperCase())) checks.push(column.mayFollowAsOf ? 'may be after as-of' : 'not after as-of');
  const { minimum, maximum } = column;
  if (minimum !== undefined && maximum !== undefined) checks.push(`${minimum} to ${maximum}`);
  else if (minimum !== undefined) checks.push(`≥ ${minimum}`);
  else if (maximum !== undefined) checks.push(`≤ ${maximum}`);
  return checks.join('; ');
}

/** Tables by name among `tables`: a table's parents must be among them. */
export function lookupIn(tables: readonly TableDefinition[]): (name: string) => TableDefinition | undefined {
  const byName = new Map(tables.map((t) => [t.name, t]));
  return (name) => byName.get(name);
}

/** What verify checks across a table's rows, besides its key and references: its unique columns and its rules. */
export function tableChecks(table: TableDefinition): string[] {
  const checks = [...(table.unique ?? []).map((c) => `\`${c}\` never repeats`), ...(table.rules ?? []).map((r) => r.description)];
  return checks.length === 0 ? [] : ['', `Verify also checks: ${checks.map(cell).join('; ')}.`];
}

/** The tables' sections; `known` are all the tables their references may reach (default: the tables themselves). */
export function dataDictionary(tables: readonly TableDefinition[], known: readonly TableDefinition[] = tables): string {
  const lookup = lookupIn(known);
  const sections = tables.map((table) => {
    const parents = table.parents.map((p) => `\`${p.column}\` → \`${p.table}\``).join(', ');
    const dependencies = columnDependencies(table, lookup);
    const row = (c: Column) => {
      const depends = dependencies.get(c.name);
      return `| \`${c.name}\` | ${c.type} | ${cell(c.description)} | ${cell(c.distribution)} | ${depends ? cell(describeDependencies(depends)) : ''} | ${describeChecks(c)} |`;
    };
    const lines = [
      `### ${table.name} (${table.columns.length} columns, generator version ${table.version})`,
      '',
      `${table.description}${parents ? ` References: ${parents}.` : ''}${table.children ? ` Rows come in groups per \`${table.children.parent}\` row, keyed by (\`${table.children.column}\`, \`${table.children.line}\`), up to ${table.children.most} each (mean ${table.children.mean}); made in the same run as ${table.children.parent}.` : ''}`,
      '',
      '| column | type | meaning | distribution | depends on | verify checks |',
      '| --- | --- | --- | --- | --- | --- |',
      ...table.columns.map(row),
      ...tableChecks(table),
    ];
    return lines.join('\n');
  });
  return `${sections.join('\n\n')}\n`;
}
