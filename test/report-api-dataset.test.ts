/**
 * The report's engine (buildReport, in this process) on a dataset the run API just wrote: each table's rows and
 * files, every shop chart shown, no note; the orders per day add up to the orders. The numbers of each chart against
 * independent computations are test/report-numbers.test.ts's (through the CLI).
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildReport } from '../dist/src/report/buildReport.js';
import { BUILTIN_TABLES } from '../dist/src/tables/index.js';
import { LOCALES } from '../dist/src/model/locales.js';
import { withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { shown } from './helpers/reportRun.js';

const ROWS = { users: 3000, products: 400, orders: 9000 };

test('a report over a dataset the engine wrote: its tables, every chart, no note', async () => {
  await withTempDir(async (dir) => {
    const summary = await engineRun(dir, { tables: ['users', 'products', 'orders'], rows: ROWS });
    // The shop's tables and time zones, as the CLI hands them in (cli/commands/report.ts): the shop charts need them.
    const shop = { names: BUILTIN_TABLES.map((t) => t.name), zones: LOCALES.map(({ countryCode, timeZone }) => ({ countryCode, timeZone })) };
    const report = await buildReport({ root: join(dir, 'data'), now: new Date('2026-02-01T00:00:00Z'), shop });
    const files = (table: string) => summary.tables[table]?.files.length;
    expect(report.tables).toEqual({
      users: { rows: ROWS.users, files: files('users') },
      products: { rows: ROWS.products, files: files('products') },
      orders: { rows: ROWS.orders, files: files('orders') },
      order_items: { rows: summary.tables.order_items?.rows, files: files('order_items') },
    });
    expect(report.notes).toEqual([]);
    for (const [chart, section] of Object.entries(report.charts)) expect(section.state, chart).toBe('shown');
    expect(shown(report.charts.ordersPerDay).days.reduce((n, day) => n + day.orders, 0)).toBe(ROWS.orders);
  });
});
