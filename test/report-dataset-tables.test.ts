/**
 * The report names the tables the dataset has, not synthgen's three: a dataset of a schema file's tables only lists
 * them (in the JSON's `tables`, the page's tiles and the printed summary) with no chart of the shop left out, and a
 * dataset of a built-in table with a schema file's (test/fixtures/schema/saas.yaml; its invoice lines come with the
 * invoices) lists both, the shop's charts
 * that need an absent built-in table left out with the page still whole.
 */
import { copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, synthgen, withTempDir } from './helpers/cli.js';
import { withPage } from './helpers/chromium.js';
import { reportJson } from './helpers/reportRun.js';

const SAAS = resolve(import.meta.dirname, 'fixtures/schema/saas.yaml');

/** A small schema file of two tables, neither of them built in. */
const LIBRARY = resolve(import.meta.dirname, 'fixtures/schema/library.yaml');

/** The labels of the page's tiles and the ids of its cards, as Chromium lays the page out. */
async function pageTables(path: string): Promise<{ tiles: string[]; cards: string[]; errors: string[] }> {
  return withPage(path, async ({ page, consoleErrors, pageErrors }) => {
    await page.waitForFunction(() => document.body.dataset.charts !== undefined, undefined, { timeout: 20_000 });
    const tiles = await page.locator('.tiles > .tile > .label').allTextContents();
    const cards = await page.locator('article.card').evaluateAll((cards) => cards.map((card) => card.id));
    return { tiles, cards, errors: [...consoleErrors, ...pageErrors.map(String)] };
  });
}

test("a schema file's tables only: the report lists them, and no chart of the shop", { timeout: 180_000 }, async () => {
  await withTempDir(async (dir) => {
    await copyFile(LIBRARY, join(dir, 'library.yaml'));
    await generate(['--schema', 'library.yaml', '--table-names', 'branches,loans', '--num-rows', 'branches=40,loans=3000', '--seed', '5', '--as-of', AS_OF], dir);
    const report = await reportJson(['--file', 'report.html'], dir);
    expect(report.tables).toEqual({ branches: { files: 1, rows: 40 }, loans: { files: 1, rows: 3000 } });
    expect(report.notes).toEqual([]);
    const seen = await pageTables(report.file.path);
    expect(seen.tiles).toEqual(['branches', 'loans']);
    expect(seen.cards).toEqual(['card-own-branches', 'card-own-loans']);
    expect(seen.errors).toEqual([]);
    const printed = await synthgen(['report', '--file', 'again.html'], dir);
    expect(printed.stdout.split('\n')[0]).toBe('synthgen report ./data: branches 40, loans 3.0k rows read');
  });
});

test("a built-in table and a schema file's: the report lists every one, the charts needing absent tables left out", { timeout: 180_000 }, async () => {
  await withTempDir(async (dir) => {
    const tables = ['users', 'accounts', 'subscriptions', 'invoices'];
    await generate(['--schema', SAAS, '--table-names', tables.join(','), '--num-rows', 'users=200,accounts=100,subscriptions=200,invoices=400', '--seed', '5', '--as-of', AS_OF], dir);
    const report = await reportJson(['--file', 'report.html'], dir);
    expect(Object.keys(report.tables)).toEqual(['users', 'products', 'orders', 'order_items', 'accounts', 'invoice_lines', 'invoices', 'subscriptions']);
    expect([report.tables.users?.rows, report.tables.products, report.tables.orders, report.tables.accounts?.rows]).toEqual([200, null, null, 100]);
    expect(report.charts.customersByCountry.state).toBe('shown');
    expect(report.charts.ordersPerDay).toEqual({ state: 'omitted', reason: 'the dataset has no orders table' });
    const seen = await pageTables(report.file.path);
    expect(seen.tiles).toEqual(['users', 'products', 'orders', 'order_items', 'accounts', 'invoice_lines', 'invoices', 'subscriptions']);
    expect(seen.cards).toEqual(expect.arrayContaining(['card-own-accounts', 'card-own-invoice_lines', 'card-own-invoices', 'card-own-subscriptions']));
    expect(seen.errors).toEqual([]);
  });
});
