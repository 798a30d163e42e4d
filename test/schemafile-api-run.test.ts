/**
 * A schema file's tables, loaded as the CLI loads `--schema` (cli/tableModules.ts) and run through the run API in this process: the
 * fixture (every generator and option of the format) makes the rows asked for, children included, and the dataset
 * verifies clean against the file's own rules. Each generator's values are the other schemafile-* tests' (through the
 * CLI).
 */
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { BUILTIN_POOLS, BUILTIN_TABLES, loadMetadata, loadSchemaTables, verifyDataset } from '../dist/src/index.js';
import { withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

const FIXTURE = resolve(import.meta.dirname, 'fixtures/schema/saas.yaml');
const ROWS = { users: 500, accounts: 300, subscriptions: 600, invoices: 1200 };

test('the fixture schema file runs through the API: the rows asked for, lines for each invoice, and its rules hold', async () => {
  await withTempDir(async (dir) => {
    const loaded = await loadSchemaTables([FIXTURE], {}, BUILTIN_TABLES.map((definition) => ({ definition })), BUILTIN_POOLS);
    const { registry } = loaded;
    const tables = ['users', 'accounts', 'subscriptions', 'invoices', 'invoice_lines'];
    const summary = await engineRun(dir, { registry, tables, rows: ROWS });
    for (const [table, rows] of Object.entries(ROWS)) expect(summary.tables[table]?.rows, table).toBe(rows);
    // A children table's IDs are its parent's: between one and eight lines each.
    const lines = summary.tables.invoice_lines;
    expect(lines).toMatchObject({ first_id: 1, last_id: ROWS.invoices, per_parent: 'invoices' });
    expect(lines?.rows).toBeGreaterThanOrEqual(ROWS.invoices);
    expect(lines?.rows).toBeLessThanOrEqual(8 * ROWS.invoices);
    const { metadata } = await loadMetadata(join(dir, 'm.json'));
    const report = await verifyDataset({ root: join(dir, 'data'), metadata, metadataFolder: dir, registry });
    expect(report.checks.filter((check) => check.result !== 'ok')).toEqual([]);
    expect(report.checks.some((check) => check.check.includes('total is not above the subtotal'))).toBe(true);
  });
});
