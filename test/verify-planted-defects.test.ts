/**
 * `synthgen verify` passes a dataset made over several runs, and catches each planted defect: a deleted file, a
 * truncated file, a flipped byte, an orphan foreign key, a duplicated ID, a time after its run's as-of, rows that
 * break a rule. The data defects are planted as a generator bug would make them: the file rewritten and its
 * manifest entry updated to match, so only the data checks can tell; each names the offending rows' keys.
 * The dataset is built and checked in this process (the run and verify APIs: the verdict is the engine's); the
 * spawned `synthgen verify` shows the CLI's part, its exit codes and its plain text, on an intact and a damaged copy.
 */
import { cp, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type VerifyReport, loadMetadata, tableRegistry, verifyDataset } from '../dist/src/index.js';
import { AS_OF, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { firstFile, rewrite } from './helpers/plant.js';

type Report = VerifyReport;

let dataset = '';

const registry = tableRegistry();

/**
 * What `synthgen verify --out data --metadata m.json --json` reports in `dir`, checked in this process as the CLI
 * checks it (the metadata's folder for the original tool's rows), with the exit code the CLI gives that report.
 */
async function verify(dir: string): Promise<{ code: number | null; report: Report }> {
  const { metadata } = await loadMetadata(join(dir, 'm.json'));
  const report: Report = await verifyDataset({ root: join(dir, 'data'), metadata, metadataFolder: dir, registry });
  return { code: report.ok ? 0 : 1, report };
}

const failures = (report: Report) => report.checks.filter((c) => c.result === 'violation');

/** A copy of the dataset to damage. */
async function damaged(fn: (dir: string) => Promise<void>): Promise<{ code: number | null; report: Report }> {
  return withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    await fn(dir);
    return verify(dir);
  });
}

