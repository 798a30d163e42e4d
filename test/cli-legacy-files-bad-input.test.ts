/**
 * The original tool's files that synthgen cannot use, and orders asked for without them: each is one line naming
 * what is wrong (the column and the file, the flag to pass), exit 2, and nothing changed: the metadata as it was, no
 * file beside it, no data.
 * A file the engine reads and refuses is checked through the run API in this process (a UserError, which the CLI
 * prints as its one line, exit code 2), the first of them also through the spawned CLI; the flag's own refusals, and
 * orders asked for without it, are the spawned CLI (not relaunched: the relaunch is not what these check).
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UserError } from '../dist/src/index.js';
import { AS_OF, query, synthgen, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { writeLegacyDataset } from './helpers/legacyTool.js';

const ORDERS = ['--table-names', 'orders', '--num-rows', '100', '--out', 'data', '--metadata', 'metadata.json', '--seed', '1', '--as-of', AS_OF];
const FLAG = ['--legacy-files', 'users=old/users,products=old/products'];

/** ORDERS with FLAG, through the run API: what the run threw. */
async function refusedHere(dir: string): Promise<unknown> {
  const legacyFiles = { users: join(dir, 'old/users'), products: join(dir, 'old/products') };
  return engineRun(dir, { tables: ['orders'], rows: { orders: 100 }, seed: 1, asOf: AS_OF, out: join(dir, 'data'), metadataPath: join(dir, 'metadata.json'), legacyFiles }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** Runs the command and checks it was refused with one line matching `expected`, leaving everything as it was. */
async function refused(dir: string, args: readonly string[] | 'in-process', expected: RegExp): Promise<void> {
  const before = await readFile(join(dir, 'metadata.json'), 'utf8');
  const names = (await readdir(dir)).sort();
  let result: { code: number | null; stderr: string };
  if (args === 'in-process') {
    const error = await refusedHere(dir);
    expect(error).toBeInstanceOf(UserError);
    result = error instanceof UserError ? { code: error.exitCode, stderr: `synthgen: ${error.message}\n` } : { code: null, stderr: String(error) };
  } else {
    result = await synthgen(args, dir, { SYNTHGEN_RELAUNCHED: '1' });
  }
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^synthgen: /);
  expect(lines[0]).toMatch(expected);
  expect(await readFile(join(dir, 'metadata.json'), 'utf8')).toBe(before);
  expect((await readdir(dir)).sort()).toEqual(names);
}

/** Rewrites a file of the tool's with `select` over what it held (`t`). */
async function rewrite(path: string, select: string): Promise<void> {
  await query(`CREATE TABLE t AS SELECT * FROM read_parquet('${path}'); COPY (${select}) TO '${path}' (FORMAT parquet)`);
}

test('orders over the tool\'s users and products, without their files: the line names the flag to pass', async () => {
  await withTempDir(async (dir) => {
    await writeLegacyDataset(dir);
    await refused(dir, ORDERS, /--legacy-files users=/);
  });
});

test.each([
  ['users', 'part-1.parquet', 'SELECT * EXCLUDE (country) FROM t', /users file \S*old\/users\/part-1\.parquet has no country column.*(country|country_code)/],
  ['users', 'part-0.parquet', 'SELECT * EXCLUDE (registration_date) FROM t', /users file \S*old\/users\/part-0\.parquet has no registration_date column/],
  ['users', 'part-0.parquet', 'SELECT * EXCLUDE (user_id) FROM t', /users file \S*part-0\.parquet has no user_id column/],
  ['products', 'products.parquet', 'SELECT * EXCLUDE (price) FROM t', /products file \S*old\/products\/products\.parquet has no price column/],
  ['users', 'part-0.parquet', 'SELECT * REPLACE (registration_date::VARCHAR AS registration_date) FROM t', /registration_date .*VARCHAR.*TIMESTAMP/],
  ['users', 'part-0.parquet', 'SELECT * REPLACE (CASE WHEN user_id = 3 THEN 5000 ELSE user_id END AS user_id) FROM t', /holds user_id 5000, which the metadata does not record as made by the original tool/],
  ['users', 'part-0.parquet', 'SELECT * REPLACE (CASE WHEN user_id = 3 THEN 4 ELSE user_id END AS user_id) FROM t', /user_id 4 .*(twice|more than once)/],
  ['products', 'products.parquet', 'SELECT * REPLACE (CASE WHEN product_id = 2 THEN -1.5 ELSE price END AS price) FROM t', /product_id 2 has price -1\.50?, .*whole number of cents/],
])('%s file %s read as `%s` is refused with one line', async (table, file, select, expected) => {
  await withTempDir(async (dir) => {
    await writeLegacyDataset(dir);
    await rewrite(join(dir, 'old', table, file), select);
    await refused(dir, 'in-process', expected);
    // The first case through the CLI too: its one line and exit code.
    if (file === 'part-1.parquet') await refused(dir, [...ORDERS, ...FLAG], expected);
  });
});

test.each([
  ['a folder that is not there', ['--legacy-files', 'users=old/nobody,products=old/products'], /old\/nobody/],
  ['a folder with no Parquet files', ['--legacy-files', 'users=old/empty,products=old/products'], /no \.parquet files/],
  ['a table the tool\'s files cannot stand for', ['--legacy-files', 'orders=old/users'], /--legacy-files .*users.*products/],
  ['a value that is not table=location', ['--legacy-files', 'old/users'], /--legacy-files/],
])('%s is refused with one line', async (_, flag, expected) => {
  await withTempDir(async (dir) => {
    await writeLegacyDataset(dir);
    await mkdir(join(dir, 'old', 'empty'));
    await refused(dir, [...ORDERS, ...flag], expected);
  });
});
