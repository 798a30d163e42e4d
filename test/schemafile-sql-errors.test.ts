/**
 * SQL in a schema file that DuckDB cannot parse or bind is one line at the expression's place in DuckDB's own words,
 * "does not parse: ..." or "does not bind: ...", never DuckDB's advice to install an extension (a rule with `>>=`
 * ended in a colon). A column named with a word SQL reserves (order) is hinted to quote where it is read bare, and
 * read in double quotes it works, in a sql column and in a rule. The files are loaded, run and verified in this
 * process (helpers/schemaLoad.ts, helpers/schemaVerify.ts); the first case also through `synthgen schema`, for the
 * printed line and the exit code.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { count, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { loadSchema, schemaProblem } from './helpers/schemaLoad.js';
import { verifySchemaDataset } from './helpers/schemaVerify.js';

const file = (sql: string, check: string) => `tables:
  baskets:
    key: basket_id
    columns:
      basket_id: { key: true }
      order: { int: { min: 1, max: 9 } }
      doubled: { sql: ${JSON.stringify(sql)}, type: INTEGER }
    rules:
      - { name: the check, check: ${JSON.stringify(check)} }
`;

const GOOD_SQL = '"order" * 2';
const GOOD_CHECK = 'doubled = 2 * "order"';

const CASES: readonly { name: string; sql: string; check: string; at: string; says: RegExp }[] = [
  { name: 'an operator only an extension has', sql: GOOD_SQL, check: 'basket_id >>= 2', at: '9:35', says: /rule 1, check: the rule "the check" does not bind: Scalar Function with name ">>=" is not in the catalog, but it exists in the inet extension, which synthgen does not load$/ },
  { name: 'a function DuckDB does not have', sql: 'florr(basket_id)', check: GOOD_CHECK, at: '7:23', says: /column doubled, sql: the sql does not bind as INTEGER: Scalar Function with name florr does not exist! Did you mean "floor"\?$/ },
  { name: 'a column it does not have', sql: GOOD_SQL, check: 'doubled > "orders"', at: '9:35', says: /rule 1, check: the rule "the check" reads orders, which is not a column of baskets \(did you mean order\?\)$/ },
  { name: 'SQL that does not parse', sql: GOOD_SQL, check: 'doubled >', at: '9:35', says: /rule 1, check: the rule "the check" does not parse: syntax error at end of input$/ },
  { name: 'a reserved word read bare in a sql column', sql: 'order * 2', check: GOOD_CHECK, at: '7:23', says: /column doubled, sql: the sql does not parse: syntax error at or near "\*" \(order is a reserved word of SQL: write the column in double quotes, "order"\)$/ },
  { name: 'a reserved word read bare in a rule', sql: GOOD_SQL, check: 'order > 0', at: '9:35', says: /the rule "the check" does not parse: .*\(order is a reserved word of SQL: write the column in double quotes, "order"\)$/ },
];

test.each(CASES)('$name is one line at its place', async ({ sql, check, at, says }) => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'baskets.yaml');
    await writeFile(path, file(sql, check));
    const message = await schemaProblem([path]);
    expect(message.split('\n'), message).toHaveLength(1);
    expect(message.startsWith(`${path}:${at}: table baskets, `), message).toBe(true);
    expect(message).toMatch(says);
    expect(message).not.toMatch(/[:]$|INSTALL|autoload/i);
  });
});

test.each(CASES.slice(0, 1))('synthgen schema prints $name as one line at its place, exit 2', async ({ sql, check, at, says }) => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'baskets.yaml'), file(sql, check));
    const result = await synthgen(['schema', '--schema', 'baskets.yaml'], dir);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`synthgen: baskets.yaml:${at}: table baskets, `)).toBe(true);
    expect(lines[0]).toMatch(says);
    expect(lines[0]).not.toMatch(/[:]$|INSTALL|autoload/i);
  });
});

test('a reserved-word column read in double quotes works in a sql column and a rule', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'baskets.yaml');
    await writeFile(path, file(GOOD_SQL, GOOD_CHECK));
    const { registry } = await loadSchema([path]);
    await engineRun(dir, { registry, tables: ['baskets'], rows: { baskets: 500 } });
    const rows = await query(`SELECT count(*) AS n FROM ${await tableSql(join(dir, 'data'), 'baskets')} WHERE doubled IS DISTINCT FROM 2 * "order"`);
    expect(count(rows)).toBe(0);
    const report = await verifySchemaDataset([path], join(dir, 'data'), join(dir, 'm.json'));
    expect(report.checks.filter((c) => c.result !== 'ok' && c.result !== 'skipped')).toEqual([]);
    expect(report.checks.map((c) => c.check)).toContain('baskets: the check');
    expect(report.ok).toBe(true);
  });
});
