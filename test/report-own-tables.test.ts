/**
 * `synthgen report` on a schema file's tables: each gets its rows by month and a profile of its columns, whose
 * numbers are what SQL over the files says, and a card on the page that a real Chromium draws with no network
 * request and no error. A dataset of such tables only shows their pages, not the shop's charts left out.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, query, tableSql, withTempDir } from './helpers/cli.js';
import { withPage } from './helpers/chromium.js';
import { reportJson } from './helpers/reportRun.js';

const SCHEMA = `tables:
  shops:
    key: shop_id
    columns:
      shop_id: { key: true }
      opened_at: { timestamp: { created: true } }
      tier: { choice: { small: 70, large: 30 } }
  sales:
    key: sale_id
    arrivals: orders
    columns:
      sale_id: { key: true }
      shop_id: { ref: shops }
      sold_at: { timestamp: { created: true } }
      channel: { choice: { web: 50, store: 35, phone: 15 }, null_rate: 0.1 }
      amount: { decimal: { min: 1, max: 900, distribution: lognormal, mean: 45, precision: 10, scale: 2 } }
      gift: { bool: 0.2 }
      note: { faker: lorem.sentence }
`;

test('a schema table gets its rows by month and a profile of its columns, drawn on the page', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'shop.yaml'), SCHEMA);
    await generate(['--schema', 'shop.yaml', '--table-names', 'shops,sales', '--num-rows', 'shops=500,sales=40000', '--seed', '4', '--as-of', AS_OF], dir);
    const report = await reportJson(['--file', 'report.html'], dir);

    expect(report.notes).toEqual([]);
    expect(report.own.map((t) => [t.name, t.rows, t.files])).toEqual([
      ['sales', 40_000, 1],
      ['shops', 500, 1],
    ]);
    const sales = report.own.find((t) => t.name === 'sales');
    const source = await tableSql(join(dir, 'data'), 'sales');
    // Rows by month of the first time column, summing to the table's rows, as SQL counts them.
    expect(sales?.byMonth?.column).toBe('sold_at');
    const months = await query(`SELECT strftime(date_trunc('month', sold_at AT TIME ZONE 'UTC'), '%Y-%m') AS month, count(*) AS n FROM ${source} GROUP BY 1 ORDER BY 1`);
    expect(sales?.byMonth?.months).toEqual(months.map((m) => ({ month: m.month, rows: Number(m.n) })));
    // The columns' profile: nulls, the common values of a few-valued column with their shares, a numeric range.
    const column = (name: string) => sales?.columns.find((c) => c.name === name);
    expect(sales?.columns.map((c) => c.name)).toEqual(['sale_id', 'shop_id', 'sold_at', 'channel', 'amount', 'gift', 'note']);
    const [counts] = await query(`SELECT avg((channel IS NULL)::INT) AS nulls, avg(coalesce(channel = 'web', false)::INT) AS web, avg(gift::INT) AS gift, min(amount)::VARCHAR AS lo, max(amount)::VARCHAR AS hi FROM ${source}`);
    expect(column('channel')?.nullShare).toBeCloseTo(Number(counts?.nulls), 3);
    expect(column('channel')?.top.map((t) => t.value)).toEqual(['web', 'store', 'phone']);
    expect(column('channel')?.top[0]?.share).toBeCloseTo(Number(counts?.web), 6);
    expect(column('gift')?.top.find((t) => t.value === 'true')?.share).toBeCloseTo(Number(counts?.gift), 6);
    expect([column('amount')?.min, column('amount')?.max]).toEqual([counts?.lo, counts?.hi]);
    expect(column('amount')?.quartiles).toHaveLength(3);
    // Many-valued text gets no list of values.
    expect(column('note')?.top).toEqual([]);

    await withPage(report.file.path, async ({ page, consoleErrors, pageErrors, requests }) => {
      await page.waitForFunction(() => document.body.dataset.charts !== undefined, undefined, { timeout: 20_000 });
      const seen = await page.evaluate(() => ({
        drawn: document.body.dataset.charts,
        cards: [...document.querySelectorAll('article.card')].map((a) => a.id),
        canvases: [...document.querySelectorAll('.chart canvas')].length,
        profileRows: document.querySelectorAll('#card-own-sales table.profile tbody tr').length,
      }));
      // Only the tables' own cards: the shop's charts would all be left out.
      expect(seen.cards).toEqual(['card-own-sales', 'card-own-shops']);
      expect(seen.drawn).toBe('2');
      expect(seen.canvases).toBe(2);
      expect(seen.profileRows).toBe(7);
      expect([consoleErrors, pageErrors, requests.length]).toEqual([[], [], 1]);
    });
  });
});
