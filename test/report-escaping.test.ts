/**
 * Text from the dataset (category and country names) and the folder's own name reach the page as data, never as
 * markup: a `</script>` in a category cannot end the page's data early, a `<b>` in a country is shown as typed.
 * The dataset is written by hand (only products and users, with the few columns the charts need), so the charts of
 * the tables it lacks are left out.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { query, withTempDir } from './helpers/cli.js';
import { withPage } from './helpers/chromium.js';
import { reportJson } from './helpers/reportRun.js';

const CATEGORY = '</script><script>window.injected = 1</script>';
const COUNTRY = '<b>Bold</b> & "Co"';

test('names holding markup are data: the page runs no injected script and shows them as written', async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'set <i>');
    await mkdir(join(root, 'products'), { recursive: true });
    await mkdir(join(root, 'users'), { recursive: true });
    const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
    await query(`COPY (SELECT i AS product_id, CASE WHEN i % 2 = 0 THEN ${literal(CATEGORY)} ELSE 'Plain' END AS category, (i % 50 + 1)::DECIMAL(12,2) AS price
      FROM range(1, 201) t(i)) TO '${join(root, 'products', 'p.parquet')}' (FORMAT parquet)`);
    await query(`COPY (SELECT i AS user_id, CASE WHEN i % 3 = 0 THEN ${literal(COUNTRY)} ELSE 'Elsewhere' END AS country, 'ZZ' AS country_code
      FROM range(1, 301) t(i)) TO '${join(root, 'users', 'u.parquet')}' (FORMAT parquet)`);
    const report = await reportJson(['--out', root, '--file', 'report.html'], dir);
    expect(report.charts.ordersPerDay).toEqual({ state: 'omitted', reason: 'the dataset has no orders table' });
    expect(report.charts.pricesByCategory.state).toBe('shown');
    await withPage(report.file.path, async ({ page, consoleErrors, pageErrors, requests }) => {
      await page.waitForFunction(() => document.body.dataset.charts !== undefined);
      expect(await page.evaluate(() => document.body.dataset.charts)).toBe('2');
      expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
      expect(await page.locator('.meta code').textContent()).toBe(root);
      const shown = await page.evaluate(() => JSON.parse(document.getElementById('report-data')?.textContent ?? '{}').report.charts.customersByCountry.data.map((c: { country: string }) => c.country));
      expect(shown).toContain(COUNTRY);
      expect(await page.locator('.omitted').count()).toBe(5);
      expect([consoleErrors, pageErrors, requests.length]).toEqual([[], [], 1]);
    });
  });
});
