/**
 * verifyDataset (the package's API, in this process) on a dataset the run API just wrote: every check passes, no
 * violation, and it counts the runs, files and rows the run's summary gave. Planted defects are
 * test/verify-planted-defects.test.ts's (through the CLI).
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadMetadata, verifyDataset } from '../dist/src/index.js';
import { withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

const ROWS = { users: 3000, products: 400, orders: 9000 };

test('a dataset the engine wrote verifies clean, with the summary’s runs, files and rows', async () => {
  await withTempDir(async (dir) => {
    const summary = await engineRun(dir, { tables: ['users', 'products', 'orders'], rows: ROWS });
    const { metadata } = await loadMetadata(join(dir, 'm.json'));
    const report = await verifyDataset({ root: join(dir, 'data'), metadata, metadataFolder: dir });
    expect(report.checks.filter((check) => check.result !== 'ok')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.violations).toBe(0);
    expect(report.runs).toBe(1);
    expect(report.files).toBe(Object.values(summary.tables).reduce((n, table) => n + table.files.length, 0));
    expect(report.rows).toEqual({ ...ROWS, order_items: summary.tables.order_items?.rows });
  });
});
