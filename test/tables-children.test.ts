/**
 * Children tables (rows in groups per parent row) through a module: they come with their parent's run, their key
 * is (parent id, line), the parent's aggregates equal what the children's files add up to, their other parents'
 * references resolve, and mistakes are one line each with nothing written (one through the CLI; the others, the
 * engine's refusal of a count and the registry's of a reference, in this process: helpers/engine.ts,
 * helpers/tableModule.ts). The runs of the module's tables are made in this process (the module loaded as the CLI
 * loads it); `synthgen verify --tables` reads them back as the spawned CLI.
 */
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { UserError } from '../dist/src/index.js';
import { AS_OF, count, exists, laterAsOf, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { linkSynthgen, moduleProblem, moduleRegistry } from './helpers/tableModule.js';

const MODULE = resolve(import.meta.dirname, 'fixtures/children-tables.mjs');

function run(dir: string, module: string, extra: readonly string[], asOf = AS_OF): string[] {
  return ['--tables', module, '--seed', '3', '--as-of', asOf, '--out', join(dir, 'data'), '--metadata', join(dir, 'metadata.json'), ...extra];
}

test('children come with their parent, keyed by (parent, line), and the parent aggregates them exactly', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    await linkSynthgen(dir);
    const module = join(dir, 'tables.mjs');
    await copyFile(MODULE, module);
    const registry = await moduleRegistry([module]);
    const metadataPath = join(dir, 'metadata.json');
    // 130k baskets make ~260k lines, more than 1 MB: two files, and the next run's a third.
    await engineRun(dir, { registry, tables: ['users', 'products', 'baskets'], rows: { users: 2000, products: 400, baskets: 130000 }, fileSizeLimitMB: 1, seed: 3, metadataPath });
    await engineRun(dir, { registry, tables: ['baskets'], rows: { baskets: 20000 }, seed: 3, asOf: laterAsOf(1), metadataPath });
    const data = join(dir, 'data');
    // verify reads the dataset back (checked last) while the queries below read it here.
    const verifying = synthgen(['verify', '--tables', module, '--out', data, '--metadata', metadataPath], dir);
    expect((await readdir(join(data, 'basket_lines'))).filter((name) => name.endsWith('.parquet')).length).toBeGreaterThan(2);
    const [baskets, lines, products] = await Promise.all(['baskets', 'basket_lines', 'products'].map((t) => tableSql(data, t)));
    const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT (basket_id, line)) AS d, min(line) AS lo, max(line) AS hi, max(basket_id) AS last FROM ${lines}`);
    expect(Number(keys?.n)).toBe(Number(keys?.d));
    expect([Number(keys?.lo), Number(keys?.hi), Number(keys?.last)]).toEqual([1, 4, 150000]);
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
    const verified = await verifying;
    expect(verified.stdout).toMatch(/ok {3}basket_lines\(basket_id, line\) unique/);
    expect(verified.code).toBe(0);
  });
});

test('a children table named alone, counted by --num-rows, or referenced by another table is one line, with nothing written', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    await linkSynthgen(dir);
    const module = join(dir, 'tables.mjs');
    await copyFile(MODULE, module);
    // The dataset the mistakes are made against, in this process (the module loaded as the CLI loads it).
    const metadataPath = join(dir, 'metadata.json');
    const registry = await moduleRegistry([module]);
    await engineRun(dir, { registry, tables: ['users', 'products'], rows: { users: 500, products: 500 }, seed: 3, metadataPath });

    // Through the CLI: one line, exit 2, nothing written.
    const alone = await synthgen(run(dir, module, ['--table-names', 'basket_lines', '--num-rows', '100'], laterAsOf(1)), dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr.trim().split('\n')).toHaveLength(1);
    expect(alone.stderr).toMatch(/basket_lines has rows per baskets row, made in the same run as baskets: name baskets/);
    expect(await exists(join(dir, 'data', 'baskets'))).toBe(false);

    // The engine refuses a count of the children table, in one line, before writing anything.
    const counted = await engineRun(dir, { registry, tables: ['baskets', 'basket_lines'], rows: { baskets: 100, basket_lines: 300 }, seed: 3, asOf: laterAsOf(1), metadataPath }).then(
      () => 'the run went through',
      (error: unknown) => (error instanceof UserError ? error.message : `not a UserError: ${String(error)}`),
    );
    expect(counted.split('\n'), counted).toHaveLength(1);
    expect(counted).toMatch(/cannot count basket_lines: it has a number of rows per baskets row/);
    expect(await exists(join(dir, 'data', 'baskets'))).toBe(false);

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
    expect(await moduleProblem([module, referencing])).toMatch(/basket_lines is a children table .* so it cannot be referenced: reference baskets/);
  });
});
