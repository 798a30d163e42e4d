/**
 * The report's reorders tile: the share of order lines whose product the same customer had bought in an earlier order
 * (by order_date, then order_id). Computed here another way, a line for which an earlier line of the same customer and
 * product EXISTS, and compared with the JSON and the tile in Chromium: on the data as generated (customers rarely buy
 * the same product twice yet: the figure is small, and the tile says it), on a copy where they reorder often, with
 * ties of order_date and a product twice in one order (not a reorder), on an older dataset's shape (orders of one
 * product each, no order_items), and without product_id (no tile).
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { query, tableSql, withTempDir } from './helpers/cli.js';
import { withPage } from './helpers/chromium.js';
import { type ReportJson, TILES_DATASET, reportJson } from './helpers/reportRun.js';
import { sharedDataset } from './helpers/sharedDataset.js';

let dir = '';
beforeAll(async () => {
  dir = join(await sharedDataset(TILES_DATASET), 'data');
}, 120_000);

/** Lines (a relation of user_id, product_id, order_id, order_date) and those that are reorders, counted with EXISTS. */
async function expected(lines: string): Promise<{ lines: number; reordered: number }> {
  const [row] = await query(`
    WITH lines AS (${lines})
    SELECT count(*) AS lines, count(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM lines AS earlier WHERE earlier.user_id = line.user_id AND earlier.product_id = line.product_id
        AND (earlier.order_date < line.order_date OR (earlier.order_date = line.order_date AND earlier.order_id < line.order_id)))) AS reordered
    FROM lines AS line`);
  return { lines: Number(row?.lines), reordered: Number(row?.reordered) };
}

const joined = async (out: string) =>
  `SELECT o.user_id, i.product_id, o.order_id, o.order_date FROM ${await tableSql(out, 'order_items')} AS i JOIN ${await tableSql(out, 'orders')} AS o USING (order_id)`;

/** A copy of the dataset's tables in `into`, each file rewritten by `rewrites[table]` ($FILE is the file), or left out when it is null. */
async function variant(into: string, rewrites: Readonly<Record<string, string | null>>): Promise<void> {
  for (const table of ['users', 'products', 'orders', 'order_items']) {
    if (rewrites[table] === null) continue;
    await mkdir(join(into, table), { recursive: true });
    for (const file of (await readdir(join(dir, table))).filter((name) => name.endsWith('.parquet'))) {
      const select = rewrites[table];
      if (select === undefined) await copyFile(join(dir, table, file), join(into, table, file));
      else await query(`COPY (${select.replaceAll('$FILE', `read_parquet('${join(dir, table, file)}')`)}) TO '${join(into, table, file)}' (FORMAT parquet)`);
    }
  }
}

/** The reorders tile as Chromium shows it. */
async function tileOf(report: ReportJson): Promise<{ value: string; detail: string } | null> {
  return withPage(report.file.path, async ({ page, consoleErrors, pageErrors }) => {
    expect([consoleErrors, pageErrors]).toEqual([[], []]);
    if ((await page.locator('.tile.reorders').count()) === 0) return null;
    return page.locator('.tile.reorders').evaluate((element) => ({ value: element.querySelector('.value')?.textContent ?? '', detail: element.querySelector('.detail')?.textContent ?? '' }));
  });
}

function expectShown(report: ReportJson, want: { lines: number; reordered: number }): void {
  expect(report.summary.reorders).toEqual({ lines: want.lines, reordered: want.reordered, share: want.reordered / want.lines });
}

const tileText = (want: { lines: number; reordered: number }) => ({
  value: `${((want.reordered / want.lines) * 100).toFixed(1)}%`,
  detail: `${want.reordered.toLocaleString('en-US')} of ${want.lines.toLocaleString('en-US')} lines: a product the customer had bought in an earlier order`,
});

test('as generated: the measured share of lines reordered, whatever it is, in the JSON and on the tile', async () => {
  const want = await expected(await joined(dir));
  const [items] = await query(`SELECT count(*) AS n FROM ${await tableSql(dir, 'order_items')}`);
  expect(want.lines).toBe(Number(items?.n));
  await withTempDir(async (work) => {
    const report = await reportJson(['--out', dir, '--file', join(work, 'report.html')], work);
    expectShown(report, want);
    expect(await tileOf(report)).toEqual(tileText(want));
  });
});

test('customers who reorder: ties of order_date broken by order_id, a product twice in one order not a reorder', async () => {
  await withTempDir(async (work) => {
    // 40 products only, and one order date a month: most customers buy a product again, often in orders of the
    // same date, and many orders hold a product twice.
    await variant(join(work, 'again'), {
      order_items: 'SELECT * REPLACE (1 + product_id % 40 AS product_id) FROM $FILE',
      orders: `SELECT * REPLACE (date_trunc('month', order_date) AS order_date) FROM $FILE`,
    });
    const want = await expected(await joined(join(work, 'again')));
    const [ties] = await query(`
      SELECT count(*) FILTER (WHERE n > 1) AS twice FROM (SELECT order_id, product_id, count(*) AS n FROM ${await tableSql(join(work, 'again'), 'order_items')} GROUP BY ALL)`);
    expect(Number(ties?.twice)).toBeGreaterThan(1000);
    expect(want.reordered / want.lines).toBeGreaterThan(0.3);
    const report = await reportJson(['--out', 'again', '--file', 'again.html'], work);
    expectShown(report, want);
    expect(await tileOf(report)).toEqual(tileText(want));
  });
});

test("an older dataset's orders of one product each, without order_items; no product_id at all: no tile", async () => {
  await withTempDir(async (work) => {
    const first = `(SELECT order_id, product_id FROM ${await tableSql(dir, 'order_items')} WHERE line_number = 1)`;
    await variant(join(work, 'older'), { order_items: null, orders: `SELECT o.*, 1 + first.product_id % 60 AS product_id FROM $FILE AS o JOIN ${first} AS first USING (order_id) ORDER BY order_id` });
    const want = await expected(`SELECT user_id, product_id, order_id, order_date FROM ${await tableSql(join(work, 'older'), 'orders')}`);
    expect(want.reordered).toBeGreaterThan(1000);
    const report = await reportJson(['--out', 'older', '--file', 'older.html'], work);
    expectShown(report, want);

    await variant(join(work, 'no-products'), { order_items: null });
    const none = await reportJson(['--out', 'no-products', '--file', 'none.html'], work);
    expect(none.summary.reorders).toBeNull();
    expect(await tileOf(none)).toBeNull();
  });
});
