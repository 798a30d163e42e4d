import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { checksums, generate, parquetFiles, withTempDir } from './helpers/cli.js';

/**
 * Pins the bytes of a small dataset. When this fails, generated values or the default Parquet format changed: if
 * that was deliberate, bump the table's `version`, describe the change in the README's changelog, and update
 * test/fixtures/golden.json with `UPDATE_GOLDEN=1 npm test -- golden`.
 */
const FIXTURE = resolve(import.meta.dirname, 'fixtures/golden.json');
async function dataset(format: readonly string[]): Promise<Record<string, string>> {
  return withTempDir(async (dir) => {
    await generate(
      [
        ...['--table-names', 'users,products,orders', '--num-rows', 'users=300,products=100,orders=500', '--seed', '20261126', '--as-of', '2026-01-01T00:00:00Z'],
        ...['--workers', '1', '--out', 'data', '--metadata', 'metadata.json', ...format],
      ],
      dir,
    );
    const actual: Record<string, string> = {};
    for (const table of ['users', 'products', 'orders']) {
      const files = await parquetFiles(join(dir, 'data'), table);
      expect(files).toHaveLength(1);
      const sums = await checksums(join(dir, 'data', table));
      actual[table] = Object.values(sums)[0] ?? '';
    }
    return actual;
  });
}

test('a small dataset has the pinned checksums', async () => {
  const actual = await dataset([]);
  if (process.env.UPDATE_GOLDEN === '1') {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(FIXTURE, `${JSON.stringify(actual, null, 2)}\n`);
  }
  expect(actual).toEqual(JSON.parse(await readFile(FIXTURE, 'utf8')));
});
