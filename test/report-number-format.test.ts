/**
 * Numbers on the report page are written for people: thousands separators on the tiles, in the Lorenz table, on the
 * bars of customers by country (ECharts writes a bar's label bare unless told) and in the profile of a table of the
 * dataset's own, where only numeric columns get them (a postal code of digits stays as it is, and so does a year).
 * Checked in Chromium against the numbers of the report's JSON.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { query } from './helpers/cli.js';
import { withPage } from './helpers/chromium.js';
import { SMALL_ROWS, reportJson, shown, smallDataset } from './helpers/reportRun.js';

/** A series model: the label ECharts draws is the formatted one, or with no formatter the raw value. */
interface PageSeries {
  getFormattedLabel(index: number, state: string): string | undefined;
  getRawValue(index: number): unknown;
}

/** `echarts` as the page defines it: only what the test calls. */
interface PageECharts {
  getInstanceByDom(element: Element): { getModel(): { getSeriesByIndex(i: number): PageSeries } } | undefined;
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-report-format-'));
  await smallDataset(dir);
  // A table of the dataset's own, with large amounts, a postal code of digits and a year.
  await mkdir(join(dir, 'data', 'ledger'));
  await query(`COPY (SELECT i AS entry_id, (i * 120908.25)::DECIMAL(14,2) AS amount, lpad((10000 + i * 7)::VARCHAR, 5, '0') AS postal_code, 2020 + i % 5 AS year
    FROM range(1, 11) t(i)) TO '${join(dir, 'data', 'ledger', 'l.parquet')}' (FORMAT parquet)`);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const grouped = (n: number) => new Intl.NumberFormat('en-US').format(n);

test('tiles, the Lorenz table, bar labels and profiles write numbers with thousands separators', async () => {
  const report = await reportJson(['--out', 'data', '--file', 'report.html'], dir);
  const countries = shown(report.charts.customersByCountry);
  expect(countries[0]?.users).toBeGreaterThanOrEqual(1000);
  await withPage(report.file.path, async ({ page, consoleErrors, pageErrors }) => {
    await page.waitForFunction(() => document.body.dataset.charts !== undefined, undefined, { timeout: 20_000 });

    // The tiles and the Lorenz table: no number of four digits or more without separators, but the dates.
    const tiles = await page.locator('.tile:not(.date)').allInnerTexts();
    expect(tiles.join(' ')).toContain(grouped(SMALL_ROWS.orders));
    expect(tiles.filter((text) => /\d{4,}/.test(text))).toEqual([]);
    const lorenz = (await page.locator('#card-lorenz table td').allInnerTexts()).join(' ');
    expect(lorenz).not.toMatch(/\d{4,}/);

    // Each bar's label, as ECharts draws it.
    const labels = await page.evaluate((count) => {
      const echarts = (window as unknown as { echarts: PageECharts }).echarts;
      const element = document.getElementById('chart-customersByCountry');
      const series = element && echarts.getInstanceByDom(element)?.getModel().getSeriesByIndex(0);
      return Array.from({ length: count }, (_, i) => series?.getFormattedLabel(i, 'normal') || String(series?.getRawValue(i)));
    }, countries.length);
    expect(labels).toEqual(countries.map((c) => grouped(c.users)));
    expect(labels[0]).toMatch(/^\d{1,3}(,\d{3})+$/);

    // The profile of the table of the dataset's own.
    const cells = async (column: string) => page.locator(`#card-own-ledger tr:has(th:text-is("${column}")) td`).allTextContents();
    const [, , , amountMin, amountMax] = await cells('amount');
    expect([amountMin, amountMax]).toEqual(['120,908.25', '1,209,082.50']);
    const [, , , postalMin] = await cells('postal_code');
    expect(postalMin).toBe('10007');
    const [, , , yearMin, yearMax] = await cells('year');
    expect([yearMin, yearMax]).toEqual(['2020', '2024']);
    expect([consoleErrors, pageErrors]).toEqual([[], []]);
  });
});
