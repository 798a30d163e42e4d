/**
 * Orders reference the original tool's users and products once synthgen has read their files (--legacy-files),
 * locally or from S3: every reference resolves to an old or a new parent, old ones are referenced, an order's line copies
 * an old product's price and ships to an old user's country as the tool's files give them, and no order precedes
 * its parent. What was read is kept beside the metadata, so later runs, elsewhere, need neither the flag nor the
 * files; and the same seed gives the same bytes at any worker count, and from S3 as from a folder.
 * Runs given --legacy-files, a run refused for a missing snapshot and the first verify are the spawned CLI (the
 * flag, its notice, its text); runs that need no flag and the later checks run in this process (the run and verify
 * APIs). The first run, on two workers, is made once (beforeAll): the first test goes on from it, the second compares
 * it with a run on one worker and one from S3. The two tests run at once, and so do the independent runs within each
 * (spawned CLIs beside this process's runs, which take turns: they share the test pool).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, unlink } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadMetadata, verifyDataset } from '../dist/src/index.js';
import { type CliResult, AS_OF, checksums, generate, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineRun } from './helpers/engine.js';
import { testClient } from './helpers/bucket.js';
import { type S3Server, s3Env, startS3 } from './helpers/s3.js';
import { LEGACY_PRODUCTS, LEGACY_USERS, legacyTable, mappedCountrySql, writeLegacyDataset } from './helpers/legacyTool.js';
import { inUsd } from './helpers/inUsd.js';

const LATER = '2026-03-01T00:00:00Z';
const FIRST = ['--table-names', 'orders', '--num-rows', '3000', '--out', 'data', '--metadata', 'metadata.json', '--seed', '3', '--as-of', AS_OF];
const LOCAL_FLAG = ['--legacy-files', 'users=old/users,products=old/products'];
/** SECOND, for the run API, in `dir`. */
const secondRun = (dir: string): EngineRun => ({ tables: ['users', 'products', 'orders'], rows: { users: 300, products: 20, orders: 3000 }, seed: 4, asOf: LATER, ...where(dir) });
/** Where the CLI's --out data --metadata metadata.json put a run. */
const where = (dir: string) => ({ out: join(dir, 'data'), metadataPath: join(dir, 'metadata.json') });
const BUCKET = 'legacy-data';

/** What a first run left: its orders files' SHA-256 in name order, and the metadata's tables (what it keeps). */
interface Made {
  readonly orders: string[];
  readonly kept: Record<string, { legacy_rows: { sha256: string } }>;
}

