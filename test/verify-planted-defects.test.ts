/**
 * `synthgen verify` passes a dataset made over several runs, and catches each planted defect: a deleted file, a
 * truncated file, a flipped byte, an orphan foreign key, a duplicated ID. The last two are planted as a generator
 * bug would make them: the file rewritten and its manifest entry updated to match, so only the data checks can
 * tell.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AS_OF, generate, laterAsOf, query, synthgen, withTempDir } from './helpers/cli.js';

interface Report {
  ok: boolean;
  violations: number;
  checks: { check: string; result: string; detail: string }[];
}

let dataset = '';

async function verify(dir: string): Promise<{ code: number | null; report: Report }> {
  const result = await synthgen(['verify', '--out', 'data', '--metadata', 'm.json', '--json'], dir);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
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

async function firstFile(dir: string, table: string): Promise<string> {
  const names = (await readdir(join(dir, 'data', table))).filter((n) => n.endsWith('.parquet')).sort();
  return join(dir, 'data', table, names[0] ?? '');
}

/** Rewrites a table's first file with `select` and updates its manifest entry, as a buggy generator would. */
async function rewrite(dir: string, table: string, select: string): Promise<void> {
  const path = await firstFile(dir, table);
  const replacement = `${path}.new.parquet`;
  await query(`COPY (${select.replace('$FILE', `read_parquet('${path}')`)}) TO '${replacement}' (FORMAT parquet)`);
  await rm(path);
  await cp(replacement, path);
  await rm(replacement);
  const bytes = await readFile(path);
  for (const name of await readdir(join(dir, 'data', '_runs'))) {
    const manifestPath = join(dir, 'data', '_runs', name);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: { path: string; bytes: number; sha256: string }[] };
    for (const file of manifest.files) {
      if (join(dir, 'data', file.path) === path) {
        file.bytes = (await stat(path)).size;
        file.sha256 = createHash('sha256').update(bytes).digest('hex');
      }
    }
    await writeFile(manifestPath, JSON.stringify(manifest));
  }
}

describe('synthgen verify', () => {
  beforeAll(async () => {
    dataset = await mkdtemp(join(tmpdir(), 'synthgen-verify-'));
    const common = ['--out', 'data', '--metadata', 'm.json', '--file-size-limit', '1'];
    await generate(['--table-names', 'users,products', '--num-rows', 'users=20000,products=5000', '--seed', '1', '--as-of', AS_OF, ...common], dataset);
    await generate(['--table-names', 'orders', '--num-rows', '30000', '--seed', '2', '--as-of', AS_OF, ...common], dataset);
    // The third run continues users and orders: its as-of is after theirs.
    await generate(['--table-names', 'users,orders', '--num-rows', 'users=3000,orders=10000', '--seed', '3', '--as-of', laterAsOf(1), ...common], dataset);
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
    expect(checked.some((c) => c.startsWith("orders: unit_price equals the product's price"))).toBe(true);
    const plain = await synthgen(['verify', '--out', 'data', '--metadata', 'm.json'], dataset);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/OK: users 23000, products 5000, orders 40000 rows; no violations/);
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
    expect(failures(report).map((c) => [c.check, c.detail])).toEqual([['orders.user_id -> users', '1 rows reference a users row that does not exist']]);
  });

  test('a duplicated ID', async () => {
    const { code, report } = await damaged(async (dir) =>
      rewrite(dir, 'users', `SELECT * REPLACE (CASE WHEN user_id = 10 THEN 11 ELSE user_id END AS user_id) FROM $FILE ORDER BY user_id`),
    );
    expect(code).toBe(1);
    const checks = failures(report).map((c) => c.check);
    expect(checks).toContain('users.user_id unique');
    expect(checks).toContain('users.user_id contiguous');
  });

  test('a file no manifest lists', async () => {
    const { code, report } = await damaged(async (dir) => cp(await firstFile(dir, 'users'), join(dir, 'data', 'users', '29990101000000.parquet')));
    expect(code).toBe(1);
    expect(failures(report).some((c) => c.check === 'file users/29990101000000.parquet' && c.detail.startsWith('in no run manifest'))).toBe(true);
  });
});
