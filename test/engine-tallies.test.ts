/**
 * Tallies (model/tallies.ts): a row's aggregates over the rows of a later table of the same run that reference it.
 * Users count their orders, products their order lines: the run makes orders first, each orders part writes its
 * tally, and the users' parts read them. Checked here: the tallies equal what the files add up to when both tables
 * are cut into many parts; a run stopped once its orders are written, and resumed (a new scratch folder, so the
 * orders' tallies are made again from their rows), gives the clean run's bytes; a tally of a table that does not
 * reference the reader is refused at definition time, in one line.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunSummary } from '../dist/src/index.js';
import { query, tableContents, tableSql, withTempDir } from './helpers/cli.js';
import { engineResume, engineRun } from './helpers/engine.js';
import { linkSynthgen, moduleProblem } from './helpers/tableModule.js';

const RUN = { tables: ['users', 'products', 'orders'], rows: { users: 8000, products: 16000, orders: 30000 }, seed: 5, fileSizeLimitMB: 1 };

/** The uninterrupted run both tests read. */
let clean = '';
let summary: RunSummary | undefined;

beforeAll(async () => {
  clean = await mkdtemp(join(tmpdir(), 'synthgen-tallies-'));
  summary = await engineRun(clean, RUN);
}, 120_000);

afterAll(async () => {
  await rm(clean, { recursive: true, force: true });
});

test('tallies equal what the referencing files add up to, with both tables in several parts', async () => {
  const data = join(clean, 'data');
  expect(summary?.tables.orders?.files.length).toBeGreaterThan(1);
  expect(summary?.tables.order_items?.files.length).toBeGreaterThan(0);
  const [users, orders, products, items] = await Promise.all(['users', 'orders', 'products', 'order_items'].map((table) => tableSql(data, table)));
  const [row] = await query(
    `SELECT count(*) FILTER (WHERE u.order_count <> coalesce(o.n, 0) OR u.lifetime_value <> coalesce(o.spent, 0) OR u.first_order_date IS DISTINCT FROM o.first_at OR u.last_order_date IS DISTINCT FROM o.last_at) AS wrong,
       count(*) FILTER (WHERE o.n > 0) AS buyers
     FROM ${users} u LEFT JOIN (SELECT user_id, count(*) AS n, sum(total_amount) AS spent, min(order_date) AS first_at, max(order_date) AS last_at FROM ${orders} GROUP BY 1) o USING (user_id)`,
  );
  expect(Number(row?.buyers)).toBeGreaterThan(3000);
  expect(Number(row?.wrong)).toBe(0);
  const [reviews] = await query(
    `SELECT count(*) FILTER (WHERE p.review_count > coalesce(i.n, 0)) AS over, sum(p.review_count) AS reviews FROM ${products} p LEFT JOIN (SELECT product_id, count(*) AS n FROM ${items} GROUP BY 1) i USING (product_id)`,
  );
  expect(Number(reviews?.over)).toBe(0);
  expect(Number(reviews?.reviews)).toBeGreaterThan(0);
  // A rank tally: the products ranked by units sold over every part, most first, then by id, each rank once.
  expect(summary?.tables.products?.files.length).toBeGreaterThan(1);
  const [ranks] = await query(
    `SELECT count(*) FILTER (WHERE sales_rank <> place) AS wrong, count(*) FILTER (WHERE units = 0) AS unsold, count(*) AS n FROM (SELECT p.sales_rank, coalesce(i.units, 0) AS units,
       row_number() OVER (ORDER BY coalesce(i.units, 0) DESC, p.product_id) AS place FROM ${products} p LEFT JOIN (SELECT product_id, sum(quantity) AS units FROM ${items} GROUP BY 1) i USING (product_id))`,
  );
  expect(Number(ranks?.n)).toBe(RUN.rows.products);
  expect(Number(ranks?.unsold)).toBeGreaterThan(100);
  expect(Number(ranks?.wrong)).toBe(0);
});

test('a rank tally of a table the run does not make ranks the rows by id', async () => {
  await withTempDir(async (dir) => {
    await engineRun(dir, { tables: ['products'], rows: { products: 3000 }, seed: 5, fileSizeLimitMB: 1 });
    const [row] = await query(`SELECT count(*) FILTER (WHERE sales_rank <> product_id) AS wrong, count(*) AS n FROM ${await tableSql(join(dir, 'data'), 'products')}`);
    expect([Number(row?.wrong), Number(row?.n)]).toEqual([0, 3000]);
  });
});

test('a run stopped as its users start, after its orders are written, resumes to the clean run’s bytes', async () => {
  await withTempDir(async (dir) => {
    const stopped = join(dir, 'stopped');
    await mkdir(stopped);
    const controller = new AbortController();
    let ordersDone = false;
    const failure = await engineRun(stopped, {
      ...RUN,
      signal: controller.signal,
      onInterruptEvent: (event) => {
        if (event.type === 'part-ended' && event.path.includes(`${join('data', 'orders')}`)) ordersDone = true;
        if (event.type === 'part-started' && event.path.includes(join('data', 'users'))) controller.abort('SIGINT');
      },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ exitCode: 130 });
    // The users waited for the orders: every orders part was written before the first users part started.
    expect(ordersDone).toBe(true);
    await engineResume(stopped);
    for (const table of ['users', 'products', 'orders', 'order_items']) expect(await tableContents(stopped, table), table).toEqual(await tableContents(clean, table));
  });
});

test('a tally of a table that does not reference the reader is refused in one line', async () => {
  await withTempDir(async (dir) => {
    await linkSynthgen(dir);
    const module = join(dir, 'tables.mjs');
    await writeFile(
      module,
      `import { defineTable } from 'synthgen';
export const shops = defineTable({
  name: 'shops', description: 'Shops.', version: 1, primaryKey: 'shop_id', parents: [], pools: [], helpers: [],
  columns: [
    { name: 'shop_id', type: 'BIGINT', description: 'Key.', distribution: 'Sequential.', sql: ({ row }) => row.id },
    { name: 'orders_seen', type: 'BIGINT', description: 'Orders.', distribution: 'Counted.', sql: ({ tally }) => tally('orders', 'count') },
  ],
});
`,
    );
    expect(await moduleProblem([module])).toMatch(/column orders_seen.*tallies orders, which does not reference shops \(a parent of orders must be shops\)/);
  });
});
