/**
 * verify checks values against what their columns declare, for a user's table: a bounded number out of its bounds,
 * and a time after the as-of of the run that made its row, are violations naming the rows' keys; a column flagged
 * mayFollowAsOf (a due date) is not held to the as-of.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, count, generate, laterAsOf, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { rewrite } from './helpers/plant.js';

const MODULE = `import { defineTable, toDate, toTimestamp, uniform } from 'synthgen';
const c = (name, type, sql, flags = {}) => ({ name, type, description: 'd', distribution: 'd', sql, ...flags });
export const ledger = defineTable({
  name: 'ledger', description: 'd', version: 1, primaryKey: 'entry_id', parents: [], pools: [], helpers: [],
  columns: [
    c('entry_id', 'BIGINT', ({ row }) => row.id),
    c('amount', 'DECIMAL(10,2)', ({ row }) => \`round(\${uniform(row, 'amount')} * 1000, 2)\`, { minimum: 0, maximum: 1000 }),
    c('booked_at', 'TIMESTAMPTZ', ({ row }) => toTimestamp(row.created)),
    c('due', 'DATE', ({ row }) => toDate(\`\${row.created} + 60 * 86400\`), { mayFollowAsOf: true }),
  ],
  rules: [
    { description: 'due after booking', violations: (t) => \`\${t('ledger')} l WHERE l.due < l.booked_at::DATE\` },
    // A self-join: entry_id alone is ambiguous, so the rule names its key.
    { description: 'booked in ID order', key: 'b.entry_id', violations: (t) => \`\${t('ledger')} a JOIN \${t('ledger')} b ON b.entry_id = a.entry_id + 1 WHERE b.booked_at < a.booked_at\` },
    // A subquery that drops the key: counted, with no IDs and a hint.
    { description: 'due after 2001', violations: (t) => \`(SELECT due FROM \${t('ledger')}) WHERE due < DATE '2001-01-01'\` },
  ],
});
`;

interface Report {
  ok: boolean;
  checks: { check: string; result: string; detail: string; ids?: number[] }[];
}

let dataset = '';

async function verify(dir: string): Promise<{ code: number | null; report: Report; stdout: string }> {
  const args = ['verify', '--tables', join(dir, 'ledger.mjs'), '--out', 'data', '--metadata', 'm.json'];
  const json = await synthgen([...args, '--json'], dir);
  const plain = await synthgen(args, dir);
  return { code: json.code, report: JSON.parse(json.stdout) as Report, stdout: plain.stdout };
}

beforeAll(async () => {
  dataset = await mkdtemp(join(tmpdir(), 'synthgen-verify-values-'));
  await writeFile(join(dataset, 'ledger.mjs'), MODULE);
  const common = ['--tables', join(dataset, 'ledger.mjs'), '--table-names', 'ledger', '--out', 'data', '--metadata', 'm.json'];
  await generate([...common, '--num-rows', '3000', '--seed', '1', '--as-of', AS_OF], dataset);
  await generate([...common, '--num-rows', '2000', '--seed', '2', '--as-of', laterAsOf(1)], dataset);
}, 60_000);
afterAll(async () => {
  if (dataset) await rm(dataset, { recursive: true, force: true });
});

test('an intact dataset passes its value checks, and a due date may lie after as-of', async () => {
  const { code, report } = await verify(dataset);
  expect(report.checks.filter((c) => c.result !== 'ok')).toEqual([]);
  expect(code).toBe(0);
  const checked = report.checks.map((c) => c.check);
  expect(checked).toEqual(expect.arrayContaining(['ledger.amount 0 to 1000', 'ledger.booked_at not after as-of']));
  expect(checked.filter((c) => c.startsWith('ledger.due'))).toEqual([]);
  // The flag matters: due dates of the first run do lie after its as-of.
  expect(count(await query(`SELECT count(*) AS n FROM ${await tableSql(join(dataset, 'data'), 'ledger')} WHERE entry_id <= 3000 AND due > TIMESTAMPTZ '${AS_OF}'`))).toBeGreaterThan(0);
});

test('values out of bounds, a time after its run’s as-of and a broken rule name their rows', async () => {
  await withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    const late = new Date(Date.parse(AS_OF) + 3_600_000).toISOString();
    await rewrite(
      dir,
      'ledger',
      `SELECT * REPLACE (CASE WHEN entry_id IN (8, 3) THEN -1 WHEN entry_id = 6 THEN 1000.01 ELSE amount END AS amount,
                         CASE WHEN entry_id = 5 THEN TIMESTAMPTZ '${late}' ELSE booked_at END AS booked_at,
                         CASE WHEN entry_id = 9 THEN DATE '2000-01-01' ELSE due END AS due) FROM $FILE ORDER BY entry_id`,
    );
    const { code, report, stdout } = await verify(dir);
    expect(code).toBe(1);
    expect(report.checks.filter((c) => c.result === 'violation').map((c) => [c.check, c.detail, c.ids])).toEqual([
      ['ledger.amount 0 to 1000', '3 rows are not 0 to 1000: entry_id 3, 6, 8', [3, 6, 8]],
      ['ledger.booked_at not after as-of', "1 rows are after their run's as-of: entry_id 5", [5]],
      // Entry 5, booked late, is now booked after its due date too.
      ['ledger: due after booking', '2 rows break it: entry_id 5, 9', [5, 9]],
      ['ledger: booked in ID order', '1 rows break it: entry_id 6', [6]],
      ['ledger: due after 2001', '1 rows break it (no IDs listed: its rows do not name "entry_id" alone; give the rule a key)', undefined],
    ]);
    expect(stdout).toContain('  FAIL ledger.amount 0 to 1000: 3 rows are not 0 to 1000: entry_id 3, 6, 8\n');
  });
});
