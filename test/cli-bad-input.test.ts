import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';
import { recordedSegment } from './helpers/metadata.js';

/**
 * Every case is the spawned CLI, without the relaunch (src/cli/relaunch.ts): the process that runs the command
 * reads, checks and refuses the same, and the relaunch (its own tests' subject) would double each case's start-up.
 */
const NOT_RELAUNCHED = { SYNTHGEN_RELAUNCHED: '1' };

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Runs synthgen with bad input against a folder that may hold a metadata file, and checks the contract: one line on
 * stderr saying what is wrong, a non-zero exit, no stack trace, no files written, the metadata byte-for-byte unchanged.
 */
async function expectRejected(args: readonly string[], expected: RegExp, metadata?: string, env: Record<string, string> = {}): Promise<void> {
  await withTempDir(async (dir) => {
    const metadataPath = join(dir, 'metadata.json');
    if (metadata !== undefined) await writeFile(metadataPath, metadata);
    const result = await synthgen([...args, '--out', 'data', '--metadata', 'metadata.json'], dir, { ...NOT_RELAUNCHED, ...env });
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

describe.concurrent('bad input gets one clear line, a non-zero exit, no files and unchanged metadata', () => {
  test('unknown table', () => expectRejected(['--table-names', 'users,customers', '--num-rows', '10', ...ok], /unknown table "customers".*users, products, orders/));
  test.each(['0', '-5', 'abc', '1.5', ''])('rows %j', (rows) =>
    expectRejected(['--table-names', 'users', `--num-rows=${rows}`, ...ok], /--num-rows must be a positive whole number/));
  test('per-table rows naming a table not asked for', () =>
    expectRejected(['--table-names', 'users', '--num-rows', 'users=10,orders=5', ...ok], /--num-rows names "orders"/));
  test.each(['0', '-1', 'big'])('file-size limit %j', (limit) =>
    expectRejected(['--table-names', 'users', '--num-rows', '10', `--file-size-limit=${limit}`, ...ok], /--file-size-limit must be a number of MB from 1 to 1000000/));
  // --workers=0 is a case of 'workers out of range' below, which checks its whole line.
  test.each(['-2', 'many'])('workers %j', (workers) =>
    expectRejected(['--table-names', 'users', '--num-rows', '10', `--workers=${workers}`, ...ok], /--workers must be a whole number from 1 to 1024/));
  test('seed that is not a whole number', () => expectRejected(['--table-names', 'users', '--num-rows', '10', '--seed', 'x1', '--as-of', AS_OF], /--seed must be a whole number/));
  test('as-of that is not a timestamp', () => expectRejected(['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', 'yesterday'], /--as-of must be an ISO timestamp/));
  test('missing --table-names', () => expectRejected(['--num-rows', '10', ...ok], /--table-names is required/));
  test('unknown option', () => expectRejected(['--table-names', 'users', '--num-rows', '10', '--rows', '5', ...ok], /unknown option --rows/));
  test('orders with no users', () =>
    expectRejected(['--table-names', 'products,orders', '--num-rows', '10', ...ok], /No existing users found: generate users first, e\.g\. synthgen --table-names users --num-rows 1000/));
  // Orders alone on an empty folder (no users, no products) is test/cli-contract.test.ts's case of bad input: one line
  // naming the users, exit 2, nothing written, the metadata file not made.
  test('orders with users recorded but no products', async () => {
    const metadata = JSON.stringify({
      format: 'synthgen-metadata',
      format_version: 1,
      tables: { users: { last_id: 10, segments: [recordedSegment(1, 10, { as_of: AS_OF, run_id: 'r1' })] } },
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
      tables: { users: { last_id: 20, segments: [recordedSegment(1, 10, { as_of: AS_OF, run_id: 'a' }), recordedSegment(5, 20, { as_of: AS_OF, run_id: 'b' })] } },
    })));
  test('an --as-of before the parents', async () => {
    const metadata = JSON.stringify({
      format: 'synthgen-metadata',
      format_version: 1,
      tables: {
        users: { last_id: 10, segments: [recordedSegment(1, 10, { as_of: AS_OF, run_id: 'r1' })] },
        products: { last_id: 10, segments: [recordedSegment(1, 10, { as_of: AS_OF, run_id: 'r1' })] },
      },
      runs: [],
    });
    await expectRejected(['--table-names', 'orders', '--num-rows', '10', '--seed', '1', '--as-of', '2020-01-01T00:00:00Z'], /--as-of .* is earlier than the as-of of existing users/, metadata);
  });
  test.each([
    ['2026-02-30', /--as-of "2026-02-30": February 2026 has 28 days/],
    ['2024-02-30T00:00:00Z', /--as-of "2024-02-30T00:00:00Z": February 2024 has 29 days/],
    ['2026-04-31', /April 2026 has 30 days/],
    ['2026-13-01', /--as-of "2026-13-01": there is no month 13/],
    ['2026-00-10', /there is no month 00/],
    ['2026-01-00', /there is no day 00/],
    ['2026-01-01T25:00:00Z', /--as-of "2026-01-01T25:00:00Z": hour 25 is not a time of day \(00-23\)/],
    ['2026-01-01T24:00:00Z', /--as-of "2026-01-01T24:00:00Z": 24:00 is not taken for the end of a day; pass 00:00 of the next day, 2026-01-02T00:00:00Z$/],
    ['2026-01-01T10:60:00Z', /minute 60/],
    ['2026-01-01T10:00:60Z', /second 60/],
    ['2026-01-01T10:00:00+25:00', /zone offset \+25:00/],
  ])('an --as-of that is no real date or time: %s', (asOf, expected) =>
    expectRejected(['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', asOf], expected));
  test('per-table rows giving a table twice', () =>
    expectRejected(['--table-names', 'users', '--num-rows', 'users=10,users=20', ...ok], /--num-rows gives users twice \(users=10, users=20\): give each table one count/));
  test('per-table rows giving a table twice, with the same count', () =>
    expectRejected(['--table-names', 'users,products', '--num-rows', 'users=10,products=5,users=10', ...ok], /--num-rows gives users twice/));
  test.each(['users=1=2', 'users==2', 'users=10,5'])('per-table rows not of the form TABLE=COUNT: %s', (rows) =>
    expectRejected(['--table-names', 'users', '--num-rows', rows, ...ok], /--num-rows entry ".*" is not TABLE=COUNT: write e\.g\. users=1000/));
  // Consistent with the counts: a table named twice is refused, not silently merged.
  test('a table named twice', () =>
    expectRejected(['--table-names', 'users,users', '--num-rows', '10', ...ok], /--table-names names users twice: name each table once/));
  test.each(['1e308', '1e3', '0x10', '1000001', '1000000.5', 'Infinity', '1_000', '2,5', ''])('a file-size limit out of range or in an odd form: %j', (limit) =>
    expectRejected(
      ['--table-names', 'users', '--num-rows', '10', `--file-size-limit=${limit}`, ...ok],
      /--file-size-limit must be a number of MB from 1 to 1000000 \(1 TB\) in plain digits, e\.g\. 128 or 64\.5, got ".*"$/,
    ));
  test.each(['1025', '99999999', '1e3', '0'])('workers out of range: %s', (workers) =>
    expectRejected(['--table-names', 'users', '--num-rows', '10', `--workers=${workers}`, ...ok], /--workers must be a whole number from 1 to 1024, got ".*"$/));
  test.each(['1025', '99999999', '0x10'])('upload concurrency out of range: %s', (concurrency) =>
    expectRejected(
      ['--table-names', 'users', '--num-rows', '10', '--s3-bucket', 'my-bucket', '--s3-endpoint', 'http://127.0.0.1:9', `--upload-concurrency=${concurrency}`, ...ok],
      /--upload-concurrency must be a whole number from 1 to 1024, got ".*"$/,
    ));
  test.each(['abc', '0', '1.5', '101'])('SYNTHGEN_UPLOAD_ATTEMPTS "%s"', (value) =>
    expectRejected(['--table-names', 'users', '--num-rows', '10'], new RegExp(`SYNTHGEN_UPLOAD_ATTEMPTS is "${value.replace('.', '\\.')}", not a whole number from 1 to 100`), undefined, { SYNTHGEN_UPLOAD_ATTEMPTS: value }),
  );

  test('an unwritable --out', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'blocker'), 'not a folder');
      const result = await synthgen(['--table-names', 'users', '--num-rows', '10', ...ok, '--out', 'blocker/data', '--metadata', 'metadata.json'], dir, NOT_RELAUNCHED);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^synthgen: cannot write to output folder .*blocker\/data.*pass --out with a writable folder/);
      await expect(readFile(join(dir, 'metadata.json'))).rejects.toThrow();
    });
  });

  // The strict checks above must not refuse what is valid: a leap day, a zone offset, fractional seconds and MB.
  test('valid edge values are taken as given', async () => {
    await withTempDir(async (dir) => {
      const result = await synthgen(
        ['--table-names', 'users', '--num-rows', 'users=10', '--seed', '1', '--as-of', '2024-02-29T23:59:59.999+05:30', '--file-size-limit', '64.5', '--workers', '1', '--json', '--out', 'data', '--metadata', 'm.json'],
        dir,
        NOT_RELAUNCHED,
      );
      expect(result.code, result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout) as { as_of: string; file_size_limit_mb: number };
      expect(summary.as_of).toBe('2024-02-29T18:29:59Z');
      expect(summary.file_size_limit_mb).toBe(64.5);
    });
  });
});
