/**
 * A table's rules (tableDefinition.ts): each names the rows that break it as the body of `SELECT count(*) FROM ...`.
 * verify wraps the body itself, so one scan counts the rows and keeps the lowest few keys: the rule's `key`, or the
 * table's primary key by its bare name, which a body joining parents by USING or with aliases still exposes.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedIdentifier } from '../model/sql.js';
import type { Rule, TableDefinition } from '../model/tableDefinition.js';
import { idsOf, lowestIds, violation } from './offendingIds.js';
import { firstLineOf as firstLine } from '../errors/thrownValue.js';
import { queryRow } from '../workers/queryRow.js';
import type { VerifyCheck } from './verifyReport.js';


/**
 * The rule's check; `origin` is the module of a user's table, whose rule not running is a finding, not a crash. A
 * rule of only some versions of the table (versionScopes.ts) is given their rows (`own`, named by `label`); its
 * parents' rows are all theirs, read from `relation` (another table's may include the original tool's rows).
 */
export async function checkRule(
  connection: DuckDBConnection,
  definition: TableDefinition,
  rule: Rule,
  origin: string | undefined,
  relation: (table: string) => string = quotedIdentifier,
  own?: { readonly relation: string; readonly label: string },
): Promise<VerifyCheck> {
  const check = `${definition.name}: ${rule.description}${own?.label ?? ''}`;
  const body = rule.violations((table) => (table === definition.name && own ? own.relation : relation(table)));
  const key = rule.key ?? quotedIdentifier(definition.primaryKey);
  const result = (count: number, ids: readonly number[], note = ''): VerifyCheck =>
    count === 0 ? { check, result: 'ok', detail: 'holds for every row' } : violation(check, count, `rows break it${note}`, definition.primaryKey, ids);
  try {
    const row = await queryRow(connection, `SELECT count(*) AS n, ${lowestIds(key)} AS ids FROM ${body}`);
    return result(Number(row.n ?? 0), idsOf(row.ids));
  } catch {
    // Most likely the key (hidden by a subquery, or ambiguous in a self-join); the count alone tells.
  }
  // The body may not expose the key (a subquery that drops it): count without naming rows, and say why.
  try {
    const row = await queryRow(connection, `SELECT count(*) AS n FROM ${body}`);
    return result(Number(row.n ?? 0), [], ` (no IDs listed: its rows do not name ${key} alone; give the rule a key)`);
  } catch (error: unknown) {
    if (!origin) throw error;
    return { check, result: 'violation', detail: `the rule does not run (${firstLine(error)}): fix its violations() in ${origin}` };
  }
}
