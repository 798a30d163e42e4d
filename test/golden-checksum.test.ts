import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { checksums, generate, parquetFiles, withTempDir } from './helpers/cli.js';
import { tableRegistry } from '../dist/src/index.js';
import { definitionPrint } from '../dist/src/versions/tableVersions.js';

/**
 * Pins the bytes of two small datasets: the built-in tables, and a schema file's (every generator and option). When
 * this fails, generated values or the default Parquet format changed: if that was deliberate, bump the table's
 * `version`, describe the change in the changelog (docs/changelog.md), and update test/fixtures/golden*.json with
 * `UPDATE_GOLDEN=1 npm test -- golden`.
 *
 * It also pins what the metadata records of the built-in tables' versions (docs/determinism.md, "Table versions"):
 * the identity of their rows and each field's fingerprint. A fingerprint hashes a field's SQL, so it changes with a
 * change of its text even where the values do not; then every dataset continues as the table's next version, and is
 * refused where orders recompute the field (users._locale, products.price). If such a change is deliberate, bump the
 * table's `version` and describe it in the changelog too.
 */
const SCHEMA = resolve(import.meta.dirname, 'fixtures/schema/saas.yaml');

async function dataset(args: readonly string[], tables: readonly string[]): Promise<Record<string, string>> {
  return withTempDir(async (dir) => {
    await generate([...args, '--seed', '20261126', '--as-of', '2026-01-01T00:00:00Z', '--workers', '1', '--out', 'data', '--metadata', 'metadata.json'], dir);
    const actual: Record<string, string> = {};
    for (const table of tables) {
      const files = await parquetFiles(join(dir, 'data'), table);
      expect(files).toHaveLength(1);
      const sums = await checksums(join(dir, 'data', table));
      actual[table] = Object.values(sums)[0] ?? '';
    }
    return actual;
  });
}

async function pinned(fixture: string, actual: object): Promise<void> {
  const path = resolve(import.meta.dirname, 'fixtures', fixture);
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(path, `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toEqual(JSON.parse(await readFile(path, 'utf8')));
}

test('a small dataset has the pinned checksums', async () => {
  const tables = ['users', 'products', 'orders'];
  await pinned('golden.json', await dataset(['--table-names', tables.join(','), '--num-rows', 'users=300,products=100,orders=500'], [...tables, 'order_items']));
});

test("a schema file's small dataset has the pinned checksums", async () => {
  const tables = ['users', 'accounts', 'subscriptions', 'invoices', 'invoice_lines'];
  const args = ['--schema', SCHEMA, '--table-names', 'users,accounts,subscriptions,invoices', '--num-rows', 'users=200,accounts=100,subscriptions=200,invoices=400'];
  await pinned('golden-schema.json', await dataset(args, tables));
});

test("the built-in tables' identities and field fingerprints are pinned", async () => {
  // Computed, not read from the disk cache that keeps them (only the pools' values are read from it).
  const registry = tableRegistry();
  const records: Record<string, unknown> = {};
  for (const table of ['users', 'products', 'orders', 'order_items']) {
    const { identity, prints } = await definitionPrint(registry, table);
    records[table] = { identity, versions: { [String(registry.get(table)?.version)]: prints } };
  }
  await pinned('golden-versions.json', records);
});