async function made(dir: string): Promise<Made> {
  return { orders: await inNameOrder(join(dir, 'data', 'orders')), kept: JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')).tables };
}

let s3: S3Server;
/** The first run with --legacy-files on two workers, in `firstDir`: what the CLI printed, and what it made. */
let firstDir = '';
let first: CliResult;
let firstMade: Made;
beforeAll(async () => {
  s3 = await startS3([BUCKET]);
  firstDir = await mkdtemp(join(tmpdir(), 'synthgen-test-'));
  await writeLegacyDataset(firstDir);
  first = await generate([...FIRST, ...LOCAL_FLAG, '--workers', '2'], firstDir);
  firstMade = await made(firstDir);
});
afterAll(async () => {
  await s3.close();
  if (firstDir) await rm(firstDir, { recursive: true, force: true });
});

/** Orders' lines joined with the parents they reference (the order's user, the line's product): the tool's row (old) or synthgen's (new). */
async function ordersWithParents(dir: string): Promise<Record<string, unknown>[]> {
  const orders = await tableSql(join(dir, 'data'), 'orders');
  const items = await tableSql(join(dir, 'data'), 'order_items');
  const newUsers = await tableSql(join(dir, 'data'), 'users').catch(() => undefined);
  const newProducts = await tableSql(join(dir, 'data'), 'products').catch(() => undefined);
  const users = `(SELECT user_id, registration_date, ${mappedCountrySql('country')} AS country, true AS old FROM ${legacyTable(dir, 'users')}${newUsers ? ` UNION ALL SELECT user_id, registration_date, country, false FROM ${newUsers}` : ''})`;
  const products = `(SELECT product_id, created_at::TIMESTAMPTZ AS created_at, price::DECIMAL(18,2) AS price, true AS old FROM ${legacyTable(dir, 'products')}${newProducts ? ` UNION ALL SELECT product_id, created_at, price, false FROM ${newProducts}` : ''})`;
  return query(`SELECT o.order_id, o.user_id, i.product_id, u.old AS old_user, p.old AS old_product,
      u.user_id IS NOT NULL AS user_found, p.product_id IS NOT NULL AS product_found,
      o.shipping_country = u.country AS same_country,
      CASE WHEN i.currency = 'USD' THEN i.unit_price = p.price ELSE abs(${inUsd('i.unit_price', 'i.currency')} - p.price) <= greatest(1.5, 0.12 * p.price) END AS same_price,
      o.order_date >= u.registration_date AND o.order_date >= p.created_at AS after_parents
    FROM ${orders} o JOIN ${items} i USING (order_id) LEFT JOIN ${users} u USING (user_id) LEFT JOIN ${products} p ON p.product_id = i.product_id`);
}

function summarize(rows: Record<string, unknown>[]) {
  const n = (f: (row: Record<string, unknown>) => boolean) => rows.filter(f).length;
  return {
    orders: new Set(rows.map((r) => r.order_id)).size,
    unresolved: n((r) => r.user_found !== true || r.product_found !== true),
    disagreeing: n((r) => r.same_country !== true || r.same_price !== true),
    beforeParent: n((r) => r.after_parents !== true),
    oldUsers: new Set(rows.filter((r) => r.old_user === true).map((r) => r.user_id)).size,
    newUsers: new Set(rows.filter((r) => r.old_user === false).map((r) => r.user_id)).size,
    oldProducts: new Set(rows.filter((r) => r.old_product === true).map((r) => r.product_id)).size,
    newProducts: new Set(rows.filter((r) => r.old_product === false).map((r) => r.product_id)).size,
  };
}

/** The SHA-256 of each file of a folder, in name order (names carry each run's stamp). */
const inNameOrder = async (folder: string) =>
  Object.entries(await checksums(folder))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, sum]) => sum);

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

/** verify's verdict through its API: no violation. */
async function verifiedHere(dir: string): Promise<void> {
  const { metadata } = await loadMetadata(join(dir, 'metadata.json'));
  const report = await verifyDataset({ root: join(dir, 'data'), metadata, metadataFolder: dir });
  expect(report.checks.filter((check) => check.result === 'violation')).toEqual([]);
  expect(report.ok).toBe(true);
}

async function verifyPasses(dir: string): Promise<string> {
  const verified = await synthgen(['verify', '--out', 'data', '--metadata', 'metadata.json'], dir);
  expect(verified.stderr).toBe('');
  expect(verified.code).toBe(0);
  return verified.stdout;
}

