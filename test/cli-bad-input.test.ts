import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Runs synthgen with bad input against a folder that may hold a metadata file, and checks the contract: one line on
 * stderr saying what is wrong, a non-zero exit, no stack trace, no files written, the metadata byte-for-byte unchanged.
 */
async function expectRejected(args: readonly string[], expected: RegExp, metadata?: string): Promise<void> {
  await withTempDir(async (dir) => {
    const metadataPath = join(dir, 'metadata.json');
    if (metadata !== undefined) await writeFile(metadataPath, metadata);
    const result = await synthgen([...args, '--out', 'data', '--metadata', 'metadata.json'], dir);
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^synthgen: /);
    expect(lines[0]).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    const files = await filesUnder(join(dir, 'data'));
    expect(files).toEqual([]);
    if (metadata === undefined) await expect(readFile(metadataPath)).rejects.toThrow();
    else expect(await readFile(metadataPath, 'utf8')).toBe(metadata);
  });
}

const ok = ['--seed', '1', '--as-of', AS_OF];

describe('bad input gets one clear line, a non-zero exit, no files and unchanged metadata', () => {
  test('unknown table', () => expectRejected(['--table-names', 'users,customers', '--num-rows', '10', ...ok], /unknown table "customers".*users, products, orders/));
  test.each(['0', '-5', 'abc', '1.5', ''])('rows %j', (rows) =>
    expectRejected(['--table-names', 'users', `--num-rows=${rows}`, ...ok], /--num-rows must be a positive whole number/));
  test('per-table rows naming a table not asked for', () =>
    expectRejected(['--table-names', 'users', '--num-rows', 'users=10,orders=5', ...ok], /--num-rows names "orders"/));
  test.each(['0', '-1', 'big'])('file-size limit %j', (limit) =>
    expectRejected(['--table-names', 'users', '--num-rows', '10', `--file-size-limit=${limit}`, ...ok], /--file-size-limit must be a positive number/));
  test.each(['0', '-2', 'many'])('workers %j', (workers) =>
    expectRejected(['--table-names', 'users', '--num-rows', '10', `--workers=${workers}`, ...ok], /--workers must be a positive whole number/));
  test('seed that is not a whole number', () => expectRejected(['--table-names', 'users', '--num-rows', '10', '--seed', 'x1', '--as-of', AS_OF], /--seed must be a whole number/));
  test('as-of that is not a timestamp', () => expectRejected(['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', 'yesterday'], /--as-of must be an ISO timestamp/));
  test('missing --table-names', () => expectRejected(['--num-rows', '10', ...ok], /--table-names is required/));
  test('unknown option', () => expectRejected(['--table-names', 'users', '--num-rows', '10', '--rows', '5', ...ok], /unknown option --rows/));
  test('orders with no users', () =>
    expectRejected(['--table-names', 'products,orders', '--num-rows', '10', ...ok], /No existing users found: generate users first, e\.g\. synthgen --table-names users --num-rows 1000/));
  test('orders with no products', () =>
    expectRejected(['--table-names', 'orders', '--num-rows', '10', ...ok], /No existing (users|products) found/));
  test('orders with users recorded but no products', async () => {
    const metadata = JSON.stringify({
      format: 'synthgen-metadata',
      format_version: 1,
      tables: { users: { last_id: 10, segments: [{ first_id: 1, last_id: 10, seed: 1, as_of: AS_OF, version: 1, run_id: 'r1' }] } },
      runs: [],
    });
    await expectRejected(['--table-names', 'orders', '--num-rows', '10', ...ok], /No existing products found: generate products first/, metadata);
  });
  test('metadata that is not JSON', () => expectRejected(['--table-names', 'users', '--num-rows', '10', ...ok], /metadata file .* is corrupt: not valid JSON.*left unchanged/, '{"format": "synthgen-metad'));
  test('metadata with the wrong shape', () =>
    expectRejected(['--table-names', 'users', '--num-rows', '10', ...ok], /is corrupt: tables\.users\.last_id is not an ID/, JSON.stringify({ format: 'synthgen-metadata', format_version: 1, tables: { users: { last_id: 'x', segments: [] } } })));
  test('metadata whose segments overlap', () =>
    expectRejected(['--table-names', 'users', '--num-rows', '10', ...ok], /overlaps/, JSON.stringify({
      format: 'synthgen-metadata',
      format_version: 1,
      tables: { users: { last_id: 20, segments: [{ first_id: 1, last_id: 10, seed: 1, as_of: AS_OF, version: 1, run_id: 'a' }, { first_id: 5, last_id: 20, seed: 1, as_of: AS_OF, version: 1, run_id: 'b' }] } },
    })));
  test('an --as-of before the parents', async () => {
    const metadata = JSON.stringify({
      format: 'synthgen-metadata',
      format_version: 1,
      tables: {
        users: { last_id: 10, segments: [{ first_id: 1, last_id: 10, seed: 1, as_of: AS_OF, version: 1, run_id: 'r1' }] },
        products: { last_id: 10, segments: [{ first_id: 1, last_id: 10, seed: 1, as_of: AS_OF, version: 1, run_id: 'r1' }] },
      },
      runs: [],
    });
    await expectRejected(['--table-names', 'orders', '--num-rows', '10', '--seed', '1', '--as-of', '2020-01-01T00:00:00Z'], /--as-of .* is earlier than the as-of of existing users/, metadata);
  });
  test('an unwritable --out', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'blocker'), 'not a folder');
      const result = await synthgen(['--table-names', 'users', '--num-rows', '10', ...ok, '--out', 'blocker/data', '--metadata', 'metadata.json'], dir);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^synthgen: cannot write to output folder .*blocker\/data.*pass --out with a writable folder/);
      await expect(readFile(join(dir, 'metadata.json'))).rejects.toThrow();
    });
  });
});
