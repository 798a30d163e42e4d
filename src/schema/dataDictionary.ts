/** The data dictionary, rendered from the table definitions so it cannot drift from what is generated. */
import type { TableDefinition } from './tableDefinition.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function dataDictionary(tables: readonly TableDefinition[]): string {
  const sections = tables.map((table) => {
    const parents = table.parents.map((p) => `\`${p.column}\` → \`${p.table}\``).join(', ');
    const lines = [
      `### ${table.name} (${table.columns.length} columns, generator version ${table.version})`,
      '',
      `${table.description}${parents ? ` References: ${parents}.` : ''}`,
      '',
      '| column | type | meaning | distribution |',
      '| --- | --- | --- | --- |',
      ...table.columns.map((c) => `| \`${c.name}\` | ${c.type} | ${cell(c.description)} | ${cell(c.distribution)} |`),
    ];
    return lines.join('\n');
  });
  return `${sections.join('\n\n')}\n`;
}
