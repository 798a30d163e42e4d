/**
 * Children tables (rows in groups per parent row) through a module: they come with their parent's run, their key
 * is (parent id, line), the parent's aggregates equal what the children's files add up to, their other parents'
 * references resolve, and mistakes are one line each with nothing written.
 */
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, count, exists, generate, laterAsOf, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';

const MODULE = resolve(import.meta.dirname, 'fixtures/children-tables.mjs');

function run(dir: string, module: string, extra: readonly string[], asOf = AS_OF): string[] {
  return ['--tables', module, '--seed', '3', '--as-of', asOf, '--out', join(dir, 'data'), '--metadata', join(dir, 'metadata.json'), ...extra];
}

test('children come with their parent, keyed by (parent, line), and the parent aggregates them exactly', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const module = join(dir, 'tables.mjs');
    await copyFile(MODULE, module);
    await generate(run(dir, module, ['--table-names', 'users,products,baskets', '--num-rows', 'users=2000,products=400,baskets=200000', '--file-size-limit', '1']), dir);
    await generate(run(dir, module, ['--table-names', 'baskets', '--num-rows', '20000'], laterAsOf(1)), dir);
    const data = join(dir, 'data');
    expect((await readdir(join(data, 'basket_lines'))).filter((name) => name.endsWith('.parquet')).length).toBeGreaterThan(2);
    const [baskets, lines, products] = await Promise.all(['baskets', 'basket_lines', 'products'].map((t) => tableSql(data, t)));
    const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT (basket_id, line)) AS d, min(line) AS lo, max(line) AS hi, max(basket_id) AS last FROM ${lines}`);
    expect(Number(keys?.n)).toBe(Number(keys?.d));
    expect([Number(keys?.lo), Number(keys?.hi), Number(keys?.last)]).toEqual([1, 4, 220000]);
    // Lines 1..n per basket, 0 to 4 of them, 2 on average.
    const [shape] = await query(`SELECT avg(lines) AS mean, count(*) FILTER (WHERE lines = 0) AS empty FROM ${baskets}`);
    expect(Number(shape?.mean)).toBeCloseTo(2, 1);
    expect(Number(shape?.empty)).toBeGreaterThan(0);
    const gaps = await query(`SELECT count(*) AS n FROM (SELECT basket_id FROM ${lines} GROUP BY basket_id HAVING max(line) <> count(*))`);
    expect(count(gaps)).toBe(0);
    const disagree = await query(
      `SELECT count(*) AS n FROM ${baskets} b LEFT JOIN (SELECT basket_id, count(*) AS c, sum(amount) AS s, min(created_at) AS t FROM ${lines} GROUP BY basket_id) l USING (basket_id)
       WHERE b.lines <> coalesce(l.c, 0) OR b.total <> coalesce(l.s, 0) OR l.t <> b.created_at`,
    );
    expect(count(disagree)).toBe(0);
    // A line's product existed when its basket was created.
    expect(count(await query(`SELECT count(*) AS n FROM ${lines} l JOIN ${products} p USING (product_id) WHERE p.created_at > l.created_at`))).toBe(0);
    const verified = await synthgen(['verify', '--tables', module, '--out', data, '--metadata', join(dir, 'metadata.json')], dir);
    expect(verified.stdout).toMatch(/ok {3}basket_lines\(basket_id, line\) unique/);
    expect(verified.code).toBe(0);
  });
});

test('a children table named alone, counted by --num-rows, or referenced by another table is one line, with nothing written', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const module = join(dir, 'tables.mjs');
    await copyFile(MODULE, module);
    await generate(run(dir, module, ['--table-names', 'users,products', '--num-rows', '500']), dir);
    const cases: [readonly string[], RegExp][] = [
      [['--table-names', 'basket_lines', '--num-rows', '100'], /basket_lines has rows per baskets row, made in the same run as baskets: name baskets/],
      [['--table-names', 'baskets,basket_lines', '--num-rows', 'baskets=100,basket_lines=300'], /--num-rows cannot count basket_lines/],
    ];
    for (const [args, message] of cases) {
      const result = await synthgen(run(dir, module, args, laterAsOf(1)), dir);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(await exists(join(dir, 'data', 'baskets'))).toBe(false);
    }
    const referencing = join(dir, 'more.mjs');
    await writeFile(
      referencing,
      `import { defineTable } from 'synthgen';
export const refunds = defineTable({ name: 'refunds', description: 'r', version: 1, primaryKey: 'refund_id',
  parents: [{ table: 'basket_lines', column: 'basket_id', skew: 1 }], pools: [], helpers: [],
  columns: [
    { name: 'refund_id', type: 'BIGINT', description: 'k', distribution: 'k', sql: ({ row }) => row.id },
    { name: 'basket_id', type: 'BIGINT', description: 'b', distribution: 'b', sql: ({ parent }) => parent('basket_lines').id },
  ] });
`,
    );
    const result = await synthgen(run(dir, module, ['--tables', referencing, '--table-names', 'refunds', '--num-rows', '10'], laterAsOf(1)), dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/basket_lines is a children table .* so it cannot be referenced: reference baskets/);
  });
});