describe('synthgen verify', () => {
  beforeAll(async () => {
    dataset = await mkdtemp(join(tmpdir(), 'synthgen-verify-'));
    // Files of 1 MB at most: the first runs of users and orders write two parts each (the smallest limit, the fewest rows).
    await engineRun(dataset, { tables: ['users', 'products'], rows: { users: 10000, products: 1000 }, seed: 1, fileSizeLimitMB: 1 });
    await engineRun(dataset, { tables: ['orders'], rows: { orders: 10000 }, seed: 2, fileSizeLimitMB: 1 });
    // The third run continues users and orders: its as-of is after theirs.
    await engineRun(dataset, { tables: ['users', 'orders'], rows: { users: 1000, orders: 3000 }, seed: 3, asOf: laterAsOf(1), fileSizeLimitMB: 1 });
    for (const table of ['users', 'orders']) expect((await readdir(join(dataset, 'data', table))).length, table).toBeGreaterThan(2);
  }, 120_000);
  afterAll(async () => {
    if (dataset) await rm(dataset, { recursive: true, force: true });
  });

  test('passes an intact dataset made over three runs, and says what it checked', async () => {
    const { code, report } = await verify(dataset);
    expect(failures(report)).toEqual([]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    const checked = report.checks.map((c) => c.check);
    expect(checked).toEqual(expect.arrayContaining(['users.user_id unique', 'orders.order_id contiguous', 'orders.user_id -> users', 'products.sku unique']));
    expect(checked.some((c) => c.startsWith("order_items: unit_price is the product's shelf price"))).toBe(true);
    expect(checked.some((c) => c.startsWith('orders: subtotal is the sum of the order’s lines'))).toBe(true);
    const plain = await synthgen(['verify', '--out', 'data', '--metadata', 'm.json'], dataset);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/OK: users 11000, products 1000, orders 13000, order_items \d+ rows; no violations/);
  });

  test('a deleted file', async () => {
    const { code, report } = await damaged(async (dir) => rm(await firstFile(dir, 'orders')));
    expect(code).toBe(1);
    expect(failures(report).map((c) => c.detail)).toContain('missing');
    expect(failures(report).some((c) => c.check === 'orders.order_id contiguous')).toBe(true);
  });

  test('a truncated file', async () => {
    const { code, report } = await damaged(async (dir) => truncate(await firstFile(dir, 'users'), 1000));
    expect(code).toBe(1);
    const [file] = failures(report).filter((c) => c.check.startsWith('file users/'));
    expect(file?.detail).toMatch(/1000 bytes, the manifest says \d+; SHA-256 differs from the manifest; unreadable as Parquet/);
  });

  test('a flipped byte', async () => {
    const { code, report } = await damaged(async (dir) => {
      const path = await firstFile(dir, 'products');
      const bytes = await readFile(path);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] ?? 0) ^ 0xff;
      await writeFile(path, bytes);
    });
    expect(code).toBe(1);
    expect(failures(report).some((c) => c.check.startsWith('file products/') && c.detail.includes('SHA-256 differs from the manifest'))).toBe(true);
  });

  test('an orphan foreign key', async () => {
    const { code, report } = await damaged(async (dir) =>
      rewrite(dir, 'orders', `SELECT * REPLACE (CASE WHEN order_id = 5 THEN 999999999 ELSE user_id END AS user_id) FROM $FILE ORDER BY order_id`),
    );
    expect(code).toBe(1);
    expect(failures(report).map((c) => [c.check, c.detail, c.ids])).toEqual([['orders.user_id -> users', '1 rows reference a users row that does not exist: order_id 5', [5]]]);
  });

  test('a duplicated ID', async () => {
    const { code, report } = await damaged(async (dir) =>
      rewrite(dir, 'users', `SELECT * REPLACE (CASE WHEN user_id = 10 THEN 11 ELSE user_id END AS user_id) FROM $FILE ORDER BY user_id`),
    );
    expect(code).toBe(1);
    const byCheck = new Map(failures(report).map((c) => [c.check, c]));
    expect(byCheck.get('users.user_id unique')?.detail).toBe('1 IDs occur more than once (1 extra rows): user_id 11');
    expect(byCheck.get('users.user_id contiguous')?.detail).toMatch(/^IDs 1-11000 present with 1 missing \(user_id 10\);/);
    expect(byCheck.get('users.user_id contiguous')?.ids).toEqual([10]);
  });

  test('a repeated unique value names the rows holding it', async () => {
    const { code, report } = await damaged(async (dir) =>
      rewrite(dir, 'products', `SELECT * REPLACE (CASE WHEN product_id = 6 THEN (SELECT sku FROM $FILE WHERE product_id = 3) ELSE sku END AS sku) FROM $FILE ORDER BY product_id`),
    );
    expect(code).toBe(1);
    expect(failures(report).map((c) => [c.check, c.detail, c.ids])).toEqual([['products.sku unique', '1 repeated values, in 2 rows: product_id 3, 6', [3, 6]]]);
  });

  test("a time after its own run's as-of, though before a later run's", async () => {
    // User 7 is of the first run; an hour after its as-of is still before the third run's.
    const late = new Date(Date.parse(AS_OF) + 3_600_000).toISOString();
    const { code, report } = await damaged(async (dir) =>
      rewrite(dir, 'users', `SELECT * REPLACE (CASE WHEN user_id = 7 THEN TIMESTAMPTZ '${late}' ELSE updated_at END AS updated_at) FROM $FILE ORDER BY user_id`),
    );
    expect(code).toBe(1);
    expect(failures(report).map((c) => [c.check, c.detail, c.ids])).toEqual([['users.updated_at not after as-of', "1 rows are after their run's as-of: user_id 7", [7]]]);
    const plain = await withTempDir(async (dir) => {
      await cp(dataset, dir, { recursive: true });
      await rewrite(dir, 'users', `SELECT * REPLACE (CASE WHEN user_id = 7 THEN TIMESTAMPTZ '${late}' ELSE updated_at END AS updated_at) FROM $FILE ORDER BY user_id`);
      return synthgen(['verify', '--out', 'data', '--metadata', 'm.json'], dir);
    });
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain("  FAIL users.updated_at not after as-of: 1 rows are after their run's as-of: user_id 7\n");
  });

  test('rows that break rules, one of them over an aliased join, are named by their keys', async () => {
    const { code, report } = await damaged(async (dir) => {
      await rewrite(dir, 'products', `SELECT * REPLACE (CASE WHEN product_id IN (9, 4) THEN price + 1 ELSE cost END AS cost) FROM $FILE ORDER BY product_id`);
      await rewrite(dir, 'order_items', `SELECT * REPLACE (CASE WHEN order_id IN (12, 30) AND line_number = 1 THEN unit_price * 2 + 1 ELSE unit_price END AS unit_price) FROM $FILE ORDER BY order_id, line_number`);
    });
    expect(code).toBe(1);
    const byCheck = new Map(failures(report).map((c) => [c.check, [c.detail, c.ids]]));
    expect(byCheck.get('products: 0 < cost < price')).toEqual(['2 rows break it: product_id 4, 9', [4, 9]]);
    const shelf = [...byCheck.keys()].find((check) => check.startsWith("order_items: unit_price is the product's shelf price"));
    expect(byCheck.get(shelf ?? 'no such check')).toEqual(['2 rows break it: order_id 12, 30', [12, 30]]);
  });

  test('a file no manifest lists', async () => {
    const { code, report } = await damaged(async (dir) => cp(await firstFile(dir, 'users'), join(dir, 'data', 'users', '29990101000000.parquet')));
    expect(code).toBe(1);
    expect(failures(report).some((c) => c.check === 'file users/29990101000000.parquet' && c.detail.startsWith('in no run manifest'))).toBe(true);
  });
});