describe.concurrent('orders with the original tool\'s parents', () => {
  test('orders reference the tool\'s users and products, read once from its files, and synthgen\'s alike', async () => {
    const dir = firstDir;
    expect(first.stderr).toMatch(/read \d+ users of the original tool/);
    // The spawned verify reads the run (its lines checked below) while this process queries it.
    const verifying = verifyPasses(dir);
    verifying.catch(() => undefined);

    // Only the tool's parents exist yet: every order references them, as their files say.
    const firstRun = summarize(await ordersWithParents(dir));
    expect(firstRun).toMatchObject({ orders: 3000, unresolved: 0, disagreeing: 0, beforeParent: 0, newUsers: 0, newProducts: 0 });
    expect(firstRun.oldUsers).toBeGreaterThan(300);
    expect(firstRun.oldProducts).toBeGreaterThan(LEGACY_PRODUCTS / 2);
    // Users of countries synthgen does not model, or with none, are never referenced.
    const unmodelled = await query(`SELECT count(*) AS n FROM ${await tableSql(join(dir, 'data'), 'orders')} WHERE user_id IN (SELECT user_id FROM ${legacyTable(dir, 'users')} WHERE ${mappedCountrySql('country')} IS NULL)`);
    expect(unmodelled[0]?.n).toBe('0');
    const checked = await verifying;
    expect(checked).toMatch(/ok {3}order_items: unit_price is the product's shelf price[^\n]*: holds for every row/);
    expect(checked).toMatch(/ok {3}orders: shipping_country is the customer's country: holds for every row/);

    // Kept beside the metadata, checksummed; the flag is needed no more.
    const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    for (const table of ['users', 'products']) {
      const kept = metadata.tables[table].legacy_rows;
      expect(await sha256(join(dir, kept.file))).toBe(kept.sha256);
    }
    expect(metadata.tables.orders.segments.at(-1).legacy_parents).toEqual({ users: metadata.tables.users.legacy_rows.sha256, products: metadata.tables.products.legacy_rows.sha256 });

    // Another machine: the metadata with what it keeps beside it, and none of the tool's files.
    await withTempDir(async (elsewhere) => {
      await mkdir(join(elsewhere, 'data'));
      for (const name of await readdir(dir)) if (name.startsWith('metadata.json')) await copyFile(join(dir, name), join(elsewhere, name));
      await engineRun(dir, secondRun(dir));
      await engineRun(elsewhere, secondRun(elsewhere));
      // File names carry each run's stamp: the second run's files sort after the first's.
      const there = await inNameOrder(join(elsewhere, 'data', 'orders'));
      const here = await inNameOrder(join(dir, 'data', 'orders'));
      expect(there.length).toBeGreaterThan(0);
      expect(here.slice(-there.length)).toEqual(there);
    });

    // Old and new parents alike, in the run that added new ones.
    const all = await ordersWithParents(dir);
    const second = summarize(all.filter((row) => Number(row.order_id) > 3007));
    expect(second).toMatchObject({ orders: 3000, unresolved: 0, disagreeing: 0, beforeParent: 0 });
    expect(second.oldUsers).toBeGreaterThan(100);
    expect(second.newUsers).toBeGreaterThan(50);
    expect(second.oldProducts).toBeGreaterThan(10);
    expect(second.newProducts).toBeGreaterThan(5);
    expect(all.every((row) => Number(row.user_id) <= LEGACY_USERS || row.old_user === false)).toBe(true);
    await verifiedHere(dir);

    // Without the snapshot, a run says what is missing and where it came from.
    const metadataAfter = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    await unlink(join(dir, metadataAfter.tables.users.legacy_rows.file));
    const missing = await synthgen(['--table-names', 'orders', '--num-rows', '10', '--out', 'data', '--metadata', 'metadata.json', '--as-of', '2026-04-01T00:00:00Z'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/original tool's users .*metadata\.json\.legacy-users-[0-9a-f]+\.parquet.* (is missing|cannot be read).*--legacy-files users=/);
  });

  test('the same seed gives the same files at any worker count, and from S3 as from a folder', async () => {
    // The first run (two workers, the CLI, beforeAll) against two of the same seed made at once, each in a folder of
    // its own: one worker (the CLI), and the tool's files read from S3 (the CLI, two workers).
    const [oneWorker, fromS3] = await Promise.all([
      withTempDir(async (dir) => {
        await writeLegacyDataset(dir);
        await generate([...FIRST, ...LOCAL_FLAG, '--workers', '1'], dir);
        return made(dir);
      }),
      withTempDir(async (other) => {
        await writeLegacyDataset(other);
        const client = testClient(s3.endpoint);
        for (const table of ['users', 'products'] as const) {
          for (const name of await readdir(join(other, 'old', table))) {
            await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `tool/export/${table}/${name}`, Body: await readFile(join(other, 'old', table, name)) }));
          }
        }
        client.destroy();
        const flag = ['--legacy-files', `users=s3://${BUCKET}/tool/export/users,products=s3://${BUCKET}/tool/export/products/`, '--s3-endpoint', s3.endpoint];
        const run = await synthgen([...FIRST, ...flag, '--workers', '2'], other, s3Env());
        expect(run.stderr).not.toMatch(/error/i);
        expect(run.code).toBe(0);
        await verifiedHere(other);
        return made(other);
      }),
    ]);
    expect(oneWorker.orders).toEqual(firstMade.orders);
    expect(fromS3.orders).toEqual(firstMade.orders);
    expect(fromS3.kept.users?.legacy_rows.sha256).toBe(firstMade.kept.users?.legacy_rows.sha256);
    expect(fromS3.kept.products?.legacy_rows.sha256).toBe(firstMade.kept.products?.legacy_rows.sha256);
  });
});
