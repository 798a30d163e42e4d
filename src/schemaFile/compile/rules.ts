/**
 * A schema table's rules: SQL that is true of every row, over its columns (by name, or table.column) and its
 * parents' (by alias). verify counts the rows where it is not: the table joined to each parent the check names.
 */
import type { Rule, TableDefinition } from '../../schema/tableDefinition.js';
import { quotedIdentifier } from '../../schema/sql.js';
import type { TableSpec } from '../format/schemaFormat.js';
import type { Reference } from './compiledColumn.js';
import { rewriteNames } from './generators/sqlExpression.js';

const q = quotedIdentifier;

export function compileRules(table: TableSpec, aliases: ReadonlyMap<string, Reference>, keyOf: (table: string) => string): Rule[] {
  const own = new Set(table.columns.map((c) => c.name));
  const key = typeof table.key === 'string' ? table.key : table.key[0];
  return (table.rules ?? []).map((rule): Rule => {
    const used = new Map<string, Reference>();
    const check = rewriteNames(rule.check, (token) => {
      if (token.qualifier === undefined) return own.has(token.name) ? `${q(table.name)}.${q(token.name)}` : undefined;
      if (token.qualifier === table.name) return `${q(table.name)}.${q(token.name)}`;
      const reference = aliases.get(token.qualifier);
      if (!reference) return undefined;
      used.set(token.qualifier, reference);
      return `${q(token.qualifier)}.${q(token.name)}`;
    });
    const references = [...used.entries()];
    return {
      description: rule.name,
      reads: [...new Set(references.map(([, r]) => r.table))],
      key: `${q(table.name)}.${q(key)}`,
      violations: (t) => {
        const joins = references.map(([alias, r]) => ` LEFT JOIN ${t(r.table)} AS ${q(alias)} ON ${q(table.name)}.${q(r.column)} = ${q(alias)}.${q(keyOf(r.table))}`).join('');
        return `${t(table.name)} AS ${q(table.name)}${joins} WHERE NOT (${check})`;
      },
    };
  });
}

/** The key column a reference to `table` joins on. */
export function keyColumnOf(table: string, specs: ReadonlyMap<string, TableSpec>, lookup: (table: string) => TableDefinition | undefined): string {
  const spec = specs.get(table);
  if (spec) return typeof spec.key === 'string' ? spec.key : spec.key[0];
  return lookup(table)?.primaryKey ?? `${table}_id`;
}
