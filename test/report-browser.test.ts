/**
 * The report page in a real headless Chromium: it loads from the file alone (every other request is refused and
 * recorded, and there must be none), logs no error, and every chart container holds a drawn ECharts chart with
 * data. The same for a dataset without users, whose charts are left out with a visible note.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { withTempDir } from './helpers/cli.js';
import { type OpenedPage, withPage } from './helpers/chromium.js';
import { reportJson, smallDataset } from './helpers/reportRun.js';

/** `echarts` as the page defines it: only what the test calls. */
interface PageECharts {
  getInstanceByDom(element: Element): { getOption(): { series?: { data?: unknown[] }[] } } | undefined;
}

interface DrawnChart {
  readonly id: string;
  readonly instance: boolean;
  /** Data points of each series. */
  readonly series: number[];
  /** Size of the canvas ECharts drew on. */
  readonly width: number;
  readonly height: number;
}

async function drawnCharts({ page }: OpenedPage): Promise<DrawnChart[]> {
  await page.waitForFunction(() => document.body.dataset.charts !== undefined, undefined, { timeout: 20_000 });
  return page.evaluate(() => {
    const echarts = (window as unknown as { echarts: PageECharts }).echarts;
    return [...document.querySelectorAll('.chart')].map((element) => {
      const instance = echarts.getInstanceByDom(element);
      const canvas = element.querySelector('canvas');
      return {
        id: element.id,
        instance: instance !== undefined,
        series: (instance?.getOption().series ?? []).map((s) => s.data?.length ?? 0),
        width: canvas?.getBoundingClientRect().width ?? 0,
        height: canvas?.getBoundingClientRect().height ?? 0,
      };
    });
  });
}

test('every chart renders, with no network request and no console or page error', async () => {
  await withTempDir(async (dir) => {
    await smallDataset(dir);
    const report = await reportJson(['--file', 'report.html'], dir);
    await withPage(report.file.path, async (opened) => {
      const charts = await drawnCharts(opened);
      expect(charts.map((c) => c.id)).toEqual(['ordersPerDay', 'hourOfDay', 'weekday', 'ordersByMonth', 'lorenz', 'customersByCountry', 'pricesByCategory'].map((id) => `chart-${id}`));
      for (const chart of charts) {
        expect(chart.instance, chart.id).toBe(true);
        expect(chart.series.length, chart.id).toBeGreaterThan(0);
        expect(chart.series.every((points) => points > 0), chart.id).toBe(true);
        expect(chart.width, chart.id).toBeGreaterThan(100);
        expect(chart.height, chart.id).toBeGreaterThan(100);
      }
      expect(await opened.page.title()).toContain('synthgen report');
      expect(await opened.page.locator('.tile').count()).toBeGreaterThanOrEqual(3);
      expect(await opened.page.locator('.omitted').count()).toBe(0);
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      expect(opened.requests).toEqual([pathToFileURL(report.file.path).href]);
    });
  });
});

test('a dataset without users: their charts are left out with a note, the rest render', async () => {
  await withTempDir(async (dir) => {
    await smallDataset(dir);
    await rm(join(dir, 'data', 'users'), { recursive: true });
    const report = await reportJson(['--file', 'report.html'], dir);
    expect(report.tables.users).toBeNull();
    expect(report.charts.customersByCountry).toEqual({ state: 'omitted', reason: 'the dataset has no users table' });
    expect(report.notes.join(' ')).toMatch(/no users table/);
    await withPage(report.file.path, async (opened) => {
      const charts = await drawnCharts(opened);
      expect(charts.map((c) => c.id)).not.toContain('chart-customersByCountry');
      expect(charts.every((c) => c.instance && c.width > 0 && c.series.length > 0)).toBe(true);
      await expect(opened.page.locator('#card-customersByCountry .note').textContent()).resolves.toMatch(/Left out: the dataset has no users table/);
      await expect(opened.page.locator('.notes').textContent()).resolves.toMatch(/no users table/);
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      expect(opened.requests).toHaveLength(1);
    });
  });
});
