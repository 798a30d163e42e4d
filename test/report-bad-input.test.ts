/**
 * `synthgen report` on input it cannot use: one line on stderr naming what is wrong, a non-zero exit, no stack and
 * no file written; an existing file is kept unless --force is given, and a forced report replaces it whole.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { exists, synthgen } from './helpers/cli.js';
import { smallDataset } from './helpers/reportRun.js';

/** A refusal as users see it: exit code 2 and exactly one line on stderr, matching `pattern`. */
function expectOneLine(result: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
  expect(result.stdout).toBe('');
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-report-bad-'));
  await smallDataset(dir);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('no dataset', () => {
  test('a missing folder', async () => {
    const result = await synthgen(['report', '--out', 'no-such-folder', '--file', 'missing.html'], dir);
    expectOneLine(result, /^synthgen: no dataset at no-such-folder: there is no such folder; point --out at a folder synthgen generated into/);
    expect(await exists(join(dir, 'missing.html'))).toBe(false);
  });

  test('a folder with no table in it', async () => {
    await mkdir(join(dir, 'empty', 'users'), { recursive: true });
    const result = await synthgen(['report', '--out', 'empty', '--file', 'empty.html'], dir);
    expectOneLine(result, /^synthgen: no dataset at empty: no Parquet files under <table>\/ folders \(such as users\/, products\/, orders\/, order_items\/\)/);
    expect(await exists(join(dir, 'empty.html'))).toBe(false);
  });

  test('a file where the folder should be', async () => {
    await writeFile(join(dir, 'plain.txt'), 'not a dataset\n');
    expectOneLine(await synthgen(['report', '--out', 'plain.txt', '--file', 'plain.html'], dir), /no dataset at plain.txt: it is not a folder/);
  });
});

describe('the output file', () => {
  test('an existing file is refused without --force, and kept as it was', async () => {
    await writeFile(join(dir, 'mine.html'), 'my own page\n');
    const result = await synthgen(['report', '--out', 'data', '--file', 'mine.html'], dir);
    expectOneLine(result, /^synthgen: \S+mine\.html already exists: pass --force to replace it, or --file to write the report elsewhere\n$/);
    expect(await readFile(join(dir, 'mine.html'), 'utf8')).toBe('my own page\n');
  });

  test('--force replaces it with the whole report, and no temporary file is left', async () => {
    await writeFile(join(dir, 'old.html'), 'an older report\n');
    const result = await synthgen(['report', '--out', 'data', '--file', 'old.html', '--force'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^synthgen report data: users 20\.0k, products 2\.0k, orders 60\.0k, order_items \d+\.\dk rows read\n {2}wrote \S+old\.html \(\d+\.\d MB\): 7 of 7 charts\n$/);
    const page = await readFile(join(dir, 'old.html'), 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('a folder that does not exist, or a folder as the file', async () => {
    expectOneLine(await synthgen(['report', '--out', 'data', '--file', 'nowhere/r.html'], dir), /cannot write \S+nowhere\/r\.html: \S+nowhere is not a folder; create it or pass another --file/);
    expectOneLine(await synthgen(['report', '--out', 'data', '--file', 'data'], dir), /cannot write \S+data: it is a folder; pass another --file/);
  });
});

test('flags: S3 settings without a bucket, and an unknown flag', async () => {
  expectOneLine(await synthgen(['report', '--s3-region', 'eu-west-1'], dir), /^synthgen: --s3-endpoint and --s3-region need --s3-bucket\n$/);
  expectOneLine(await synthgen(['report', '--colour'], dir), /^synthgen: unknown option --colour: see synthgen --help\n$/);
});
