/**
 * The report's headline revenue is net of cancelled (payment voided) and returned (payment refunded) orders, with
 * the gross beside it, labelled, per currency and never summed across currencies. Net and gross are computed here
 * with SQL over the generated files and compared with the JSON and with what the page shows in Chromium: the
 * currency's symbol, thousands separators, and the definitions of both on the page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { query, tableSql } from './helpers/cli.js';
import { withPage } from './helpers/chromium.js';
import { reportJson, smallDataset } from './helpers/reportRun.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-report-revenue-'));
  await smallDataset(dir);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Expected {
  readonly currency: string;
  readonly gross: number;
  readonly net: number;
  readonly orders: number;
  readonly netOrders: number;
}

/** Net and gross per currency, from the files. */
async function fromSql(out: string): Promise<Expected[]> {
  const orders = await tableSql(out, 'orders');
  const rows = await query(`
    SELECT currency, sum(total_amount)::VARCHAR AS gross, count(*) AS orders,
      (sum(total_amount) FILTER (WHERE order_status NOT IN ('cancelled', 'returned')))::VARCHAR AS net,
      count(*) FILTER (WHERE order_status NOT IN ('cancelled', 'returned')) AS net_orders
    FROM ${orders} GROUP BY currency ORDER BY currency`);
  return rows.map((row) => ({ currency: String(row.currency), gross: Number(row.gross), net: Number(row.net), orders: Number(row.orders), netOrders: Number(row.net_orders) }));
}

const cents = (amount: number) => Math.round(amount * 100);
const exactly = (currency: string, amount: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);

/** The revenue tiles' texts, by their label. */
async function revenueTiles(path: string): Promise<{ label: string; value: string; detail: string }[]> {
  return withPage(path, async ({ page, consoleErrors, pageErrors }) => {
    const tiles = await page.locator('.tile.revenue').evaluateAll((elements) =>
      elements.map((element) => ({
        label: element.querySelector('.label')?.textContent ?? '',
        value: element.querySelector('.value')?.textContent ?? '',
        detail: element.querySelector('.detail')?.textContent ?? '',
      })),
    );
    const definitions = (await page.locator('.definitions').textContent()) ?? '';
    // Both terms defined on the page: which statuses count, and what an amount includes.
    expect(definitions).toMatch(/net revenue/i);
    expect(definitions).toMatch(/gross revenue/i);
    expect(definitions).toMatch(/cancelled/);
    expect(definitions).toMatch(/returned/);
    expect(definitions).toMatch(/tax/);
    expect(definitions).toMatch(/shipping/);
    expect(definitions).toMatch(/currenc/);
    expect([consoleErrors, pageErrors]).toEqual([[], []]);
    return tiles;
  });
}

test('net revenue leaves out cancelled and returned orders; gross counts every order; both in the currency, formatted', async () => {
  const expected = await fromSql(join(dir, 'data'));
  // The shop charges each country in its own currency: USD and four others.
  expect(expected.map((e) => e.currency)).toEqual(['AUD', 'CAD', 'EUR', 'GBP', 'USD']);
  const usd = expected.find((e) => e.currency === 'USD');
  if (!usd) throw new Error('no orders in USD');
  // The dataset has orders of both kinds the net leaves out, so net and gross differ.
  expect(usd.net).toBeLessThan(usd.gross);
  expect(usd.netOrders).toBeLessThan(usd.orders);

  const report = await reportJson(['--out', 'data', '--file', 'one.html'], dir);
  const revenue = report.summary.revenue ?? [];
  // Most gross first.
  expect(revenue.map((r) => r.gross)).toEqual([...revenue.map((r) => r.gross)].sort((a, b) => b - a));
  const sorted = [...revenue].sort((a, b) => String(a.currency).localeCompare(String(b.currency)));
  expect(sorted.map((r) => r.currency)).toEqual(expected.map((e) => e.currency));
  for (const [i, want] of expected.entries()) {
    expect(cents(sorted[i]?.net ?? 0), want.currency).toBe(cents(want.net));
    expect(cents(sorted[i]?.gross ?? 0), want.currency).toBe(cents(want.gross));
    expect(sorted[i]?.netOrders, want.currency).toBe(want.netOrders);
    expect(sorted[i]?.orders, want.currency).toBe(want.orders);
  }

  const tiles = await revenueTiles(report.file.path);
  expect(tiles.map((t) => t.label).sort()).toEqual(expected.flatMap((e) => [`gross revenue, ${e.currency}`, `net revenue, ${e.currency}`]).sort());
  const net = tiles.find((t) => t.label === 'net revenue, USD');
  const gross = tiles.find((t) => t.label === 'gross revenue, USD');
  // The headline is the net: in dollars, and the exact amount with thousands separators beside it.
  expect(net?.value.startsWith('$')).toBe(true);
  expect(net?.detail).toContain(exactly('USD', usd.net));
  expect(exactly('USD', usd.net)).toMatch(/^\$\d{1,3}(,\d{3})+\.\d{2}$/);
  expect(gross?.value.startsWith('$')).toBe(true);
  expect(gross?.detail).toContain(exactly('USD', usd.gross));
  expect(tiles.map((t) => `${t.value} ${t.detail}`).join(' ')).not.toMatch(/\d{4}/);
  const text = tiles.map((t) => `${t.value} ${t.detail}`).join(' ');
  for (const want of expected) {
    expect(text).toContain(exactly(want.currency, want.net));
    expect(text).toContain(exactly(want.currency, want.gross));
  }
  expect(text).toContain('€');
  // Nowhere the currencies added up.
  const total = expected.reduce((sum, e) => sum + e.net, 0);
  const totalGross = expected.reduce((sum, e) => sum + e.gross, 0);
  for (const sum of [total, totalGross]) expect(text).not.toContain(new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(sum));
});
