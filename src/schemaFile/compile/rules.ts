/**
 * A schema table's rules: SQL that is true of every row, over its columns (by name, or table.column) and its
 * parents' (by alias). verify counts the rows where it is not: the table joined to each parent the check names.
 * A rule is first resolved to a record (its check with every name qualified, and the parents it joins), which the
 * metadata keeps with each version of the table, so verify can run a version's rules after the file changed them.
 */
import type { Rule, TableDefinition } from '../../model/tableDefinition.js';
import { quotedIdentifier } from '../../model/sql.js';
import type { RecordedRule, RuleJoin } from '../../records/versionRecord.js';
import type { TableSpec } from '../format/schemaFormat.js';
import type { Reference } from './compiledColumn.js';
import { rewriteNames } from './generators/sqlExpression.js';

const q = quotedIdentifier;

/** A rule made from a record, which it carries (recordOfRule): what the metadata keeps of it. */
interface RecordedRuleOf extends Rule {
  readonly record: RecordedRule;
}

function recordRule(table: TableSpec, rule: { readonly name: string; readonly check: string }, aliases: ReadonlyMap<string, Reference>, keyOf: (table: string) => string): RecordedRule {
  const own = new Set(table.columns.map((c) => c.name));
  const used = new Map<string, Reference>();
  const check = rewriteNames(rule.check, (token) => {
    if (token.qualifier === undefined) return own.has(token.name) ? `${q(table.name)}.${q(token.name)}` : undefined;
    if (token.qualifier === table.name) return `${q(table.name)}.${q(token.name)}`;
    const reference = aliases.get(token.qualifier);
    if (!reference) return undefined;
    used.set(token.qualifier, reference);
    return `${q(token.qualifier)}.${q(token.name)}`;
  });
  const joins = [...used.entries()].map(([alias, r]): RuleJoin => ({ alias, table: r.table, column: r.column, key: keyOf(r.table) }));
  return { name: rule.name, check, joins };
}

/** The rule verify runs for `record`, over `table` whose key (or first key column) is `key`. */
export function ruleOf(table: string, key: string, record: RecordedRule): Rule {
  const rule: RecordedRuleOf = {
    description: record.name,
    reads: [...new Set(record.joins.map((join) => join.table))],
    key: `${q(table)}.${q(key)}`,
    violations: (t) => {
      const joins = record.joins.map((j) => ` LEFT JOIN ${t(j.table)} AS ${q(j.alias)} ON ${q(table)}.${q(j.column)} = ${q(j.alias)}.${q(j.key)}`).join('');
      return `${t(table)} AS ${q(table)}${joins} WHERE NOT (${record.check})`;
    },
    record,
  };
  return rule;
}

/** What the metadata keeps of a rule a schema file compiled; undefined for a rule of a module's or a built-in table. */
export function recordOfRule(rule: Rule): RecordedRule | undefined {
  return 'record' in rule ? (rule as RecordedRuleOf).record : undefined;
}

export function compileRules(table: TableSpec, aliases: ReadonlyMap<string, Reference>, keyOf: (table: string) => string): Rule[] {
  const key = typeof table.key === 'string' ? table.key : table.key[0];
  return (table.rules ?? []).map((rule) => ruleOf(table.name, key, recordRule(table, rule, aliases, keyOf)));
}

/** The key column a reference to `table` joins on. */
export function keyColumnOf(table: string, specs: ReadonlyMap<string, TableSpec>, lookup: (table: string) => TableDefinition | undefined): string {
  const spec = specs.get(table);
  if (spec) return typeof spec.key === 'string' ? spec.key : spec.key[0];
  return lookup(table)?.primaryKey ?? `${table}_id`;
}
