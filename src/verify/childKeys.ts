/**
 * The key of a children table (schema/children/): (parent id, line number). No pair occurs twice, each parent's
 * lines run 1, 2, ... without a gap, and every parent id is one the manifests here give the table (its parent's IDs
 * of those runs). A parent may have no lines: its count is drawn, and may be 0.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type IdRange, describeRanges } from './idRanges.js';
import { quotedIdentifier } from '../model/sql.js';
import type { ChildrenOf, TableDefinition } from '../model/tableDefinition.js';
import type { VerifyCheck } from './verifyReport.js';
import { lowestIds, offending, violation } from './offendingIds.js';
import { queryRow } from '../workers/queryRow.js';

export async function checkChildKey(
  connection: DuckDBConnection,
  definition: TableDefinition,
  children: ChildrenOf,
  expected: readonly IdRange[],
  rangeTable: (name: string, ranges: readonly IdRange[]) => Promise<string>,
  checks: VerifyCheck[],
): Promise<number> {
  const table = quotedIdentifier(definition.name);
  const parent = quotedIdentifier(children.column);
  const line = quotedIdentifier(children.line);
  const stats = await queryRow(connection, `SELECT count(*) AS n, count(DISTINCT (${parent}, ${line})) AS d FROM ${table}`);
  const n = Number(stats.n ?? 0);
  const key = `(${children.column}, ${children.line})`;
  const unique = `${definition.name}${key} unique`;
  if (n === Number(stats.d ?? 0)) checks.push({ check: unique, result: 'ok', detail: `${n} rows, no key twice` });
  else {
    const twice = offending(await queryRow(connection, `SELECT ${lowestIds('k')} AS ids, count(*) AS listed FROM (SELECT ${parent} AS k FROM ${table} GROUP BY ${parent}, ${line} HAVING count(*) > 1)`));
    checks.push(violation(unique, twice.listed, 'keys occur more than once', children.column, twice.ids));
  }
  const gaps = offending(
    await queryRow(
      connection,
      `SELECT ${lowestIds('k')} AS ids, count(*) AS listed FROM (SELECT ${parent} AS k FROM ${table} GROUP BY ${parent} HAVING min(${line}) <> 1 OR max(${line}) <> count(*))`,
    ),
  );
  const lines = `${definition.name}.${children.line} runs 1, 2, ... per ${children.parent}`;
  checks.push(gaps.listed === 0 ? { check: lines, result: 'ok', detail: 'no gap and no repeat in any parent\'s lines' } : violation(lines, gaps.listed, `${children.parent} rows have lines with gaps or repeats`, children.column, gaps.ids));
  const ranges = await rangeTable(`here_${definition.name}`, expected);
  const outside = offending(await queryRow(connection, `SELECT ${lowestIds(`c.${parent}`)} AS ids, count(*) AS listed FROM ${table} c ANTI JOIN ${ranges} r ON c.${parent} BETWEEN r.first_id AND r.last_id`));
  const within = `${definition.name}.${children.column} within its runs`;
  const given = expected.length ? describeRanges(expected) : 'no IDs';
  checks.push(outside.listed === 0 ? { check: within, result: 'ok', detail: `lines of ${children.parent} ${given}, as the manifests give` } : violation(within, outside.listed, `rows belong to ${children.parent} IDs outside ${given}`, children.column, outside.ids));
  return n;
}
